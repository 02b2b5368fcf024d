"""Speed of convlessons' 2-D convolution against SciPy, measured in one run.

    python3 course.py bench

For a 512 x 512 float64 image and square kernels, prints our ``convolve2d``
(mode 'same') beside ``scipy.signal.convolve2d`` and ``scipy.signal.fftconvolve``
and the ratios (below 1: we are faster). Targets of the course: at most 0.5x
``convolve2d``'s time for 3 x 3 and 5 x 5, at most 1.5x the best of SciPy for
11 x 11. Also prints the loop reference on a small image, and where our
shifted-slice method and our FFT cross over. A report, not a test.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from convlessons import images
from convlessons.costs import best_time


def forced(method: str):
    """Our convolve2d with the method choice overridden (for the crossover table)."""
    choice = images._fft_is_faster

    def run(image, kernel):
        images._fft_is_faster = lambda *args: method == "fft"
        try:
            return images.convolve2d(image, kernel, mode="same")
        finally:
            images._fft_is_faster = choice

    return run


def chosen_method(image, kernel) -> str:
    """The method our convolve2d picks for these arrays, recorded while it runs."""
    choice = images._fft_is_faster
    picked = []

    def record(*args):
        picked.append(choice(*args))
        return picked[-1]

    images._fft_is_faster = record
    try:
        images.convolve2d(image, kernel, mode="same")
    finally:
        images._fft_is_faster = choice
    return "fft" if picked[-1] else "slices"


def main() -> None:
    rng = np.random.default_rng(0)
    image = rng.random((512, 512))
    print("2-D convolution of a 512 x 512 float64 image, mode='same'; times in ms")
    print(f"{'kernel':>7} {'ours':>8} {'conv2d':>8} {'fftconv':>8} "
          f"{'ours/conv2d':>11} {'ours/best':>9}  target")
    for size, target in [(3, "<= 0.5 x conv2d"), (5, "<= 0.5 x conv2d"),
                         (11, "<= 1.5 x best"), (21, "")]:
        kernel = rng.normal(size=(size, size))
        ours = best_time(lambda k=kernel: images.convolve2d(image, k, mode="same"))
        direct = best_time(lambda k=kernel: signal.convolve2d(image, k, mode="same"))
        fft = best_time(lambda k=kernel: signal.fftconvolve(image, k, mode="same"))
        print(f"{size:>4}x{size:<2} {ours * 1e3:>8.2f} {direct * 1e3:>8.2f} {fft * 1e3:>8.2f} "
              f"{ours / direct:>11.2f} {ours / min(direct, fft):>9.2f}  {target}")

    print("\ncrossover of our two methods on 512 x 512 (ms):")
    print(f"{'kernel':>7} {'slices':>8} {'fft':>8}  chosen")
    for size in (3, 5, 7, 9, 11):
        kernel = rng.normal(size=(size, size))
        slices = best_time(lambda k=kernel: forced("slices")(image, k), repeat=3)
        fft = best_time(lambda k=kernel: forced("fft")(image, k), repeat=3)
        chosen = chosen_method(image, kernel)
        print(f"{size:>4}x{size:<2} {slices * 1e3:>8.2f} {fft * 1e3:>8.2f}  {chosen}")

    small, kernel = rng.random((64, 64)), rng.normal(size=(3, 3))
    loops = best_time(lambda: images.convolve2d_reference(small, kernel, mode="same"), repeat=1)
    fast = best_time(lambda: images.convolve2d(small, kernel, mode="same"))
    print(f"\nreference loops vs fast, 64 x 64 image, 3 x 3 kernel: {loops * 1e3:.1f} ms vs "
          f"{fast * 1e3:.3f} ms ({loops / fast:.0f}x)")


if __name__ == "__main__":
    main()
