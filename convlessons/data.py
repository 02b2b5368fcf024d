"""Sample data for the lessons: small signals now, images and digits later.

Everything here is made in code or loaded from files that ship with installed
packages: nothing is downloaded, so every lesson runs offline.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_int


def recording() -> np.ndarray:
    """Ten samples of a steady reading with one glitch at index 5.

    The smoothing example of lesson 1: a three-point average softens the dip.

    Returns
    -------
    ndarray, shape (10,), float64

    Examples
    --------
    >>> recording()
    array([10.,  9., 10.,  9., 10.,  1., 10.,  9., 10.,  8.])
    """
    return np.array([10, 9, 10, 9, 10, 1, 10, 9, 10, 8], dtype=np.float64)


def noisy_sine(
    n_samples: int = 200, periods: float = 2.0, noise: float = 0.3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A sine wave plus Gaussian noise, reproducible from ``seed``.

    Parameters
    ----------
    n_samples : int
        Number of samples, at least 2.
    periods : float
        How many full periods the samples cover.
    noise : float
        Standard deviation of the added noise (0 for a clean wave).
    seed : int
        Seed of the random generator: the same seed gives the same noise.

    Returns
    -------
    t : ndarray, shape (n_samples,)
        Sample times in [0, 1).
    clean : ndarray, shape (n_samples,)
        ``sin(2 pi periods t)``.
    noisy : ndarray, shape (n_samples,)
        ``clean`` plus the noise.

    Examples
    --------
    >>> t, clean, noisy = noisy_sine(8, periods=1, noise=0)
    >>> clean.round(3) + 0.0
    array([ 0.   ,  0.707,  1.   ,  0.707,  0.   , -0.707, -1.   , -0.707])
    >>> bool(np.array_equal(noisy_sine(seed=1)[2], noisy_sine(seed=1)[2]))
    True
    """
    n_samples = check_int(n_samples, "n_samples", minimum=2)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    t = np.arange(n_samples) / n_samples
    clean = np.sin(2 * np.pi * periods * t)
    rng = np.random.default_rng(seed)
    return t, clean, clean + noise * rng.standard_normal(n_samples)


def step_signal() -> np.ndarray:
    """A signal with one step up and one step down, for edge detection.

    Returns
    -------
    ndarray, shape (12,), float64

    Examples
    --------
    >>> step_signal()
    array([0., 0., 0., 0., 5., 5., 5., 5., 2., 2., 2., 2.])
    """
    return np.array([0, 0, 0, 0, 5, 5, 5, 5, 2, 2, 2, 2], dtype=np.float64)
