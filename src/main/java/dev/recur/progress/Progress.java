package dev.recur.progress;

/**
 * Progress of a long task (files read, features extracted), for people. Library code reports through this
 * and prints nothing; the CLI decides how it looks: a bar on a terminal, a few plain lines in a log, or
 * nothing with {@code --quiet}. Implementations must accept calls from the thread that runs the task only.
 */
public interface Progress {
    /** A task of {@code total} units starts (e.g. "features", 48 files). */
    default void start(String task, long total) {}

    /** One more unit done. */
    default void step() {}

    /** The task ended (also after a failure). */
    default void finish() {}

    /** Reports nothing. */
    Progress NONE = new Progress() {};
}
