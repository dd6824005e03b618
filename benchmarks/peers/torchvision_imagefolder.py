#!/usr/bin/python3
"""Peer figure for the "imagefolder" benchmark suite: torchvision 0.14's ImageFolder + PIL, 2 DataLoader workers.

The suite writes the JPEG folder and runs this script on it in the same run:
    /usr/bin/python3 benchmarks/peers/torchvision_imagefolder.py --root DIR [--batch 64] [--workers 2] [--epochs 2]

Pipeline (per sample, PIL): ImageFolder's loader (open + convert("RGB")), Resize(256), RandomCrop(224),
RandomHorizontalFlip, ToTensor, Normalize(ImageNet). Throughput is images per second over whole epochs after the first
batch (worker start-up is not timed); the best epoch is printed, as the suite does for its own figure.
"""
import argparse
import os
import time

import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision import transforms as T


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    torch.manual_seed(0)
    transform = T.Compose([
        T.Resize(256),
        T.RandomCrop(224),
        T.RandomHorizontalFlip(),
        T.ToTensor(),
        T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    dataset = datasets.ImageFolder(args.root, transform=transform)
    loader = DataLoader(dataset, batch_size=args.batch, shuffle=True, num_workers=args.workers, drop_last=True,
                        persistent_workers=args.workers > 0)
    best = 0.0
    for _ in range(args.epochs):
        iterator = iter(loader)
        next(iterator)  # start-up and first batch, not timed
        start = time.perf_counter()
        count = 0
        for images, _ in iterator:
            count += images.shape[0]
        best = max(best, count / (time.perf_counter() - start))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"torchvision {torchvision.__version__} ImageFolder+PIL, {args.workers} workers, batch {args.batch}, "
          f"{len(dataset)} images: {best:.1f} img/s (load average {load})")


if __name__ == "__main__":
    main()
