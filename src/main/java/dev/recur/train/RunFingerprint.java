package dev.recur.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training run is, as its checkpoints remember it, so that a resumed run can be checked against it
 * and can take its settings from it. Two kinds of entries, name → value as text (text compares equal after a
 * JSON round trip, whatever the type):
 * <ul>
 *   <li>{@code fixed}: the data (by content) and every setting that changes the result; a run continues
 *       another only when all of them are equal;</li>
 *   <li>{@code free}: settings a resumed run takes over when not given again, but may change (the number of
 *       epochs, where the data lie).</li>
 * </ul>
 * A missing entry means "not set". Used by every training command; {@code io.Checkpointer} stores it in
 * the checkpoint's model.json through {@link #toMap()}.
 */
public record RunFingerprint(Map<String, String> fixed, Map<String, String> free) {
    public static final String FIXED = "fixed", FREE = "free";

    public RunFingerprint {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        free = Collections.unmodifiableMap(new LinkedHashMap<>(free));
    }

    public static RunFingerprint empty() { return new RunFingerprint(Map.of(), Map.of()); }

    /** A copy with a fixed entry (null: not set). */
    public RunFingerprint withFixed(String key, Object value) { return with(true, key, value); }

    /** A copy with a free entry (null: not set). */
    public RunFingerprint withFree(String key, Object value) { return with(false, key, value); }

    private RunFingerprint with(boolean isFixed, String key, Object value) {
        Map<String, String> f = new LinkedHashMap<>(fixed), g = new LinkedHashMap<>(free);
        Map<String, String> target = isFixed ? f : g;
        if (value == null) target.remove(key);
        else target.put(key, String.valueOf(value));
        return new RunFingerprint(f, g);
    }

    /**
     * Null when a run with this fingerprint may continue {@code saved}, else the first difference as words
     * ({@code "seed was 3 and is now 1"}). Only fixed entries count.
     */
    public String differenceFrom(RunFingerprint saved) {
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            String was = saved.fixed.get(e.getKey());
            if (!e.getValue().equals(was)) return describe(e.getKey(), was, e.getValue());
        }
        for (Map.Entry<String, String> e : saved.fixed.entrySet()) {
            if (!fixed.containsKey(e.getKey())) return describe(e.getKey(), e.getValue(), null);
        }
        return null;
    }

    private static String describe(String key, String was, String now) {
        return key + " was " + (was == null ? "not set" : was) + " and is now " + (now == null ? "not set" : now);
    }

    /** {@code {"fixed": {...}, "free": {...}}}, JSON-friendly. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(FIXED, fixed);
        m.put(FREE, free);
        return m;
    }

    /**
     * Reads {@link #toMap()}'s form back; {@code where} names the file in the message when it is malformed
     * (e.g. a checkpoint written by an older version).
     */
    public static RunFingerprint fromMap(Object o, String where) {
        if (!(o instanceof Map<?, ?> m) || !(m.get(FIXED) instanceof Map<?, ?> f) || !(m.get(FREE) instanceof Map<?, ?> g)) {
            throw new IllegalArgumentException(where + ": no run settings in the form this version writes "
                    + "({\"fixed\": {...}, \"free\": {...}}); was the checkpoint written by another command or an older recur?");
        }
        return new RunFingerprint(strings(f, where), strings(g, where));
    }

    private static Map<String, String> strings(Map<?, ?> m, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException(where + ": run setting '" + e.getKey() + "' must be a string, got " + e.getValue());
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }
}
