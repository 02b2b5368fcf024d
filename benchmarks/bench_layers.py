"""Speed of the convolutional layer against PyTorch, one thread each, measured in one run.

    python3 course.py bench

Batch N=32, 16 -> 32 channels, 32 x 32 pixels, 3 x 3 kernels, padding 1,
float32. Prints our ``conv2d`` forward and our ``Conv2D`` forward+backward
beside PyTorch's (when installed), as ratios (targets: at most 2.5x and 4x),
and the loop reference on one sample, to show the gap. A report, not a test.
"""

from __future__ import annotations

import importlib.util

import _one_thread  # noqa: F401 - before NumPy: one BLAS thread, as for PyTorch
import numpy as np
from _timing import best_time

from convlessons.layers import Conv2D, conv2d, conv2d_reference


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 16, 32, 32)).astype(np.float32)
    layer = Conv2D(16, 32, kernel_size=3, padding=1, seed=0)
    layer.weight = layer.weight.astype(np.float32)
    layer.bias = layer.bias.astype(np.float32)
    grad = np.ones((32, 32, 32, 32), dtype=np.float32)

    ours_forward = best_time(lambda: conv2d(x, layer.weight, layer.bias, padding=1), repeat=7)

    def ours_step():
        layer.forward(x)
        layer.backward(grad)

    ours_both = best_time(ours_step, repeat=7)
    one = x[:1]
    loops = best_time(lambda: conv2d_reference(one, layer.weight, layer.bias, padding=1),
                      repeat=1)

    print("conv layer, N=32, 16->32 channels, 32x32, 3x3, padding 1, float32, 1 thread")
    print(f"{'':28s} {'ours':>9} {'torch':>9} {'ratio':>7}  target")
    if importlib.util.find_spec("torch") is None:
        print(f"{'conv2d forward':28s} {ours_forward * 1e3:>8.2f}ms  (PyTorch not installed)")
        print(f"{'Conv2D forward+backward':28s} {ours_both * 1e3:>8.2f}ms")
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
        with torch.no_grad():
            torch_forward = best_time(lambda: tlayer(tx), repeat=7)
        tx_grad = tx.clone().requires_grad_(True)
        tgrad = torch.tensor(grad)

        def torch_step():
            tlayer.zero_grad()
            tlayer(tx_grad).backward(tgrad)

        torch_both = best_time(torch_step, repeat=7)
        print(f"{'conv2d forward':28s} {ours_forward * 1e3:>7.2f}ms {torch_forward * 1e3:>7.2f}ms "
              f"{ours_forward / torch_forward:>7.2f}  <= 2.5")
        print(f"{'Conv2D forward+backward':28s} {ours_both * 1e3:>7.2f}ms "
              f"{torch_both * 1e3:>7.2f}ms {ours_both / torch_both:>7.2f}  <= 4")
    print(f"{'loop reference, 1 sample':28s} {loops * 1e3:>7.0f}ms  "
          f"(x32 for the batch: about {loops * 32:.0f} s, {loops * 32 / ours_forward:.0f}x "
          "the fast forward)")


if __name__ == "__main__":
    main()
