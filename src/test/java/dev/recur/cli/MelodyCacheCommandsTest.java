package dev.recur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The copy cache end to end: train-melody fits it and stores it in model.json, evaluate shows the network and
 * the trigram with and without it, generate uses it as training recorded, and a model.json without it (an older model)
 * behaves as before until evaluate --fit-cache gives it the same cache training would have.
 */
class MelodyCacheCommandsTest {
    @TempDir static Path dir;
    static Path corpus, model;
    static RunCommandTest.Outcome trained;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll static void train() throws IOException {
        corpus = MelodyCommandsTest.sixTunes(dir);
        model = dir.resolve("model");
        trained = RunCommandTest.cli("train-melody", corpus.toString(), "--out", model.toString(), "--units", "16",
                "--layers", "1", "--embedding", "8", "--epochs", "2", "--seed", "3", "--quiet");
        assertEquals(0, trained.code(), trained.err());
    }

    static JsonNode cache(Path modelDir) throws IOException {
        return JSON.readTree(modelDir.resolve("model.json").toFile()).get("metadata").get("copy_cache");
    }

    @Test void trainingFitsTheCacheAndEvaluateShowsBothWays() throws IOException {
        JsonNode c = cache(model);
        assertNotNull(c, "model.json metadata.copy_cache");
        assertEquals(7, c.get("weights").size());
        assertEquals(0.0, c.get("weights").get(0).asDouble());
        assertTrue(c.has("length_weight") && c.has("bar_weight") && c.get("ngram").get("weights").size() == 7, c.toString());
        assertTrue(trained.out().contains("LSTM + cache") && trained.out().contains("trigram + cache"), trained.out());

        var e = RunCommandTest.cli("evaluate", "--model", model.toString(), corpus.toString(), "--no-progress");
        assertEquals(0, e.code(), e.err());
        for (String row : List.of("LSTM  ", "trigram (KN)", "LSTM + cache", "trigram + cache", "perplexity ratio LSTM / trigram",
                "perplexity ratio LSTM + cache / trigram")) {
            assertTrue(e.out().contains(row), row + " missing from " + e.out());
        }
        // Training's validation rows are evaluate's on the held-out files.
        String trainedCacheRow = trained.out().lines().filter(l -> l.contains("LSTM + cache")).findFirst().orElseThrow();
        assertTrue(e.out().contains(trainedCacheRow.strip()), trainedCacheRow + " vs " + e.out());
    }

    @Test void aModelWithoutTheFieldBehavesAsBeforeUntilFitCacheGivesItTheSameCache() throws IOException {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        for (Path f : Files.list(model).filter(Files::isRegularFile).toList()) Files.copy(f, old.resolve(f.getFileName()));
        ObjectNode json = (ObjectNode) JSON.readTree(old.resolve("model.json").toFile());
        ((ObjectNode) json.get("metadata")).remove("copy_cache");
        JSON.writerWithDefaultPrettyPrinter().writeValue(old.resolve("model.json").toFile(), json);

        var withCache = RunCommandTest.cli("evaluate", "--model", model.toString(), corpus.toString(), "--no-progress");
        var without = RunCommandTest.cli("evaluate", "--model", old.toString(), corpus.toString(), "--no-progress");
        assertEquals(0, without.code(), without.err());
        assertFalse(without.out().contains("cache"), without.out());
        // The same figures as the model with the cache, less the cache's rows.
        String expected = withCache.out().lines().filter(l -> !l.contains("cache")).map(l -> l.replace(model.toString(), old.toString()))
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals(expected, without.out());

        // Generation without the field is generation with the cache off.
        Path a = dir.resolve("a.mid"), b = dir.resolve("b.mid");
        String primer = Files.list(corpus).sorted().findFirst().orElseThrow().toString();
        assertEquals(0, RunCommandTest.cli("generate", "--model", old.toString(), "--out", a.toString(), "--primer", primer,
                "--bars", "8", "--cache-scale", "1").code());
        assertEquals(0, RunCommandTest.cli("generate", "--model", model.toString(), "--out", b.toString(), "--primer", primer,
                "--bars", "8", "--cache-scale", "0").code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        var fit = RunCommandTest.cli("evaluate", "--model", old.toString(), corpus.toString(), "--fit-cache", "--no-progress");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("fitted      copy cache") && fit.out().contains("LSTM + cache"), fit.out());
        assertEquals(cache(model), cache(old), "what training fitted on the same held-out files");
    }

    @Test void generateUsesTheCacheAsTrainingRecordedForASmallCorpus() throws IOException {
        JsonNode g = cache(model).get("generation");
        assertEquals(1.0, g.get("scale").asDouble(), "six tunes are a small corpus: the cache is on");
        assertEquals(0.75, g.get("pitch_temperature").asDouble());
        assertEquals(0.95, g.get("top_p").asDouble());
        String primer = Files.list(corpus).sorted().findFirst().orElseThrow().toString();
        String[][] runs = {{"default"}, {"on", "--cache-scale", "1", "--temperature", "0.75", "--top-p", "0.95"},
                {"off", "--cache-scale", "0"}, {"plain", "--cache-scale", "0", "--temperature", "0.5", "--top-p", "1"},
                {"whole", "--top-p", "1"}};
        for (String[] run : runs) {
            List<String> args = new java.util.ArrayList<>(List.of("generate", "--model", model.toString(), "--out",
                    dir.resolve(run[0] + ".mid").toString(), "--primer", primer, "--bars", "16", "--seed", "2"));
            args.addAll(List.of(run).subList(1, run.length));
            var o = RunCommandTest.cli(args.toArray(String[]::new));
            assertEquals(0, o.code(), o.err());
        }
        byte[] byDefault = Files.readAllBytes(dir.resolve("default.mid")), on = Files.readAllBytes(dir.resolve("on.mid"));
        assertArrayEquals(on, byDefault, "by default: the cache at pitch temperature 0.75, top-p 0.95");
        assertFalse(java.util.Arrays.equals(on, Files.readAllBytes(dir.resolve("whole.mid"))), "the recorded top-p is used");
        assertArrayEquals(Files.readAllBytes(dir.resolve("plain.mid")), Files.readAllBytes(dir.resolve("off.mid")),
                "off: the network alone at the plain default 0.5, every pitch");
        assertFalse(java.util.Arrays.equals(on, Files.readAllBytes(dir.resolve("off.mid"))), "the cache changes the melody");

        var bad = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("x.mid").toString(), "--cache-scale", "-1");
        assertNotEquals(0, bad.code());
        assertTrue(bad.err().contains("--cache-scale"), bad.err());
    }
}
