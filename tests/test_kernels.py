"""Named kernels: the sums the lesson explains, and the behaviour their names promise."""

import numpy as np
import pytest
from scipy import signal

from convlessons import kernels

BLURS_AND_SHARPEN = [kernels.identity, kernels.box_blur, kernels.gaussian, kernels.sharpen]
EDGE_DETECTORS = [kernels.sobel_x, kernels.sobel_y, kernels.laplacian, kernels.diagonal]


@pytest.mark.parametrize("make", BLURS_AND_SHARPEN)
def test_brightness_keepers_sum_to_one_and_leave_flat_regions_alone(make):
    kernel = make()
    assert kernel.sum() == pytest.approx(1.0)
    flat = np.full((9, 9), 0.7)
    assert np.allclose(signal.correlate2d(flat, kernel, "valid"), 0.7)


@pytest.mark.parametrize("make", EDGE_DETECTORS)
def test_edge_detectors_sum_to_zero_and_cancel_on_flat_regions(make):
    kernel = make()
    assert kernel.sum() == pytest.approx(0.0)
    flat = np.full((9, 9), 0.7)
    assert np.allclose(signal.correlate2d(flat, kernel, "valid"), 0.0)


def step(vertical_edge: bool) -> np.ndarray:
    image = np.zeros((8, 8))
    if vertical_edge:
        image[:, 4:] = 1.0  # brighter on the right
    else:
        image[4:, :] = 1.0  # brighter at the bottom
    return image


def test_sobel_x_finds_vertical_edges_and_sobel_y_horizontal_ones():
    for kernel, finds, ignores in [(kernels.sobel_x(), step(True), step(False)),
                                   (kernels.sobel_y(), step(False), step(True))]:
        assert signal.correlate2d(finds, kernel, "valid").max() == pytest.approx(4.0)
        assert np.allclose(signal.correlate2d(ignores, kernel, "valid"), 0.0)
        # Convolution flips the antisymmetric kernel: same edges, opposite sign.
        assert signal.convolve2d(finds, kernel, "valid").min() == pytest.approx(-4.0)


def test_diagonal_prefers_its_own_diagonal():
    main, anti = np.eye(5), np.fliplr(np.eye(5))
    kernel = kernels.diagonal()
    assert signal.correlate2d(main, kernel, "valid").max() == pytest.approx(6.0)
    assert signal.correlate2d(anti, kernel, "valid").max() < 6.0


@pytest.mark.parametrize("size", [1, 3, 5, 9])
def test_box_and_gaussian_shapes(size):
    assert kernels.box_blur(size).shape == (size, size)
    gaussian = kernels.gaussian(size, sigma=1.5)
    assert gaussian.shape == (size, size)
    assert np.allclose(gaussian, gaussian.T) and np.allclose(gaussian, gaussian[::-1])
    assert gaussian[size // 2, size // 2] == gaussian.max()


def test_gaussian_matches_the_formula():
    x = np.arange(-2, 3)
    expected = np.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * 0.8**2))
    np.testing.assert_allclose(kernels.gaussian(5, 0.8), expected / expected.sum())


@pytest.mark.parametrize("bad, error, message", [
    (4, ValueError, "size must be odd"),
    (0, ValueError, "size must be at least 1"),
    (3.0, TypeError, "size must be an integer"),
])
def test_bad_sizes(bad, error, message):
    for make in (kernels.box_blur, kernels.gaussian, kernels.identity):
        with pytest.raises(error, match=message):
            make(bad)


@pytest.mark.parametrize("sigma", [0, -1, "1", float("nan")])
def test_bad_sigma(sigma):
    with pytest.raises(ValueError, match="sigma must be a positive number"):
        kernels.gaussian(5, sigma)


def test_every_call_returns_a_new_array():
    first = kernels.sobel_y()
    first[0, 0] = 100
    assert kernels.sobel_y()[0, 0] == -1
    assert set(kernels.NAMED_KERNELS) >= {"identity", "box blur", "sharpen", "diagonal"}
