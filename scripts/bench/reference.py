"""The Python side of `npm run bench`: the official CheXmask RLE decoder
(numpy) and OpenCV's drawContours, timed on the same 915 masks as the
TypeScript core, in the same run.

Usage: reference.py SPEC.json, where the spec is {"masks": [{"rle", "height",
"width", "ring", "check"}]}. It prints one JSON line with its versions, then
answers each "pass" line on stdin with one JSON line: per variant, the mean
µs per mask of one pass over all masks, each mask timed alone with
perf_counter_ns. The bench alternates these passes with its TypeScript
passes, so load from other processes falls on both sides alike: only the
ratios of one run mean anything on a shared machine. A "hashes" line gets
the SHA-256 of the 0/1 masks flagged "check" (for the equality check), and
ends the process.
"""

import hashlib
import json
import sys
import time

import cv2
import numpy as np


def reference_decode(rle, height, width):
    """The official decoder (CheXmask's get_mask_from_RLE)."""
    runs = np.array([int(x) for x in rle.split()])
    starts = runs[::2]
    lengths = runs[1::2]
    mask = np.zeros(height * width, dtype=np.uint8)
    for start, length in zip(starts, lengths, strict=True):
        start -= 1
        mask[start : start + length] = 255
    return mask.reshape((height, width))


def cv2_fresh(ring, height, width):
    mask = np.zeros((height, width), dtype=np.uint8)
    cv2.drawContours(mask, [ring], -1, 1, -1)
    return mask


def cv2_reused(ring, buffer):
    buffer.fill(0)
    cv2.drawContours(buffer, [ring], -1, 1, -1)
    return buffer


def sha01(mask):
    return hashlib.sha256((mask != 0).astype(np.uint8).tobytes()).hexdigest()


def reply(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        masks = json.load(f)["masks"]
    rings = [np.asarray(m["ring"], dtype=np.int32).reshape(-1, 1, 2) for m in masks]
    buffers = {}
    for m in masks:
        buffers.setdefault((m["height"], m["width"]), np.zeros((m["height"], m["width"]), np.uint8))
    variants = {
        "npZeros": lambda i, m: np.zeros((m["height"], m["width"]), dtype=np.uint8),
        "reference": lambda i, m: reference_decode(m["rle"], m["height"], m["width"]),
        "cv2Fresh": lambda i, m: cv2_fresh(rings[i], m["height"], m["width"]),
        "cv2Reused": lambda i, m: cv2_reused(rings[i], buffers[(m["height"], m["width"])]),
    }
    clock = time.perf_counter_ns

    reply({"numpy": np.__version__, "cv2": cv2.__version__})
    for line in sys.stdin:
        command = line.strip()
        if command == "pass":
            times = {}
            for name, work in variants.items():
                total = 0
                for i, m in enumerate(masks):
                    t0 = clock()
                    work(i, m)
                    total += clock() - t0
                times[name] = total / 1000 / len(masks)
            reply(times)
        elif command == "hashes":
            checks = [i for i, m in enumerate(masks) if m["check"]]
            reply(
                {
                    "reference": [
                        sha01(
                            reference_decode(masks[i]["rle"], masks[i]["height"], masks[i]["width"])
                        )
                        for i in checks
                    ],
                    "cv2": [
                        sha01(cv2_fresh(rings[i], masks[i]["height"], masks[i]["width"]))
                        for i in checks
                    ],
                }
            )
            return


if __name__ == "__main__":
    main()
