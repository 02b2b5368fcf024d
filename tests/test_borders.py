"""Padding and output sizes: against numpy.pad, SciPy, real shapes, and PyTorch if present."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.lib.stride_tricks import sliding_window_view
from scipy import ndimage, signal

from convlessons.borders import MODE_NAMES, PAD_MODES, output_size, pad, pad_reference
from convlessons.images import convolve2d

from .conftest import needs_torch

NUMPY_NAME = {mode: row["numpy.pad"] for mode, row in MODE_NAMES.items()}
finite = st.floats(-100, 100, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    array=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
                     elements=finite),
    data=st.data(),
    mode=st.sampled_from(PAD_MODES),
)
def test_pad_matches_numpy_pad(array, data, mode):
    widths = [tuple(data.draw(st.tuples(st.integers(0, 8), st.integers(0, 8))))
              for _ in range(array.ndim)]
    expected = np.pad(array, widths, mode=NUMPY_NAME[mode])
    assert np.array_equal(pad(array, widths, mode), expected)


@settings(max_examples=60, deadline=None)
@given(
    array=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
                     elements=finite),
    width=st.integers(0, 7),
    mode=st.sampled_from(PAD_MODES),
)
def test_pad_reference_matches_numpy_pad(array, width, mode):
    assert np.array_equal(pad_reference(array, width, mode),
                          np.pad(array, width, mode=NUMPY_NAME[mode]))


def test_width_forms():
    image = np.arange(6.0).reshape(2, 3)
    assert pad(image, 1).shape == (4, 5)
    assert pad(image, (1, 2)).shape == (5, 6)
    assert pad(image, ((0, 1), (2, 0))).shape == (3, 5)
    assert pad(image, 0, "reflect").tolist() == image.tolist()


@pytest.mark.parametrize("width, error, message", [
    (-1, ValueError, "width must not be negative"),
    ((1, -2), ValueError, "width must not be negative"),
    (1.5, TypeError, "width must be an int"),
    ((1.5, 2), TypeError, "width must contain whole numbers"),
    ((1, 2, 3), ValueError, "width must be an int, a .before, after. pair, or 2 such pairs"),
    ("2", TypeError, "width must contain whole numbers"),
])
def test_bad_width(width, error, message):
    with pytest.raises(error, match=message):
        pad(np.ones((3, 3)), width)


def test_bad_array_and_mode():
    with pytest.raises(ValueError, match="mode must be one of 'zeros', 'reflect'"):
        pad([1, 2], 1, mode="edge")
    with pytest.raises(ValueError, match="array must have at least one dimension"):
        pad(3.0, 1)
    with pytest.raises(ValueError, match="array must not be empty"):
        pad([], 1)
    with pytest.raises(TypeError, match="array must contain numbers"):
        pad(["a"], 1)


def test_pad_does_not_mutate_and_converts_integers():
    image = np.array([[1, 2], [3, 250]], dtype=np.uint8)
    before = image.copy()
    padded = pad(image, 1, "circular")
    padded[1, 1] = 99
    assert np.array_equal(image, before)
    assert padded.dtype == np.float64


# --- the naming table, row by row, by computation -----------------------------

SAMPLES = np.array([1.0, 2.0, 3.0, 4.0])
WIDTH = 2


def expected_frame(mode):
    return pad(SAMPLES, WIDTH, mode)


def read_example(mode):
    """The 'example' column of the table, letters a..d turned into 1..4."""
    letters = MODE_NAMES[mode]["example"].replace("|", " ").split()
    return np.array([{"0": 0, "a": 1, "b": 2, "c": 3, "d": 4}[x] for x in letters], float)


@pytest.mark.parametrize("mode", PAD_MODES)
def test_table_example_column(mode):
    assert np.array_equal(read_example(mode), expected_frame(mode))


@pytest.mark.parametrize("mode", PAD_MODES)
def test_table_numpy_column(mode):
    assert np.array_equal(np.pad(SAMPLES, WIDTH, mode=MODE_NAMES[mode]["numpy.pad"]),
                          expected_frame(mode))


def frame_read_through(one_hot_filter):
    """The padded frame as a library sees it, read with one-hot filters.

    ``one_hot_filter(weights)`` filters SAMPLES in a 'same'-sized output with
    a centred kernel of 2 * WIDTH + 1 taps; with the 1 at tap k, output i
    reads the extended sample i + k - WIDTH, border rule included.
    """
    taps = 2 * WIDTH + 1
    reads = [one_hot_filter(np.eye(1, taps, k)[0]) for k in range(taps)]
    before = [reads[k][0] for k in range(WIDTH)]
    after = [reads[k][-1] for k in range(WIDTH + 1, taps)]
    return np.concatenate([before, SAMPLES, after])


@pytest.mark.parametrize("mode", PAD_MODES)
def test_table_scipy_ndimage_column(mode):
    name = MODE_NAMES[mode]["scipy.ndimage"]
    frame = frame_read_through(
        lambda weights: ndimage.correlate1d(SAMPLES, weights, mode=name, cval=0.0))
    assert np.array_equal(frame, expected_frame(mode))


def signal_frame(boundary):
    return frame_read_through(lambda weights: signal.correlate2d(
        SAMPLES[None, :], weights[None, :], "same", boundary=boundary)[0])


@pytest.mark.parametrize("mode", PAD_MODES)
def test_table_scipy_signal_column(mode):
    name = MODE_NAMES[mode]["scipy.signal"]
    if name is None:
        # SciPy's 2-D convolution has no such boundary: none of its three gives this frame.
        for boundary in ("fill", "wrap", "symm"):
            assert not np.array_equal(signal_frame(boundary), expected_frame(mode))
    else:
        assert np.array_equal(signal_frame(name), expected_frame(mode))


@needs_torch
@pytest.mark.parametrize("mode", PAD_MODES)
def test_table_torch_columns(mode):
    import torch
    import torch.nn.functional as F

    x = torch.tensor(SAMPLES, dtype=torch.float64).reshape(1, 1, -1)
    name = MODE_NAMES[mode]["torch F.pad"]
    offered = {"constant", "reflect", "replicate", "circular"}
    if name is None:
        for other in offered:
            frame = F.pad(x, (WIDTH, WIDTH), mode=other).flatten().numpy()
            assert not np.array_equal(frame, expected_frame(mode))
    else:
        frame = F.pad(x, (WIDTH, WIDTH), mode=name).flatten().numpy()
        assert np.array_equal(frame, expected_frame(mode))

    layer_mode = MODE_NAMES[mode]["torch Conv2d padding_mode"]
    if layer_mode is not None:
        # A 1 x 5 one-hot kernel with padding 2 reads every extended sample.
        for tap in range(2 * WIDTH + 1):
            layer = torch.nn.Conv1d(1, 1, 2 * WIDTH + 1, padding=WIDTH, padding_mode=layer_mode,
                                    bias=False).double()
            with torch.no_grad():
                layer.weight.zero_()
                layer.weight[0, 0, tap] = 1
            got = layer(x).detach().flatten().numpy()
            assert np.array_equal(got, expected_frame(mode)[tap : tap + len(SAMPLES)])


# --- output sizes ----------------------------------------------------------------


def windows(input_size, kernel_size, stride, padding, dilation):
    """Count the windows by building them: an independent oracle for output_size."""
    span = dilation * (kernel_size - 1) + 1
    padded = np.zeros(input_size + 2 * padding)
    if span > padded.size:
        return 0
    return sliding_window_view(padded, span)[::stride].shape[0]


@settings(max_examples=300, deadline=None)
@given(i=st.integers(1, 40), k=st.integers(1, 9), s=st.integers(1, 5), p=st.integers(0, 4),
       d=st.integers(1, 3))
def test_output_size_counts_the_windows(i, k, s, p, d):
    count = windows(i, k, s, p, d)
    span = d * (k - 1) + 1
    if count == 0:
        with pytest.raises(ValueError, match="no output at all"):
            output_size(i, k, s, p, d)
        return
    assert output_size(i, k, s, p, d, strict=False) == count
    fits = (i + 2 * p - span) % s == 0
    if fits:
        assert output_size(i, k, s, p, d) == count
    else:
        with pytest.raises(ValueError, match="does not fit") as raised:
            output_size(i, k, s, p, d)
        message = str(raised.value)
        assert "strict=False" in message
        # Every suggestion the message makes must actually fit.
        for suggestion in [int(w) for w in message.split("Padding ")[1].split()[0:1]] \
                if "Padding " in message else []:
            assert (i + 2 * suggestion - span) % s == 0


@settings(max_examples=100, deadline=None)
@given(h=st.integers(1, 12), w=st.integers(1, 12), kh=st.integers(1, 5), kw=st.integers(1, 5),
       p=st.integers(0, 3))
def test_output_size_matches_padded_valid_convolution(h, w, kh, kw, p):
    padded = pad(np.ones((h, w)), p)
    if kh > padded.shape[0] or kw > padded.shape[1]:
        return
    shape = convolve2d(padded, np.ones((kh, kw)), mode="valid").shape
    assert shape == (output_size(h, kh, padding=p), output_size(w, kw, padding=p))


def test_worked_examples_of_the_course():
    assert output_size(10, 3) == 8  # a 3 x 3 kernel shrinks by 2 per axis
    assert output_size(13, 3, stride=2) == 6
    assert output_size(10, 3, stride=2, strict=False) == 4
    with pytest.raises(ValueError, match="input sizes 9 or 11 would fit"):
        output_size(10, 3, stride=2)
    with pytest.raises(ValueError, match="Padding 0 would fit"):
        output_size(11, 2, stride=3, padding=1)


@needs_torch
@pytest.mark.parametrize("i, k, s, p, d", [(13, 3, 2, 0, 1), (10, 3, 2, 0, 1), (32, 5, 3, 2, 2),
                                           (7, 7, 1, 0, 1), (9, 2, 4, 1, 3)])
def test_output_size_matches_torch(i, k, s, p, d):
    import torch

    x = torch.zeros(1, 1, i)
    y = torch.nn.functional.conv1d(x, torch.zeros(1, 1, k), stride=s, padding=p, dilation=d)
    assert output_size(i, k, s, p, d, strict=False) == y.shape[-1]


@pytest.mark.parametrize("args, kwargs, error, message", [
    ((0, 3), {}, ValueError, "input_size must be at least 1"),
    ((5, 0), {}, ValueError, "kernel_size must be at least 1"),
    ((5, 3), {"stride": 0}, ValueError, "stride must be at least 1"),
    ((5, 3), {"padding": -1}, ValueError, "padding must be at least 0"),
    ((5, 3), {"dilation": 0}, ValueError, "dilation must be at least 1"),
    ((5.0, 3), {}, TypeError, "input_size must be an integer"),
    ((5, 3), {"stride": 1.5}, TypeError, "stride must be an integer"),
    ((2, 5), {}, ValueError, "kernel spans 5 samples .* padded input has only 2"),
])
def test_output_size_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        output_size(*args, **kwargs)
