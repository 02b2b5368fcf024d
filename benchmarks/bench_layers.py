"""Speed of the convolutional and max-pooling layers against PyTorch, one thread each, one run.

    python3 course.py bench

Batch N=32, 16 -> 32 channels, 32 x 32 pixels, 3 x 3 kernels, padding 1,
float32; then 2 x 2 max pooling of the layer's (32, 32, 32, 32) output.
Prints our times beside PyTorch's (when installed) and their ratios, timed in
turns so that both sides see the same load (targets of the course: conv2d
forward at most 1.0x, forward+backward at most 1.5x, max pooling forward+backward
at most 1.0x); the peak memory of one convolution forward+backward on each side;
and the loop reference on one sample, to show the gap. A report, not a test.
"""

from __future__ import annotations

import importlib.util

import _one_thread  # noqa: F401 - before NumPy: one BLAS thread, as for PyTorch
import numpy as np
from _peak_memory import peak_growth_mib
from _timing import paired_best_times

from convlessons.costs import best_time
from convlessons.layers import Conv2D, conv2d, conv2d_reference
from convlessons.pooling import MaxPool2D

SETUP = """
import numpy as np
rng = np.random.default_rng(0)
x = rng.standard_normal((32, 16, 32, 32)).astype(np.float32)
weight = (rng.standard_normal((32, 16, 3, 3)) / 12).astype(np.float32)
bias = np.zeros(32, dtype=np.float32)
grad = np.ones((32, 32, 32, 32), dtype=np.float32)
"""
OURS_SETUP = SETUP + """
from convlessons.layers import Conv2D
layer = Conv2D(16, 32, 3, padding=1)
layer.weight, layer.bias = weight, bias
layer.forward(x[:1]); layer.backward(grad[:1])  # start-up buffers (OpenBLAS) are not counted
"""
TORCH_SETUP = SETUP + """
import torch
torch.set_num_threads(1)
layer = torch.nn.Conv2d(16, 32, 3, padding=1)
with torch.no_grad():
    layer.weight.copy_(torch.tensor(weight))
tx, tgrad = torch.tensor(x).requires_grad_(True), torch.tensor(grad)
layer(tx[:1]).backward(tgrad[:1])  # start-up buffers (oneDNN) are not counted
"""


def row(name, ours, theirs=None, target=""):
    if theirs is None:
        print(f"{name:28s} {ours * 1e3:>7.2f}ms  (PyTorch not installed)")
    else:
        print(f"{name:28s} {ours * 1e3:>7.2f}ms {theirs * 1e3:>7.2f}ms {ours / theirs:>7.2f}  "
              f"{target}")


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 16, 32, 32)).astype(np.float32)
    layer = Conv2D(16, 32, kernel_size=3, padding=1, seed=0)
    layer.weight = layer.weight.astype(np.float32)
    layer.bias = layer.bias.astype(np.float32)
    grad = np.ones((32, 32, 32, 32), dtype=np.float32)
    pool = MaxPool2D(2)
    features = rng.standard_normal((32, 32, 32, 32)).astype(np.float32)
    pool_grad = np.ones((32, 32, 16, 16), dtype=np.float32)

    def ours_forward():
        conv2d(x, layer.weight, layer.bias, padding=1)

    def ours_step():
        layer.forward(x)
        layer.backward(grad)

    def ours_pool():
        pool.forward(features)
        pool.backward(pool_grad)

    print("conv layer, N=32, 16->32 channels, 32x32, 3x3, padding 1, float32, 1 thread;")
    print("max pooling 2x2 of its (32, 32, 32, 32) output")
    print(f"{'':28s} {'ours':>9} {'torch':>9} {'ratio':>7}  target")
    if importlib.util.find_spec("torch") is None:
        times = paired_best_times([ours_forward, ours_step, ours_pool])
        for name, ours in zip(("conv2d forward", "Conv2D forward+backward",
                               "max pool forward+backward"), times, strict=True):
            row(name, ours)
    else:
        import torch

        torch.set_num_threads(1)
        tx = torch.tensor(x)
        tlayer = torch.nn.Conv2d(16, 32, 3, padding=1)
        with torch.no_grad():
            tlayer.weight.copy_(torch.tensor(layer.weight))
            tlayer.bias.copy_(torch.tensor(layer.bias))
        np.testing.assert_allclose(conv2d(x, layer.weight, layer.bias, padding=1),
                                   tlayer(tx).detach().numpy(), rtol=1e-4, atol=1e-4)
        tx_grad = tx.clone().requires_grad_(True)
        tgrad = torch.tensor(grad)
        tfeatures = torch.tensor(features).requires_grad_(True)
        tpool_grad = torch.tensor(pool_grad)

        def torch_forward():
            with torch.no_grad():
                tlayer(tx)

        def torch_step():
            tlayer.zero_grad()
            tx_grad.grad = None
            tlayer(tx_grad).backward(tgrad)

        def torch_pool():
            tfeatures.grad = None
            torch.nn.functional.max_pool2d(tfeatures, 2).backward(tpool_grad)

        times = paired_best_times([ours_forward, torch_forward, ours_step, torch_step,
                                   ours_pool, torch_pool])
        row("conv2d forward", times[0], times[1], "<= 1.0")
        row("Conv2D forward+backward", times[2], times[3], "<= 1.5")
        row("max pool forward+backward", times[4], times[5], "<= 1.0")
        ours_mib = peak_growth_mib(OURS_SETUP, "layer.forward(x); layer.backward(grad)")
        torch_mib = peak_growth_mib(TORCH_SETUP, "layer(tx).backward(tgrad)")
        print(f"{'peak memory, conv fwd+bwd':28s} {ours_mib:>7.1f}MiB {torch_mib:>6.1f}MiB "
              f"{ours_mib / torch_mib:>7.2f}  (beyond the inputs; input x is "
              f"{x.nbytes / 2**20:.0f} MiB, output {grad.nbytes / 2**20:.0f} MiB)")
    one = x[:1]
    loops = best_time(lambda: conv2d_reference(one, layer.weight, layer.bias, padding=1),
                      repeat=1)
    fast = times[0]  # the forward timed above
    print(f"{'loop reference, 1 sample':28s} {loops * 1e3:>7.0f}ms  "
          f"(x32 for the batch: about {loops * 32:.0f} s, {loops * 32 / fast:.0f}x "
          "the fast forward)")


if __name__ == "__main__":
    main()
