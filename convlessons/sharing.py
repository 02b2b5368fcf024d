"""Shared weights (lesson 4): why a convolution is a very special dense layer.

A dense layer gives every output its own weight for every input; a
convolutional layer gives every output the *same* small kernel, applied to
its own patch. :func:`conv_matrix` writes that shared-weight layer as the
dense matrix it is, and :func:`kernel_gradient` shows that the gradient of a
shared weight is the sum of its gradients at every position, itself a
correlation.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_real_array, check_int
from .images import correlate2d


def dense_parameter_count(input_shape, units: int, bias: bool = True) -> int:
    """Weights of a dense layer from an input of ``input_shape`` to ``units`` neurons.

    Every neuron has one weight per input value (plus one bias).

    Examples
    --------
    >>> dense_parameter_count((3, 256, 256), 1, bias=False)  # one neuron on an RGB image
    196608
    >>> dense_parameter_count((224, 224, 3), 224 * 224 * 3 // 2, bias=False)
    11329339392
    """
    sizes = [check_int(n, "input_shape", 1) for n in input_shape]
    units = check_int(units, "units", 1)
    inputs = int(np.prod(sizes, dtype=np.int64))
    return inputs * units + (units if bias else 0)


def conv_parameter_count(in_channels: int, out_channels: int, kernel_size,
                         bias: bool = True) -> int:
    """Weights of a convolutional layer: ``out * (in * kH * kW + 1)`` with a bias.

    The count does not depend on the size of the image: the kernel is shared.

    Examples
    --------
    >>> conv_parameter_count(3, 64, 3)
    1792
    """
    in_channels = check_int(in_channels, "in_channels", 1)
    out_channels = check_int(out_channels, "out_channels", 1)
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    kh, kw = (check_int(k, "kernel_size", 1) for k in kernel_size)
    return out_channels * (in_channels * kh * kw + (1 if bias else 0))


def conv_matrix(kernel, input_shape) -> np.ndarray:
    """The dense matrix of a single-channel, shared-weight layer (valid correlation).

    Row ``i * OW + j`` holds the kernel's weights at the columns of the
    pixels of patch ``(i, j)`` and zeros elsewhere, so that
    ``conv_matrix(k, x.shape) @ x.ravel()`` equals
    ``correlate2d(x, k, mode="valid").ravel()``.

    Parameters
    ----------
    kernel : array_like, shape (kH, kW)
    input_shape : (H, W), with H >= kH and W >= kW

    Returns
    -------
    ndarray, shape (OH * OW, H * W), with OH = H - kH + 1, OW = W - kW + 1

    Examples
    --------
    >>> conv_matrix([[1, 2]], (1, 3))
    array([[1., 2., 0.],
           [0., 1., 2.]])
    """
    kernel = as_real_array(kernel, "kernel", ndim=2)
    if len(input_shape) != 2:
        raise ValueError(f"input_shape must be (H, W), got {input_shape!r}")
    height, width = (check_int(n, "input_shape", 1) for n in input_shape)
    kh, kw = kernel.shape
    if kh > height or kw > width:
        raise ValueError(f"the kernel {kernel.shape} must fit inside the input {input_shape}")
    oh, ow = height - kh + 1, width - kw + 1
    matrix = np.zeros((oh * ow, height * width))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                # One row of the kernel lands on kw neighbouring columns of the image row.
                start = (i + a) * width + j
                matrix[i * ow + j, start : start + kw] = kernel[a]
    return matrix


def kernel_gradient(images, kernel, targets):
    """Mean squared error of ``correlate2d(image, kernel, "valid")`` and its gradient.

    The loss is the mean over all images and output pixels of
    ``(prediction - target) ** 2``. Each kernel weight is used at every
    position, so its gradient is a sum over positions: exactly the valid
    correlation of the image with the error map.

    Parameters
    ----------
    images : array_like, shape (M, H, W)
    kernel : array_like, shape (kH, kW)
    targets : array_like, shape (M, H - kH + 1, W - kW + 1)

    Returns
    -------
    loss : float
    gradient : ndarray, shape (kH, kW)

    Examples
    --------
    >>> images = np.arange(18.0).reshape(2, 3, 3)
    >>> targets = np.stack([correlate2d(i, [[1, -1]], "valid") for i in images])
    >>> loss, gradient = kernel_gradient(images, [[1, -1]], targets)
    >>> float(loss), gradient
    (0.0, array([[0., 0.]]))
    """
    images = as_real_array(images, "images", ndim=3)
    kernel = as_real_array(kernel, "kernel", ndim=2)
    targets = as_real_array(targets, "targets", ndim=3)
    expected = (images.shape[0], images.shape[1] - kernel.shape[0] + 1,
                images.shape[2] - kernel.shape[1] + 1)
    if targets.shape != expected:
        raise ValueError(f"targets must have shape {expected}, got {targets.shape}")
    errors = np.stack([correlate2d(image, kernel, "valid") for image in images]) - targets
    loss = float(np.mean(errors**2))
    scale = 2.0 / errors.size
    gradient = scale * sum(correlate2d(image, error, "valid")
                           for image, error in zip(images, errors, strict=True))
    return loss, gradient


def fit_kernel(images, targets, kernel_size=3, learning_rate=0.1, steps=200, seed=0):
    """Learn a kernel by gradient descent on :func:`kernel_gradient`.

    Parameters
    ----------
    images : array_like, shape (M, H, W)
    targets : array_like, shape (M, H - k + 1, W - k + 1)
    kernel_size : int
    learning_rate : float
    steps : int
    seed : int
        Seed of the small random starting kernel.

    Returns
    -------
    kernel : ndarray, shape (kernel_size, kernel_size)
    losses : ndarray, shape (steps + 1,)
        The loss before each step and after the last.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> images = rng.random((4, 6, 6))
    >>> targets = np.stack([correlate2d(i, [[0, 1], [2, 0]], "valid") for i in images])
    >>> kernel, losses = fit_kernel(images, targets, kernel_size=2, learning_rate=0.5, steps=300)
    >>> kernel.round(2) + 0.0, bool(losses[-1] < 1e-6)
    (array([[0., 1.],
           [2., 0.]]), True)
    """
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    steps = check_int(steps, "steps", 0)
    kernel = 0.01 * np.random.default_rng(seed).standard_normal((kernel_size, kernel_size))
    losses = []
    for _ in range(steps):
        loss, gradient = kernel_gradient(images, kernel, targets)
        losses.append(loss)
        kernel = kernel - learning_rate * gradient
    losses.append(kernel_gradient(images, kernel, targets)[0])
    return kernel, np.array(losses)
