package dev.recur.data;

/** Which side of the train/validation/test split a track is on. */
public enum Split { TRAIN, VALIDATION, TEST }
