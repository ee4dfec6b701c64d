#!/usr/bin/python3
"""Decoding speed per image format with Pillow, the paper's loader: every file
of DIR/<format>/ opened, converted to RGB and resized to SIZE x SIZE (bilinear,
as torchvision's Resize), on 2 threads, repeated until a second has passed.
Prints "<format> <images/s>", or "<format> cannot-open" when Pillow does not
read the format.   Usage: decode_pillow.py DIR SIZE"""

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from PIL import Image


def load(path, size):
    with Image.open(path) as image:
        return image.convert("RGB").resize((size, size), Image.BILINEAR)


def speed(files, size):
    done, start = 0, time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        while done == 0 or time.perf_counter() - start < 1.0:
            list(pool.map(lambda p: load(p, size), files))
            done += len(files)
    return done / (time.perf_counter() - start)


def main():
    root, size = sys.argv[1], int(sys.argv[2])
    for fmt in sorted(os.listdir(root)):
        folder = os.path.join(root, fmt)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        try:
            print(f"{fmt} {speed(files, size):.1f}")
        except Exception:  # Pillow 9.4 has no HEIF, AVIF, JPEG XL or RAW reader
            print(f"{fmt} cannot-open")


if __name__ == "__main__":
    main()
