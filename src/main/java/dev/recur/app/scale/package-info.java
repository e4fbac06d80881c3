/**
 * The textbook example of {@code recur demo}: an embedding → RNN → softmax model learns the C major scale.
 * An application: imports no other application and no {@code cli}.
 */
package dev.recur.app.scale;
