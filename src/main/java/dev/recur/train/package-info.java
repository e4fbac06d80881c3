/**
 * Training: {@link dev.recur.train.Fit}, the one epoch loop every application runs (seeds per epoch, the
 * non-finite guard, early stopping, checkpoints through {@link dev.recur.train.Durability}'s sink, progress through
 * a listener); optimizers, gradient clipping, truncated BPTT, the checkpointed
 * {@link dev.recur.train.TrainingState} and the resume fingerprint. Writes no file and prints nothing. Imports only
 * {@code dev.recur.nn} and {@code dev.recur.tensor}.
 */
package dev.recur.train;
