#!/usr/bin/python3
"""Peer figures for the "precision" benchmark suite: the same AlexNet train step in PyTorch, float32 and with
torch.autocast("cpu", dtype=torch.bfloat16), on Debian's PyTorch 1.13.

The suite runs it once per variant, right after its own rows, in the same run:
    /usr/bin/python3 benchmarks/peers/precision_train_step.py --variant TorchVision --channels 3 --size 224 --batch 128 \
        --classes 10 --steps 2 --reps 3 --threads 2

One train step is zero_grad, forward, cross-entropy, backward and an SGD step (momentum 0.9, weight decay 5e-4),
as the suite's Trainer.Fit rows. Float32 and bf16 repetitions are interleaved; each repetition times --steps steps
after one untimed warm-up step per precision. Prints one JSON line: median img/s per precision and the per-repetition
times.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def paper(channels, classes):
    """The 2012 paper's network (models.md, Variant.Paper): 96-256-384-384-256 with LRN after conv1 and conv2."""
    return nn.Sequential(
        nn.Conv2d(channels, 96, 11, stride=4), nn.ReLU(inplace=True), nn.LocalResponseNorm(5, 5e-4, 0.75, 2.0),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, padding=2), nn.ReLU(inplace=True), nn.LocalResponseNorm(5, 5e-4, 0.75, 2.0),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(384, 384, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
        nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Linear(4096, classes))


def cifar_batch_norm(channels, classes):
    """The CIFAR-10 batch-norm write-up's AlexNet (models.md, Variant.CifarBatchNorm), with its 4x4 adaptive pool."""
    def conv(cin, cout, padding):
        return [nn.Conv2d(cin, cout, 3, padding=padding), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
    return nn.Sequential(
        *conv(channels, 64, 2), nn.MaxPool2d(2),
        *conv(64, 192, 2), nn.MaxPool2d(2),
        *conv(192, 384, 1), *conv(384, 256, 1), *conv(256, 256, 1), nn.MaxPool2d(3, 2),
        nn.AdaptiveAvgPool2d((4, 4)), nn.Flatten(),
        nn.Dropout(0.2), nn.Linear(4096, 2048), nn.BatchNorm1d(2048), nn.ReLU(inplace=True),
        nn.Dropout(0.2), nn.Linear(2048, 2048), nn.BatchNorm1d(2048), nn.ReLU(inplace=True),
        nn.Linear(2048, classes), nn.BatchNorm1d(classes))


def torchvision_alexnet(channels, classes):
    import torchvision
    model = torchvision.models.alexnet(num_classes=classes)
    if channels != 3:
        model.features[0] = nn.Conv2d(channels, 64, 11, stride=4, padding=2)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", required=True, choices=["Paper", "TorchVision", "CifarBatchNorm"])
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    build = {"Paper": paper, "TorchVision": torchvision_alexnet, "CifarBatchNorm": cifar_batch_norm}[args.variant]
    model = build(args.channels, args.classes)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    images = torch.randn(args.batch, args.channels, args.size, args.size)
    labels = torch.randint(0, args.classes, (args.batch,))

    def step(bf16):
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = nn.functional.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()

    for bf16 in (False, True):
        step(bf16)

    times = {"fp32": [], "bf16": []}
    for rep in range(args.reps):
        order = (False, True) if rep % 2 == 0 else (True, False)
        for bf16 in order:
            start = time.perf_counter()
            for _ in range(args.steps):
                step(bf16)
            times["bf16" if bf16 else "fp32"].append((time.perf_counter() - start) / args.steps)

    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "fp32_img_s": args.batch / statistics.median(times["fp32"]),
        "bf16_img_s": args.batch / statistics.median(times["bf16"]),
        "seconds_per_step": times,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
