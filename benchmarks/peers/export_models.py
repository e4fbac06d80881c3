#!/usr/bin/python3
"""Models, inputs and reference outputs for the side-by-side run (benchmarks/compare.sh), from PyTorch.

Run with Debian's torch 1.13 (/usr/bin/python3). Writes into the folder given as the first argument:
  {C,M}_{cell}.safetensors  PyTorch's default initialisation (torch.manual_seed(0)) under PyTorch's names
                            (weight_ih_l0, ...), the benchmark input x ~ N(0,1) (seed 1), the training target
                            ~ N(0,1) (seed 2), and ref_y_last = y[:, -1, :] of PyTorch's inference forward
  {C,M}_{cell}.onnx         the same model for ONNX Runtime (torch.onnx.export, opset 17): x -> y, hn (, cn)
  S_lstm.safetensors/.onnx  the streaming step: x [1, 1, 256], h0/c0 [2, 1, 256] -> y, hn, cn; ref_h8/ref_c8
                            are the state after 8 steps of the same x from zero state
  sweep_h{H}.onnx           --sweep: 2 x LSTM H (64 inputs) with dynamic batch and length, for the cost sweep;
                            sweep_h{H}.safetensors holds its weights
Recur (dev.recur.bench.PeerModels), libtorch through DJL and ONNX Runtime (benchmarks/peers) all load these
files, and each checks its own output against ref_* before anything is timed.
"""
import json
import os
import struct
import sys
import warnings

import torch

warnings.filterwarnings("ignore")  # exporter chatter about batch sizes and constant folding

CONFIGS = {
    # name: (batch, steps, inputs, hidden, layers)
    "C": (32, 387, 13, 128, 2),
    "M": (64, 64, 64, 256, 2),
    "S": (1, 1, 256, 256, 2),
}
CELLS = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}
JOBS = [("C", "lstm"), ("C", "gru"), ("C", "rnn"), ("M", "lstm"), ("S", "lstm")]
SWEEP_HIDDEN = [64, 128, 256, 512, 1024]
OPSET = 17


def save_safetensors(path, tensors, metadata):
    header = {"__metadata__": {k: str(v) for k, v in sorted(metadata.items())}}
    blobs, offset = [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().to(torch.float32).contiguous()
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


class Stateful(torch.nn.Module):
    """Explicit state in and out, so the ONNX graph has initial_h/initial_c inputs (the streaming step)."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x, h0, c0):
        y, (h, c) = self.rnn(x, (h0, c0))
        return y, h, c


def export(module, args, path, inputs, outputs, dynamic=None):
    module.eval()
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, opset_version=OPSET,
                      do_constant_folding=True, dynamic_axes=dynamic)


def params(model):
    return {n: getattr(model, n) for n in model._flat_weights_names}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "models"
    sweep = "--sweep" in sys.argv
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    for config, cell in JOBS:
        batch, steps, inputs, hidden, layers = CONFIGS[config]
        torch.manual_seed(0)
        model = CELLS[cell](inputs, hidden, num_layers=layers, batch_first=True).eval()
        x = torch.randn(batch, steps, inputs, generator=torch.Generator().manual_seed(1))
        meta = dict(config=config, cell=cell, batch=batch, steps=steps, inputs=inputs, hidden=hidden,
                    layers=layers, torch=torch.__version__)
        tensors = dict(params(model), x=x)
        base = os.path.join(out, f"{config}_{cell}")
        if config == "S":
            h = torch.zeros(layers, 1, hidden)
            c = torch.zeros(layers, 1, hidden)
            with torch.no_grad():
                for _ in range(8):
                    _, (h, c) = model(x, (h, c))
            tensors.update(ref_h8=h, ref_c8=c)
            export(Stateful(model), (x, torch.zeros(layers, 1, hidden), torch.zeros(layers, 1, hidden)),
                   base + ".onnx", ["x", "h0", "c0"], ["y", "hn", "cn"])
        else:
            with torch.no_grad():
                y = model(x)[0]
            tensors["ref_y_last"] = y[:, -1, :]
            tensors["target"] = torch.randn(batch, steps, hidden, generator=torch.Generator().manual_seed(2))
            export(model, (x,), base + ".onnx", ["x"], ["y", "hn", "cn"] if cell == "lstm" else ["y", "hn"])
        save_safetensors(base + ".safetensors", tensors, meta)
        print(f"{base}: {cell} {layers} x {hidden}, x {list(x.shape)}")
    if sweep:
        for hidden in SWEEP_HIDDEN:
            torch.manual_seed(0)
            model = torch.nn.LSTM(64, hidden, num_layers=2, batch_first=True).eval()
            x = torch.randn(2, 3, 64)
            base = os.path.join(out, f"sweep_h{hidden}")
            export(model, (x,), base + ".onnx", ["x"], ["y", "hn", "cn"],
                   dynamic={"x": {0: "batch", 1: "steps"}, "y": {0: "batch", 1: "steps"}})
            save_safetensors(base + ".safetensors", params(model),
                             dict(cell="lstm", inputs=64, hidden=hidden, layers=2, torch=torch.__version__))
            print(f"{base}: sweep model")


if __name__ == "__main__":
    main()
