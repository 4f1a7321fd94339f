#!/usr/bin/env python3
"""CUDA figures for TAM-RL inference, measured with PyTorch on a lent GPU machine.

Why PyTorch and not TorchSharp: the GPU machines these sessions are lent have PyTorch but no .NET, and
TorchSharp's CUDA packages are not in this project's package mirror (docs/model.md, "CUDA (opt-in)").
TorchSharp is a binding over the same libtorch kernels, so this script restates, operation for operation,
what `EnsemblePredictor` does for one batch of pixels with the product architecture, and times it:

- the same shapes: a pixel's year cut into 30-day tiles (the last aligned to the series' end), 62 input
  features (10 drivers + 52 static), hidden 128, latent 32, one decoder layer, 10 members;
- the same operations: encoder Linear -> BatchNorm (eval) -> LeakyReLU(0.2) -> forward and backward LSTM
  written as a cell loop (one input product, one addmm per step, gates i, f, g, o) -> summed final states ->
  Linear; leave-one-out mean codes per pixel; decoder Linear, s = 1 + ReLU(W_s z), s*d + s, the LSTM, FiLM,
  head, softplus outputs, the NEE projection; host -> device copy of the inputs once per batch and device ->
  host copy of the outputs per member, as the predictor does;
- beside it the machine's own matmul throughput in the same run (fp32, tf32, bf16), so the figure is a
  fraction of peak, and the fused cuDNN LSTM for the same layer as the headroom a fused kernel would give.

Weights are random (seeded): throughput does not depend on their values. Prints a markdown table.
Usage: python3 bench/cuda/tamrl_inference_cuda.py [--members 10] [--days 365] [--batches 256,1024,4096,16384]
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DRIVERS, STATIC = 10, 18 + 31 + 3


class CellLoopLstm(nn.Module):
    """LstmLayer.cs: one product for every step's input projection, one addmm per step."""

    def __init__(self, n_in, hidden, reverse=False):
        super().__init__()
        self.inp = nn.Linear(n_in, 4 * hidden)
        self.rec = nn.Linear(hidden, 4 * hidden, bias=False)
        self.hidden, self.reverse = hidden, reverse

    def forward(self, x):
        b, steps, _ = x.shape
        gx = self.inp(x)
        h = x.new_zeros(b, self.hidden)
        c = x.new_zeros(b, self.hidden)
        out = [None] * steps
        w = self.rec.weight.t()
        for k in range(steps):
            t = steps - 1 - k if self.reverse else k
            gates = torch.addmm(gx[:, t], h, w)
            sig = gates.sigmoid()
            i, f, _, o = sig.chunk(4, -1)
            g = gates.narrow(-1, 2 * self.hidden, self.hidden).tanh()
            c = torch.addcmul(f * c, i, g)
            h = o * c.tanh()
            out[t] = h
        return torch.stack(out, 1), h


class FusedLstm(nn.Module):
    """The same layer through cuDNN's fused LSTM (headroom only; the product uses the cell loop)."""

    def __init__(self, n_in, hidden, reverse=False):
        super().__init__()
        self.lstm = nn.LSTM(n_in, hidden, batch_first=True)
        self.reverse = reverse

    def forward(self, x):
        if self.reverse:
            x = x.flip(1)
        self.lstm.flatten_parameters()  # weights moved by .to(dtype) must be one block for cuDNN
        y, (h, _) = self.lstm(x)
        if self.reverse:
            y = y.flip(1)
        return y, h[-1]


class TamRl(nn.Module):
    def __init__(self, width, hidden, latent, lstm):
        super().__init__()
        self.embed = nn.Linear(width, hidden)
        self.norm = nn.BatchNorm1d(hidden)
        self.fwd, self.bwd = lstm(hidden, hidden), lstm(hidden, hidden, reverse=True)
        self.code = nn.Linear(hidden, latent)
        self.project = nn.Linear(width, hidden)
        self.scale = nn.Linear(latent, hidden)
        self.film = nn.Linear(latent, 2 * hidden)
        self.dec = lstm(hidden, hidden)
        self.head = nn.Linear(hidden, 3)
        self.hidden = hidden

    def forward(self, q, pixels, tiles):
        n, steps, _ = q.shape
        e = F.leaky_relu(self.norm(self.embed(q).reshape(n * steps, -1)), 0.2).reshape(n, steps, -1)
        codes = self.code(self.fwd(e)[1] + self.bwd(e)[1])
        per = codes.reshape(pixels, tiles, -1)
        z = ((per.sum(1, keepdim=True) - per) / (tiles - 1)).reshape(n, -1)
        s = (1 + F.relu(self.scale(z))).unsqueeze(1)
        d = self.project(q)
        h, _ = self.dec(s * d + s)
        g, b = self.film(z).chunk(2, -1)
        raw = self.head(h * (1 + g.unsqueeze(1)) + b.unsqueeze(1))
        gpp, reco, nee = F.softplus(raw[..., 0]), F.softplus(raw[..., 1]), raw[..., 2]
        e = (gpp - reco + nee) / 3  # FluxOutputs.Balance: projection onto NEE = RECO - GPP
        gpp, reco = (gpp - e).clamp_min(0), (reco + e).clamp_min(0)
        return torch.stack((gpp, reco, reco - gpp), -1)


def tiles_for(days, length):
    starts = list(range(0, days - length + 1, length))
    if starts[-1] + length < days:
        starts.append(days - length)
    return len(starts)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def best_of(fn, device, repeats=3):
    fn()
    sync(device)
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        sync(device)
        best = min(best, time.perf_counter() - t0)
    return best


def matmul_gflops(device, dtype, tf32, n):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    t = best_of(lambda: a @ b, device, 5)
    return 2 * n ** 3 / t / 1e9


def infer_rate(device, members, days, pixels, dtype, tf32, lstm, hidden, latent):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    length, width = 30, DRIVERS + STATIC
    tiles = tiles_for(days, length)
    gen = torch.Generator().manual_seed(42)
    models = []
    for m in range(members):
        torch.manual_seed(1000 + m)
        models.append(TamRl(width, hidden, latent, lstm).to(device=device, dtype=dtype).eval())
    host = torch.randn(pixels * tiles, length, width, generator=gen)
    if device.type == "cuda":
        host = host.pin_memory()

    def run():
        with torch.no_grad():
            q = host.to(device, non_blocking=True).to(dtype)
            for model in models:
                model(q, pixels, tiles).float().cpu()

    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    t = best_of(run, device)
    peak = torch.cuda.max_memory_allocated() / 2**20 if device.type == "cuda" else float("nan")
    flops = members * pixels * tiles * length * flops_per_tile_step(width, hidden, latent)
    return pixels * days / t, flops / t / 1e9, tiles, peak


def flops_per_tile_step(width, hidden, latent):
    """Multiply-adds x 2 of the products per tile and step (element-wise work not counted)."""
    embed = width * hidden
    lstm = 3 * (hidden * 4 * hidden + hidden * 4 * hidden)  # encoder forward + backward, decoder
    project = width * hidden
    head = hidden * 3
    per_tile = (hidden * latent + latent * hidden + latent * 2 * hidden)  # code, scale, film once per tile
    return 2 * (embed + lstm + project + head) + 2 * per_tile / 30


def train_step_seconds(device, hidden, latent, batch, support, lstm, dtype=torch.float32):
    """One Adam step of TAM-RL as MemberTrainer takes it: batch query windows of 30 days, each with its support set."""
    length, width = 30, DRIVERS + STATIC
    torch.manual_seed(7)
    model = TamRlTrain(width, hidden, latent, lstm).to(device=device, dtype=dtype).train()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    q = torch.randn(batch, length, width, device=device, dtype=dtype)
    sup = torch.randn(batch, support, length, width, device=device, dtype=dtype)
    target = torch.randn(batch, length, 3, device=device, dtype=dtype)

    def step():
        opt.zero_grad()
        loss = ((model(q, sup) - target) ** 2).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    return best_of(lambda: [step() for _ in range(10)], device) / 10


class TamRlTrain(TamRl):
    """Training forward: the task code is the mean code of the query's support windows (TaskEncoder.EncodeSupport)."""

    def forward(self, q, sup):
        b, k, steps, width = sup.shape
        w = sup.reshape(b * k, steps, width)
        e = F.leaky_relu(self.norm(self.embed(w).reshape(b * k * steps, -1)), 0.2).reshape(b * k, steps, -1)
        z = self.code(self.fwd(e)[1] + self.bwd(e)[1]).reshape(b, k, -1).mean(1)
        s = (1 + F.relu(self.scale(z))).unsqueeze(1)
        h, _ = self.dec(s * self.project(q) + s)
        g, bb = self.film(z).chunk(2, -1)
        return self.head(F.dropout(h * (1 + g.unsqueeze(1)) + bb.unsqueeze(1), 0.1, self.training))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--members", type=int, default=10)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--batches", default="256,1024,4096,16384")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--train-only", action="store_true", help="only the training-step table")
    a = p.parse_args()
    device = torch.device(a.device)
    name = torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"
    print(f"machine: {name}, torch {torch.__version__}, CUDA {torch.version.cuda}; members {a.members}, "
          f"days {a.days}, hidden {a.hidden}, latent {a.latent}\n")
    n = 8192 if device.type == "cuda" else 1024
    peaks = {
        "fp32": matmul_gflops(device, torch.float32, False, n),
        "tf32": matmul_gflops(device, torch.float32, True, n),
        "bf16": matmul_gflops(device, torch.bfloat16, False, n),
    }
    print("| training step (batch of query windows, 4 support windows each, Adam) | LSTM | batch | s per step | s per epoch of 1480 windows |")
    print("|---|---|---:|---:|---:|")
    for lstm_name, lstm in (("cell loop (as the product)", CellLoopLstm), ("fused cuDNN", FusedLstm)):
        for batch in (32, 256):
            t = train_step_seconds(device, a.hidden, a.latent, batch, 4, lstm)
            print(f"| fp32, hidden {a.hidden} | {lstm_name} | {batch} | {t:.4f} | {t * math.ceil(1480 / batch):.2f} |", flush=True)
    print()
    if a.train_only:
        return
    print("| matmul | n | GFLOP/s |\n|---|---:|---:|")
    for k, v in peaks.items():
        print(f"| {k} | {n} | {v:,.0f} |")
    print()
    print("| LSTM | precision | pixels/batch | tiles/pixel | pixel-days/s (ensemble) | GFLOP/s in products | fraction of matmul peak | peak device memory (MiB) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for lstm_name, lstm in (("cell loop (as the product)", CellLoopLstm), ("fused cuDNN", FusedLstm)):
        for prec, dtype, tf32 in (("fp32", torch.float32, False), ("tf32", torch.float32, True), ("bf16", torch.bfloat16, False)):
            if lstm is FusedLstm and prec == "tf32":
                continue
            for pixels in [int(x) for x in a.batches.split(",")]:
                try:
                    rate, gflops, tiles, peak = infer_rate(device, a.members, a.days, pixels, dtype, tf32, lstm, a.hidden, a.latent)
                except torch.OutOfMemoryError:
                    print(f"| {lstm_name} | {prec} | {pixels} | | out of memory | | | |")
                    torch.cuda.empty_cache()
                    continue
                print(f"| {lstm_name} | {prec} | {pixels} | {tiles} | {rate:,.0f} | {gflops:,.0f} | {gflops / peaks[prec]:.2f} | {peak:,.0f} |", flush=True)
                if device.type == "cuda":
                    torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
