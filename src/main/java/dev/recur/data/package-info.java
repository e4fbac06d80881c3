/**
 * Datasets on top of the front ends: the labelled audio dataset ({@link dev.recur.data.AudioDataset},
 * tracks, the split by track or group, segments), files to features through the feature cache
 * ({@link dev.recur.data.FeatureExtractor}), feature CSV, and the MIDI melody dataset. Imports only {@code audio},
 * {@code midi}, {@code files} and {@code progress}.
 */
package dev.recur.data;
