/**
 * Tensors and the kernels every layer runs on: {@link dev.recur.tensor.Tensor}, the
 * {@link dev.recur.tensor.Kernels} interface with its scalar reference bodies, the kernel selection and the
 * thread pool ({@link dev.recur.tensor.Parallel}). Knows nothing of Recur: imports no other Recur package.
 */
package dev.recur.tensor;
