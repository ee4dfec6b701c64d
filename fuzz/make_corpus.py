#!/usr/bin/python3
"""Writes the fuzzers' seed corpora into fuzz/corpus/<target>/: small, valid
files of each format, made by the tools users make them with (PyTorch's own
torch.save, Pillow's image writers, exiftool's XMP) or by hand after the spec.
Run with Debian's /usr/bin/python3 (python3-torch, python3-pil, exiftool);
the output is committed, so builds do not need these tools."""

import collections
import io
import json
import os
import struct
import subprocess
import sys
import zipfile

import torch
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def put(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def saved(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def pickle_of(archive):
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return z.read([n for n in z.namelist() if n.endswith("/data.pkl")][0])


torch.manual_seed(0)
plain = collections.OrderedDict(
    [("conv.weight", torch.randn(2, 1, 3, 3)), ("bn.running_mean", torch.zeros(2)),
     ("bn.num_batches_tracked", torch.tensor(3)), ("head.fc.weight", torch.randn(3, 2).half())])
shared = torch.arange(12.0)
views = {"whole": shared, "view": shared[2:8].view(2, 3), "strided": shared.view(3, 4).t()}
checkpoints = {
    "state_dict.pth": saved(plain),
    "nested_state_dict.pth": saved({"state_dict": plain, "epoch": 3, "lr": 0.5, "name": "tresnet_m"}),
    "model_key.pth": saved({"model": {"a": torch.ones(2, dtype=torch.int64)}, "flags": [True, None, (1, 2)]}),
    "views.pth": saved(views),
    "bfloat16.pth": saved({"w": torch.randn(4).bfloat16(), "b": torch.tensor([True, False])}),
}
for name, archive in checkpoints.items():
    put("zip_checkpoint", name, archive)
    put("pickle", name.replace(".pth", ".pkl"), pickle_of(archive))


def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


put("safetensors", "two.safetensors", safetensors(
    {"w": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), "b": ("I64", [1], struct.pack("<q", 7))},
    {"format": "pt"}))
put("safetensors", "half_bool.safetensors", safetensors(
    {"h": ("F16", [3], b"\x00\x3c" * 3), "m": ("BOOL", [2], b"\x01\x00"), "e": ("F32", [0, 4], b"")}))

put("csv", "scores.csv", "image,sky,sea,\"beach, hut\"\nimg1.jpg,0.9,0.1,0.5\nimg2.jpg,0,1,0.25\n")
put("csv", "targets.csv", "image,sky,sea\r\na.jpg,1,0\r\nb.jpg,0,1\r\n")
put("csv", "annotations.csv", "image,tags,sky,sea\nphotos/a.jpg,sky;sea,0.91,0.62\n\"b,1.jpg\",,0.1,0.2\n")
put("csv", "bom_quotes.csv", "\ufeffimage,\"a\"\"b\"\nx,0.5\n")

train = {"labels": ["sky", "sea", "tree"],
         "samples": [{"image_name": "a.png", "image_labels": ["sky", "sea"]},
                     {"image_name": "b.jpg", "image_labels": ["tree"]},
                     {"image_name": "../escape.jpg", "image_labels": ["sky"]},
                     {"image_name": "out.jpg", "image_labels": ["sea"]}]}
test = {"samples": [{"image_name": "b.jpg", "image_labels": ["tree", "unknown"]},
                    {"image_name": "missing.jpg", "image_labels": ["sky"]}]}
normalization = {"mean": [0.5, 0.4, 0.3], "std": [0.25, 0.25, 0.25], "source": "seed"}
put("dataset", "json_layout", "\0".join([json.dumps(train), json.dumps(test), json.dumps(normalization)]))
put("dataset", "csv_layout", "\0".join(["image,tags\na.png,sky;sea\nb.jpg,tree\n", "image,tags\nb.jpg,tree\n", "",
                                        "sky\nsea\ntree\n"]))
shared = os.path.join(os.path.dirname(os.path.dirname(ROOT)), "datasets", "Corel-5k")
for split in ("train", "test"):
    path = os.path.join(shared, split + ".json")
    if os.path.exists(path):
        doc = json.load(open(path))
        doc["samples"] = doc["samples"][:5]
        if split == "train":
            corel_train = json.dumps(doc)
        else:
            put("dataset", "corel_excerpt", corel_train + "\0" + json.dumps(doc))

config = {"data": {"dataset": "demo", "image_size": 64, "val_fraction": 0.1, "val_seed": 1, "workers": 2,
                   "prefetch_batches": 4, "cache_mb": 0, "flips": True},
          "model": {"backbone": "tresnet_nano", "pretrained": "", "pretrained_labels": ["sky", "sea"],
                    "head_dropout": 0.1},
          "optim": {"epochs": 3, "batch_size": 8, "learning_rate": 0.002, "pct_start": 0.2, "div_factor": 25.0,
                    "final_div_factor": 10000.0, "beta1_max": 0.95, "beta1_min": 0.85, "beta2": 0.999,
                    "weight_decay": 0.0001},
          "loss": {"name": "proposed", "plain_bce": False, "gamma_neg": 4.0, "gamma_pos": 3.0, "margin_pos": 1.1,
                   "margin_neg": 0.05, "switch_threshold": 0.25, "eps": 1e-08},
          "run": {"out_dir": "runs/x", "device": "auto", "seed": 1, "threads": 0, "ema": False, "ema_decay": 0.9997,
                  "amp": False, "mode": "finetune", "max_batches_per_epoch": 0, "sync_batch_norm": True}}
put("train_config", "config.json", json.dumps(config, indent=2))
put("train_config", "partial.json", '{"optim": {"epochs": 5}, "run": {"mode": "frozen"}, "_comment": [1, 2]}')
put("train_config", "misspelt.json", '{"optim": {"learnig_rate": 0.5}, "runn": {}}')

put("thresholds", "thresholds.json", '{"a": 0.5, "b": 0.25, "c": 1e-3}')
put("thresholds", "spec_number", "0.35")
put("thresholds", "spec_strategy", "mcc-grid")

sidecar = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:digiKam="http://www.digikam.org/ns/1.0/" xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:MicrosoftPhoto="http://ns.microsoft.com/photo/1.0/">
   <dc:subject><rdf:Bag><rdf:li>sky</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>
   <digiKam:TagsList><rdf:Seq><rdf:li>Places/Beach</rdf:li></rdf:Seq></digiKam:TagsList>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Animals|Dog</rdf:li></rdf:Bag></lr:hierarchicalSubject>
   <MicrosoftPhoto:LastKeywordXMP><rdf:Bag><rdf:li>People/Ann</rdf:li></rdf:Bag></MicrosoftPhoto:LastKeywordXMP>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
put("xmp", "sidecar.xmp", "\0" + sidecar)


def image_bytes(fmt, size=(5, 3), mode="RGB", **options):
    image = Image.new(mode, size, (200, 30, 90) if mode == "RGB" else 128)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


images = {"tiny.jpg": image_bytes("JPEG"), "progressive.jpg": image_bytes("JPEG", progressive=True),
          "tiny.png": image_bytes("PNG"), "gray.png": image_bytes("PNG", mode="L"),
          "tiny.bmp": image_bytes("BMP"), "tiny.tif": image_bytes("TIFF"),
          "tiny.webp": image_bytes("WEBP"), "lossless.webp": image_bytes("WEBP", lossless=True)}
images["tiny.gif"] = image_bytes("GIF")
images["interlaced.gif"] = image_bytes("GIF", size=(9, 7), interlace=True)
images["tiny.ppm"] = image_bytes("PPM")
animation = io.BytesIO()
Image.new("RGB", (5, 3), (200, 30, 90)).save(animation, "WEBP", save_all=True, lossless=True,
                                               append_images=[Image.new("RGB", (5, 3), (10, 200, 90))])
images["animated.webp"] = animation.getvalue()
images["padded.jpg"] = images["tiny.jpg"][:20] + b"\0\0\0" + images["tiny.jpg"][20:]  # libjpeg skips the padding
for name, data in images.items():
    put("image", name, data)


def encoded(tool_args, suffix):
    """An image made by a real encoder (heif-enc, cjxl) from a small PNG."""
    source, target = os.path.join(ROOT, "..", "seed.png"), os.path.join(ROOT, "..", "seed" + suffix)
    with open(source, "wb") as f:
        f.write(image_bytes("PNG", size=(8, 6)))
    subprocess.run([a.replace("IN", source).replace("OUT", target) for a in tool_args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(target, "rb") as f:
        data = f.read()
    os.remove(source)
    os.remove(target)
    return data


put("image", "tiny.heic", encoded(["heif-enc", "-q", "50", "-o", "OUT", "IN"], ".heic"))
put("image", "tiny.avif", encoded(["heif-enc", "-A", "-q", "50", "-o", "OUT", "IN"], ".avif"))
put("image", "tiny.jxl", encoded(["cjxl", "IN", "OUT", "-d", "0"], ".jxl"))


def dng(width=32, height=24):
    """A DNG after the DNG 1.4 specification: 16-bit RGGB sensor data in one strip, 32 x 24 (dcraw and LibRaw
    refuse sensors under 22 pixels a side)."""
    strip = b"".join(struct.pack("<H", ((x + y) * 4000) & 0xFFFF) for y in range(height) for x in range(width))
    entries = [(254, 4, [0]), (256, 4, [width]), (257, 4, [height]), (258, 3, [16]), (259, 3, [1]), (262, 3, [32803]),
               (273, 4, [8]), (274, 3, [1]), (277, 3, [1]), (278, 4, [height]), (279, 4, [len(strip)]),
               (33421, 3, [2, 2]), (33422, 1, [0, 1, 1, 2]), (50706, 1, [1, 4, 0, 0]), (50717, 4, [65535])]
    size = {1: 1, 3: 2, 4: 4}
    ifd = 8 + len(strip)
    out = b"II*\0" + struct.pack("<I", ifd) + strip + struct.pack("<H", len(entries))
    for tag, kind, values in entries:
        packed = b"".join(struct.pack({1: "<B", 3: "<H", 4: "<I"}[kind], v) for v in values)
        assert len(packed) <= 4 and size[kind] * len(values) == len(packed)
        out += struct.pack("<HHI", tag, kind, len(values)) + packed.ljust(4, b"\0")
    return out + struct.pack("<I", 0)


put("image", "tiny.dng", dng())

# A JPEG with embedded XMP and IPTC keywords, written by exiftool.
tmp = os.path.join(ROOT, "..", "embedded.jpg")
with open(tmp, "wb") as f:
    f.write(images["tiny.jpg"])
subprocess.run(["exiftool", "-q", "-overwrite_original", "-XMP-dc:Subject=sky", "-XMP-dc:Subject=sea",
                "-IPTC:Keywords=beach", tmp], check=True)
with open(tmp, "rb") as f:
    put("xmp", "embedded.jpg", b"\1" + f.read())
os.remove(tmp)
# The score cache (aia/annotate/score_cache.h): model 00000000000000aa, three labels, two records.
def fnv1a64(data, h=0xcbf29ce484222325):
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def score_record(path, size, mtime_ns, content_hash, scores):
    body = struct.pack("<II", 0x31524353, len(path)) + path + struct.pack("<qqQ", size, mtime_ns, content_hash)
    body += struct.pack("<%df" % len(scores), *scores)
    return body + struct.pack("<Q", fnv1a64(body))


cache_header = b"AIASCR01" + struct.pack("<I", 16) + b"00000000000000aa" + struct.pack("<I", 3)
put("score_cache", "two_records.scores",
    cache_header + score_record(b"/photos/a.jpg", 16, 1700000000123456789, 42, [0.1, 0.5, 0.9])
    + score_record(b"/photos/b.jpg", 2048, 1700000000000000000, 7, [0.0, 1.0, 0.25]))
put("score_cache", "header_only.scores", cache_header)

print("corpus written to", ROOT, file=sys.stderr)
