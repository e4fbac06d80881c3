/**
 * Layers and models: RNN, LSTM, GRU (stacked, bidirectional), embedding, dense, dropout, pooling,
 * {@link dev.recur.nn.Sequential} and the {@link dev.recur.nn.Layers} registry; forward and backward on
 * {@code [batch, steps, dims]} sequences. Imports only {@code dev.recur.tensor}.
 */
package dev.recur.nn;
