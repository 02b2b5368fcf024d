"""Hand-made image kernels (lesson 2), each a new float64 array.

Two families, told apart by the sum of their entries:

* **blurs** (box, Gaussian) and **sharpen** sum to 1: on a flat region the
  output equals the input, so overall brightness is kept;
* **edge detectors** (Sobel, Laplacian-style, diagonal) sum to 0: a flat
  region gives 0, and only changes in brightness give a response.

Directions follow the deep-learning convention of cross-correlation (the
kernel laid on the image as printed, see :func:`convlessons.images.correlate2d`).
Under true convolution the kernel is flipped, which for the antisymmetric
Sobel kernels only flips the sign of the response.

:func:`kernel_similarity` says how alike two kernels are (lesson 7 compares
the kernels a network learned with these).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_real_array, check_int


def _odd_size(size) -> int:
    size = check_int(size, "size", minimum=1)
    if size % 2 == 0:
        raise ValueError(f"size must be odd so that the kernel has a centre pixel, got {size}")
    return size


def identity(size: int = 3) -> np.ndarray:
    """A single 1 in the centre: the output is the input (sum 1).

    Examples
    --------
    >>> identity()
    array([[0., 0., 0.],
           [0., 1., 0.],
           [0., 0., 0.]])
    """
    size = _odd_size(size)
    kernel = np.zeros((size, size))
    kernel[size // 2, size // 2] = 1.0
    return kernel


def box_blur(size: int = 3) -> np.ndarray:
    """Equal weights ``1 / size**2``: each pixel becomes the mean of its neighbourhood.

    Parameters
    ----------
    size : int, odd, default 3

    Returns
    -------
    ndarray, shape (size, size); entries sum to 1

    Examples
    --------
    >>> box_blur(3) * 9
    array([[1., 1., 1.],
           [1., 1., 1.],
           [1., 1., 1.]])
    """
    size = _odd_size(size)
    return np.full((size, size), 1.0 / size**2)


def gaussian(size: int = 5, sigma: float = 1.0) -> np.ndarray:
    """A Gaussian bell, normalised to sum to 1: a blur that favours near neighbours.

    ``exp(-(x**2 + y**2) / (2 sigma**2))`` sampled at integer offsets from
    the centre, divided by its sum. Unlike the box blur it has no sharp
    cut-off, so it does not leave blocky artefacts.

    Parameters
    ----------
    size : int, odd, default 5
    sigma : float > 0, default 1.0
        Spread in pixels; ``size`` of about ``6 * sigma`` keeps almost all of it.

    Returns
    -------
    ndarray, shape (size, size); entries sum to 1

    Examples
    --------
    >>> (gaussian(3, sigma=0.5) * 100).round(1)
    array([[ 1.1,  8.4,  1.1],
           [ 8.4, 61.9,  8.4],
           [ 1.1,  8.4,  1.1]])
    """
    size = _odd_size(size)
    if isinstance(sigma, bool) or not isinstance(sigma, (int, float)) or not sigma > 0:
        raise ValueError(f"sigma must be a positive number, got {sigma!r}")
    offsets = np.arange(size) - size // 2
    bell = np.exp(-(offsets**2) / (2.0 * sigma**2))
    kernel = np.outer(bell, bell)
    return kernel / kernel.sum()


def sharpen() -> np.ndarray:
    """The centre counted five times, its four neighbours subtracted (sum 1).

    Equal to ``identity`` plus a Laplacian: it adds the local contrast back
    onto the image, so edges stand out while flat regions are unchanged.

    Examples
    --------
    >>> sharpen()
    array([[ 0., -1.,  0.],
           [-1.,  5., -1.],
           [ 0., -1.,  0.]])
    """
    return np.array([[0.0, -1, 0], [-1, 5, -1], [0, -1, 0]])


def sobel_x() -> np.ndarray:
    """Horizontal change (right minus left), smoothed vertically: finds vertical edges.

    Sum 0. Correlated with an image, it is positive where brightness grows
    from left to right.

    Examples
    --------
    >>> sobel_x()
    array([[-1.,  0.,  1.],
           [-2.,  0.,  2.],
           [-1.,  0.,  1.]])
    """
    return np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])


def sobel_y() -> np.ndarray:
    """Vertical change (bottom minus top), smoothed horizontally: finds horizontal edges.

    Sum 0. Correlated with an image (row 0 at the top), it is positive where
    brightness grows downwards.

    Examples
    --------
    >>> sobel_y()
    array([[-1., -2., -1.],
           [ 0.,  0.,  0.],
           [ 1.,  2.,  1.]])
    """
    return sobel_x().T.copy()


def laplacian() -> np.ndarray:
    """Centre minus all eight neighbours: edges in every direction (sum 0).

    Zero on flat regions and on smooth ramps; large where brightness bends,
    at edges and fine detail.

    Examples
    --------
    >>> laplacian()
    array([[-1., -1., -1.],
           [-1.,  8., -1.],
           [-1., -1., -1.]])
    """
    kernel = -np.ones((3, 3))
    kernel[1, 1] = 8.0
    return kernel


def diagonal() -> np.ndarray:
    """Responds to lines running from top-left to bottom-right (sum 0).

    The diagonal is weighted +2, everything else -1: a bright diagonal line
    on a dark background scores high, a flat region scores 0.

    Examples
    --------
    >>> diagonal()
    array([[ 2., -1., -1.],
           [-1.,  2., -1.],
           [-1., -1.,  2.]])
    """
    return 3.0 * np.eye(3) - 1.0


#: The named kernels of lesson 2, for menus and loops.
NAMED_KERNELS = {
    "identity": identity,
    "box blur": box_blur,
    "gaussian blur": gaussian,
    "sharpen": sharpen,
    "sobel x (vertical edges)": sobel_x,
    "sobel y (horizontal edges)": sobel_y,
    "laplacian (all edges)": laplacian,
    "diagonal": diagonal,
}


def kernel_similarity(kernels, references) -> np.ndarray:
    """Cosine similarity of every kernel with every reference kernel.

    ``sum(a * b) / (|a| |b|)`` with ``|a| = sqrt(sum(a**2))``: 1 when ``a``
    is ``b`` times a positive number, -1 when it is ``b`` times a negative
    number (the same pattern with its signs flipped), 0 when the two have
    nothing in common. An all-zero kernel has no pattern: its similarity to
    everything is 0.

    Parameters
    ----------
    kernels : array_like, shape (N, kH, kW)
    references : array_like, shape (M, kH, kW), or a dict of (kH, kW) kernels

    Returns
    -------
    ndarray, shape (N, M)

    Examples
    --------
    >>> sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    >>> kernel_similarity([sobel, -3 * sobel, sobel.T], [sobel]).round(3) + 0.0
    array([[ 1.],
           [-1.],
           [ 0.]])
    """
    if isinstance(references, dict):
        references = list(references.values())
    a = as_real_array(kernels, "kernels", ndim=3, copy=False)
    b = as_real_array(references, "references", ndim=3, copy=False)
    if a.shape[1:] != b.shape[1:]:
        raise ValueError(f"kernels and references must have the same kernel size, got "
                         f"{a.shape[1:]} and {b.shape[1:]}")
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    a_norm = np.linalg.norm(a, axis=1, keepdims=True)
    b_norm = np.linalg.norm(b, axis=1, keepdims=True)
    a = np.divide(a, a_norm, out=np.zeros_like(a), where=a_norm > 0)
    b = np.divide(b, b_norm, out=np.zeros_like(b), where=b_norm > 0)
    return a @ b.T
