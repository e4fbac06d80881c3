package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.midi.MelodyExtractor;
import dev.recur.eval.NGramModel;
import dev.recur.progress.Progress;
import dev.recur.train.Durability;
import dev.recur.train.Fit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole {@code train-melody} run: load a MIDI folder as melodies, split by file, fit the trigram baseline
 * on the same training files, train the LSTM (checkpointing the best epoch into the model folder), write
 * metrics.csv and loss.png, and print the validation figures of both models side by side.
 */
public final class MelodyTraining {

    /** What a run produced. */
    public record Summary(MelodyDataset data, MelodyDataset.Split split, MelodyTrainer.Result result,
                          MelodyScore lstm, NGramModel.Score ngram, CacheScores cache, List<Path> written) {
        /** The first validation file's melody (e.g. as a primer the model has not trained on). */
        public dev.recur.midi.Melody validationFirst() { return split.validation().getFirst().melody(); }

        public String validationFirstName() { return split.validation().getFirst().file().getFileName().toString(); }
    }

    private MelodyTraining() {}

    /** A loaded folder and its split by file. */
    public record Loaded(Path root, MelodyDataset data, MelodyDataset.Split split) {}

    /**
     * Loads the folder and splits it by file ({@link MelodyDataset#skippedSummary()} lists the files left out).
     * Refuses a folder with fewer than 2 usable files.
     */
    public static Loaded load(Path midiDir, MelodyEncoding enc, TrainOptions o, Progress progress) throws IOException {
        MelodyDataset data = MelodyDataset.load(midiDir, enc.datasetOptions(), progress);
        if (data.items().size() < 2) {
            throw new IllegalArgumentException(midiDir + ": " + data.items().size() + " usable MIDI file(s), need at least 2 (one for validation)");
        }
        return new Loaded(midiDir, data, data.split(o.valFraction(), o.seed()));
    }

    /** Loads {@code midiDir} (skipped files are listed on {@code out}) and trains without progress or checkpoints. */
    public static Summary run(Path midiDir, Path outDir, MelodyEncoding enc, TrainOptions o, PrintStream out)
            throws IOException {
        Loaded loaded = load(midiDir, enc, o, Progress.NONE);
        out.print(loaded.data().skippedSummary());
        return run(loaded, outDir, enc, o, out, Fit.Listener.NONE, Durability.NONE);
    }

    /**
     * Trains on a loaded folder with progress, checkpoints and resumption of the LSTM's training
     * ({@link MelodyTrainer}). The model and metrics.csv are written again at the end, so a resumed run leaves
     * the same files as one never stopped.
     */
    public static Summary run(Loaded loaded, Path outDir, MelodyEncoding enc, TrainOptions o, PrintStream out,
                              Fit.Listener listener, Durability durability) throws IOException {
        MelodyDataset.Split split = loaded.split();
        List<int[]> train = enc.trainingSequences(split.train(), o.augment());
        List<int[]> val = enc.sequences(split.validation());
        long trainEvents = train.stream().mapToLong(s -> s.length).sum();
        long plainEvents = o.augment() ? enc.sequences(split.train()).stream().mapToLong(s -> s.length).sum() : trainEvents;
        long valEvents = val.stream().mapToLong(s -> s.length).sum();
        out.printf(Locale.ROOT, "data        %d files: %d train (%d sequences, %d events), %d validation (%d events)%n",
                loaded.data().items().size(), split.train().size(), train.size(), trainEvents, split.validation().size(), valEvents);

        NGramModel trigram = NGramModel.trigram(train, enc.outputSize());
        NGramModel.Score ngram = trigram.evaluate(val);
        MelodyModel model = MelodyModel.create(enc, o.architecture(), o.seed());
        out.printf(Locale.ROOT, "model       %,d parameters: %s, dropout %.2f%n",
                model.network().parameterCount(), o.architecture().describe(), o.architecture().dropout());

        Files.createDirectories(outDir);
        MelodyBaseline.save(outDir, trigram);
        MelodyBaseline.saveHeldOut(outDir, loaded.root(), split.validation());
        Path metrics = outDir.resolve(TrainingReport.METRICS_FILE);
        MelodyTrainer.Result result = MelodyTrainer.train(model, train, val, o, (history, best, current) -> {
            if (best) current.save(outDir, metadata(o, split, plainEvents, history.getLast(), ngram));
            TrainingReport.writeMetrics(metrics, history);
        }, listener, durability);
        if (result.bestEpoch() == 0) throw new ArithmeticException("no epoch had a finite validation loss");
        // The best epoch's weights, now restored, with the copy cache fitted on the validation files.
        MelodyEvaluator.Predictions predictions = MelodyEvaluator.predict(model, val);
        FittedCache cache = FittedCache.fit(enc, val, predictions, trigram, plainEvents);
        model.save(outDir, cache.into(metadata(o, split, plainEvents, result.best(), ngram)));
        CacheScores cacheScores = CacheScores.of(enc, val, predictions, trigram, cache);
        TrainingReport.writeMetrics(metrics, result.history());
        Path plot = outDir.resolve(TrainingReport.LOSS_PLOT);
        TrainingReport.writeLossPlot(plot, result.history(), ngram.crossEntropy(), "trigram");
        EpochMetrics best = result.best();
        MelodyScore lstm = new MelodyScore(valEvents, best.valLoss(), best.valPerplexity(), best.valAccuracy());
        out.printf(Locale.ROOT, "epochs      %d run, best %d%s%n", result.history().size(), result.bestEpoch(),
                result.stoppedEarly() ? " (stopped early)" : "");
        printComparison(out, lstm, ngram);
        cacheScores.print(out, "            ");
        List<Path> written = List.of(outDir.resolve("model.safetensors"), outDir.resolve("model.json"),
                outDir.resolve(MelodyBaseline.NGRAM_FILE), outDir.resolve(MelodyBaseline.HELD_OUT_FILE), metrics, plot);
        return new Summary(loaded.data(), split, result, lstm, ngram, cacheScores, written);
    }

    /** The validation table: perplexity per event and next-event accuracy, LSTM next to the trigram. */
    public static void printComparison(PrintStream out, MelodyScore lstm, NGramModel.Score ngram) {
        out.printf(Locale.ROOT, "validation  %-16s %12s %10s%n", "model", "perplexity", "accuracy");
        out.printf(Locale.ROOT, "            %-16s %12.3f %9.2f%%%n", "LSTM", lstm.perplexity(), 100 * lstm.accuracy());
        out.printf(Locale.ROOT, "            %-16s %12.3f %9.2f%%%n", "trigram (KN)", ngram.perplexity(), 100 * ngram.accuracy());
    }

    private static Map<String, Object> metadata(TrainOptions o, MelodyDataset.Split split, long plainEvents, EpochMetrics m,
                                                NGramModel.Score ngram) {
        Map<String, Object> md = scores("recur train-melody", m, ngram);
        md.put("train_files", split.train().size());
        md.put("train_events", plainEvents);
        md.put(CorpusScaling.PITCH_TEMPERATURE_KEY, CorpusScaling.pitchTemperature(plainEvents));
        md.put("validation_files", split.validation().size());
        md.put("seed", o.seed());
        md.put("val_fraction", o.valFraction());
        md.put("augment", o.augment());
        md.put("lr", o.lr());
        md.put("batch", o.batch());
        md.put("window", o.window());
        md.put("bptt", o.bptt());
        md.put("clip", o.clip());
        return md;
    }

    /** model.json metadata both melody trainers start with: who trained it and the saved epoch's scores next to the trigram's. */
    static Map<String, Object> scores(String trainedBy, EpochMetrics m, NGramModel.Score ngram) {
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("trained_by", trainedBy);
        md.put("epoch", m.epoch());
        md.put("val_loss", m.valLoss());
        md.put("val_perplexity", m.valPerplexity());
        md.put("val_accuracy", m.valAccuracy());
        md.put("trigram_val_perplexity", ngram.perplexity());
        md.put("trigram_val_accuracy", ngram.accuracy());
        return md;
    }
}
