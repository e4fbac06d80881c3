/**
 * Melody generation: the melody LSTM and the call → response model, their trainers ({@code train.Fit}
 * jobs), evaluation, sampling and generation to MIDI, the demo. An application: composes the floors below,
 * imports no other application and no {@code cli}.
 */
package dev.recur.app.melody;
