/**
 * The MIDI front end: MIDI files to notes to melodies to tokens and back, note text, transposition.
 * Knows no model: imports only {@code files}.
 */
package dev.recur.midi;
