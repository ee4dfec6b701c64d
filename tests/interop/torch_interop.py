#!/usr/bin/python3
"""PyTorch side of tst_checkpoint: writes the files a user would bring, and
reads back the files AIA Studio writes. Needs Debian's python3-torch only.

  torch_interop.py write SPEC.json DIR   -> DIR/*.pth, DIR/*.safetensors, DIR/evil.pth
  torch_interop.py check SPEC.json DIR   -> reads DIR/ours.pth and DIR/ours.safetensors

SPEC.json: [[key, [shape...], dtype], ...] in state_dict order. Values follow
value(key index k, flat index i) = sin(0.37 * i + k) (integers: (i + k) % 7),
which the C++ test reproduces.
"""
import collections
import json
import math
import os
import struct
import sys

import torch

DTYPES = {"float32": torch.float32, "int64": torch.int64}
ST_NAMES = {torch.float32: "F32", torch.int64: "I64", torch.float64: "F64"}


def expected_tensor(k, shape, dtype):
    n = math.prod(shape) if shape else 1
    i = torch.arange(n, dtype=torch.float64)
    if dtype == torch.int64:
        return ((torch.arange(n) + k) % 7).reshape(shape)
    return torch.sin(0.37 * i + k).to(dtype).reshape(shape)


def build_module(spec):
    """A real nn.Module whose state_dict() has exactly the spec's keys."""
    root = torch.nn.Module()
    for k, (key, shape, dtype) in enumerate(spec):
        *path, leaf = key.split(".")
        mod = root
        for part in path:
            if not hasattr(mod, part):
                mod.add_module(part, torch.nn.Module())
            mod = getattr(mod, part)
        value = expected_tensor(k, shape, DTYPES[dtype])
        if dtype == "float32" and not leaf.startswith("running_"):
            mod.register_parameter(leaf, torch.nn.Parameter(value))
        else:
            mod.register_buffer(leaf, value)
    return root


class Wrapper(torch.nn.Module):  # the paper's model: timm model as attribute `net`
    def __init__(self, net):
        super().__init__()
        self.net = net


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().numpy().tobytes()
        header[name] = {"dtype": ST_NAMES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    names = {v: k for k, v in ST_NAMES.items()}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dtype = names[info["dtype"]]
        buf = bytearray(data[8 + n + b:8 + n + e])
        out[name] = torch.frombuffer(buf, dtype=dtype).reshape(info["shape"]) if e > b else \
            torch.empty(info["shape"], dtype=dtype)
    return out


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def write(spec, out):
    model = build_module(spec)
    sd = model.state_dict()
    assert type(sd) is collections.OrderedDict and hasattr(sd, "_metadata")
    torch.save(sd, os.path.join(out, "state_dict.pth"))
    torch.save({"state_dict": sd, "epoch": 3, "best": 0.5}, os.path.join(out, "nested_state_dict.pth"))
    torch.save({"model": sd, "optimizer": {"state": {}, "param_groups": [{"lr": 1e-4}]}},
               os.path.join(out, "nested_model.pth"))
    torch.save(Wrapper(model).state_dict(), os.path.join(out, "net_prefix.pth"))
    torch.save(sd, os.path.join(out, "protocol4.pth"), pickle_protocol=4)
    write_safetensors(os.path.join(out, "state_dict.safetensors"), sd)
    torch.save({"weights": sd, "payload": Evil()}, os.path.join(out, "evil.pth"))


def check(spec, out):
    module = build_module(spec)
    problems = []
    for name in ("ours.pth", "ours.safetensors"):
        path = os.path.join(out, name)
        if name.endswith(".pth"):
            # weights_only: the file must hold nothing but tensors and containers
            sd = torch.load(path, weights_only=True)
        else:
            sd = read_safetensors(path)
        keys = [key for key, _, _ in spec]
        if list(sd.keys()) != keys:
            problems.append(f"{name}: keys differ from the spec")
            continue
        for k, (key, shape, dtype) in enumerate(spec):
            want = expected_tensor(k, shape, DTYPES[dtype]) * (2 if dtype == "float32" else 1)
            if sd[key].dtype != want.dtype or not torch.equal(sd[key], want):
                problems.append(f"{name}: {key} differs")
        try:
            module.load_state_dict(sd, strict=True)
        except RuntimeError as e:
            problems.append(f"{name}: load_state_dict failed: {e}")
    print(json.dumps({"ok": not problems, "problems": problems}))
    return 0 if not problems else 1


if __name__ == "__main__":
    mode, spec_path, out_dir = sys.argv[1:4]
    with open(spec_path) as f:
        spec = json.load(f)
    if mode == "write":
        write(spec, out_dir)
    else:
        sys.exit(check(spec, out_dir))
