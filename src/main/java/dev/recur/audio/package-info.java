/**
 * The audio front end: WAV and ffmpeg decoding to mono at one rate, resampling, segmenting, and the MFCCs
 * ({@link dev.recur.audio.Mfcc}, run over files by the one driver {@link dev.recur.audio.TrackMfcc}). Knows no
 * model: imports only {@code files} and {@code progress}.
 */
package dev.recur.audio;
