/**
 * The time-series front end: CSV reading, missing-value filling, the chronological split, column
 * scaling and sliding windows ({@link dev.recur.series.SeriesDataset}). Knows no model: imports only
 * {@code tensor} (windows are tensors) and {@code files}.
 */
package dev.recur.series;
