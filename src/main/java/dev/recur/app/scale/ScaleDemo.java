package dev.recur.app.scale;

import dev.recur.nn.Dense;
import dev.recur.nn.Embedding;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Rnn;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.Accuracy;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;

import java.io.PrintStream;
import java.util.Random;

/**
 * The textbook example: an embedding → RNN → softmax model learns the C major scale C D E F G A B C,
 * predicting each next note from the notes so far.
 */
public final class ScaleDemo {
    private ScaleDemo() {}

    static final String[] NOTES = {"C", "D", "E", "F", "G", "A", "B"};
    static final int[] SCALE = {0, 1, 2, 3, 4, 5, 6, 0};

    /** Trains the model and returns its next-note accuracy (1.0 when it has learned the scale). */
    public static double run(long seed, PrintStream out) {
        int steps = SCALE.length - 1;
        float[] ids = new float[steps];
        int[] next = new int[steps];
        for (int t = 0; t < steps; t++) { ids[t] = SCALE[t]; next[t] = SCALE[t + 1]; }
        Seq x = Seq.full(Tensor.of(ids, 1, steps, 1));

        Sequential model = Sequential.of(new Embedding(NOTES.length, 8), new Rnn(8, 16), new Dense(16, NOTES.length));
        model.initialize(seed);
        Adam adam = new Adam(model.params(), 0.05);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        double loss = 0;
        for (int epoch = 0; epoch < 150; epoch++) {
            adam.zeroGrad();
            ForwardPass pass = ForwardPass.training(new Random(seed + epoch));
            LossResult r = ce.compute(model.forward(x, pass), next);
            model.backward(r.grad(), pass.skipInputGradient(model));
            adam.step();
            loss = r.loss();
        }
        Seq logits = model.forward(x, ForwardPass.inference());
        int[] predicted = Accuracy.argmax(logits);
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < steps; t++) line.append(NOTES[SCALE[t]]).append("→").append(NOTES[predicted[t]]).append(' ');
        double accuracy = Accuracy.of(logits, next).value();
        out.printf("C major scale: embedding → RNN(16) → softmax, 150 Adam steps, loss %.4f%n", loss);
        out.println("  next note predicted after each note: " + line.toString().trim());
        out.printf("  next-note accuracy %.0f%%%n", accuracy * 100);
        return accuracy;
    }
}
