#!/usr/bin/env python3
"""PyTorch side of benchmarks/compare.sh: the same RNN configs as Recur's JMH benchmarks.

Prints CSV rows: framework,config,cell,threads,mode,value,unit  (median of --repeats timed runs).
Modes: forward (inference, no_grad) and train (forward + backward + Adam step), in sequences/s;
config S is a single streaming step in microseconds.
Run with OMP_NUM_THREADS/OPENBLAS_NUM_THREADS set to --threads (compare.sh does), or PyTorch's
two-thread figures collapse.
"""
import argparse
import statistics
import time

import torch

CONFIGS = {
    # name: (batch, steps, inputs, hidden, layers)
    "C": (32, 387, 13, 128, 2),
    "M": (64, 64, 64, 256, 2),
    "S": (1, 1, 256, 256, 2),
}
CELLS = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}


def timed(fn, min_seconds):
    fn()  # warm-up
    n, t0 = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        el = time.perf_counter() - t0
        if el >= min_seconds:
            return el / n


def bench(config, cell, threads, mode, repeats, min_seconds):
    torch.manual_seed(0)
    batch, steps, inputs, hidden, layers = CONFIGS[config]
    model = CELLS[cell](inputs, hidden, num_layers=layers, batch_first=True)
    x = torch.randn(batch, steps, inputs)
    if config == "S":
        state = None
        step = x[:, :1, :]

        def run():
            nonlocal state
            with torch.no_grad():
                _, state = model(step, state)
        per_call = [timed(run, min_seconds) for _ in range(repeats)]
        return statistics.median(per_call) * 1e6, "us/step"
    if mode == "forward":
        def run():
            with torch.no_grad():
                model(x)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        target = torch.randn(batch, steps, hidden)

        def run():
            opt.zero_grad()
            out, _ = model(x)
            loss = torch.nn.functional.mse_loss(out, target)
            loss.backward()
            opt.step()
    per_call = [timed(run, min_seconds) for _ in range(repeats)]
    return batch / statistics.median(per_call), "seq/s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--only", default="", help="comma list of config:cell, e.g. C:lstm,S:lstm")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    jobs = [("C", "lstm"), ("C", "gru"), ("C", "rnn"), ("M", "lstm"), ("S", "lstm")]
    if args.only:
        jobs = [tuple(j.split(":")) for j in args.only.split(",")]
    for config, cell in jobs:
        modes = ["step"] if config == "S" else ["forward", "train"]
        for mode in modes:
            value, unit = bench(config, cell, args.threads, mode, args.repeats, args.min_seconds)
            print(f"pytorch-{torch.__version__},{config},{cell},{args.threads},{mode},{value:.3f},{unit}", flush=True)


if __name__ == "__main__":
    main()
