package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.progress.Progress;
import dev.recur.eval.NGramModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * {@code recur evaluate --model MELODY_MODEL MIDI_DIR}: the model's perplexity per event and next-event
 * accuracy over every event of a folder's melodies (the extraction and token preparation of training), next
 * to the n-gram baseline stored with the model.
 */
public final class MelodyEvaluation {

    /** Scores of the model and (when the folder has one) its stored baseline; the files used and skipped. */
    public record Report(Path modelDir, Path midiDir, int files, int leftOut, long events, MelodyScore model, NGramModel.Score ngram,
                         CacheScores cache, FittedCache fitted, List<String> skipped) {
        /** The model's perplexity over the baseline's (lower is better); NaN without a baseline. */
        public double perplexityRatio() { return ngram == null ? Double.NaN : model.perplexity() / ngram.perplexity(); }

        /** The model's perplexity with its copy cache over the plain baseline's; NaN without either. */
        public double cachedPerplexityRatio() {
            return ngram == null || cache.model() == null ? Double.NaN : cache.model().perplexity() / ngram.perplexity();
        }
    }

    private MelodyEvaluation() {}

    /**
     * @param all score every file; without it, when the model's {@value MelodyBaseline#HELD_OUT_FILE} names files
     *            of {@code midiDir} (the folder it was trained on), only those are scored, since the others were
     *            trained on (the report says how many were left out)
     */
    public static Report run(Path modelDir, Path midiDir, boolean all, Progress progress) throws IOException {
        return run(modelDir, midiDir, all, false, progress);
    }

    /**
     * @param fitCache fit the copy cache ({@link FittedCache}) on the scored files and store it in the model's
     *                 model.json (replacing one stored before): for a model trained before train-melody fitted
     *                 one; fitted on the model's held-out files it is what train-melody fits
     */
    public static Report run(Path modelDir, Path midiDir, boolean all, boolean fitCache, Progress progress) throws IOException {
        MelodyModel model = MelodyModel.load(modelDir);
        NGramModel ngram = MelodyBaseline.load(modelDir);
        MelodyEncoding enc = model.encoding();
        MelodyDataset data = MelodyDataset.load(midiDir, enc.datasetOptions(), progress);
        List<String> skipped = new ArrayList<>();
        for (MelodyDataset.Skipped s : data.skipped()) skipped.add(s.file() + ": " + s.reason());
        if (data.items().isEmpty()) {
            throw new IOException(midiDir + ": none of the " + data.skipped().size() + " MIDI files has a usable melody ("
                    + data.skipped().getFirst().reason() + (data.skipped().size() > 1 ? ", ..." : "") + ")");
        }
        List<MelodyDataset.Item> items = data.items();
        int leftOut = 0;
        if (!all && java.nio.file.Files.isRegularFile(modelDir.resolve(MelodyBaseline.HELD_OUT_FILE))) {
            Set<String> heldOut = new HashSet<>(MelodyBaseline.heldOut(modelDir));
            List<MelodyDataset.Item> kept = items.stream()
                    .filter(it -> heldOut.contains(midiDir.relativize(it.file()).toString().replace('\\', '/'))).toList();
            if (!kept.isEmpty()) {          // else another folder than the model's: none of it was trained on
                leftOut = items.size() - kept.size();
                items = kept;
            }
        }
        List<int[]> sequences = enc.sequences(items);
        long events = sequences.stream().mapToLong(s -> s.length).sum();
        if (ngram != null && ngram.vocabSize() != enc.outputSize()) {
            throw new IOException(modelDir.resolve(MelodyBaseline.NGRAM_FILE) + ": vocabulary of " + ngram.vocabSize()
                    + " tokens, the model has " + enc.outputSize());
        }
        MelodyEvaluator.Predictions predictions = MelodyEvaluator.predict(model, sequences);
        NGramModel.Score base = ngram == null ? null : ngram.evaluate(sequences);
        FittedCache cache = null, fitted = null;
        if (fitCache) {
            Map<String, Object> metadata = dev.recur.io.ModelStore.info(modelDir).metadata();
            long trainEvents = metadata.get("train_events") instanceof Number n ? n.longValue() : -1;
            cache = fitted = FittedCache.fit(enc, sequences, predictions, ngram, trainEvents);
            model.save(modelDir, fitted.into(metadata));
        } else if (model.copyWeights() != null) {
            cache = new FittedCache(model.copyWeights(), FittedCache.ngramOf(dev.recur.io.ModelStore.info(modelDir).metadata()), 0);
        }
        CacheScores cached = CacheScores.of(enc, sequences, predictions, ngram, cache);
        return new Report(modelDir, midiDir, items.size(), leftOut, events, predictions.score(), base, cached, fitted, skipped);
    }

    public static void print(PrintStream out, Report r) {
        if (r.leftOut() > 0) {
            out.printf(Locale.ROOT, "scoring the %d files %s held out (%s): %d files it was trained on are left out; --all scores every file%n",
                    r.files(), r.modelDir(), MelodyBaseline.HELD_OUT_FILE, r.leftOut());
        }
        out.printf(Locale.ROOT, "data        %s: %d files, %d events%n", r.midiDir(), r.files(), r.events());
        out.printf(Locale.ROOT, "evaluation  %-16s %12s %10s%n", "model", "perplexity", "accuracy");
        out.printf(Locale.ROOT, "            %-16s %12.3f %9.2f%%%n", "LSTM", r.model().perplexity(), 100 * r.model().accuracy());
        if (r.ngram() == null) {
            r.cache().print(out, "            ");
            out.println("            (no n-gram baseline in " + r.modelDir() + ")");
            printFitted(out, r);
            return;
        }
        out.printf(Locale.ROOT, "            %-16s %12.3f %9.2f%%%n", "trigram (KN)", r.ngram().perplexity(), 100 * r.ngram().accuracy());
        r.cache().print(out, "            ");
        out.printf(Locale.ROOT, "            perplexity ratio LSTM / trigram: %.3f%n", r.perplexityRatio());
        if (r.cache().model() != null) {
            out.printf(Locale.ROOT, "            perplexity ratio LSTM + cache / trigram: %.3f%s%n", r.cachedPerplexityRatio(),
                    r.cache().ngram() == null ? "" : String.format(Locale.ROOT, ", / trigram + cache: %.3f",
                            r.cache().model().perplexity() / r.cache().ngram().perplexity()));
        }
        printFitted(out, r);
    }

    private static void printFitted(PrintStream out, Report r) {
        if (r.fitted() == null) return;
        out.println("fitted      " + r.fitted().model() + " on these " + r.events() + " events");
        out.println("wrote       " + r.modelDir().resolve(dev.recur.io.ModelStore.CONFIG_FILE) + " (generate and evaluate now use the cache)");
    }
}
