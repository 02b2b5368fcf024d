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


_SKIMAGE_SAMPLES = ("camera", "astronaut", "coins", "moon", "text", "brick", "grass", "gravel")


def load_image(name: str = "hopper", *, color: bool = False, as_uint8: bool = False):
    """A photograph that ships with an installed package; never a download.

    ``"hopper"`` is the portrait of Grace Hopper included in Matplotlib's
    sample data. If scikit-image is installed, its samples (``"camera"``,
    ``"astronaut"``, ``"coins"``, ``"moon"``, ``"text"``, ``"brick"``,
    ``"grass"``, ``"gravel"``) can be loaded too.

    Parameters
    ----------
    name : str, default "hopper"
    color : bool, default False
        Keep the colour channels (shape (H, W, 3)) instead of converting to
        grayscale with :func:`convlessons.images.to_grayscale`.
    as_uint8 : bool, default False
        Return the stored 0-255 integers (to show the uint8 trap) instead of
        floats in [0, 1].

    Returns
    -------
    ndarray
        Shape (H, W) or (H, W, 3): float64 in [0, 1], or uint8 in [0, 255].

    Examples
    --------
    >>> image = load_image()
    >>> image.shape, image.dtype, bool(0 <= image.min() and image.max() <= 1)
    ((600, 512), dtype('float64'), True)
    >>> load_image(color=True, as_uint8=True).shape
    (600, 512, 3)
    """
    from .images import to_grayscale

    if name == "hopper":
        import matplotlib.cbook
        import matplotlib.pyplot as plt

        pixels = plt.imread(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    elif name in _SKIMAGE_SAMPLES:
        try:
            import skimage.data
        except ImportError:
            raise ValueError(
                f"image {name!r} comes with scikit-image, which is not installed "
                "(pip install scikit-image); 'hopper' needs nothing extra"
            ) from None
        pixels = getattr(skimage.data, name)()
    else:
        names = ", ".join(repr(n) for n in ("hopper", *_SKIMAGE_SAMPLES))
        raise ValueError(f"name must be one of {names}; got {name!r}")
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8:  # some samples are stored as floats in [0, 1]
        pixels = np.clip(np.round(pixels * 255), 0, 255).astype(np.uint8)
    if pixels.ndim == 3 and not color:
        pixels = np.clip(np.round(to_grayscale(pixels)), 0, 255).astype(np.uint8)
    elif pixels.ndim == 3:
        pixels = pixels[..., :3]
    elif color:
        pixels = np.repeat(pixels[..., None], 3, axis=2)
    return pixels.copy() if as_uint8 else pixels / 255.0


def tiny_image() -> np.ndarray:
    """A 10 x 10 test image: a left-to-right ramp with a bright square near one corner.

    Small enough to print; its left and right borders differ, and the square
    sits one pixel from the top edge, so each padding mode leaves a
    different frame.

    Returns
    -------
    ndarray, shape (10, 10), float64 in [0, 1]

    Examples
    --------
    >>> image = tiny_image()
    >>> image.shape, float(image[0, 0]), float(image[0, 9]), float(image[2, 7])
    ((10, 10), 0.1, 0.55, 1.0)
    """
    image = np.tile(np.linspace(0.1, 0.55, 10), (10, 1))
    image[1:4, 6:9] = 1.0
    return image


def load_digits():
    """The 1797 handwritten digits that scikit-learn ships: 8 x 8 pixels, offline.

    Returns
    -------
    images : ndarray, shape (1797, 8, 8), float64 in [0, 1]
        Ink is bright: 1 is the darkest stroke (the raw values are 0-16).
    labels : ndarray, shape (1797,), int
        The digit, 0 to 9.

    Examples
    --------
    >>> images, labels = load_digits()
    >>> images.shape, labels[:5].tolist(), float(images.max())
    ((1797, 8, 8), [0, 1, 2, 3, 4], 1.0)
    """
    from sklearn.datasets import load_digits as sklearn_digits

    digits = sklearn_digits()
    return digits.images / 16.0, digits.target.astype(int)


def digits_split(test_fraction: float = 0.2, seed: int = 0):
    """The digits as NCHW batches, split into a fixed, seeded train and test set.

    The split is stratified: each digit is divided between the two sets in
    the same proportion, so both have about as many of every digit.

    Parameters
    ----------
    test_fraction : float, between 0 and 1
    seed : int

    Returns
    -------
    x_train : ndarray, shape (M, 1, 8, 8), float64 in [0, 1]
    y_train : ndarray, shape (M,), int
    x_test : ndarray, shape (1797 - M, 1, 8, 8)
    y_test : ndarray, shape (1797 - M,)

    Examples
    --------
    >>> x_train, y_train, x_test, y_test = digits_split()
    >>> x_train.shape, x_test.shape  # 20% of each digit, rounded, for testing
    ((1438, 1, 8, 8), (359, 1, 8, 8))
    >>> np.bincount(y_test).tolist()
    [36, 36, 35, 37, 36, 36, 36, 36, 35, 36]
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction}")
    images, labels = load_digits()
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for digit in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == digit))
        test[members[: round(test_fraction * len(members))]] = True
    x = images[:, None, :, :]
    return x[~test], labels[~test], x[test], labels[test]
