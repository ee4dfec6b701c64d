#!/usr/bin/python3
"""TResNet-M in plain PyTorch, written for this benchmark from
shared/docs/tresnet_m.md with timm's module names, so AIA Studio's exported
state_dict loads into it. Usage:
  tresnet_m.py WEIGHTS.pth INPUT_AND_LOGITS.safetensors   check logits equal the C++ ones
  tresnet_m.py WEIGHTS.pth --train-step SIZE BATCH        images/s of a training step
  tresnet_m.py WEIGHTS.pth --bench fwd|train SIZE BATCH nchw|cl fp32|bf16 ITERS
                                                          images/s in a memory format and precision (cl:
                                                          channels-last; bf16: autocast), as bench_model does
  tresnet_m.py --device-steps SIZE BATCH STEPS [cl]       images/s and peak memory of training steps on
                                                          the best device, float32 and bfloat16 autocast
                                                          (the baseline beside aia-check in gpu_check.sh)"""
import json
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout, k, slope=None, blur=False):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, padding=(k - 1) // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.slope, self.blur = slope, blur

    def forward(self, x):
        x = self.bn(self.conv(x))
        if self.slope is not None:
            x = F.leaky_relu(x, self.slope)
        if self.blur:
            c = x.shape[1]
            k = torch.tensor([1.0, 2.0, 1.0], dtype=x.dtype, device=x.device)
            f = (k[:, None] * k[None, :] / 16).expand(c, 1, 3, 3)
            x = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), f, stride=2, groups=c)
        return x


class SE(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.fc1, self.fc2 = nn.Conv2d(c, r, 1), nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(s))))


def downsample(cin, cout):
    return nn.Sequential(nn.AvgPool2d(2, 2, ceil_mode=True, count_include_pad=False), ConvNormAct(cin, cout, 1))


class Basic(nn.Module):
    def __init__(self, cin, planes, stride2):
        super().__init__()
        if stride2 or cin != planes:
            self.downsample = downsample(cin, planes)
        else:
            self.downsample = None
        self.conv1 = ConvNormAct(cin, planes, 3, 1e-3, stride2)
        self.conv2 = ConvNormAct(planes, planes, 3)
        self.se = SE(planes, max(planes // 4, 64))

    def forward(self, x):
        s = self.downsample(x) if self.downsample is not None else x
        return F.relu(self.se(self.conv2(self.conv1(x))) + s)


class Bottleneck(nn.Module):
    def __init__(self, cin, planes, stride2, use_se):
        super().__init__()
        out = planes * 4
        self.downsample = downsample(cin, out) if (stride2 or cin != out) else None
        self.conv1 = ConvNormAct(cin, planes, 1, 1e-3)
        self.conv2 = ConvNormAct(planes, planes, 3, 1e-3, stride2)
        self.se = SE(planes, max(planes * 4 // 8, 64)) if use_se else None
        self.conv3 = ConvNormAct(planes, out, 1)

    def forward(self, x):
        s = self.downsample(x) if self.downsample is not None else x
        y = self.conv2(self.conv1(x))
        if self.se is not None:
            y = self.se(y)
        return F.relu(self.conv3(y) + s)


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = ConvNormAct(48, 64, 3, 1e-2)
        cin, layers = 64, []
        for s, (n, planes) in enumerate(zip([3, 4, 11, 3], [64, 128, 256, 512])):
            blocks = []
            for b in range(n):
                if s < 2:
                    blocks.append(Basic(cin, planes, s > 0 and b == 0))
                    cin = planes
                else:
                    blocks.append(Bottleneck(cin, planes, b == 0, s == 2))
                    cin = planes * 4
            setattr(self, f"layer{s + 1}", nn.Sequential(*blocks))

    def forward(self, x):
        n, c, h, w = x.shape
        x = x.view(n, c, h // 4, 4, w // 4, 4).permute(0, 3, 5, 1, 2, 4).reshape(n, c * 16, h // 4, w // 4)
        x = self.conv1(x)
        for s in range(1, 5):
            x = getattr(self, f"layer{s}")(x)
        return x


class Head(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.fc = nn.Sequential(nn.Dropout(0.3), nn.Linear(2048, classes))


class TResNetM(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.body, self.head = Body(), Head(classes)

    def forward(self, x):
        return self.head.fc(self.body(x).mean((2, 3)))


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        b, e = v["data_offsets"]
        out[k] = torch.frombuffer(bytearray(data[8 + n + b:8 + n + e]), dtype=torch.float32).reshape(v["shape"])
    return out


def device_steps(size, batch, steps, warmup=2, channels_last=False):
    """Training steps timed as a GPU runs them: one synchronisation before the
    timed steps and one after, none in between."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cudnn.benchmark = True
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    for amp in (False, True):
        torch.manual_seed(7)
        model = TResNetM(260).to(device).train().to(memory_format=fmt)
        opt = torch.optim.Adam(model.parameters(), lr=1e-4)
        x = torch.randn(batch, 3, size, size, device=device).contiguous(memory_format=fmt)
        y = (torch.rand(batch, 260, device=device) < 0.05).float()
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats()

        def step():
            opt.zero_grad()
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                logits = model(x)
            F.binary_cross_entropy_with_logits(logits.float(), y).backward()
            opt.step()

        for _ in range(warmup):
            step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(steps):
            step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - start
        peak = torch.cuda.max_memory_allocated() / 2**30 if device.type == "cuda" else float("nan")
        print(f"pytorch {'bf16-amp' if amp else 'fp32'}{' channels-last' if channels_last else ''} images/s\t"
              f"{batch * steps / elapsed:.4g} ({device}, {size} px, batch {batch}); peak memory GiB {peak:.4g}; "
              f"torch {torch.__version__}")


def main():
    if sys.argv[1] == "--device-steps":
        device_steps(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
                     channels_last=len(sys.argv) > 5 and sys.argv[5] == "cl")
        return
    torch.set_num_threads(2)
    state = torch.load(sys.argv[1], weights_only=True)
    model = TResNetM(state["head.fc.1.weight"].shape[0])
    model.load_state_dict(state, strict=True)
    if sys.argv[2] == "--bench":
        mode, size, batch = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        cl, bf16, iters = sys.argv[6] == "cl", sys.argv[7] == "bf16", int(sys.argv[8])
        fmt = torch.channels_last if cl else torch.contiguous_format
        model = model.to(memory_format=fmt)
        torch.manual_seed(1)
        x = torch.randn(batch, 3, size, size).contiguous(memory_format=fmt)
        y = (torch.rand(batch, model.head.fc[1].out_features) < 0.02).float()
        opt = torch.optim.Adam(model.parameters(), lr=1e-4)

        def step():
            if mode == "train":
                model.train()
                opt.zero_grad()
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    logits = model(x)
                F.binary_cross_entropy_with_logits(logits.float(), y).backward()
                opt.step()
            else:
                model.eval()
                with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    model(x).float()

        step()
        start = time.perf_counter()
        for _ in range(iters):
            step()
        print(f"{batch * iters / (time.perf_counter() - start):.2f}")
    elif sys.argv[2] == "--train-step":
        size, batch = int(sys.argv[3]), int(sys.argv[4])
        x = torch.randn(batch, 3, size, size)
        y = (torch.rand(batch, model.head.fc[1].out_features) < 0.02).float()
        opt = torch.optim.Adam(model.parameters(), lr=1e-4)
        model.train()

        def step():
            opt.zero_grad()
            F.binary_cross_entropy_with_logits(model(x), y).backward()
            opt.step()

        step()
        start, iters = time.perf_counter(), 2
        for _ in range(iters):
            step()
        print(f"{batch * iters / (time.perf_counter() - start):.2f}")
    else:
        ref = read_safetensors(sys.argv[2])
        model.eval()
        with torch.no_grad():
            logits = model(ref["input"])
        print(f"{(logits - ref['logits']).abs().max().item():.3g}")


if __name__ == "__main__":
    main()
