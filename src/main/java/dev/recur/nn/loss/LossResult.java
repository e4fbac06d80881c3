package dev.recur.nn.loss;

import dev.recur.nn.Seq;

/** A loss value and its gradient with respect to the model output (same shape and lengths as that output). */
public record LossResult(double loss, Seq grad) {}
