/**
 * The Vector API kernels ({@code jdk.incubator.vector}), each with a scalar twin in
 * {@link dev.recur.tensor.Kernels} that the tests hold it to. The only package that imports the Vector API;
 * it imports only {@code dev.recur.tensor}.
 */
package dev.recur.tensor.simd;
