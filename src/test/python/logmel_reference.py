#!/usr/bin/python3
"""Reference log-mel frames for dev.recur.audio.LogMel, computed independently with numpy (float64).

Run from the repository root:

    /usr/bin/python3 src/test/python/logmel_reference.py

Writes src/test/resources/fixtures/logmel/<case>.safetensors, each holding the test signal "x" [n] (float32,
what Recur reads) and the expected frames "frames" [n // hop, bands (x2 with deltas)], with the settings as
metadata. The definition (docs/audio.md): frame t covers samples t*hop + hop/2 - frame/2 onwards (zeros
outside the signal), periodic Hann window, power spectrum, HTK-mel triangular filters (edges equally spaced
in mel from low_hz to high_hz, weights on each bin's exact frequency, peak 1), natural log of max(energy, 1e-10);
deltas: regression over +-2 frames with the edge frames repeated.
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "logmel")


def save_safetensors(path, tensors, metadata):
    """Its own writer (numpy only, not make_fixtures.py's torch one), so the reference shares no code with torch."""
    header = {"__metadata__": {k: str(v) for k, v in sorted(metadata.items())}}
    blobs, offset = [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
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


def hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def mel_to_hz(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def filter_bank(sr, n, bands, low, high):
    edges = mel_to_hz(np.linspace(hz_to_mel(low), hz_to_mel(high), bands + 2))
    freqs = np.arange(n // 2 + 1) * sr / n
    lo, c, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    return np.maximum(0.0, np.minimum((freqs - lo) / (c - lo), (hi - freqs) / (hi - c)))


def log_mel(x, sr, n, hop, bands, low, high, deltas):
    x = x.astype(np.float64)
    frames = len(x) // hop
    padded = np.concatenate([np.zeros(n), x, np.zeros(n)])
    starts = np.arange(frames) * hop + hop // 2 - n // 2 + n
    windows = padded[starts[:, None] + np.arange(n)[None, :]]
    hann = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n) / n)
    power = np.abs(np.fft.rfft(windows * hann, axis=1)) ** 2
    out = np.log(np.maximum(power @ filter_bank(sr, n, bands, low, high).T, 1e-10))
    if deltas:
        p = np.concatenate([out[:1], out[:1], out, out[-1:], out[-1:]])
        d = (2 * (p[4:] - p[:-4]) + (p[3:-1] - p[1:-3])) / 10.0
        out = np.concatenate([out, d], axis=1)
    return out


def signal(sr, seconds, seed):
    """A chirp, two steady tones, noise, a silent stretch and an odd-length tail: every band gets work."""
    rng = np.random.default_rng(seed)
    n = int(sr * seconds) + 77
    t = np.arange(n) / sr
    f = 60.0 + (sr / 2.2 - 60.0) * t / seconds
    x = 0.4 * np.sin(2 * np.pi * np.cumsum(f) / sr) + 0.2 * np.sin(2 * np.pi * 220.0 * t) \
        + 0.1 * np.sin(2 * np.pi * 3520.0 * t) + 0.05 * rng.standard_normal(n)
    x[n // 3: n // 3 + sr // 4] = 0.0
    return x.astype(np.float32)


CASES = [
    ("default_64", dict(sr=22050, n=2048, hop=512, bands=64, low=0.0, high=11025.0, deltas=False), 1.5, 1),
    ("bands_96_deltas", dict(sr=22050, n=2048, hop=512, bands=96, low=0.0, high=11025.0, deltas=True), 1.0, 2),
    ("sr16k_40_50to7000", dict(sr=16000, n=1024, hop=256, bands=40, low=50.0, high=7000.0, deltas=False), 1.0, 3),
]


def main():
    for name, s, seconds, seed in CASES:
        x = signal(s["sr"], seconds, seed)
        frames = log_mel(x, **s)
        meta = dict(sample_rate=s["sr"], frame_size=s["n"], hop_size=s["hop"], mel_bands=s["bands"],
                    low_hz=s["low"], high_hz=s["high"], deltas=str(s["deltas"]).lower())
        save_safetensors(os.path.join(OUT, name + ".safetensors"), {"x": x, "frames": frames.astype(np.float32)}, meta)
        print(name, frames.shape)


if __name__ == "__main__":
    main()
