/**
 * Model files: safetensors with PyTorch's tensor names, {@code model.json}, {@link dev.recur.io.ModelStore}
 * and the crash-safe {@link dev.recur.io.Checkpointer}. Imports {@code nn}, {@code tensor}, {@code train} (the
 * checkpointed state) and {@code files}.
 */
package dev.recur.io;
