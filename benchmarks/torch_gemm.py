# Optional reference numbers from PyTorch for the shapes of KernelTable (not used by any test or build).
# Run single-threaded: OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 benchmarks/torch_gemm.py
# GEMM GFLOP/s are by process CPU time, so that time slices lost to other processes do not count.
import time, torch
torch.set_num_threads(1)
shapes = ["32x1024x256:NT", "64x512x128:NT", "32x768x256:NT", "12384x1024x13:NT", "12384x512x128:NT",
          "1024x256x12384:TN", "1024x256x512:TN", "32x256x1024:NN", "64x128x512:NN", "1x1024x256:NT"]
for s in shapes:
    dims, t = s.split(":")
    m, n, k = map(int, dims.split("x"))
    a = torch.randn(k, m) if t[0] == "T" else torch.randn(m, k)
    b = torch.randn(n, k) if t[1] == "T" else torch.randn(k, n)
    c = torch.empty(m, n)
    A = a.t() if t[0] == "T" else a
    B = b.t() if t[1] == "T" else b
    flops = 2.0 * m * n * k
    reps = max(1, int(3e9 / flops))
    best = 0
    for r in range(8):
        t0 = time.process_time_ns()
        for i in range(reps):
            torch.mm(A, B, out=c)
        ns = time.process_time_ns() - t0
        if r > 0: best = max(best, flops * reps / ns)
    print(f"{s:20s} {best:8.1f}")
# gemv step and activations
w = [torch.randn(1024, 256) for _ in range(4)]
x = torch.randn(256); y = torch.empty(1024)
best = 1e9
for r in range(3000):
    t0 = time.perf_counter_ns()
    for i in range(4): torch.mv(w[i], x, out=y)
    best = min(best, time.perf_counter_ns() - t0)
print(f"4x mv 1024x256: {best/1e3:.1f} us (best wall)")
v = torch.randn(65536) * 8
for name, f in [("sigmoid", torch.sigmoid), ("tanh", torch.tanh)]:
    best = 1e9
    out = torch.empty_like(v)
    for r in range(500):
        t0 = time.process_time_ns(); f(v, out=out); best = min(best, time.process_time_ns() - t0)
    print(f"{name} 64K: {best/1e3:.1f} us")
print("torch", torch.__version__)
