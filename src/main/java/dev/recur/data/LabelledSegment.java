package dev.recur.data;

/**
 * One segment of a labelled track.
 *
 * @param track    track id: the file's path relative to the dataset root, with '/' separators
 * @param label    index into {@link AudioDataset#labels()}
 * @param index    segment number within the track
 * @param split    the track's side of the split (all segments of a track share it)
 * @param features {@code [frames][dims]} MFCC matrix (raw, not normalised)
 */
public record LabelledSegment(String track, int label, int index, Split split, float[][] features) {}
