"""1-D convolution and correlation against NumPy, the independent oracle."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from convlessons import signals
from convlessons.signals import (
    MODES,
    convolve1d,
    convolve1d_reference,
    correlate1d,
    correlate1d_reference,
    output_length,
    output_sample_terms,
)

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


def signal_arrays(max_size=40):
    return hnp.arrays(np.float64, st.integers(1, max_size), elements=finite)


def int_arrays(dtype):
    info = np.iinfo(dtype)
    return hnp.arrays(dtype, st.integers(1, 30), elements=st.integers(info.min, info.max))


def close(actual, expected, f, g):
    # Rounding error grows with the size of the products being summed.
    scale = np.abs(f).sum() * np.abs(g).max() + 1.0
    np.testing.assert_allclose(actual, expected, rtol=1e-9, atol=1e-9 * scale)


@settings(max_examples=300, deadline=None)
@given(f=signal_arrays(), g=signal_arrays(), mode=st.sampled_from(MODES))
def test_convolve1d_matches_numpy(f, g, mode):
    result = convolve1d(f, g, mode)
    expected = np.convolve(f, g, mode)
    assert result.shape == expected.shape
    close(result, expected, f, g)


@settings(max_examples=300, deadline=None)
@given(f=signal_arrays(), g=signal_arrays(), mode=st.sampled_from(MODES))
def test_correlate1d_matches_numpy(f, g, mode):
    result = correlate1d(f, g, mode)
    expected = np.correlate(f, g, mode)
    assert result.shape == expected.shape
    close(result, expected, f, g)


@settings(max_examples=150, deadline=None)
@given(f=signal_arrays(25), g=signal_arrays(12), mode=st.sampled_from(MODES))
def test_reference_and_fast_agree(f, g, mode):
    close(convolve1d_reference(f, g, mode), convolve1d(f, g, mode), f, g)
    close(correlate1d_reference(f, g, mode), correlate1d(f, g, mode), f, g)


@settings(max_examples=100, deadline=None)
@given(f=signal_arrays(25), g=signal_arrays(12), mode=st.sampled_from(MODES))
def test_references_match_numpy(f, g, mode):
    close(convolve1d_reference(f, g, mode), np.convolve(f, g, mode), f, g)
    close(correlate1d_reference(f, g, mode), np.correlate(f, g, mode), f, g)


@pytest.mark.parametrize("n, m", [(3000, 200), (200, 3000), (5000, 5000), (4096, 97)])
@pytest.mark.parametrize("mode", MODES)
def test_fft_path_matches_numpy(n, m, mode):
    assert signals._fft_is_faster(max(n, m), min(n, m)), "these sizes must exercise the FFT"
    rng = np.random.default_rng(n * m)
    f, g = rng.normal(size=n), rng.normal(size=m)
    close(convolve1d(f, g, mode), np.convolve(f, g, mode), f, g)
    close(correlate1d(f, g, mode), np.correlate(f, g, mode), f, g)


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.int64, np.bool_])
def test_integer_and_boolean_inputs_match_numpy_in_exact_arithmetic(dtype):
    rng = np.random.default_rng(7)
    if dtype == np.bool_:
        f, g = rng.random(23) > 0.5, rng.random(5) > 0.5
    else:
        info = np.iinfo(dtype)
        low, high = max(info.min, -1000), min(info.max, 1000)
        f = rng.integers(low, high, size=23, endpoint=True).astype(dtype)
        g = rng.integers(low, high, size=5, endpoint=True).astype(dtype)
    for mode in MODES:
        # Python integers cannot overflow: they are the exact answer.
        exact = np.convolve(f.astype(object), g.astype(object), mode).astype(np.float64)
        assert np.array_equal(convolve1d(f, g, mode), exact)
        exact = np.correlate(f.astype(object), g.astype(object), mode).astype(np.float64)
        assert np.array_equal(correlate1d(f, g, mode), exact)


def test_uint8_does_not_wrap_around_unlike_numpy():
    f = np.array([200, 100], dtype=np.uint8)
    g = np.array([2], dtype=np.uint8)
    assert np.convolve(f, g).tolist() == [144, 200]  # NumPy keeps uint8 and wraps
    assert convolve1d(f, g).tolist() == [400.0, 200.0]


@settings(max_examples=200, deadline=None)
@given(
    f=signal_arrays(),
    g=signal_arrays(),
    h=signal_arrays(),
    a=finite,
    b=finite,
)
def test_full_convolution_is_linear_and_commutative(f, g, h, a, b):
    close(convolve1d(f, g), convolve1d(g, f), f, g)
    size = max(len(f), len(h))
    f_padded = np.pad(f, (0, size - len(f)))
    h_padded = np.pad(h, (0, size - len(h)))
    combined = convolve1d(a * f_padded + b * h_padded, g)
    separate = a * convolve1d(f_padded, g) + b * convolve1d(h_padded, g)
    scale = (abs(a) * np.abs(f).sum() + abs(b) * np.abs(h).sum()) * np.abs(g).max() + 1.0
    np.testing.assert_allclose(combined, separate, rtol=1e-9, atol=1e-9 * scale)


@settings(max_examples=100, deadline=None)
@given(f=signal_arrays(), g=signal_arrays())
def test_correlation_is_convolution_with_flipped_kernel(f, g):
    close(correlate1d(f, g, "full"), convolve1d(f, g[::-1], "full"), f, g)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 60), m=st.integers(1, 60), mode=st.sampled_from(MODES))
def test_output_length_matches_numpy(n, m, mode):
    expected = len(np.convolve(np.ones(n), np.ones(m), mode))
    assert output_length(n, m, mode) == expected
    assert len(convolve1d(np.ones(n), np.ones(m), mode)) == expected


@settings(max_examples=150, deadline=None)
@given(f=signal_arrays(15), g=signal_arrays(6), mode=st.sampled_from(MODES),
       operation=st.sampled_from(["convolution", "correlation"]))
def test_output_sample_terms_add_up_to_each_output(f, g, mode, operation):
    oracle = np.convolve if operation == "convolution" else np.correlate
    expected = oracle(f, g, mode)
    for k, value in enumerate(expected):
        sample = output_sample_terms(f, g, k, mode, operation)
        assert len(sample.positions) == len(g)
        assert all(0 <= position < len(f) for position, _, _ in sample.terms)
        close(sample.value, value, f, g)


def test_worked_example_from_the_lesson():
    signal = [10, 9, 10, 9, 10, 1, 10, 9, 10, 8]
    smoothed = convolve1d(signal, [1 / 3] * 3)
    # Only the first sample lies under the kernel at the start: 10 / 3.
    assert smoothed[0] == pytest.approx(10 / 3)
    # The dip at index 5 reaches outputs 5, 6 and 7 of the full result.
    assert smoothed[5:8] == pytest.approx([20 / 3, 7, 20 / 3])


@pytest.mark.parametrize(
    "kernel, direction", [([1, 0, 0], -1), ([0, 0, 1], +1)]
)
def test_one_hot_kernels_shift_as_the_course_says(kernel, direction):
    signal = np.arange(1.0, 8.0)
    moved = np.roll(signal, direction)
    moved[0 if direction > 0 else -1] = 0
    assert np.array_equal(convolve1d(signal, kernel, "same"), moved)
    # Cross-correlation does the opposite.
    moved_back = np.roll(signal, -direction)
    moved_back[0 if -direction > 0 else -1] = 0
    assert np.array_equal(correlate1d(signal, kernel, "same"), moved_back)


@pytest.mark.parametrize("function", [convolve1d, correlate1d, convolve1d_reference,
                                      correlate1d_reference])
class TestBadInput:
    def test_two_dimensional_signal(self, function):
        with pytest.raises(ValueError, match=r"f must be 1-D.*\(2, 2\)"):
            function([[1, 2], [3, 4]], [1, 2])

    def test_two_dimensional_kernel(self, function):
        with pytest.raises(ValueError, match="g must be 1-D"):
            function([1, 2, 3], [[1, 2]])

    def test_scalar(self, function):
        with pytest.raises(ValueError, match=r"f must be 1-D.*0-D"):
            function(3.0, [1, 2])

    @pytest.mark.parametrize("empty", [[], np.array([])])
    def test_empty(self, function, empty):
        with pytest.raises(ValueError, match="f must not be empty"):
            function(empty, [1, 2])
        with pytest.raises(ValueError, match="g must not be empty"):
            function([1, 2], empty)

    @pytest.mark.parametrize("bad", ["abc", ["a", "b"], [1, None], None, [1j, 2]])
    def test_not_numbers(self, function, bad):
        with pytest.raises(TypeError, match="f must"):
            function(bad, [1, 2])

    def test_ragged(self, function):
        with pytest.raises(ValueError, match="f must be a rectangular array"):
            function([[1, 2], [3]], [1])

    @pytest.mark.parametrize("mode", ["sme", "FULL", ""])
    def test_unknown_mode(self, function, mode):
        with pytest.raises(ValueError, match=r"mode must be one of 'full', 'same', 'valid'"):
            function([1, 2, 3], [1, 2], mode=mode)

    def test_mode_not_a_string(self, function):
        with pytest.raises(TypeError, match="mode must be a string"):
            function([1, 2, 3], [1, 2], mode=1)

    def test_inputs_are_not_mutated(self, function):
        f = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
        g = np.array([1, 2, 3], dtype=np.int64)
        f_before, g_before = f.copy(), g.copy()
        result = function(f, g, mode="same")
        result[:] = -1  # writing into the result must not reach the inputs either
        assert np.array_equal(f, f_before)
        assert np.array_equal(g, g_before)


@pytest.mark.parametrize(
    "args, error, message",
    [
        ((0, 3), ValueError, "n must be at least 1"),
        ((3, -1), ValueError, "m must be at least 1"),
        ((2.5, 3), TypeError, "n must be an integer"),
        ((True, 3), TypeError, "n must be an integer"),
        ((3, 3, "wide"), ValueError, "mode must be one of"),
    ],
)
def test_output_length_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        output_length(*args)


def test_output_sample_terms_bad_index():
    with pytest.raises(ValueError, match="k must be below the output length 3"):
        output_sample_terms([1, 2, 3], [1, 1, 1], k=3, mode="same")
    with pytest.raises(ValueError, match="k must be at least 0"):
        output_sample_terms([1, 2, 3], [1, 1, 1], k=-1)
    with pytest.raises(ValueError, match="operation must be one of"):
        output_sample_terms([1, 2, 3], [1, 1, 1], k=0, operation="convolve")


def test_next_fast_length_is_the_smallest_5_smooth_number():
    smooth = sorted(
        2**a * 3**b * 5**c for a in range(14) for b in range(9) for c in range(7)
    )
    for target in range(1, 5000):
        expected = next(value for value in smooth if value >= target)
        assert signals.next_fast_length(target) == expected
