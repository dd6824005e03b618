#!/usr/bin/python3
"""Where PyTorch 1.13's autocast bf16 train step goes (the peer of the "precision-profile" suite): one train step of
precision_train_step.py's models under torch.autograd.profiler, self CPU time per operator, largest first.

    /usr/bin/python3 benchmarks/peers/precision_step_profile.py --variant CifarBatchNorm --channels 1 --size 28 --batch 128
"""
import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from precision_train_step import cifar_batch_norm, paper, torchvision_alexnet  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", required=True, choices=["Paper", "TorchVision", "CifarBatchNorm"])
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--rows", type=int, default=25)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    build = {"Paper": paper, "TorchVision": torchvision_alexnet, "CifarBatchNorm": cifar_batch_norm}[args.variant]
    model = build(args.channels, 10)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    images = torch.randn(args.batch, args.channels, args.size, args.size)
    labels = torch.randint(0, 10, (args.batch,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = nn.functional.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()

    step()
    with torch.autograd.profiler.profile() as prof:
        for _ in range(args.steps):
            step()
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=args.rows))


if __name__ == "__main__":
    main()
