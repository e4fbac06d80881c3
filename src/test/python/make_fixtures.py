#!/usr/bin/python3
"""Writes the PyTorch parity fixtures under src/test/resources/fixtures/.

Run from the repository root with the system Python (torch 1.13, CPU):

    /usr/bin/python3 src/test/python/make_fixtures.py

Everything is seeded. Weights and inputs are drawn in float32; the expected values are computed in float64
from those exact float32 numbers and then rounded to float32, so Recur's float32 results should agree to
about 1e-6 relative. Files are safetensors written by the small writer below (struct + json only), laid
out like the reference implementation: compact JSON header, "__metadata__" first (keys sorted), tensors sorted by name,
header padded with spaces to a multiple of 8 bytes.

Recurrent cases (rnn/<mode>_l<layers>_<uni|bi>[_lengths|_nobias].safetensors) hold
  PyTorch parameters under their own names (weight_ih_l0, bias_hh_l1_reverse, ...),
  x [B,T,I], r [B,T,dirs*H], out [B,T,dirs*H], h_n [layers*dirs,B,H] (c_n for LSTM),
  grad.<param> and grad.x = gradients of L = sum(out * r),
  lengths [B] (as floats) in the cases run through pack_padded_sequence (padded out is zero).
Metadata: mode, input_size, hidden_size, num_layers, bidirectional, bias.

Conv1d cases (layers/conv1d_*.safetensors): weight [out,in,k], bias [out] under nn.Conv1d's names, x [B,T,in]
and out [B,T',out] channels-last (Recur's layout; PyTorch runs on x.transpose(1, 2)), r, grad.weight, grad.bias,
grad.x of L = sum(out * r); with lengths each row is run alone on its valid steps (zeros after).
Attention pooling cases (layers/attention_pool_*.safetensors): weight [1,D], x [B,T,D], out [B,D] =
sum_t softmax_t(x_t . weight) x_t over each row's valid steps, r [B,D], grad.weight, grad.x.
Attentive statistics pooling cases (layers/attention_stats_pool_*.safetensors): as attention pooling, but out
[B,2D] = [mu, sigma] with mu = sum_t alpha_t x_t, sigma = sqrt(sum_t alpha_t (x_t - mu)^2 + 1e-5) (zeros for a row
of length 0), r [B,2D].
"""
import json
import os
import struct

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")


def save_safetensors(path, tensors, metadata=None, dtypes=None):
    """tensors: name -> torch tensor; dtypes: optional name -> "F32"|"F64"|"F16"|"BF16" (default F32)."""
    dtypes = dtypes or {}
    torch_types = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16}
    header = {}
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in sorted(metadata.items())}
    blobs, offset = [], 0
    for name in sorted(tensors):
        dt = dtypes.get(name, "F32")
        t = tensors[name].detach().to(torch_types[dt]).contiguous().cpu()
        raw = t.view(torch.int16) if dt == "BF16" else t  # numpy has no bfloat16; same bits as int16
        data = raw.numpy().astype(raw.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def f32(t):
    return t.detach().to(torch.float32)


def recurrent_case(mode, layers, bidirectional, seed, lengths=None, bias=True, B=3, T=5, I=3, H=4):
    torch.manual_seed(seed)
    kw = dict(num_layers=layers, bidirectional=bidirectional, batch_first=True, bias=bias)
    if mode == "lstm":
        m = nn.LSTM(I, H, **kw)
    elif mode == "gru":
        m = nn.GRU(I, H, **kw)
    else:
        m = nn.RNN(I, H, nonlinearity=mode.split("_")[1], **kw)
    # float32 draws, float64 arithmetic
    x32 = torch.randn(B, T, I)
    dirs = 2 if bidirectional else 1
    r32 = torch.randn(B, T, dirs * H)
    params32 = {n: p.detach().clone() for n, p in m.named_parameters()}
    m = m.double()
    x = x32.double().requires_grad_(True)
    if lengths is not None:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        out_p, state = m(packed)
        out, _ = pad_packed_sequence(out_p, batch_first=True, total_length=T)
        mask = torch.zeros(B, T, 1, dtype=torch.float64)
        for b, n in enumerate(lengths):
            mask[b, :n] = 1
        r32 = r32 * mask.float()  # padded steps of r are zero so they cannot matter
    else:
        out, state = m(x)
    loss = (out * r32.double()).sum()
    loss.backward()

    tensors = dict(params32)
    tensors["x"] = x32
    tensors["r"] = r32
    tensors["out"] = f32(out)
    if mode == "lstm":
        tensors["h_n"], tensors["c_n"] = f32(state[0]), f32(state[1])
    else:
        tensors["h_n"] = f32(state)
    for n, p in m.named_parameters():
        tensors["grad." + n] = f32(p.grad)
    tensors["grad.x"] = f32(x.grad)
    if lengths is not None:
        tensors["lengths"] = torch.tensor(lengths, dtype=torch.float32)
    name = "%s_l%d_%s%s%s" % (mode, layers, "bi" if bidirectional else "uni",
                               "_lengths" if lengths is not None else "", "" if bias else "_nobias")
    meta = dict(mode=mode, input_size=I, hidden_size=H, num_layers=layers,
                bidirectional=str(bidirectional).lower(), bias=str(bias).lower())
    save_safetensors(os.path.join(OUT, "rnn", name + ".safetensors"), tensors, meta)


def conv1d_case(name, seed, cin, cout, k, stride, padding, bias=True, lengths=None, B=3, T=9):
    torch.manual_seed(seed)
    conv = nn.Conv1d(cin, cout, k, stride=stride, padding=padding, bias=bias)
    params32 = {n: p.detach().clone() for n, p in conv.named_parameters()}
    x32 = torch.randn(B, T, cin)
    lengths = lengths or [T] * B
    t_out = (T + 2 * padding - k) // stride + 1
    r32 = torch.randn(B, t_out, cout)
    conv = conv.double()
    x = x32.double().requires_grad_(True)
    out = torch.zeros(B, t_out, cout, dtype=torch.float64)
    rows = []
    for b, n in enumerate(lengths):
        y = conv(x[b:b + 1, :n].transpose(1, 2)).transpose(1, 2)[0]  # [n', out]
        rows.append(y)
        r32[b, y.shape[0]:] = 0
    out = torch.stack([torch.cat([y, torch.zeros(t_out - y.shape[0], cout, dtype=torch.float64)]) for y in rows])
    (out * r32.double()).sum().backward()
    tensors = dict(params32)
    tensors.update({"x": x32, "r": r32, "out": f32(out), "grad.x": f32(x.grad)})
    for n, p in conv.named_parameters():
        tensors["grad." + n] = f32(p.grad)
    if lengths != [T] * B:
        tensors["lengths"] = torch.tensor(lengths, dtype=torch.float32)
    save_safetensors(os.path.join(OUT, "layers", "conv1d_" + name + ".safetensors"), tensors,
                     dict(in_channels=cin, out_channels=cout, kernel_size=k, stride=stride, padding=padding,
                          bias=str(bias).lower()))


def attention_pool_case(name, seed, D, lengths=None, B=3, T=6):
    torch.manual_seed(seed)
    w32 = torch.randn(1, D)
    x32 = torch.randn(B, T, D)
    r32 = torch.randn(B, D)
    lengths = lengths or [T] * B
    w = w32.double().requires_grad_(True)
    x = x32.double().requires_grad_(True)
    outs = []
    for b, n in enumerate(lengths):
        h = x[b, :n]                              # [n, D]
        alpha = torch.softmax(h @ w.t(), dim=0)   # [n, 1]
        outs.append((alpha * h).sum(0))
    out = torch.stack(outs)
    (out * r32.double()).sum().backward()
    tensors = {"weight": w32, "x": x32, "r": r32, "out": f32(out), "grad.weight": f32(w.grad), "grad.x": f32(x.grad)}
    if lengths != [T] * B:
        tensors["lengths"] = torch.tensor(lengths, dtype=torch.float32)
    save_safetensors(os.path.join(OUT, "layers", "attention_pool_" + name + ".safetensors"), tensors, dict(size=D))


def attention_stats_pool_case(name, seed, D, lengths=None, B=3, T=6):
    torch.manual_seed(seed)
    w32 = torch.randn(1, D)
    x32 = torch.randn(B, T, D)
    r32 = torch.randn(B, 2 * D)
    lengths = lengths or [T] * B
    w = w32.double().requires_grad_(True)
    x = x32.double().requires_grad_(True)
    outs = []
    for b, n in enumerate(lengths):
        if n == 0:
            outs.append(torch.zeros(2 * D, dtype=torch.float64))
            continue
        h = x[b, :n]                              # [n, D]
        alpha = torch.softmax(h @ w.t(), dim=0)   # [n, 1]
        mu = (alpha * h).sum(0)
        sigma = torch.sqrt((alpha * (h - mu) ** 2).sum(0) + 1e-5)
        outs.append(torch.cat([mu, sigma]))
    out = torch.stack(outs)
    (out * r32.double()).sum().backward()
    tensors = {"weight": w32, "x": x32, "r": r32, "out": f32(out), "grad.weight": f32(w.grad), "grad.x": f32(x.grad)}
    if lengths != [T] * B:
        tensors["lengths"] = torch.tensor(lengths, dtype=torch.float32)
    save_safetensors(os.path.join(OUT, "layers", "attention_stats_pool_" + name + ".safetensors"), tensors, dict(size=D))


def dense_cross_entropy_case():
    """nn.Linear(5, 3) on x [4,5], mean cross-entropy against class targets (stored as floats)."""
    torch.manual_seed(101)
    lin = nn.Linear(5, 3)
    x32 = torch.randn(4, 5)
    target = torch.tensor([0, 2, 1, 2])
    w32, b32 = lin.weight.detach().clone(), lin.bias.detach().clone()
    lin = lin.double()
    x = x32.double().requires_grad_(True)
    logits = lin(x)
    loss = nn.functional.cross_entropy(logits, target)
    loss.backward()
    save_safetensors(os.path.join(OUT, "dense_cross_entropy.safetensors"), {
        "weight": w32, "bias": b32, "x": x32, "target": target.float(),
        "logits": f32(logits), "loss": f32(loss.reshape(1)),
        "grad.weight": f32(lin.weight.grad), "grad.bias": f32(lin.bias.grad), "grad.x": f32(x.grad),
    }, dict(in_features=5, out_features=3, reduction="mean"))


def lookback(ids, num_classes, distances, counter_bits, default_class=0):
    """Recur's `lookback` layer (docs/model-format.md): ids [B, T] long, ids[:, 0] the start token."""
    B, T = ids.shape
    events = ids[:, 1:]                                  # events[:, k] = event k (input k + 1)

    def event_at(k):                                     # [B, T]: event k[t] for each step t, default before 0
        e = torch.full((B, T), default_class, dtype=torch.long)
        ok = k >= 0
        e[:, ok] = events[:, k[ok]]
        return e
    t = torch.arange(T)
    parts = [nn.functional.one_hot(ids, num_classes)]
    parts += [nn.functional.one_hot(event_at(t - d), num_classes) for d in distances]
    parts.append(((t[:, None] >> torch.arange(counter_bits)) & 1).float().mul(2).sub(1).expand(B, T, counter_bits))
    last = event_at(t - 1)
    for d in distances:
        ok = (t - 1 - d >= 0) & (t >= 1)
        parts.append(((last == event_at(t - 1 - d)) & ok).float()[..., None])
    return torch.cat([q.float() for q in parts], dim=-1)


class Attention(nn.Module):
    """Recur's `attention` layer (docs/model-format.md), for full-length rows."""

    def __init__(self, H, A, N):
        super().__init__()
        self.key_weight = nn.Parameter(torch.empty(A, H))
        self.query_weight = nn.Parameter(torch.empty(A, H))
        self.query_bias = nn.Parameter(torch.empty(A))
        self.v = nn.Parameter(torch.empty(A))
        self.N = N

    def forward(self, x):
        keys, queries = x @ self.key_weight.T, x @ self.query_weight.T + self.query_bias
        out = []
        for t in range(x.shape[1]):
            lo = max(0, t - self.N)
            if lo == t:
                out.append(torch.cat([x[:, t], torch.zeros_like(x[:, t])], -1))
                continue
            s = torch.tanh(keys[:, lo:t] + queries[:, t:t + 1]) @ self.v
            a = torch.softmax(s, -1)
            out.append(torch.cat([x[:, t], (a[..., None] * x[:, lo:t]).sum(1)], -1))
        return torch.stack(out, 1)


def melody_layers_case():
    """The melody-structure layers: lookback on token ids, attention with gradients of L = sum(out * r)."""
    torch.manual_seed(303)
    V, distances, bits, default = 6, [3, 5], 4, 1
    ids = torch.randint(0, V - 1, (2, 13))
    ids[:, 0] = V - 1                                   # the start token
    ids[1, 6:10] = ids[1, 3]                            # some repeats
    ids[0, 9] = ids[0, 6]
    look = lookback(ids, V, distances, bits, default)
    H, A, N = 4, 3, 3
    att = Attention(H, A, N)
    with torch.no_grad():
        for q in att.parameters():
            q.copy_(torch.randn(q.shape))
    x32 = torch.randn(2, 7, H)
    r = torch.randn(2, 7, 2 * H)
    params32 = {n: q.detach().clone() for n, q in att.named_parameters()}
    att = att.double()
    x = x32.double().requires_grad_(True)
    out = att(x)
    (out * r.double()).sum().backward()
    tensors = {"lookback.ids": ids.float(), "lookback.out": look, "attention.x": x32, "attention.r": r,
               "attention.out": f32(out), "attention.grad.x": f32(x.grad)}
    for n, q in att.named_parameters():
        tensors["attention." + n] = params32[n]
        tensors["attention.grad." + n] = f32(q.grad)
    save_safetensors(os.path.join(OUT, "melody_layers.safetensors"), tensors, dict(
        lookback_num_classes=V, lookback_distances=",".join(map(str, distances)), lookback_counter_bits=bits,
        lookback_default_class=default, attention_input_size=H, attention_attention_size=A, attention_length=N))


def soft_cross_entropy_case():
    """Cross-entropy of logits [5,4] against probability targets (mixup's soft labels), mean over rows."""
    torch.manual_seed(102)
    x32 = torch.randn(5, 4) * 2
    t = torch.softmax(torch.randn(5, 4), dim=1)
    x = x32.double().requires_grad_(True)
    loss = nn.functional.cross_entropy(x, t.double())
    loss.backward()
    save_safetensors(os.path.join(OUT, "soft_cross_entropy.safetensors"), {
        "logits": x32, "targets": f32(t), "loss": f32(loss.reshape(1)), "grad.logits": f32(x.grad),
    }, dict(reduction="mean", targets="probabilities"))


def optimizer_case():
    """Five steps of each optimizer on one [3,4] parameter with fixed gradients g0..g4."""
    torch.manual_seed(202)
    p0 = torch.randn(3, 4)
    grads = [torch.randn(3, 4) for _ in range(5)]
    tensors = {"p0": p0}
    for i, g in enumerate(grads):
        tensors["g%d" % i] = g
    settings = {
        "adam": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0),
        "adam_wd": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
        "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
        "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
        "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True),
        "sgd_plain": lambda ps: torch.optim.SGD(ps, lr=0.1),
    }
    for key, make in settings.items():
        p = p0.double().clone().requires_grad_(True)
        opt = make([p])
        for i, g in enumerate(grads):
            p.grad = g.double().clone()
            opt.step()
            tensors["%s.p%d" % (key, i + 1)] = f32(p)
        st = opt.state[p]
        for k in ("exp_avg", "exp_avg_sq", "momentum_buffer"):
            if st.get(k) is not None:
                tensors["%s.%s" % (key, k)] = f32(st[k])

    # clip_grad_norm_ on two tensors, once clipping and once not
    torch.manual_seed(203)
    a, b = torch.randn(3, 4).double(), torch.randn(5).double()
    tensors["clip.a"], tensors["clip.b"] = f32(a), f32(b)
    for max_norm, key in ((1.0, "clip1"), (100.0, "clip100")):
        pa = torch.zeros(3, 4, dtype=torch.float64, requires_grad=True)
        pb = torch.zeros(5, dtype=torch.float64, requires_grad=True)
        pa.grad, pb.grad = a.clone(), b.clone()
        norm = torch.nn.utils.clip_grad_norm_([pa, pb], max_norm)
        tensors[key + ".norm"] = f32(norm.reshape(1))
        tensors[key + ".a"], tensors[key + ".b"] = f32(pa.grad), f32(pb.grad)
    save_safetensors(os.path.join(OUT, "optimizers.safetensors"), tensors, {
        "adam": "lr=0.01 betas=(0.9,0.999) eps=1e-8 weight_decay=0",
        "adam_wd": "lr=0.01 betas=(0.8,0.99) eps=1e-6 weight_decay=0.1",
        "adamw": "lr=0.01 betas=(0.9,0.999) eps=1e-8 weight_decay=0.1",
        "sgd_momentum": "lr=0.1 momentum=0.9 weight_decay=0.01",
        "sgd_nesterov": "lr=0.1 momentum=0.9 weight_decay=0.01 nesterov=True",
        "sgd_plain": "lr=0.1",
    })


def dtypes_case():
    """The same values stored as F32, F64, F16 and BF16 (values exact in every type), for the reader."""
    v = torch.tensor([[0.0, 1.0, -2.5], [0.125, 96.0, -0.0078125]])
    save_safetensors(os.path.join(OUT, "dtypes.safetensors"),
                     {"f32": v, "f64": v, "f16": v, "bf16": v, "scalar": torch.tensor(3.0), "empty": torch.zeros(0, 4)},
                     {"source": "make_fixtures.py"},
                     {"f64": "F64", "f16": "F16", "bf16": "BF16"})


# ---- model directories made the way docs/model-format.md tells PyTorch users to ----

def save_safetensors_docs(path, state_dict):
    """The snippet from docs/model-format.md, verbatim: torch + struct + json only."""
    header, blobs, offset = {}, [], 0
    for name in sorted(state_dict):
        t = state_dict[name].detach().to(torch.float32).contiguous().cpu()
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


class Tagger(nn.Module):
    """Per-step classes from normalized 4-feature steps: LSTM (2 layers) then Linear on every step."""
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(4, 8, num_layers=2, batch_first=True)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out)


class Classifier(nn.Module):
    """One label per sequence: bidirectional GRU, output of the last step, Linear."""
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(2, 5, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(10, 2)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


def write_csv(path, rows, header=None):
    with open(path, "w") as f:
        if header:
            f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) for v in r) + "\n")


def model_dirs():
    torch.manual_seed(301)
    tagger = Tagger()
    mean, std = torch.randn(4), torch.rand(4) + 0.5
    x = torch.randn(7, 4) * std + mean
    d = os.path.join(OUT, "pytorch_tagger")
    os.makedirs(d, exist_ok=True)
    save_safetensors_docs(os.path.join(d, "model.safetensors"), tagger.state_dict())
    model_json = {
        "format": "recur-model", "version": 1, "task": "sequence",
        "layers": [
            {"name": "rnn", "type": "lstm", "config": {"input_size": 4, "hidden_size": 8, "num_layers": 2}},
            {"name": "fc", "type": "dense", "config": {"in_features": 8, "out_features": 3}},
        ],
        "labels": ["rest", "note", "chord"],
        "normalization": {"mean": mean.tolist(), "std": std.tolist()},
        "features": {"kind": "hand-made"},
        "metadata": {"trained_with": "PyTorch 1.13"},
    }
    with open(os.path.join(d, "model.json"), "w") as f:
        json.dump(model_json, f, indent=2)
    write_csv(os.path.join(d, "input.csv"), x.tolist(), ["a", "b", "c", "d"])
    with torch.no_grad():
        xn = ((x.double() - mean.double()) / std.double()).unsqueeze(0)
        y = tagger.double()(xn)[0]
    write_csv(os.path.join(d, "expected.csv"), y.tolist())

    torch.manual_seed(302)
    clf = Classifier()
    x = torch.randn(6, 2)
    d = os.path.join(OUT, "pytorch_classifier")
    os.makedirs(d, exist_ok=True)
    save_safetensors_docs(os.path.join(d, "model.safetensors"), clf.state_dict())
    model_json = {
        "format": "recur-model", "version": 1, "task": "classification",
        "layers": [
            {"name": "rnn", "type": "gru", "config": {"input_size": 2, "hidden_size": 5, "bidirectional": True}},
            {"name": "last", "type": "last_step", "config": {"size": 10}},
            {"name": "fc", "type": "dense", "config": {"in_features": 10, "out_features": 2}},
        ],
        "labels": ["calm", "busy"],
    }
    with open(os.path.join(d, "model.json"), "w") as f:
        json.dump(model_json, f, indent=2)
    write_csv(os.path.join(d, "input.csv"), x.tolist())
    with torch.no_grad():
        y = clf.double()(x.double().unsqueeze(0))
    write_csv(os.path.join(d, "expected.csv"), y.tolist())


def main():
    torch.set_num_threads(1)
    seed = 1
    for mode in ("rnn_tanh", "rnn_relu", "lstm", "gru"):
        for layers in (1, 2):
            for bidirectional in (False, True):
                recurrent_case(mode, layers, bidirectional, seed)
                seed += 1
    recurrent_case("lstm", 2, True, 50, lengths=[5, 2, 4])
    recurrent_case("gru", 1, True, 51, lengths=[3, 5, 1])
    recurrent_case("rnn_tanh", 1, False, 52, lengths=[5, 2, 4])
    recurrent_case("gru", 1, False, 53, bias=False)
    recurrent_case("lstm", 1, False, 54, bias=False)
    conv1d_case("k3_s1_p1", 60, 3, 4, 3, 1, 1)
    conv1d_case("k5_s2_p2_lengths", 61, 4, 5, 5, 2, 2, lengths=[9, 6, 3])
    conv1d_case("k4_s3_p0_nobias", 62, 2, 3, 4, 3, 0, bias=False)
    attention_pool_case("full", 63, 5)
    attention_pool_case("lengths", 64, 4, lengths=[6, 3, 1])
    attention_stats_pool_case("full", 65, 5)
    attention_stats_pool_case("lengths", 66, 4, lengths=[6, 3, 1, 0], B=4)
    dense_cross_entropy_case()
    melody_layers_case()
    soft_cross_entropy_case()
    optimizer_case()
    dtypes_case()
    model_dirs()


if __name__ == "__main__":
    main()
