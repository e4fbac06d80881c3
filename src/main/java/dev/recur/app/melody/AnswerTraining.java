package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.eval.NextEventScore;
import dev.recur.eval.NGramModel;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.progress.Progress;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.Seeds;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code train-melody --answer}: learns call → response from consecutive phrase pairs (phrase k of a tune is
 * the call, phrase k+1 the response; both must hold a note). Split by file as the plain model; the
 * response's validation figures are printed next to a trigram fitted on the training responses.
 */
public final class AnswerTraining {

    /** A call and its response, as token ids. */
    public record Pair(int[] call, int[] response) {}

    public record Summary(MelodyDataset data, List<EpochMetrics> history, int bestEpoch, MelodyScore best,
                          NGramModel.Score ngram, int trainPairs, int validationPairs, long skipped) {}

    private AnswerTraining() {}

    /** Consecutive pairs of {@code phraseSteps}-step phrases of each token sequence. */
    public static List<Pair> pairs(List<int[]> sequences, int phraseSteps) {
        List<Pair> out = new ArrayList<>();
        for (int[] s : sequences) {
            for (int k = 0; (k + 2) * phraseSteps <= s.length; k++) {
                int[] call = java.util.Arrays.copyOfRange(s, k * phraseSteps, (k + 1) * phraseSteps);
                int[] response = java.util.Arrays.copyOfRange(s, (k + 1) * phraseSteps, (k + 2) * phraseSteps);
                if (hasNote(call) && hasNote(response)) out.add(new Pair(call, response));
            }
        }
        return out;
    }

    private static boolean hasNote(int[] tokens) {
        for (int t : tokens) if (t >= 2) return true;
        return false;
    }

    /** Loads {@code midiDir} and trains without progress or checkpoints. */
    public static Summary run(Path midiDir, Path outDir, MelodyEncoding enc, TrainOptions o, int phraseBars, PrintStream out)
            throws IOException {
        return run(MelodyTraining.load(midiDir, enc, o, Progress.NONE), outDir, enc, o, phraseBars, out, Fit.Listener.NONE,
                Durability.NONE);
    }

    /** Tensors of a checkpoint's state holding the encoder's weights (the checkpoint's model is the decoder). */
    static final String ENCODER = "encoder.";

    /**
     * Trains on a loaded folder with the one training loop ({@link Fit}): checkpoints hold the decoder as their
     * model and the encoder's weights in their state, so a resumed run ends with the files of the run never
     * interrupted; a non-finite loss or gradient stops the run or, with {@code d.skipNonFinite()}, skips the batch.
     */
    public static Summary run(MelodyTraining.Loaded loaded, Path outDir, MelodyEncoding enc, TrainOptions o, int phraseBars,
                              PrintStream out, Fit.Listener listener, Durability d) throws IOException {
        if (phraseBars <= 0) throw new IllegalArgumentException("--phrase-bars must be positive, got " + phraseBars);
        int phrase = phraseBars * enc.stepsPerBar();
        MelodyDataset.Split split = loaded.split();
        List<Pair> train = pairs(MelodyDataset.encode(fromFirstNote(split.train()), enc.vocabulary(),
                o.augment() ? MelodyDataset.Augment.ALL_KEYS : MelodyDataset.Augment.NONE), phrase);
        List<Pair> val = pairs(MelodyDataset.encode(fromFirstNote(split.validation()), enc.vocabulary(), MelodyDataset.Augment.NONE), phrase);
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException(loaded.root() + ": too few " + phraseBars + "-bar phrase pairs (" + train.size()
                    + " train, " + val.size() + " validation)");
        }
        out.printf(Locale.ROOT, "data        %d files: %d train (%d phrase pairs), %d validation (%d pairs), %d steps per phrase%n",
                loaded.data().items().size(), split.train().size(), train.size(), split.validation().size(), val.size(), phrase);
        NGramModel.Score ngram = NGramModel.trigram(train.stream().map(Pair::response).toList(), enc.outputSize())
                .evaluate(val.stream().map(Pair::response).toList());

        AnswerModel model = AnswerModel.create(enc, o.architecture(), o.seed());
        Files.createDirectories(outDir);
        Fit.Result<EpochMetrics> r = fit(model, train, val, o, (history, best) -> {
            if (best) model.save(outDir, metadata(o, phraseBars, history.getLast(), ngram));
            TrainingReport.writeMetrics(outDir.resolve(TrainingReport.METRICS_FILE), history);
        }, listener, d);
        List<EpochMetrics> history = r.history();
        int bestEpoch = r.bestEpoch();
        if (bestEpoch == 0) throw new ArithmeticException("no epoch had a finite validation loss");
        // Written again so that a resumed run (maybe into another folder) leaves the files of one never stopped.
        model.save(outDir, metadata(o, phraseBars, history.get(bestEpoch - 1), ngram));
        TrainingReport.writeMetrics(outDir.resolve(TrainingReport.METRICS_FILE), history);
        TrainingReport.writeLossPlot(outDir.resolve(TrainingReport.LOSS_PLOT), history, ngram.crossEntropy(), "trigram");
        EpochMetrics best = history.get(bestEpoch - 1);
        MelodyScore score = new MelodyScore(val.size() * (long) phrase, best.valLoss(), best.valPerplexity(), best.valAccuracy());
        out.printf(Locale.ROOT, "epochs      %d run, best %d%s%n", history.size(), bestEpoch, r.stoppedEarly() ? " (stopped early)" : "");
        out.println("responses (given the call):");
        MelodyTraining.printComparison(out, score, ngram);
        return new Summary(loaded.data(), history, bestEpoch, score, ngram, train.size(), val.size(), r.skipped());
    }

    /** Trains encoder and decoder together; the model holds the best epoch's weights afterwards. */
    static Fit.Result<EpochMetrics> fit(AnswerModel model, List<Pair> train, List<Pair> val, TrainOptions o, EpochHook hook,
                                        Fit.Listener listener, Durability d) throws IOException {
        List<Param> params = new ArrayList<>(model.encoder().params());
        params.addAll(model.decoder().network().params());
        return Fit.run(model.decoder().network(), params, new Adam(params, o.lr()),
                new Fit.Settings(o.epochs(), o.patience(), o.clip(), o.seed()), new Job(model, train, val, o, hook), listener, d);
    }

    /** After each epoch: what the run writes besides checkpoints. */
    @FunctionalInterface
    interface EpochHook {
        void epochDone(List<EpochMetrics> history, boolean best) throws IOException;
    }

    private static final class Job implements Fit.Job<List<Pair>, EpochMetrics> {
        private final AnswerModel model;
        private final List<Pair> train, val;
        private final TrainOptions o;
        private final EpochHook hook;
        private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        private Random dropout;
        private long t0;

        Job(AnswerModel model, List<Pair> train, List<Pair> val, TrainOptions o, EpochHook hook) {
            this.model = model;
            this.train = train;
            this.val = val;
            this.o = o;
            this.hook = hook;
        }

        @Override public List<List<Pair>> batches(int epoch, Random order) {
            t0 = System.nanoTime();
            dropout = Seeds.forEpoch(o.seed(), epoch, 1);
            List<Pair> shuffled = new ArrayList<>(train);
            Collections.shuffle(shuffled, order);
            List<List<Pair>> out = new ArrayList<>();
            for (int b = 0; b < shuffled.size(); b += o.batch()) out.add(shuffled.subList(b, Math.min(shuffled.size(), b + o.batch())));
            return out;
        }

        @Override public void step(List<Pair> batch, Fit.Update update, Random random) {
            double loss = AnswerTraining.step(model, batch, ce, dropout);
            update.apply(loss * batch.size(), batch.size());
        }

        @Override public EpochMetrics score(int epoch, double trainLoss) {
            MelodyScore v = evaluate(model, val);
            return new EpochMetrics(epoch, trainLoss, v.crossEntropy(), v.perplexity(), v.accuracy(), (System.nanoTime() - t0) / 1e9);
        }

        @Override public EpochMetrics fromRow(double[] row) { return EpochMetrics.of(row); }

        @Override public void epochDone(List<EpochMetrics> history, boolean best) throws IOException { hook.epochDone(history, best); }

        @Override public void saveState(Map<String, Tensor> tensors) {
            for (Map.Entry<String, Param> p : model.encoder().namedParams().entrySet()) {
                tensors.put(ENCODER + p.getKey(), p.getValue().value().copy());
            }
        }

        @Override public void restoreState(Map<String, Tensor> tensors) {
            for (Map.Entry<String, Param> p : model.encoder().namedParams().entrySet()) {
                Tensor t = tensors.get(ENCODER + p.getKey());
                float[] dst = p.getValue().value().data();
                if (t == null || t.size() != dst.length) throw new IllegalArgumentException("the checkpoint lacks the encoder's " + p.getKey());
                System.arraycopy(t.data(), 0, dst, 0, dst.length);
            }
        }
    }

    /** Forward and backward of one batch through decoder and encoder; returns the mean loss per step. */
    static double step(AnswerModel model, List<Pair> batch, SoftmaxCrossEntropy ce, Random random) {
        ForwardPass enc = ForwardPass.training(random), dec = ForwardPass.training(random);
        List<int[]> calls = batch.stream().map(Pair::call).toList();
        model.encode(calls, enc, dec);
        TokenBatch tb = TokenBatch.of(batch.stream().map(p -> TokenBatch.Window.whole(p.response())).toList(),
                model.encoding().startToken());
        Seq logits = model.decoder().network().forward(tb.input(), dec);
        LossResult r = ce.compute(logits, tb.targets());
        model.decoder().network().backward(r.grad(), dec);
        for (int i = 0; i < model.encoderLstms().size(); i++) {
            enc.setFinalStateGrad(model.encoderLstms().get(i), dec.initialStateGrad(model.decoder().lstms().get(i)));
        }
        int units = model.encoderLstms().getLast().hiddenSize();
        Seq callIn = AnswerModel.callBatch(calls);
        model.encoder().backward(new Seq(Tensor.zeros(callIn.batch(), callIn.steps(), units), callIn.lengths()), enc);
        return r.loss();
    }

    /** Response cross-entropy, perplexity and accuracy given each call. */
    public static MelodyScore evaluate(AnswerModel model, List<Pair> pairs) {
        NextEventScore score = new NextEventScore();
        int v = model.encoding().outputSize();
        for (int b = 0; b < pairs.size(); b += 64) {
            List<Pair> batch = pairs.subList(b, Math.min(pairs.size(), b + 64));
            ForwardPass enc = ForwardPass.inference(), dec = ForwardPass.inference();
            model.encode(batch.stream().map(Pair::call).toList(), enc, dec);
            TokenBatch tb = TokenBatch.of(batch.stream().map(p -> TokenBatch.Window.whole(p.response())).toList(),
                    model.encoding().startToken());
            float[] y = model.decoder().network().forward(tb.input(), dec).values().data();
            int steps = tb.steps();
            for (int r = 0; r < batch.size(); r++) {
                for (int t = 0; t < tb.input().length(r); t++) score.add(y, (r * steps + t) * v, v, tb.targets()[r * steps + t]);
            }
        }
        return MelodyScore.of(score.events(), score.nll(), score.correct());
    }


    private static Map<String, Object> metadata(TrainOptions o, int phraseBars, EpochMetrics m, NGramModel.Score ngram) {
        Map<String, Object> md = MelodyTraining.scores("recur train-melody --answer", m, ngram);
        md.put("phrase_bars", phraseBars);
        md.put("seed", o.seed());
        md.put("lr", o.lr());
        return md;
    }

    /** Phrases count from the first note (the loader keeps leading silence for the bar-aware plain model). */
    private static List<MelodyDataset.Item> fromFirstNote(List<MelodyDataset.Item> items) {
        return items.stream().map(it -> new MelodyDataset.Item(it.file(), it.melody().trimLeadingSilence())).toList();
    }
}
