package dev.recur.data;

import java.nio.file.Path;

/**
 * One labelled file of a dataset and its whole MFCC matrix {@code [frames][dims]}.
 *
 * @param id    {@code <label>/<file name>}, unique within a dataset
 * @param group tracks of one group always land on the same side of a split (the file itself by default;
 *              the source piece when one piece is rendered in several classes)
 */
public record Track(Path file, String id, String label, String group, float[][] frames) {}
