/**
 * The {@code recur} command line (picocli): one small class per command, shared option mixins, one-line errors
 * and exit codes, and {@link dev.recur.cli.Display}, the one place progress becomes text (bars on a terminal,
 * plain lines in a log). Sits on top: may import any package.
 */
package dev.recur.cli;
