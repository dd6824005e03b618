"""PyTorch's side of the "weights-load" benchmark (benchmarks/AlexNet.Benchmarks/Interop/WeightsLoadBenchmark.cs).

Usage: /usr/bin/python3 benchmarks/pytorch/weights_load.py FILE [REPS]
Builds torchvision's AlexNet, then times torch.load(FILE) + load_state_dict REPS times (default 3), and prints the
same lines as the C# suite: each load's seconds, the resident memory after the model is built and the peak (VmHWM).
"""
import os
import statistics
import sys
import time

import torch
import torchvision


def kilobytes(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))


def main(path, reps):
    print("Load average at start:", " ".join(open("/proc/loadavg").read().split()[:3]))
    model = torchvision.models.alexnet()
    resident = kilobytes("VmRSS:")
    seconds = []
    for _ in range(reps):
        start = time.perf_counter()
        model.load_state_dict(torch.load(path), strict=True)
        seconds.append(time.perf_counter() - start)
    peak = kilobytes("VmHWM:")
    print(f"file: {path} ({os.path.getsize(path) >> 20} MB)")
    print(f"load seconds: {' '.join(f'{s:.2f}' for s in seconds)} (median {statistics.median(seconds):.2f})")
    print(f"resident after building the model: {resident >> 10} MB; peak: {peak >> 10} MB; peak - model: {(peak - resident) >> 10} MB")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
