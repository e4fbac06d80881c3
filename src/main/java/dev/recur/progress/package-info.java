/**
 * How long-running library code reports progress without printing: the {@link dev.recur.progress.Progress}
 * interface, implemented by the CLI. A base package: imports nothing of Recur, and any package may import it.
 */
package dev.recur.progress;
