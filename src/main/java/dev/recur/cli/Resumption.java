package dev.recur.cli;

import dev.recur.io.Checkpointer;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --resume}/{@code --checkpoint-every}/{@code --skip-nonfinite} plumbing shared by the training
 * commands: checkpoints go to {@code MODEL_DIR/checkpoints} ({@link Checkpointer}), each carrying the run's
 * settings under the metadata key {@code "run"} so that a resume with other data or options is refused.
 */
final class Resumption {
    private Resumption() {}

    static final String RUN = "run";

    /**
     * The durability of a run writing checkpoints into {@code out} with {@code info} (plus the run settings),
     * resumed from the newest checkpoint of {@code resume} when that is not null.
     */
    static Durability durability(Path out, Path resume, Map<String, Object> run, ModelInfo info, int checkpointEvery,
                                 boolean skipNonFinite) throws IOException {
        Durability.Resume from = resume == null ? null : load(resume, run);
        Checkpointer checkpointer = new Checkpointer(out);
        ModelInfo withRun = info.withMetadata(Map.of(RUN, run));
        return new Durability(from, checkpointEvery, (model, state) -> checkpointer.save(model, withRun, state), skipNonFinite);
    }

    /** The newest checkpoint of {@code dir}, after checking it was written by a run with the same settings. */
    static Durability.Resume load(Path dir, Map<String, Object> run) throws IOException {
        Checkpointer.Loaded c = new Checkpointer(dir).latest()
                .orElseThrow(() -> new IOException(dir.resolve(Checkpointer.DIR) + ": no checkpoint to resume from"));
        Object saved = c.model().info().metadata().get(RUN);
        if (!(saved instanceof Map<?, ?> savedRun)) throw new IOException(c.dir() + ": not a checkpoint of this command");
        // Every difference, in one line: a changed mode often changes more than one setting.
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : run.entrySet()) {
            if (!e.getValue().equals(savedRun.get(e.getKey()))) {
                changed.add(e.getKey() + " was " + savedRun.get(e.getKey()) + " and is now " + e.getValue());
            }
        }
        for (Object key : savedRun.keySet()) {
            if (!run.containsKey(String.valueOf(key))) changed.add(key + " was " + savedRun.get(key) + " and is now not set");
        }
        if (!changed.isEmpty()) throw new IllegalArgumentException(c.dir() + ": cannot resume, " + String.join("; ", changed));
        System.err.println("resuming " + c.dir() + " after epoch " + c.state().epoch());
        return new Durability.Resume(c.model().model().namedParams(), c.state());
    }
}
