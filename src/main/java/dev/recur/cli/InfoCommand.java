package dev.recur.cli;

import dev.recur.io.ModelFile;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Sequential;
import dev.recur.tensor.KernelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code recur info}: JDK, kernel path and machine; with {@code --model}, a saved model's summary. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print the JDK, the kernel path in use (vector or scalar) and the core count.",
                "With --model DIR, print that model's layers, parameter counts, task and labels instead."})
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory (model.json + model.safetensors).")
    Path modelDir;

    @Override public Integer call() throws IOException {
        if (modelDir != null) {
            printModel(ModelStore.load(modelDir));
            return ExitCodes.OK;
        }
        KernelInfo k = KernelInfo.current();
        System.out.println("java      " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("kernels   " + k.path() + (k.floatLanes() > 1 ? " (" + k.floatLanes() + " float lanes, "
                + k.vectorBits() + "-bit, gemm tile " + k.gemmTile() + ")" : ""));
        System.out.println("reason    " + k.reason());
        System.out.println("cores     " + Runtime.getRuntime().availableProcessors());
        System.out.println("threads   " + k.threads() + " (default: the cores; -Drecur.threads=N sets it)");
        System.out.println("max heap  " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        System.out.println("stderr    " + (StartupStderr.isTerminal() ? "a terminal" : "not a terminal"));
        return ExitCodes.OK;
    }

    private void printModel(ModelFile mf) {
        Sequential m = mf.model();
        ModelInfo info = mf.info();
        System.out.print(m.summary());
        System.out.println();
        System.out.println("task      " + info.task());
        if (!info.labels().isEmpty()) System.out.println("labels    " + String.join(", ", info.labels()));
        System.out.println("inputs    " + (m.inputSize() < 0 ? "any" : m.inputSize()) + " per step"
                + (info.normalization() != null ? " (normalized)" : ""));
        if (!info.features().isEmpty()) System.out.println("features  " + compact(info.features()));
        if (!info.metadata().isEmpty()) System.out.println("metadata  " + compact(info.metadata()));
    }

    /** A settings map for people: long number lists (weights, statistics) shown as their size, not their values. */
    static String compact(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            for (var e : map.entrySet()) {
                if (b.length() > 1) b.append(", ");
                b.append(e.getKey()).append('=').append(compact(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (value instanceof java.util.List<?> list && list.size() > 8) {
            int inner = list.getFirst() instanceof java.util.List<?> row ? row.size() : 0;
            return inner > 0 ? "[" + list.size() + "×" + inner + " values]" : "[" + list.size() + " values]";
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(InfoCommand::compact).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
