"""Speed of convlessons' 1-D convolution against NumPy and SciPy, measured in one run.

    python3 course.py bench

Prints the best of several timings per case and the ratio ours / theirs
(below 1 means we are faster). Timings are noisy; this is a report, not a test.
"""

from __future__ import annotations

import numpy as np
from scipy import signal as scipy_signal

from convlessons.costs import best_time
from convlessons.signals import convolve1d, convolve1d_reference


def main() -> None:
    rng = np.random.default_rng(0)
    print("1-D convolution, mode='full', float64; times in microseconds")
    header = (f"{'n':>7} {'m':>5} {'ours':>9} {'numpy':>9} {'fftconv':>9} "
              f"{'ours/numpy':>10} {'ours/best':>9}")
    print(header)
    for n, m in [(1_000, 3), (1_000, 31), (10_000, 3), (10_000, 101), (100_000, 11),
                 (100_000, 1_001), (20_000, 20_000)]:
        f, g = rng.normal(size=n), rng.normal(size=m)
        ours = best_time(lambda f=f, g=g: convolve1d(f, g))
        numpy = best_time(lambda f=f, g=g: np.convolve(f, g))
        fft = best_time(lambda f=f, g=g: scipy_signal.fftconvolve(f, g))
        print(f"{n:>7} {m:>5} {ours * 1e6:>9.1f} {numpy * 1e6:>9.1f} {fft * 1e6:>9.1f} "
              f"{ours / numpy:>10.2f} {ours / min(numpy, fft):>9.2f}")

    f, g = rng.normal(size=1_000), rng.normal(size=31)
    loops = best_time(lambda: convolve1d_reference(f, g), repeat=1)
    fast = best_time(lambda: convolve1d(f, g))
    print(f"\nreference loops vs fast, n=1000, m=31: {loops * 1e3:.1f} ms vs "
          f"{fast * 1e6:.1f} us ({loops / fast:.0f}x)")


if __name__ == "__main__":
    main()
