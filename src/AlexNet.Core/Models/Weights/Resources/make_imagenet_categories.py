"""Writes imagenet-categories.txt: torchvision's _IMAGENET_CATEGORIES, one name per line, label order.

Run with Debian's PyTorch (python3-torchvision 0.14): /usr/bin/python3 make_imagenet_categories.py
The test ImageNetCategoriesTests compares the embedded list with torchvision's at test time.
"""
import os

from torchvision.models._meta import _IMAGENET_CATEGORIES

assert len(_IMAGENET_CATEGORIES) == 1000 and len(set(_IMAGENET_CATEGORIES)) == 1000
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imagenet-categories.txt")
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(_IMAGENET_CATEGORIES) + "\n")
