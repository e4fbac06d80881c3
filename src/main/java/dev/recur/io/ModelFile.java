package dev.recur.io;

import dev.recur.nn.Sequential;

/** A model loaded from a model directory: the layers with their weights, and what model.json says about them. */
public record ModelFile(Sequential model, ModelInfo info) {}
