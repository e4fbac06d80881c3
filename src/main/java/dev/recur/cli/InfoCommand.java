package dev.recur.cli;

import dev.recur.tensor.KernelInfo;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code recur info}: JDK, kernel path and machine. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the JDK, the kernel path in use (vector or scalar) and the core count.")
final class InfoCommand implements Callable<Integer> {
    @Override public Integer call() {
        KernelInfo k = KernelInfo.current();
        System.out.println("java      " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("kernels   " + k.path() + (k.floatLanes() > 1 ? " (" + k.floatLanes() + " float lanes, " + k.vectorBits() + "-bit)" : ""));
        System.out.println("reason    " + k.reason());
        System.out.println("cores     " + Runtime.getRuntime().availableProcessors());
        System.out.println("max heap  " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        return ExitCodes.OK;
    }
}
