#!/usr/bin/env python3
"""Strip or refill the float weights of ONNX graphs whose values do not matter (random-weight timing cases).

`strip` empties every float initializer of >= 4096 values but keeps its shape, so a random-weight YOLOX-S graph
(37 MB) travels to a GPU machine as a few hundred kB; `fill` gives them fresh He-scaled random values there.
Only for timing: a filled graph computes nothing meaningful and has no TorchSharp reference.
"""
import sys
import numpy as np
import onnx
from onnx import numpy_helper

LARGE = 4096


def strip(path):
    model = onnx.load(path)
    for t in model.graph.initializer:
        n = int(np.prod(t.dims)) if len(t.dims) else 1
        if t.data_type == onnx.TensorProto.FLOAT and n >= LARGE:
            t.ClearField("raw_data")
            del t.float_data[:]
    onnx.save(model, path)


def fill(path, seed=7):
    rng = np.random.default_rng(seed)
    model = onnx.load(path)
    for i, t in enumerate(model.graph.initializer):
        n = int(np.prod(t.dims)) if len(t.dims) else 1
        if t.data_type != onnx.TensorProto.FLOAT or n < LARGE or t.raw_data or len(t.float_data):
            continue
        dims = list(t.dims)
        fan_in = int(np.prod(dims[1:])) if len(dims) == 4 else dims[0]
        values = (rng.standard_normal(dims) * np.sqrt(1.0 / max(fan_in, 1))).astype(np.float32)
        model.graph.initializer[i].CopyFrom(numpy_helper.from_array(values, t.name))
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("strip", "fill"):
        sys.exit("usage: onnx_weights.py strip|fill GRAPH.onnx...")
    for p in sys.argv[2:]:
        (strip if sys.argv[1] == "strip" else fill)(p)
        print(f"{sys.argv[1]}: {p}")
