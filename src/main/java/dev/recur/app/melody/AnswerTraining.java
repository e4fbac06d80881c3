package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.midi.NGramModel;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.GradientClipping;
import dev.recur.train.Seeds;
import dev.recur.train.TrainingState;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

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
                          NGramModel.Score ngram, int trainPairs, int validationPairs) {}

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

    public static Summary run(Path midiDir, Path outDir, MelodyEncoding enc, TrainOptions o, int phraseBars, PrintStream out)
            throws IOException {
        return run(midiDir, outDir, enc, o, phraseBars, out, Durability.NONE);
    }

    /** Tensors of a checkpoint's state holding the encoder's weights (the checkpoint's model is the decoder). */
    static final String ENCODER = "encoder.";

    /**
     * As above, with checkpoints and resumption as {@link MelodyTrainer} has them: every random draw of epoch e
     * comes from {@link Seeds#forEpoch}(seed, e), a checkpoint holds the decoder as its model and the encoder's
     * weights, the best weights and the history in its state, so a resumed run ends with the files of the run
     * never interrupted. Non-finite losses are not handled here ({@code d.skipNonFinite()} must be false).
     */
    public static Summary run(Path midiDir, Path outDir, MelodyEncoding enc, TrainOptions o, int phraseBars, PrintStream out,
                              Durability d) throws IOException {
        if (d.skipNonFinite()) throw new IllegalArgumentException("--skip-nonfinite is not available with --answer");
        if (phraseBars <= 0) throw new IllegalArgumentException("--phrase-bars must be positive, got " + phraseBars);
        int phrase = phraseBars * enc.stepsPerBar();
        MelodyTraining.Loaded loaded = MelodyTraining.load(midiDir, enc, o, System.err);
        MelodyDataset.Split split = loaded.split();
        List<Pair> train = pairs(MelodyDataset.encode(split.train(), enc.vocabulary(),
                o.augment() ? MelodyDataset.Augment.ALL_KEYS : MelodyDataset.Augment.NONE), phrase);
        List<Pair> val = pairs(MelodyDataset.encode(split.validation(), enc.vocabulary(), MelodyDataset.Augment.NONE), phrase);
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException(midiDir + ": too few " + phraseBars + "-bar phrase pairs (" + train.size()
                    + " train, " + val.size() + " validation)");
        }
        out.printf(Locale.ROOT, "data        %d files: %d train (%d phrase pairs), %d validation (%d pairs), %d steps per phrase%n",
                loaded.data().items().size(), split.train().size(), train.size(), split.validation().size(), val.size(), phrase);
        NGramModel.Score ngram = NGramModel.trigram(train.stream().map(Pair::response).toList(), enc.outputSize())
                .evaluate(val.stream().map(Pair::response).toList());

        AnswerModel model = AnswerModel.create(enc, o.architecture(), o.seed());
        List<Param> params = new ArrayList<>(model.encoder().params());
        params.addAll(model.decoder().network().params());
        Adam adam = new Adam(params, o.lr());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        TrainingProgress progress = new TrainingProgress(params, o.epochs(), o.patience());
        int first = 1;
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom().state();
            first = progress.resume(r, o.seed());
            d.restoreWeights(model.decoder().network());
            restoreEncoder(model, r);
            r.restore(adam);
        }
        Files.createDirectories(outDir);
        long batches = (train.size() + o.batch() - 1) / o.batch();
        try (ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("Training")
                .setInitialMax(batches * Math.max(1, o.epochs() - first + 1))
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" batches", 1).build() : null) {
            for (int epoch = first; epoch <= o.epochs() && !progress.stopped(); epoch++) {
                long t0 = System.nanoTime();
                Random order = Seeds.forEpoch(o.seed(), epoch), dropout = Seeds.forEpoch(o.seed(), epoch, 1);
                List<Pair> shuffled = new ArrayList<>(train);
                Collections.shuffle(shuffled, order);
                double lossSum = 0;
                long n = 0;
                for (int b = 0; b < shuffled.size(); b += o.batch()) {
                    List<Pair> batch = shuffled.subList(b, Math.min(shuffled.size(), b + o.batch()));
                    double loss = step(model, batch, ce, dropout);
                    GradientClipping.clipGlobalNorm(params, o.clip());
                    adam.step();
                    adam.zeroGrad();
                    lossSum += loss * batch.size();
                    n += batch.size();
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d loss %.3f", epoch, lossSum / n));
                    }
                }
                MelodyScore v = evaluate(model, val);
                EpochMetrics m = new EpochMetrics(epoch, lossSum / n, v.crossEntropy(), v.perplexity(), v.accuracy(),
                        (System.nanoTime() - t0) / 1e9);
                if (progress.record(m)) model.save(outDir, metadata(o, phraseBars, m, ngram));
                TrainingReport.writeMetrics(outDir.resolve(TrainingReport.METRICS_FILE), progress.history());
                long e = epoch;
                d.checkpoint(model.decoder().network(), epoch, progress.last(epoch), () -> state(e, o.seed(), adam, model, progress));
            }
        }
        List<EpochMetrics> history = progress.history();
        int bestEpoch = progress.bestEpoch();
        if (bestEpoch == 0) throw new ArithmeticException("no epoch had a finite validation loss");
        progress.restoreBest();
        // Written again so that a resumed run (maybe into another folder) leaves the files of one never stopped.
        model.save(outDir, metadata(o, phraseBars, history.get(bestEpoch - 1), ngram));
        TrainingReport.writeMetrics(outDir.resolve(TrainingReport.METRICS_FILE), history);
        TrainingReport.writeLossPlot(outDir.resolve(TrainingReport.LOSS_PLOT), history, ngram.crossEntropy(), "trigram");
        EpochMetrics best = history.get(bestEpoch - 1);
        MelodyScore score = new MelodyScore(val.size() * (long) phrase, best.valLoss(), best.valPerplexity(), best.valAccuracy());
        out.printf(Locale.ROOT, "epochs      %d run, best %d%n", history.size(), bestEpoch);
        out.println("responses (given the call):");
        MelodyTraining.printComparison(out, score, ngram);
        return new Summary(loaded.data(), history, bestEpoch, score, ngram, train.size(), val.size());
    }

    private static TrainingState state(long epoch, long seed, Adam adam, AnswerModel model, TrainingProgress progress) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Param> p : model.encoder().namedParams().entrySet()) {
            tensors.put(ENCODER + p.getKey(), p.getValue().value().copy());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        progress.saveTo(tensors, p);
        return TrainingState.of(epoch, seed, adam, tensors, p);
    }

    private static void restoreEncoder(AnswerModel model, TrainingState r) {
        for (Map.Entry<String, Param> p : model.encoder().namedParams().entrySet()) {
            Tensor t = r.tensors().get(ENCODER + p.getKey());
            float[] dst = p.getValue().value().data();
            if (t == null || t.size() != dst.length) throw new IllegalArgumentException("the checkpoint lacks the encoder's " + p.getKey());
            System.arraycopy(t.data(), 0, dst, 0, dst.length);
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
        long events = 0, correct = 0;
        double nll = 0;
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
                for (int t = 0; t < tb.input().length(r); t++) {
                    int o = (r * steps + t) * v, target = tb.targets()[r * steps + t], best = 0;
                    double max = y[o];
                    for (int c = 1; c < v; c++) if (y[o + c] > max) { max = y[o + c]; best = c; }
                    double sum = 0;
                    for (int c = 0; c < v; c++) sum += Math.exp(y[o + c] - max);
                    nll += max + Math.log(sum) - y[o + target];
                    if (best == target) correct++;
                    events++;
                }
            }
        }
        return MelodyScore.of(events, nll, correct);
    }

    private static Map<String, Object> metadata(TrainOptions o, int phraseBars, EpochMetrics m, NGramModel.Score ngram) {
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("trained_by", "recur train-melody --answer");
        md.put("phrase_bars", phraseBars);
        md.put("epoch", m.epoch());
        md.put("val_loss", m.valLoss());
        md.put("val_perplexity", m.valPerplexity());
        md.put("val_accuracy", m.valAccuracy());
        md.put("trigram_val_perplexity", ngram.perplexity());
        md.put("trigram_val_accuracy", ngram.accuracy());
        md.put("seed", o.seed());
        md.put("lr", o.lr());
        return md;
    }
}
