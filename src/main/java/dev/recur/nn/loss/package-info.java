/**
 * Losses over layer outputs: softmax cross-entropy (masks, class weights, per-step targets) and mean
 * squared error. Imports only {@code dev.recur.nn} and {@code dev.recur.tensor}.
 */
package dev.recur.nn.loss;
