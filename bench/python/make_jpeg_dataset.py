#!/usr/bin/python3
"""Labelled JPEGs in AIA Studio's dataset layout (OUT/train.json,
OUT/test.json, OUT/images/) made with torch and torchvision alone, for a
machine without dataset images or OpenCV (the GPU run, bench/device_run.sh).
Each label has a colour; an image shows a block of each of its 1 to 5 labels
at random places over noise, so that a model can learn the tags.

Usage: make_jpeg_dataset.py OUT TRAIN TEST [WIDTH HEIGHT LABELS]
(default 384 x 256 and 260 labels: Corel-5k's image size and vocabulary)"""
import json
import os
import sys

import torch
from torchvision.io import encode_jpeg


def picture(labels, colours, width, height, g):
    image = torch.randint(60, 196, (3, height, width), generator=g, dtype=torch.uint8)
    bh, bw = height // 4, width // 4
    for k in labels:
        y = int(torch.randint(0, height - bh + 1, (1,), generator=g))
        x = int(torch.randint(0, width - bw + 1, (1,), generator=g))
        image[:, y:y + bh, x:x + bw] = colours[k].view(3, 1, 1)
    return image


def main():
    if len(sys.argv) not in (4, 7):
        sys.exit(__doc__)
    out, counts = sys.argv[1], {"train": int(sys.argv[2]), "test": int(sys.argv[3])}
    width, height, n_labels = (int(v) for v in sys.argv[4:7]) if len(sys.argv) == 7 else (384, 256, 260)
    g = torch.Generator().manual_seed(1)
    colours = torch.randint(0, 256, (n_labels, 3), generator=g, dtype=torch.uint8)
    vocabulary = [f"label{k:03d}" for k in range(n_labels)]
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    for split, count in counts.items():
        samples = []
        for i in range(count):
            labels = sorted(torch.randperm(n_labels, generator=g)[:int(torch.randint(1, 6, (1,), generator=g))].tolist())
            name = f"{split}{i:05d}.jpg"
            with open(os.path.join(out, "images", name), "wb") as f:
                f.write(encode_jpeg(picture(labels, colours, width, height, g), quality=90).numpy().tobytes())
            samples.append({"image_name": name, "image_labels": [vocabulary[k] for k in labels]})
        with open(os.path.join(out, f"{split}.json"), "w") as f:
            json.dump({"labels": vocabulary, "samples": samples}, f)
    print(f"{out}: {counts['train']} train and {counts['test']} test JPEGs, {width} x {height}, {n_labels} labels")


if __name__ == "__main__":
    main()
