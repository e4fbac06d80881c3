package dev.recur.spark;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.tensor.Parallel;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ForkJoinPool;

/**
 * The prediction table: one row per file with {@code path, label, probability, segments}, then one
 * {@code p_<label>} column per class, {@code model_id} and {@code error}. A file that could not be classified
 * has only its path, the model id and the error.
 */
final class PredictionRows {
    private PredictionRows() {}

    /** Segments scored together: enough to fill the model's parallel chunks, little memory (387 x 26 floats each). */
    static final int DEFAULT_BATCH = 64;

    static final String PREFIX = "p_";

    static StructType schema(List<String> labels) {
        StructType s = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("label", DataTypes.StringType, true)
                .add("probability", DataTypes.FloatType, true)
                .add("segments", DataTypes.IntegerType, true);
        for (String l : labels) s = s.add(PREFIX + l, DataTypes.FloatType, true);
        return s.add("model_id", DataTypes.StringType, false).add("error", DataTypes.StringType, true);
    }

    private static Row ok(String path, GenreClassifier c, int segments, float[] p, String modelId) {
        Object[] v = new Object[4 + p.length + 2];
        GenreClassifier.Prediction pred = new GenreClassifier.Prediction(null, c.labels(), segments, p);
        v[0] = path;
        v[1] = pred.label();
        v[2] = p[pred.best()];
        v[3] = segments;
        for (int k = 0; k < p.length; k++) v[4 + k] = p[k];
        v[v.length - 2] = modelId;
        return RowFactory.create(v);
    }

    static Row error(String path, int classes, String modelId, String error) {
        Object[] v = new Object[4 + classes + 2];
        v[0] = path;
        v[v.length - 2] = modelId;
        v[v.length - 1] = error;
        return RowFactory.create(v);
    }

    /**
     * Each task runs on one core: Spark already runs a task per core, so the model's own threads (kernel pool,
     * parallel chunks) would only compete with the other tasks. {@code -Drecur.threads=N} on the executors
     * overrides this.
     */
    private static final class OneThreadPerTask {
        static final boolean SET;
        static {
            if (System.getProperty("recur.threads") == null) Parallel.setThreads(1);
            SET = true;
        }
    }

    /** A file on its way through a partition: its segments, or why it has none. */
    private record Pending(String path, List<float[][]> segments, String error) {}

    /**
     * Scores a partition's files in batches of about {@code batch} segments with the executor's one copy of the
     * model, emitting rows in input order. Subclasses turn input rows into {@link Pending} files.
     */
    abstract static class Scoring implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ModelShipment> model;
        private final int batch;

        Scoring(Broadcast<ModelShipment> model, int batch) {
            this.model = model;
            this.batch = batch;
        }

        /** The next file of the partition, or null at its end. */
        abstract Pending nextFile(Peeking<Row> in, GenreClassifier c);

        @Override public Iterator<Row> call(Iterator<Row> in) {
            boolean ignored = OneThreadPerTask.SET;
            ModelShipment m = model.value();
            GenreClassifier c = m.classifier();
            String id = m.id();
            Peeking<Row> rows = new Peeking<>(in);
            return new Iterator<>() {
                final Deque<Row> ready = new ArrayDeque<>();
                final ForkJoinPool pool = new ForkJoinPool(1); // confines the model's parallel streams to this task

                @Override public boolean hasNext() {
                    if (ready.isEmpty()) fill();
                    return !ready.isEmpty();
                }

                @Override public Row next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return ready.poll();
                }

                private void fill() {
                    List<Pending> files = new ArrayList<>();
                    int segments = 0;
                    while (segments < batch) {
                        Pending p = nextFile(rows, c);
                        if (p == null) break;
                        files.add(p);
                        if (p.segments() != null) segments += p.segments().size();
                    }
                    if (files.isEmpty()) {
                        pool.shutdown();
                        return;
                    }
                    List<List<float[][]>> scored = new ArrayList<>();
                    for (Pending p : files) if (p.segments() != null) scored.add(p.segments());
                    List<float[]> probs = pool.submit(() -> CoreCalls.fileProbabilities(c, scored)).join();
                    int i = 0;
                    for (Pending p : files) {
                        if (p.segments() == null) {
                            ready.add(error(p.path(), c.labels().size(), id, p.error()));
                        } else {
                            ready.add(ok(p.path(), c, p.segments().size(), probs.get(i++), id));
                        }
                    }
                }
            };
        }
    }

    /** From audio rows {@code (path, content)}: MFCCs of the whole file as {@code recur classify} computes them. */
    static final class FromAudio extends Scoring {
        private static final long serialVersionUID = 1L;

        FromAudio(Broadcast<ModelShipment> model, int batch) { super(model, batch); }

        @Override Pending nextFile(Peeking<Row> in, GenreClassifier c) {
            if (!in.hasNext()) return null;
            Row r = in.next();
            String path = r.getString(0);
            try {
                return new Pending(path, CoreCalls.classifierSegments(c, path, (byte[]) r.get(1)), null);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                return new Pending(path, null, message(path, e));
            } catch (RuntimeException e) {
                // a decoder bug on a hostile file must not fail the job; say what it was
                return new Pending(path, null, path + ": could not be read (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
        }
    }

    /**
     * From MFCC table rows {@code (path, segment, mfcc, error)}, clustered by path and sorted by segment: a
     * file's segments are scored together; a file's error row becomes its prediction's error.
     */
    static final class FromMfcc extends Scoring {
        private static final long serialVersionUID = 1L;

        FromMfcc(Broadcast<ModelShipment> model, int batch) { super(model, batch); }

        @Override Pending nextFile(Peeking<Row> in, GenreClassifier c) {
            if (!in.hasNext()) return null;
            String path = in.peek().getString(0);
            List<float[][]> segs = new ArrayList<>();
            String error = null;
            while (in.hasNext() && in.peek().getString(0).equals(path)) {
                Row r = in.next();
                if (!r.isNullAt(3)) error = r.getString(3);
                else if (!r.isNullAt(2)) segs.add(Matrices.of(r.get(2)));
            }
            if (error != null) return new Pending(path, null, error);
            if (segs.isEmpty()) return new Pending(path, null, path + ": no MFCC segments in the table");
            return new Pending(path, segs, null);
        }
    }

    /** An iterator that can look at its next element without taking it. */
    static final class Peeking<T> implements Iterator<T> {
        private final Iterator<T> in;
        private T next;
        private boolean peeked;

        Peeking(Iterator<T> in) { this.in = in; }

        @Override public boolean hasNext() { return peeked || in.hasNext(); }

        T peek() {
            if (!peeked) {
                next = in.next();
                peeked = true;
            }
            return next;
        }

        @Override public T next() {
            if (!peeked) return in.next();
            peeked = false;
            T t = next;
            next = null;
            return t;
        }
    }

    private static String message(String path, Exception e) {
        String m = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
        if (m == null) m = e.getClass().getSimpleName();
        return m.startsWith(path) ? m : path + ": " + m;
    }
}
