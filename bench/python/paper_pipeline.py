#!/usr/bin/python3
"""The paper's input pipeline as its Python code builds it (PIL, torchvision
transforms, a DataLoader with 2 workers), timed over one epoch of a folder of
JPEG files. Usage: paper_pipeline.py FOLDER [SIZE] [BATCH]. Prints images/s."""
import os
import sys
import time

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class Folder(Dataset):
    def __init__(self, root, transform):
        self.files = sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(".jpg"))
        self.transform = transform

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        image = Image.open(self.files[i]).convert("RGB")
        return self.transform(image), torch.zeros(10)


def main():
    root = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 448
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    t = transforms.Compose([
        transforms.Resize((size, size)),
        transforms.RandomHorizontalFlip(),
        transforms.RandomVerticalFlip(),
        transforms.ToTensor(),
        transforms.Normalize(mean=[0.3928, 0.4079, 0.3531], std=[0.2559, 0.2436, 0.2544]),
    ])
    loader = DataLoader(Folder(root, t), batch_size=batch, shuffle=True, num_workers=2)
    start = time.perf_counter()
    n = 0
    for images, _ in loader:
        n += images.shape[0]
    print(f"{n / (time.perf_counter() - start):.1f}")


if __name__ == "__main__":
    main()
