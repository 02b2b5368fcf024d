"""Lesson 10's four ways to correlate agree with SciPy; the cost models count what they claim."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlessons.costs import (
    CORRELATE,
    METHODS,
    correlate_fft,
    cpu_peak_gflops,
    im2col,
    im2col_reference,
    matmul_gflops,
    memory_bytes,
    multiplications,
    time_methods,
    winograd_correlate1d,
    winograd_f23,
)


@st.composite
def image_and_kernel(draw):
    rows, cols = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    kh, kw = draw(st.integers(1, rows)), draw(st.integers(1, cols))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.normal(size=(rows, cols)), rng.normal(size=(kh, kw))


@settings(max_examples=150, deadline=None)
@given(image_and_kernel())
def test_every_method_is_scipys_valid_correlation(pair):
    image, kernel = pair
    expected = signal.correlate2d(image, kernel, mode="valid")
    for method in METHODS:
        np.testing.assert_allclose(CORRELATE[method](image, kernel), expected, atol=1e-10,
                                   err_msg=method)


@settings(max_examples=150, deadline=None)
@given(image_and_kernel())
def test_im2col_matches_its_loop_reference_and_numpys_windows(pair):
    image, kernel = pair
    fast = im2col(image, kernel.shape)
    np.testing.assert_array_equal(fast, im2col_reference(image, kernel.shape))
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    assert fast.shape == (windows.shape[0] * windows.shape[1], kernel.size)
    np.testing.assert_array_equal(fast[-1], image[-kernel.shape[0]:, -kernel.shape[1]:].ravel())


def test_integer_images_are_converted_and_inputs_not_mutated():
    image = np.arange(12).reshape(3, 4)
    kernel = np.array([[0.5, -0.25]])
    before = image.copy(), kernel.copy()
    for method in METHODS:
        out = CORRELATE[method](image, kernel)
        assert out.dtype == float
        np.testing.assert_allclose(out, signal.correlate2d(image.astype(float), kernel, "valid"),
                                   atol=1e-12)
    np.testing.assert_array_equal(image, before[0])
    np.testing.assert_array_equal(kernel, before[1])


@pytest.mark.parametrize("n, k", [(8, 3), (10, 1), (7, 7), (12, 5)])
def test_direct_methods_count_one_product_per_tap_and_output_pixel(n, k):
    windows = np.lib.stride_tricks.sliding_window_view(np.zeros((n, n)), (k, k))
    for method in ("loops", "shift_add", "im2col"):
        assert multiplications(method, n, k) == windows.size


def test_fft_cost_does_not_grow_with_the_kernel_like_the_direct_methods():
    direct = [multiplications("shift_add", 256, k) for k in (3, 31)]
    fft = [multiplications("fft", 256, k) for k in (3, 31)]
    assert direct[1] / direct[0] > 50 and fft[1] / fft[0] < 1.5
    assert fft[0] > direct[0] and fft[1] < direct[1]  # the crossover lies in between


def test_im2col_memory_is_k_squared_times_the_output():
    assert memory_bytes("im2col", 100, 5) == memory_bytes("shift_add", 100, 5) * (1 + 25)
    assert memory_bytes("im2col", 100, 5) == im2col(np.zeros((100, 100)), (5, 5)).nbytes \
        + np.zeros((96, 96)).nbytes


def test_fft_padding_to_a_fast_length_keeps_the_result():
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=(256, 256)), rng.normal(size=(7, 7))  # 262 = 2 x 131
    np.testing.assert_allclose(correlate_fft(image, kernel),
                               signal.correlate2d(image, kernel, "valid"), atol=1e-9)


def test_winograd_f23_is_two_outputs_of_the_correlation():
    rng = np.random.default_rng(2)
    for _ in range(200):
        d, g = rng.normal(size=4), rng.normal(size=3)
        np.testing.assert_allclose(winograd_f23(d, g), np.correlate(d, g, "valid"), atol=1e-12)
    signal_ = rng.normal(size=30)
    np.testing.assert_allclose(winograd_correlate1d(signal_, [1.0, -2.0, 0.5]),
                               np.correlate(signal_, [1.0, -2.0, 0.5], "valid"), atol=1e-12)


def test_timings_and_flops_are_positive_and_name_each_method():
    times = time_methods(16, 3, repeat=1)
    assert set(times) == {"shift_add", "im2col", "fft"} and min(times.values()) > 0
    assert matmul_gflops(32, repeat=1) > 0


def test_peak_estimate_reads_clock_and_vector_width():
    peak, how = cpu_peak_gflops("cpu MHz : 3000\nflags : fpu sse2 avx512f")
    assert peak == 3.0 * 8 * 2 * 2 and "AVX-512" in how
    assert cpu_peak_gflops("cpu MHz : 1000\nflags : fpu sse2")[0] == 1.0 * 2 * 1 * 2
    assert cpu_peak_gflops("nothing useful") is None


@pytest.mark.parametrize("call, words", [
    (lambda: CORRELATE["fft"](np.zeros((2, 2)), np.zeros((3, 3))), "does not fit"),
    (lambda: CORRELATE["im2col"](np.zeros(4), np.zeros((1, 1))), "image must be"),
    (lambda: CORRELATE["shift_add"](np.zeros((3, 3)), np.zeros((0, 1))), "kernel must be"),
    (lambda: multiplications("winograd", 8, 3), "method must be one of"),
    (lambda: multiplications("fft", 3, 8), "1 <= k <= n"),
    (lambda: memory_bytes("fft", 8.0, 3), "whole numbers"),
    (lambda: winograd_f23([1, 2, 3], [1, 2, 3]), "shape (4,)"),
    (lambda: winograd_correlate1d(np.ones(5), [1, 2, 3]), "even length"),
])
def test_bad_input_is_refused_with_a_clear_message(call, words):
    with pytest.raises((ValueError, TypeError), match=re.escape(words)):
        call()
