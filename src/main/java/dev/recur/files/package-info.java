/**
 * Writing files, for every package: {@link dev.recur.files.AtomicFiles} (the one atomic writer: temporary file,
 * fsync, rename), {@link dev.recur.files.CsvText} (the one CSV quoter) and {@link dev.recur.files.Sha256}.
 * A base package: imports nothing of Recur; any package may import it.
 */
package dev.recur.files;
