"""2-D convolution and correlation against SciPy, the independent oracle."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import signal

from convlessons import images
from convlessons.images import (
    convolve2d,
    convolve2d_reference,
    correlate2d,
    correlate2d_reference,
    to_grayscale,
)

MODES = ["full", "same", "valid"]
BOUNDARIES = ["fill", "wrap", "symm"]
finite = st.floats(min_value=-100, max_value=100, allow_nan=False, allow_infinity=False)


def arrays_2d(max_side):
    shapes = st.tuples(st.integers(1, max_side), st.integers(1, max_side))
    return hnp.arrays(np.float64, shapes, elements=finite)


def scipy_or_none(function, *args):
    """SciPy's answer, or None where SciPy refuses the input (then we must refuse too)."""
    try:
        return function(*args)
    except ValueError:
        return None


def assert_matches(ours, oracle, image, kernel, args):
    expected = scipy_or_none(oracle, image, kernel, *args)
    if expected is None:
        with pytest.raises(ValueError, match="mode='valid' needs the kernel"):
            ours(image, kernel, *args)
        return
    result = ours(image, kernel, *args)
    assert result.shape == expected.shape
    scale = np.abs(kernel).sum() * (np.abs(image).max() + abs(args[2])) + 1.0
    np.testing.assert_allclose(result, expected, rtol=1e-9, atol=1e-9 * scale)


@settings(max_examples=300, deadline=None)
@given(image=arrays_2d(9), kernel=arrays_2d(6), mode=st.sampled_from(MODES),
       boundary=st.sampled_from(BOUNDARIES), fillvalue=finite)
def test_convolve2d_matches_scipy(image, kernel, mode, boundary, fillvalue):
    assert_matches(convolve2d, signal.convolve2d, image, kernel, (mode, boundary, fillvalue))


@settings(max_examples=300, deadline=None)
@given(image=arrays_2d(9), kernel=arrays_2d(6), mode=st.sampled_from(MODES),
       boundary=st.sampled_from(BOUNDARIES), fillvalue=finite)
def test_correlate2d_matches_scipy(image, kernel, mode, boundary, fillvalue):
    assert_matches(correlate2d, signal.correlate2d, image, kernel, (mode, boundary, fillvalue))


@settings(max_examples=80, deadline=None)
@given(image=arrays_2d(7), kernel=arrays_2d(4), mode=st.sampled_from(MODES),
       boundary=st.sampled_from(BOUNDARIES), fillvalue=finite)
def test_reference_loops_match_scipy(image, kernel, mode, boundary, fillvalue):
    args = (mode, boundary, fillvalue)
    assert_matches(convolve2d_reference, signal.convolve2d, image, kernel, args)
    assert_matches(correlate2d_reference, signal.correlate2d, image, kernel, args)


@pytest.mark.parametrize("kernel_shape", [(3, 3), (4, 2), (11, 11), (15, 4), (21, 21)])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("boundary, fillvalue", [("fill", 0.0), ("fill", 0.5), ("wrap", 0.0),
                                                ("symm", 0.0)])
def test_all_fast_paths_on_photograph_sized_inputs(kernel_shape, mode, boundary, fillvalue):
    rng = np.random.default_rng(sum(kernel_shape))
    image = rng.random((120, 97))
    kernel = rng.normal(size=kernel_shape)
    for ours, oracle in ((convolve2d, signal.convolve2d), (correlate2d, signal.correlate2d)):
        expected = oracle(image, kernel, mode, boundary, fillvalue)
        np.testing.assert_allclose(ours(image, kernel, mode, boundary, fillvalue), expected,
                                   rtol=1e-9, atol=1e-9 * np.abs(kernel).sum())


def test_the_fft_path_is_used_for_large_kernels_and_slices_for_small():
    assert images._fft_is_faster(21 * 21, 512 * 512, 552 * 552)
    assert not images._fft_is_faster(3 * 3, 512 * 512, 516 * 516)


@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_reference_and_fast_agree_with_aliases(boundary):
    aliases = {"fill": "pad", "wrap": "circular", "symm": "symmetric"}
    rng = np.random.default_rng(5)
    image, kernel = rng.normal(size=(6, 8)), rng.normal(size=(3, 2))
    for mode in MODES:
        fast = convolve2d(image, kernel, mode, aliases[boundary], 2.0)
        np.testing.assert_allclose(fast, convolve2d_reference(image, kernel, mode, boundary, 2.0))
        fast = correlate2d(image, kernel, mode, aliases[boundary], 2.0)
        np.testing.assert_allclose(fast, correlate2d_reference(image, kernel, mode, boundary, 2.0))


def test_uint8_images_become_float_instead_of_wrapping_around():
    image = np.full((4, 4), 200, dtype=np.uint8)
    kernel = np.ones((3, 3), dtype=np.uint8)
    wrapped = signal.convolve2d(image, kernel, mode="valid")
    assert wrapped.dtype == np.uint8 and wrapped[0, 0] == (9 * 200) % 256  # SciPy wraps
    ours = convolve2d(image, kernel, mode="valid")
    assert ours.dtype == np.float64 and ours[0, 0] == 1800.0


def test_correlation_is_convolution_with_the_kernel_flipped_on_both_axes():
    rng = np.random.default_rng(2)
    image, kernel = rng.normal(size=(9, 7)), rng.normal(size=(3, 4))
    np.testing.assert_allclose(correlate2d(image, kernel, "full"),
                               convolve2d(image, kernel[::-1, ::-1], "full"))


@pytest.mark.parametrize("function", [convolve2d, correlate2d, convolve2d_reference,
                                      correlate2d_reference])
class TestBadInput:
    def test_wrong_dimensions(self, function):
        with pytest.raises(ValueError, match=r"image must be 2-D, got an array of shape \(3,\)"):
            function([1, 2, 3], [[1]])
        with pytest.raises(ValueError, match="kernel must be 2-D"):
            function([[1, 2]], np.ones((1, 1, 1)))

    def test_empty(self, function):
        with pytest.raises(ValueError, match="image must not be empty"):
            function(np.zeros((0, 3)), [[1]])

    def test_not_numbers(self, function):
        with pytest.raises(TypeError, match="kernel must contain numbers"):
            function([[1, 2]], [["a"]])

    def test_unknown_mode_and_boundary(self, function):
        with pytest.raises(ValueError, match="mode must be one of"):
            function([[1, 2]], [[1]], mode="wide")
        with pytest.raises(ValueError, match="boundary must be one of 'fill', 'wrap', 'symm'"):
            function([[1, 2]], [[1]], boundary="reflect")

    def test_fillvalue(self, function):
        with pytest.raises(TypeError, match="fillvalue must be a real number"):
            function([[1, 2]], [[1]], fillvalue="0")

    def test_valid_kernel_must_fit_one_way(self, function):
        with pytest.raises(ValueError, match=r"kernel \(1, 5\) to fit inside the image \(3, 3\)"):
            function(np.ones((3, 3)), np.ones((1, 5)), mode="valid")

    def test_inputs_not_mutated(self, function):
        image = np.arange(20.0).reshape(4, 5)
        kernel = np.array([[1, 2], [3, 4]], dtype=np.int32)
        before = image.copy(), kernel.copy()
        function(image, kernel, mode="same", boundary="wrap")
        assert np.array_equal(image, before[0]) and np.array_equal(kernel, before[1])


def test_to_grayscale_weights_and_errors():
    rgb = np.zeros((1, 3, 3))
    rgb[0, 0, 0] = rgb[0, 1, 1] = rgb[0, 2, 2] = 1.0
    np.testing.assert_allclose(to_grayscale(rgb), [[0.299, 0.587, 0.114]])
    rgba = np.concatenate([rgb, np.ones((1, 3, 1))], axis=2)
    np.testing.assert_allclose(to_grayscale(rgba), to_grayscale(rgb))
    with pytest.raises(ValueError, match="rgb must have 3 or 4 channels"):
        to_grayscale(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="rgb must be 3-D"):
        to_grayscale(np.ones((2, 2)))
