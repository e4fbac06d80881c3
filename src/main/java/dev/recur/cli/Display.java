package dev.recur.cli;

import dev.recur.progress.Progress;
import dev.recur.train.Fit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How a command shows progress on stderr. On a terminal: progress bars. Anywhere else (a log file, a pipe, a
 * test): plain lines, never ANSI codes or carriage returns, and at most one line per stage (an epoch) or per
 * tenth of a task. With {@code --quiet}: nothing. Library code reports through {@link Progress} and
 * {@link Fit.Listener}; this is the one place that turns that into text.
 *
 * <p>Whether stderr is a terminal: {@code isatty(2)} ({@link StartupStderr#isTerminal()}); {@code -Drecur.tty=0|1}
 * overrides it.
 */
final class Display {
    enum Mode { BARS, LINES, QUIET }

    private final Mode mode;
    private final PrintStream err;
    private ProgressBar bar;

    Display(Mode mode, PrintStream err) {
        this.mode = mode;
        this.err = err;
    }

    /** Bars on a terminal, else lines; nothing when {@code quiet}. */
    static Display of(boolean quiet) {
        return new Display(quiet ? Mode.QUIET : stderrIsTerminal() ? Mode.BARS : Mode.LINES, System.err);
    }

    static boolean stderrIsTerminal() {
        String tty = System.getProperty("recur.tty");
        if (tty != null) return tty.equals("1") || tty.equalsIgnoreCase("true");
        return StartupStderr.isTerminal();
    }

    Mode mode() { return mode; }

    /** A line for the user (a skipped file, a warning) that does not tangle with a bar being drawn. */
    void println(String line) {
        if (bar != null) eraseBarLine();
        err.println(line);
        err.flush();
    }

    /**
     * Before a result line on stdout: when stdout is the terminal a bar is being drawn on, clears the bar's line
     * so the two do not tangle (the results scroll above the bar, which redraws itself).
     */
    void clearBar() {
        if (bar == null) return;
        if (stdoutIsTerminal == null) stdoutIsTerminal = StartupStderr.isTerminal(1);
        if (stdoutIsTerminal) {
            eraseBarLine();
            err.flush();
        }
    }

    private Boolean stdoutIsTerminal;

    /** Blanks the line the bar is drawn on and returns to its start. */
    private void eraseBarLine() { err.print("\r" + " ".repeat(100) + "\r"); }

    /** Progress of a counted task (files read, features extracted). */
    Progress task() {
        return switch (mode) {
            case QUIET -> Progress.NONE;
            case BARS -> new Progress() {
                @Override public void start(String task, long total) {
                    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setConsumer(new ConsoleProgressBarConsumer(err))
                            .setUpdateIntervalMillis(250).setMaxRenderedLength(100).build();
                }

                @Override public void step() { if (bar != null) bar.step(); }

                @Override public void finish() { closeBar(); }
            };
            case LINES -> new Progress() {
                private String name;
                private long total, done;
                private int tenth;

                @Override public void start(String task, long total) {
                    name = task;
                    this.total = total;
                    done = 0;
                    tenth = 0;
                }

                @Override public void step() {
                    done++;
                    int now = total <= 0 ? 0 : (int) Math.min(10, done * 10 / total);
                    if (now > tenth) {
                        tenth = now;
                        err.printf(Locale.ROOT, "%s: %d/%d (%d%%)%n", name, done, total, 10 * now);
                        err.flush();
                    }
                }
            };
        };
    }

    /** Progress of a training run: a bar per epoch on a terminal, one line per epoch elsewhere. */
    Fit.Listener training() {
        return switch (mode) {
            case QUIET -> Fit.Listener.NONE;
            case LINES -> new Fit.Listener() {
                private int epochs;

                @Override public void started(int firstEpoch, int epochs) { this.epochs = epochs; }

                @Override public void epochDone(Fit.EpochRecord e, boolean best) {
                    err.printf(Locale.ROOT, "epoch %d/%d  %s%s%n", e.epoch(), epochs, e.summary(), best ? " *" : "");
                    err.flush();
                }
            };
            case BARS -> new Fit.Listener() {
                private int epochs;

                @Override public void started(int firstEpoch, int epochs) { this.epochs = epochs; }

                @Override public void epochStarted(int epoch, int batches) {
                    bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                            .setInitialMax(batches).setConsumer(new ConsoleProgressBarConsumer(err, 140)).setUpdateIntervalMillis(250).build();
                }

                @Override public void batchDone(int epoch, int batch, double runningLoss) {
                    bar.stepTo(batch);
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", runningLoss));
                }

                @Override public void epochDone(Fit.EpochRecord e, boolean best) {
                    if (bar != null) bar.setExtraMessage(e.summary() + (best ? " *" : ""));
                    closeBar();
                }
            };
        };
    }

    private void closeBar() {
        if (bar != null) bar.close();
        bar = null;
    }
}
