package dev.recur.nn;

/** A layer that turns a sequence [batch, steps, dims] into one vector per row [batch, dims] (a classifier head). */
public interface SequenceToVector extends Layer {}
