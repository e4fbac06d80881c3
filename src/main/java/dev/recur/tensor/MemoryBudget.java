package dev.recur.tensor;

import java.util.Locale;

/**
 * Asks before a large allocation (a model's weights, an optimizer's moments) whether it can fit in this JVM's
 * heap, so a size typed by a person or read from a file gives one line naming it instead of an
 * OutOfMemoryError. The answer is a bound, not a promise: a request that passes may still fail later.
 */
public final class MemoryBudget {
    private MemoryBudget() {}

    /** The most elements a Java array can hold on common JVMs. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Refuses {@code bytes} for {@code what} ("lstm with hidden_size=20000 (...)") when it exceeds the heap left
     * (after one garbage collection, so garbage is not counted); IllegalArgumentException with the sizes and the fix.
     */
    public static void require(long bytes, String what) {
        if (bytes <= free()) return;
        System.gc();   // only near the limit: what looked used may be garbage
        long free = free();
        if (bytes <= free) return;
        long max = Runtime.getRuntime().maxMemory();
        throw new IllegalArgumentException(what + " needs " + human(bytes) + " of memory, more than the " + human(free)
                + " this JVM has free (of " + human(max) + "); ask for less, or give it more with RECUR_JAVA_OPTS=-Xmx"
                + Math.max(2, (long) Math.ceil(2.0 * Math.max(bytes, max) / (1L << 30))) + "g");
    }

    /** Bytes the heap may still grow into: the maximum less what is in use now. */
    public static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 40) return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MiB", Math.max(1, (bytes + (1 << 20) - 1) >> 20));
    }
}
