"""Shared weights: the dense matrix, the parameter counts, the gradient of a shared kernel."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlessons import kernels
from convlessons.sharing import (
    conv_matrix,
    conv_parameter_count,
    dense_parameter_count,
    fit_kernel,
    kernel_gradient,
)


@settings(max_examples=100, deadline=None)
@given(h=st.integers(1, 8), w=st.integers(1, 8), kh=st.integers(1, 4), kw=st.integers(1, 4),
       seed=st.integers(0, 1000))
def test_conv_matrix_computes_the_valid_correlation(h, w, kh, kw, seed):
    if kh > h or kw > w:
        with pytest.raises(ValueError, match="must fit inside the input"):
            conv_matrix(np.ones((kh, kw)), (h, w))
        return
    rng = np.random.default_rng(seed)
    kernel, image = rng.normal(size=(kh, kw)), rng.normal(size=(h, w))
    matrix = conv_matrix(kernel, (h, w))
    np.testing.assert_allclose(matrix @ image.ravel(),
                               signal.correlate2d(image, kernel, "valid").ravel())
    # Every row holds each weight exactly once: kh * kw distinct parameters in all.
    assert matrix.shape == ((h - kh + 1) * (w - kw + 1), h * w)
    assert np.count_nonzero(matrix) == matrix.shape[0] * np.count_nonzero(kernel)


def test_parameter_counts_of_the_course():
    assert dense_parameter_count((3, 256, 256), 1, bias=False) == 196_608
    assert dense_parameter_count((224, 224, 3), 224 * 224 * 3 // 2) > 11_000_000_000
    assert conv_parameter_count(3, 64, 3) == 64 * (3 * 9 + 1)
    assert conv_parameter_count(16, 32, (3, 5), bias=False) == 32 * 16 * 15
    with pytest.raises(ValueError, match="units must be at least 1"):
        dense_parameter_count((3, 3), 0)


def test_kernel_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    images, kernel = rng.normal(size=(3, 6, 5)), rng.normal(size=(3, 2))
    targets = rng.normal(size=(3, 4, 4))
    _, gradient = kernel_gradient(images, kernel, targets)
    numerical = np.zeros_like(kernel)
    for index in np.ndindex(kernel.shape):
        for sign in (1, -1):
            moved = kernel.copy()
            moved[index] += sign * 1e-6
            numerical[index] += sign * kernel_gradient(images, moved, targets)[0]
    np.testing.assert_allclose(gradient, numerical / 2e-6, rtol=1e-6, atol=1e-9)
    with pytest.raises(ValueError, match=r"targets must have shape \(3, 4, 4\)"):
        kernel_gradient(images, kernel, targets[:, :3])


def test_gradient_descent_recovers_sobel():
    rng = np.random.default_rng(2)
    images = rng.normal(size=(6, 12, 12))  # zero-mean pixels keep the problem well conditioned
    sobel = kernels.sobel_x()
    targets = np.stack([signal.correlate2d(image, sobel, "valid") for image in images])
    kernel, losses = fit_kernel(images, targets, kernel_size=3, learning_rate=0.2, steps=300)
    np.testing.assert_allclose(kernel, sobel, atol=1e-3)
    assert losses[-1] < 1e-6 < losses[0]
    assert np.all(np.diff(losses) <= 1e-12), "the loss must fall at every step"
