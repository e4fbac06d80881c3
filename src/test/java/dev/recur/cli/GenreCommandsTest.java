package dev.recur.cli;

import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GenreCommandsTest {

    /** Runs the CLI with stdout captured; returns {exit code, stdout}. */
    static Object[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test void trainEvaluateClassify(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), model = dir.resolve("model");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.CHIPTUNE, Style.STRINGS, Style.DRUMS), 5, 1.0, 21));
        Files.writeString(data.resolve("strings/broken.wav"), "RIFFxxxxWAVEfmt ");
        Object[] r = run("train-classifier", data.toString(), "--out", model.toString(), "--segment-seconds", "0.5",
                "--units", "8", "--layers", "1", "--conv-channels", "8", "--ensemble", "1", "--epochs", "3", "--batch", "16", "--no-progress", "--seed", "4", "--no-cache");
        assertEquals(ExitCodes.PARTIAL, r[0], "corrupt file skipped, training went on");
        String text = (String) r[1];
        assertTrue(text.contains("mean+std baseline") && text.contains("recur conv2x8 bi-gru 1x8 attention-pool"), text);
        assertTrue(text.contains("95% intervals (bootstrap over ") && text.contains("recur conv2x8 bi-gru 1x8 attention-pool - mean+std baseline: segments "), text);
        assertTrue(Files.readString(model.resolve("test_intervals.txt")).contains("95% intervals"));
        assertEquals(4, Files.readAllLines(model.resolve("metrics.csv")).size());

        // on the folder it was trained on, evaluate scores the test side of the model's split.csv only, and says so
        r = run("evaluate", "--model", model.toString(), data.resolve("..").resolve("data").toString(), "--out", dir.resolve("eval").toString(), "--no-progress");
        assertEquals(ExitCodes.PARTIAL, r[0]);
        String eval = (String) r[1];
        assertTrue(eval.startsWith("scoring the 3 test tracks of " + model.resolve("split.csv") + " (the model's split): 12 tracks it was "
                + "trained or validated on are left out; --all scores every track\n"), eval);
        assertTrue(eval.contains("tracks:   3,"), eval);
        assertEquals(3, Files.readAllLines(model.resolve("split.csv")).stream().filter(l -> l.endsWith(",test")).count());
        r = run("evaluate", "--model", model.toString(), data.toString(), "--all", "--no-progress");
        assertTrue(((String) r[1]).contains("tracks:   15,") && !((String) r[1]).contains("scoring the"), (String) r[1]);
        assertTrue(Files.size(dir.resolve("eval/eval_confusion_tracks.png")) > 0);
        assertTrue(Files.readString(dir.resolve("eval/comparison.csv")).contains("mean+std baseline,"));
        assertTrue(((String) r[1]).contains("95% intervals (bootstrap over 15 test tracks, 2000 resamples)"), (String) r[1]);
        assertTrue(Files.readString(dir.resolve("eval/intervals.txt")).contains("recur - mean+std baseline: segments "));

        r = run("classify", "--model", model.toString(), "--format", "csv", data.resolve("drums").toString(), data.resolve("chiptune/chiptune_00.wav").toString());
        assertEquals(ExitCodes.OK, r[0]);
        List<String> rows = ((String) r[1]).lines().toList();
        assertEquals("file,segments,label,probability,top", rows.getFirst());
        assertEquals(7, rows.size());
        assertTrue(rows.get(1).contains("drums_00.wav,2,"), rows.get(1));
        assertEquals(3, rows.get(1).split(",")[4].split(";").length);
        // written file by file in the inputs' order, whatever the threads: the same rows on one thread
        Object[] serial = run("classify", "--model", model.toString(), "--format", "csv", "--threads", "1", data.resolve("drums").toString(), data.resolve("chiptune/chiptune_00.wav").toString());
        assertEquals(r[1], serial[1]);
        assertTrue(rows.getLast().contains("chiptune_00.wav,"), rows.getLast());

        r = run("classify", "--model", model.toString(), "--format", "json", data.resolve("strings/broken.wav").toString(), data.resolve("drums/drums_01.wav").toString());
        assertEquals(ExitCodes.PARTIAL, r[0]);
        assertTrue(((String) r[1]).contains("\"segments\" : 2"), (String) r[1]);
    }

    @Test void seedSweepOfALogMelEnsembleAndItsEvaluation(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), out = dir.resolve("sweep");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.CHIPTUNE, Style.STRINGS, Style.DRUMS), 5, 1.0, 22));
        Object[] r = run("train-classifier", data.toString(), "--out", out.toString(), "--segment-seconds", "0.5", "--frames", "logmel",
                "--mel-bands", "24", "--conv-layers", "1", "--conv-channels", "8", "--cell", "gru", "--no-bidirectional", "--units", "6",
                "--layers", "1", "--pooling", "attention", "--mixup", "0.4", "--masking", "--ensemble", "2", "--overlap", "0.5",
                "--epochs", "2", "--batch", "16", "--no-progress", "--seed", "4", "--seeds", "2", "--cache", dir.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        String text = (String) r[1];
        assertTrue(text.contains("== seed 5 (2 of 2)") && text.contains("2 networks, kept epochs"), text);
        assertTrue(text.contains("recur conv1x8 gru 1x6 attention-pool x2"), text);
        String sweep = Files.readString(out.resolve("sweep.txt"));
        assertTrue(sweep.contains("mean") && sweep.contains("of 2 seeds"), sweep);
        assertEquals(3, Files.readAllLines(out.resolve("sweep.csv")).size());
        Path model = out.resolve("seed-5");
        assertTrue(Files.readString(model.resolve("model.json")).contains("\"logmel\""));
        assertTrue(Files.isDirectory(model.resolve("member-2").resolve("checkpoints")), "the second network's checkpoints");

        r = run("evaluate", "--model", model.toString(), data.toString(), "--no-progress");
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("mean+std baseline"), (String) r[1]);
        r = run("classify", "--model", model.toString(), data.resolve("drums/drums_00.wav").toString());
        assertEquals(ExitCodes.OK, r[0]);
        assertTrue(((String) r[1]).contains("drums_00.wav"), (String) r[1]);
    }

    @Test void attentionStatsPoolingFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), model = dir.resolve("model");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.6, 1));
        Object[] r = run(tiny(data, "--out", model.toString(), "--pooling", "attention-stats"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(Files.readString(model.resolve("model.json")).contains("\"attention_stats_pool\""));
        r = run("train-classifier", data.toString(), "--out", dir.resolve("bad").toString(), "--pooling", "median");
        assertEquals(ExitCodes.USAGE, r[0]);
    }

    /**
     * --pretrain-epochs: 0 written out trains the very weights of a run without the option; N prints a line per
     * pretraining epoch (plain, not on a terminal) and a summary, and model.json records it.
     */
    @Test void pretrainingFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 3));
        List<String> common = List.of("train-classifier", data.toString(), "--segment-seconds", "0.4", "--units", "4",
                "--conv-channels", "4", "--ensemble", "1", "--epochs", "2", "--seed", "2", "--no-cache");
        Object[] r = run(with(common, "--out", dir.resolve("plain").toString(), "--no-progress"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        r = run(with(common, "--out", dir.resolve("zero").toString(), "--no-progress", "--pretrain-epochs", "0"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertFalse(((String) r[1]).contains("pretrained"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("plain/model.safetensors")), Files.readAllBytes(dir.resolve("zero/model.safetensors")));
        assertEquals(Files.readString(dir.resolve("plain/metrics.csv")), Files.readString(dir.resolve("zero/metrics.csv")));

        TrainSeriesResumeTest.Run p = TrainSeriesResumeTest.run(with(common, "--out", dir.resolve("pre").toString(), "--pretrain-epochs", "3"));
        assertEquals(ExitCodes.OK, p.code(), p.err());
        assertTrue(p.err().contains("epoch 1/3  pretraining: masked-frame MSE ") && p.err().contains("epoch 3/3  pretraining: "), p.err());
        assertFalse(p.err().contains("\r") || p.err().contains("\u001b"), "plain lines in a log");
        assertTrue(p.out().contains("pretrained 3 epochs in ") && p.out().contains("(predicting the mean: "), p.out());
        assertTrue(Files.readString(dir.resolve("pre/model.json")).contains("\"pretrainEpochs\" : 3"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("plain/model.safetensors")), Files.readAllBytes(dir.resolve("pre/model.safetensors"))));
        assertEquals(ExitCodes.USAGE, run(with(common, "--out", dir.resolve("bad").toString(), "--pretrain-epochs", "-1"))[0]);
    }

    /**
     * --average-epochs: model.json records it, the kept weights are not the last epoch's, and a setting that
     * cannot be averaged (more epochs than the run has, or early stopping) is one line and a usage error.
     */
    @Test void weightAveragingFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.9, 3));
        List<String> common = List.of("train-classifier", data.toString(), "--segment-seconds", "0.4", "--units", "4",
                "--conv-channels", "4", "--ensemble", "1", "--epochs", "3", "--seed", "2", "--no-cache", "--no-progress");
        Object[] r = run(with(common, "--out", dir.resolve("plain").toString()));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        r = run(with(common, "--out", dir.resolve("avg").toString(), "--average-epochs", "2"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(Files.readString(dir.resolve("avg/model.json")).contains("\"averageEpochs\" : 2"));
        assertTrue(((String) r[1]).contains("kept the mean of the weights of epochs 2-3"), (String) r[1]);
        assertEquals(Files.readString(dir.resolve("plain/metrics.csv")), Files.readString(dir.resolve("avg/metrics.csv")),
                "the same epochs run; only the weights kept differ");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("plain/model.safetensors")),
                Files.readAllBytes(dir.resolve("avg/model.safetensors"))));
        for (String[] bad : List.of(new String[] {"--average-epochs", "4"}, new String[] {"--average-epochs", "2", "--patience", "2"},
                new String[] {"--average-epochs", "-1"})) {
            TrainSeriesResumeTest.Run b = TrainSeriesResumeTest.run(with(common, with(List.of("--out", dir.resolve("bad").toString()), bad)));
            assertEquals(ExitCodes.USAGE, b.code(), String.join(" ", bad) + ": " + b.err());
            assertTrue(b.err().contains("average-epochs") && !b.err().contains("Exception"), b.err());
        }
    }

    @Test void fineTuningAndPretrainingOnMoreAudioFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big"), small = dir.resolve("small"), first = dir.resolve("first");
        SynthDataset.write(big, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT), 3, 0.6, 5));
        SynthDataset.write(small, new SynthDataset.Spec(List.of(Style.CHIPTUNE, Style.STRINGS), 3, 0.6, 6));
        Object[] r = run(tiny(big, "--out", first.toString()));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);

        r = run(tiny(small, "--out", dir.resolve("tuned").toString(), "--start-from", first.toString()));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        String json = Files.readString(dir.resolve("tuned/model.json"));
        assertTrue(json.contains("\"startFrom\"") && json.contains(dev.recur.files.Sha256.file(first.resolve("model.safetensors"))), json);
        for (String[] bad : List.of(new String[] {"--conv-layers", "1"}, new String[] {"--frames", "mfcc"}, new String[] {"--cell", "lstm"})) {
            TrainSeriesResumeTest.Run b = TrainSeriesResumeTest.run(tiny(small, with(List.of("--out", dir.resolve("bad").toString(),
                    "--start-from", first.toString()), bad)));
            assertEquals(ExitCodes.USAGE, b.code(), String.join(" ", bad) + ": " + b.err());
            assertTrue(b.err().contains("--start-from " + first) && !b.err().contains("Exception"), b.err());
            assertFalse(Files.exists(dir.resolve("bad")), "refused before anything was written");
        }
        TrainSeriesResumeTest.Run missing = TrainSeriesResumeTest.run(tiny(small, "--out", dir.resolve("bad").toString(),
                "--start-from", dir.resolve("nowhere").toString()));
        assertNotEquals(ExitCodes.OK, missing.code());
        assertTrue(missing.err().contains("nowhere") && !missing.err().contains("Exception") && missing.err().strip().lines().count() == 1, missing.err());

        Path unlabelled = Files.createDirectories(dir.resolve("unlabelled/deeper"));   // any layout
        Files.copy(big.resolve("drums/drums_00.wav"), dir.resolve("unlabelled/one.wav"));
        Files.copy(big.resolve("organ/organ_01.wav"), unlabelled.resolve("two.wav"));
        TrainSeriesResumeTest.Run more = TrainSeriesResumeTest.run(tiny(small, "--out", dir.resolve("more").toString(),
                "--pretrain-epochs", "1", "--pretrain-data", big.toString()));
        assertEquals(ExitCodes.OK, more.code(), more.err());
        assertTrue(more.err().contains("pretraining also on 9 files from " + big), more.err());
        TrainSeriesResumeTest.Run flat = TrainSeriesResumeTest.run(tiny(small, "--out", dir.resolve("flat").toString(),
                "--pretrain-epochs", "1", "--pretrain-data", dir.resolve("unlabelled").toString()));
        assertEquals(ExitCodes.OK, flat.code(), flat.err());
        assertTrue(flat.err().contains("pretraining also on 2 files from "), flat.err());
        json = Files.readString(dir.resolve("more/model.json"));
        assertTrue(json.contains("\"pretrainData\"") && json.contains("\"files\" : 9"), json);
        TrainSeriesResumeTest.Run alone = TrainSeriesResumeTest.run(tiny(small, "--out", dir.resolve("bad").toString(), "--pretrain-data", big.toString()));
        assertEquals(ExitCodes.USAGE, alone.code(), alone.err());
        assertTrue(alone.err().contains("--pretrain-data"), alone.err());
    }

    /**
     * --train-extra: more clips of the dataset's tracks are trained on, those of tested tracks (by group) left out;
     * the split, and so the test tracks, are the run's without them; a label the dataset lacks is one line.
     */
    @Test void extraTrainingAudioLeavesTheTestGroupsOut(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), more = dir.resolve("more"), extra = dir.resolve("extra");
        List<Style> styles = List.of(Style.DRUMS, Style.ORGAN, Style.CHIPTUNE);
        SynthDataset.write(data, new SynthDataset.Spec(styles, 5, 0.6, 7));
        SynthDataset.write(more, new SynthDataset.Spec(styles, 5, 0.6, 8));
        for (Style s : styles) {   // another clip of each dataset track: drums/drums_03__x1.wav goes with drums/drums_03.wav
            Files.createDirectories(extra.resolve(s.label()));
            try (var files = Files.list(more.resolve(s.label()))) {
                for (Path f : files.toList()) {
                    Files.copy(f, extra.resolve(s.label()).resolve(f.getFileName().toString().replace(".wav", "__x1.wav")));
                }
            }
        }
        String group = "^([a-z]+_[0-9]+)";
        Object[] plain = run(tiny(data, "--out", dir.resolve("plain").toString(), "--group", group, "--test", "0.4"));
        assertEquals(ExitCodes.OK, plain[0], (String) plain[1]);
        Object[] r = run(tiny(data, "--out", dir.resolve("x").toString(), "--group", group, "--test", "0.4", "--train-extra", extra.toString()));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("train (\\d+), validation 0, test (\\d+) tracks").matcher((String) r[1]);
        assertTrue(m.find(), (String) r[1]);
        int trained = 15 - Integer.parseInt(m.group(2));
        assertTrue(((String) r[1]).contains("extra     trained on " + trained + " of the 15 tracks of " + extra), (String) r[1]);
        assertTrue(Files.readString(dir.resolve("x/model.json")).contains("\"trainedOn\" : " + trained));
        assertEquals(Files.readString(dir.resolve("plain/split.csv")), Files.readString(dir.resolve("x/split.csv")), "the same test tracks");
        r = run(tiny(data, "--out", dir.resolve("balanced").toString(), "--group", group, "--train-extra", extra.toString(), "--balance-classes"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(Files.readString(dir.resolve("balanced/model.json")).contains("\"balanceClasses\" : true"));
        Files.writeString(extra.resolve("organ/organ_00__x2.wav"), "RIFFxxxxWAVEfmt ");   // a corrupt extra file: named, skipped, exit 3
        TrainSeriesResumeTest.Run partial = TrainSeriesResumeTest.run(tiny(data, "--out", dir.resolve("partial").toString(), "--train-extra", extra.toString()));
        assertEquals(ExitCodes.PARTIAL, partial.code(), partial.err());
        assertTrue(partial.err().contains("organ_00__x2.wav"), partial.err());

        Files.createDirectories(extra.resolve("jazz"));
        Files.copy(more.resolve("drums/drums_00.wav"), extra.resolve("jazz/jazz_00.wav"));
        TrainSeriesResumeTest.Run bad = TrainSeriesResumeTest.run(tiny(data, "--out", dir.resolve("bad").toString(), "--train-extra", extra.toString()));
        assertEquals(ExitCodes.FAILURE, bad.code(), bad.err());
        assertTrue(bad.err().contains(extra + ": label 'jazz' is not one of the dataset's (chiptune, drums, organ)") && !bad.err().contains("Exception"), bad.err());
    }

    /** train-classifier on {@code data} with a network of a few units, one network, one epoch, plus {@code more}. */
    private static String[] tiny(Path data, String... more) {
        return with(List.of("train-classifier", data.toString(), "--segment-seconds", "0.3", "--units", "4", "--conv-channels", "4",
                "--ensemble", "1", "--epochs", "1", "--no-progress", "--no-cache"), more);
    }

    private static String[] with(List<String> common, String... more) {
        List<String> a = new java.util.ArrayList<>(common);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test void crossValidationTestsEveryTrackOnceAndPoolsTheReports(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), out = dir.resolve("cv");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 6, 0.6, 3));
        Object[] r = run(tiny(data, "--out", out.toString(), "--folds", "3"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        String text = (String) r[1];
        assertTrue(text.contains("== fold 3 of 3") && text.contains("3-fold cross-validation by file"), text);
        java.util.Set<String> tested = new java.util.HashSet<>();
        for (int f = 1; f <= 3; f++) {
            for (String line : Files.readAllLines(out.resolve("fold-" + f).resolve("split.csv"))) {
                if (line.endsWith(",test")) assertTrue(tested.add(line.split(",")[0]), "tested twice: " + line);
            }
            assertTrue(Files.exists(out.resolve("fold-" + f).resolve("model.safetensors")));
        }
        assertEquals(12, tested.size(), "every track tested once");
        String cv = Files.readString(out.resolve("cv.txt"));
        assertTrue(cv.contains("bootstrap over 12 test tracks"), cv);
        assertTrue(Files.exists(out.resolve("cv_confusion_tracks.csv")) && Files.exists(out.resolve("cv_baseline_confusion_tracks.csv")));
        long total = Files.readAllLines(out.resolve("cv_confusion_tracks.csv")).stream().skip(1)
                .flatMap(l -> java.util.Arrays.stream(l.split(",")).skip(1)).mapToLong(Long::parseLong).sum();
        assertEquals(12, total);

        assertEquals(ExitCodes.USAGE, run("train-classifier", data.toString(), "--out", dir.resolve("x").toString(), "--folds", "1")[0]);
        assertEquals(ExitCodes.USAGE, run("train-classifier", data.toString(), "--out", dir.resolve("y").toString(), "--folds", "3", "--validation", "0.2")[0]);
    }

    /** --folds with --seeds: each seed's cross-validation in seed-<s>/, as a lone --folds run writes it, and the sweep over them. */
    @Test void aSweepOfCrossValidations(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), out = dir.resolve("sweep"), lone = dir.resolve("lone");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 6, 0.6, 3));
        Object[] r = run(tiny(data, "--folds", "3", "--out", out.toString(), "--seed", "4", "--seeds", "2"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("== 2 seeds (each seed deals its own 3 folds"), (String) r[1]);
        r = run(tiny(data, "--folds", "3", "--out", lone.toString(), "--seed", "5"));
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertEquals(Files.readString(lone.resolve("cv.txt")), Files.readString(out.resolve("seed-5/cv.txt")), "seed 5 of the sweep = a lone run with seed 5");
        assertArrayEquals(Files.readAllBytes(lone.resolve("fold-2/model.safetensors")), Files.readAllBytes(out.resolve("seed-5/fold-2/model.safetensors")));
        List<String> sweep = Files.readAllLines(out.resolve("sweep.txt"));
        String cv = Files.readString(out.resolve("seed-4/cv.txt"));
        String recurLine = cv.lines().filter(l -> l.startsWith("  recur ")).findFirst().orElseThrow();
        String segments = recurLine.substring(recurLine.indexOf("segments ") + 9, recurLine.indexOf("]") + 1).trim();
        assertTrue(sweep.stream().anyMatch(l -> l.startsWith("4 ") && l.contains(segments)), segments + " in " + sweep);
        assertTrue(cv.contains("bootstrap over 12 test tracks"), cv);
    }

    @Test void evaluateRejectsUnknownLabels(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data"), model = dir.resolve("model"), other = dir.resolve("other");
        SynthDataset.write(data, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN), 4, 0.6, 1));
        assertEquals(ExitCodes.OK, run("train-classifier", data.toString(), "--out", model.toString(), "--segment-seconds", "0.3",
                "--units", "4", "--layers", "1", "--conv-channels", "4", "--ensemble", "1", "--epochs", "1", "--no-progress", "--no-cache")[0]);
        SynthDataset.write(other, new SynthDataset.Spec(List.of(Style.DRUMS, Style.PIANO), 1, 0.6, 1));
        assertEquals(ExitCodes.FAILURE, run("evaluate", "--model", model.toString(), other.toString(), "--no-progress")[0]);
        assertEquals(ExitCodes.FAILURE, run("classify", "--model", dir.resolve("nothing").toString(), data.toString())[0]);
    }
}
