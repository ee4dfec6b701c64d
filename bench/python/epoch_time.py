#!/usr/bin/python3
"""The seed's Python pipeline over a Corel-5k-sized epoch, timed like
bench_epoch: the paper's input pipeline (PIL, torchvision transforms, a
DataLoader with 2 workers) feeding TResNet-M training steps, then scoring,
over a few batches, extrapolated to 4,500 training and 499 test images.
Usage: epoch_time.py WEIGHTS.pth JPEG_DIR [TRAIN_BATCHES] [EVAL_BATCHES]"""
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import transforms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paper_pipeline import Folder  # noqa: E402
from tresnet_m import TResNetM  # noqa: E402


def main():
    torch.set_num_threads(2)
    weights, root = sys.argv[1], sys.argv[2]
    train_batches = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    eval_batches = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    size, batch, labels = 448, 32, 260
    state = torch.load(weights, weights_only=True)
    model = TResNetM(state["head.fc.1.weight"].shape[0])
    model.load_state_dict(state, strict=True)
    norm = transforms.Normalize(mean=[0.3928, 0.4079, 0.3531], std=[0.2559, 0.2436, 0.2544])
    train_t = transforms.Compose([transforms.Resize((size, size)), transforms.RandomHorizontalFlip(),
                                  transforms.RandomVerticalFlip(), transforms.ToTensor(), norm])
    test_t = transforms.Compose([transforms.Resize((size, size)), transforms.ToTensor(), norm])
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.train()
    loader = DataLoader(Folder(root, train_t), batch_size=batch, shuffle=True, num_workers=2)
    start = None
    done = 0
    for images, _ in loader:
        if done == 1:
            start = time.perf_counter()  # the first batch warms up
        y = torch.zeros(images.shape[0], labels)
        y[:, done % labels] = 1
        opt.zero_grad()
        F.binary_cross_entropy_with_logits(model(images), y).backward()
        opt.step()
        done += 1
        if done == train_batches + 1:
            break
    per_train_batch = (time.perf_counter() - start) / (done - 1)

    model.eval()
    test = Folder(root, test_t)
    test.files = test.files[: eval_batches * batch]
    start = time.perf_counter()
    with torch.no_grad():
        for images, _ in DataLoader(test, batch_size=batch, num_workers=2):
            torch.sigmoid(model(images))
    per_eval_image = (time.perf_counter() - start) / len(test.files)
    batches = (4500 + batch - 1) // batch
    train_s, eval_s = batches * per_train_batch, 499 * per_eval_image
    print(f"| seed's Python pipeline (PIL, torchvision, DataLoader) | {per_train_batch:.1f} | {per_eval_image:.3f} | "
          f"{train_s:.0f} | {eval_s:.0f} | {train_s + eval_s:.0f} |")


if __name__ == "__main__":
    main()
