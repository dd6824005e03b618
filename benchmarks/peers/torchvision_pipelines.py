#!/usr/bin/python3
"""Peer figures for the "transforms" benchmark suite: torchvision 0.14's per-sample (PIL) recipe pipelines.

Run on the same machine, in the same session as the suite:
    /usr/bin/python3 benchmarks/peers/torchvision_pipelines.py [--batches N]

Synthetic CIFAR-sized uint8 images (N x 32 x 32 x 3, as torchvision.datasets.CIFAR10 stores them) go through each recipe's
transforms in a DataLoader, exactly as a CIFAR10 dataset would deliver them (PIL image per sample). Throughput is
measured in steady state: the first batch (worker start-up) is not timed.
"""
import argparse
import os
import time

import numpy as np
import torch
import torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms as T

CIFAR_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR_STD = (0.2470, 0.2435, 0.2616)


class SyntheticCifar(Dataset):
    def __init__(self, count, transform):
        rng = np.random.default_rng(20121203)
        self.data = rng.integers(0, 256, size=(count, 32, 32, 3), dtype=np.uint8)
        self.targets = rng.integers(0, 10, size=count).tolist()
        self.transform = transform

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.transform(Image.fromarray(self.data[index])), self.targets[index]


def cifar_bn_train():
    return T.Compose([
        T.RandomCrop(32, padding=4),
        T.RandomHorizontalFlip(),
        T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2, hue=0.1),
        T.RandomGrayscale(0.3),
        T.ToTensor(),
        T.Normalize(CIFAR_MEAN, CIFAR_STD),
    ])


def resize_227_train():
    return T.Compose([T.Resize(227), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(CIFAR_MEAN, CIFAR_STD)])


def images_per_second(transform, batch_size, workers, batches):
    dataset = SyntheticCifar(batch_size * (batches + 1), transform)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=workers, drop_last=True)
    iterator = iter(loader)
    next(iterator)  # start-up and first batch, not timed
    start = time.perf_counter()
    count = 0
    for images, _ in iterator:
        count += images.shape[0]
    return count / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=8, help="timed batches per measurement")
    args = parser.parse_args()
    torch.manual_seed(0)
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, {os.cpu_count()} CPUs, "
          f"torch threads {torch.get_num_threads()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| torchvision pipeline (PIL, per sample) | batch | workers | img/s |")
    print("|---|---|---|---|")
    for name, make, batch, workers in [
        ("CIFAR BN train: RandomCrop(32, pad 4), flip, ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), ToTensor, Normalize", cifar_bn_train, 512, 0),
        ("CIFAR BN train (same)", cifar_bn_train, 512, 2),
        ("227 train: Resize(227), flip, ToTensor, Normalize", resize_227_train, 128, 2),
    ]:
        rate = images_per_second(make(), batch, workers, args.batches)
        print(f"| {name} | {batch} | {workers} | {rate:,.0f} |")
    print()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
