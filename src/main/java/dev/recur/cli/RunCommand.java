package dev.recur.cli;

import dev.recur.files.AtomicFiles;
import dev.recur.io.ModelFile;
import dev.recur.io.ModelStore;
import dev.recur.nn.Embedding;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code recur run}: a saved model over one sequence from CSV, outputs to CSV. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a saved model over one sequence.",
                "Input CSV: one row per time step, one column per input feature (one column of token ids for a "
                        + "model that starts with an embedding); an optional header row. Output CSV: a header row, then "
                        + "one row per output step (sequence outputs) or one row (vector outputs)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (model.json + model.safetensors).")
    Path modelDir;

    @Option(names = "--input", required = true, paramLabel = "X.csv", description = "The input sequence.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "Y.csv", description = "Where to write the outputs.")
    Path output;

    @Option(names = "--softmax", description = "Write softmax probabilities instead of raw outputs (logits).")
    boolean softmax;

    @Override public Integer call() throws IOException {
        ModelFile mf = ModelStore.load(modelDir);
        Sequential model = mf.model();
        Layer first = model.layers().getFirst();
        boolean tokens = first instanceof Embedding;
        int width = model.inputSize() == Layer.ANY_SIZE ? 0 : model.inputSize();
        float[][] rows = SequenceCsv.read(input, width);
        int steps = rows.length, dims = rows[0].length;
        float[] x = new float[steps * dims];
        for (int t = 0; t < steps; t++) System.arraycopy(rows[t], 0, x, t * dims, dims);
        if (tokens) {
            int n = ((Embedding) first).numEmbeddings();
            for (int t = 0; t < steps; t++) {
                float v = x[t];
                if (v != Math.rint(v) || v < 0 || v >= n) {
                    throw new IOException(input + ": step " + (t + 1) + ": token id " + v + " is not an integer in [0, " + n + ")");
                }
            }
        } else if (mf.info().normalization() != null) {
            mf.info().normalization().apply(x);
        }

        Seq y = model.forward(Seq.full(Tensor.of(x, 1, steps, dims)), ForwardPass.inference());
        int outDims = y.dims(), outRows = y.isSequence() ? y.steps() : 1;
        float[] out = y.values().data().clone();
        if (softmax) Kernels.active().softmax(out, 0, outRows, outDims);

        List<String> labels = mf.info().labels().size() == outDims ? mf.info().labels() : List.of();
        List<String> header = new ArrayList<>();
        for (int d = 0; d < outDims; d++) header.add(labels.isEmpty() ? "out" + d : labels.get(d));
        if (!labels.isEmpty()) header.add("predicted");
        AtomicFiles.write(output, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            writeRecord(w, header);
            List<String> cells = new ArrayList<>(header.size());
            for (int r = 0; r < outRows; r++) {
                cells.clear();
                int best = 0;
                for (int d = 0; d < outDims; d++) {
                    float v = out[r * outDims + d];
                    cells.add(Float.toString(v));
                    if (v > out[r * outDims + best]) best = d;
                }
                if (!labels.isEmpty()) cells.add(labels.get(best));
                writeRecord(w, cells);
            }
            w.flush();
        });
        System.err.println("recur run: " + steps + " steps -> " + outRows + " output row" + (outRows == 1 ? "" : "s") + " in " + output);
        return ExitCodes.OK;
    }

    /** One CSV record; cells with a comma, quote or line break are quoted (RFC 4180). */
    private static void writeRecord(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.write(',');
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                w.write(c);
            }
        }
        w.write('\n');
    }
}
