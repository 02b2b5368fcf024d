"""Grouped and transposed convolutions: loops, fast code, finite differences and PyTorch agree.

The PyTorch comparisons draw 1,400 small random configurations of each
operation, valid and invalid mixed (roughly one in four is invalid): for a valid
one, forward and all three gradients must match; for an invalid one, PyTorch
must raise and so must we, with a ValueError.
"""

import numpy as np
import pytest

from convlessons.borders import conv_transpose_output_size, output_size
from convlessons.layers import (
    Conv2D,
    ConvTranspose2D,
    col2im,
    conv2d,
    conv2d_backward,
    conv2d_backward_reference,
    conv2d_reference,
    conv_transpose2d,
    conv_transpose2d_backward,
    conv_transpose2d_reference,
    windows,
)
from convlessons.sharing import conv_matrix

from .conftest import needs_torch
from .test_layers import numerical_gradient

CONFIGURATIONS = 1400


def draw_settings(rng):
    """Stride, padding, dilation (and output padding) per axis, as ints or pairs."""
    as_pair = rng.random() < 0.5
    sizes = {"stride": (1, 3), "padding": (0, 2), "dilation": (1, 2)}
    settings = {}
    for name, (low, high) in sizes.items():
        values = rng.integers(low, high + 1, size=2)
        settings[name] = tuple(int(v) for v in values) if as_pair else int(values[0])
    return settings, as_pair


def grouped_conv_configuration(rng):
    """A small conv2d call with groups; now and then with channels that do not divide."""
    groups = int(rng.integers(1, 4))
    per_group_in, per_group_out = int(rng.integers(1, 3)), int(rng.integers(1, 3))
    channels, filters = groups * per_group_in, groups * per_group_out
    if rng.random() < 0.08:
        channels += 1  # x no longer matches groups * weight.shape[1]
    if rng.random() < 0.08 and groups > 1:
        filters += 1  # the filters no longer split into equal groups
    kh, kw = (int(k) for k in rng.integers(1, 4, size=2))
    settings, _ = draw_settings(rng)
    h, w = (int(s) for s in rng.integers(2, 8, size=2))
    x = rng.normal(size=(int(rng.integers(1, 3)), channels, h, w))
    weight = rng.normal(size=(filters, per_group_in, kh, kw))
    bias = rng.normal(size=filters) if rng.random() < 0.5 else None
    return x, weight, bias, {**settings, "groups": groups}


def transposed_configuration(rng):
    """A small conv_transpose2d call; some have too much output padding or padding."""
    groups = int(rng.integers(1, 4))
    per_group_in, per_group_out = int(rng.integers(1, 3)), int(rng.integers(1, 3))
    channels = groups * per_group_in
    if rng.random() < 0.06 and groups > 1:
        channels += 1  # in_channels not a multiple of groups
    settings, as_pair = draw_settings(rng)
    stride, dilation = (np.broadcast_to(settings[name], 2) for name in ("stride", "dilation"))
    largest = np.maximum(stride, dilation)  # the allowed output padding is below this
    extra = rng.random() < 0.1
    output_padding = [int(rng.integers(0, m)) + (int(m) if extra else 0) for m in largest]
    settings["output_padding"] = tuple(output_padding) if as_pair else output_padding[0]
    if not as_pair:
        settings["output_padding"] = min(settings["output_padding"], int(largest.min()) - 1
                                         + (int(largest.min()) if extra else 0))
    kh, kw = (int(k) for k in rng.integers(1, 4, size=2))
    h, w = (int(s) for s in rng.integers(2, 5, size=2))
    x = rng.normal(size=(int(rng.integers(1, 3)), channels, h, w))
    weight = rng.normal(size=(channels, per_group_out, kh, kw))
    bias = rng.normal(size=groups * per_group_out) if rng.random() < 0.5 else None
    return x, weight, bias, {**settings, "groups": groups}


def torch_result(function, x, weight, bias, settings):
    """PyTorch's output and gradients for a random output gradient, or the error it raised."""
    import torch

    tx = torch.tensor(x, requires_grad=True)
    tw = torch.tensor(weight, requires_grad=True)
    tb = None if bias is None else torch.tensor(bias, requires_grad=True)
    try:
        out = function(tx, tw, tb, **settings)
    except RuntimeError as error:
        return error
    grad_out = np.random.default_rng(out.numel()).normal(size=tuple(out.shape))
    out.backward(torch.tensor(grad_out))
    return (out.detach().numpy(), grad_out, tx.grad.numpy(), tw.grad.numpy(),
            None if tb is None else tb.grad.numpy())


def agreement(ours, ours_backward, theirs, configuration_maker, seed):
    """Count configurations, invalid ones, and mismatches against PyTorch."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: threads only add overhead
    try:
        return count_agreement(ours, ours_backward, theirs, configuration_maker, seed)
    finally:
        torch.set_num_threads(threads)


def count_agreement(ours, ours_backward, theirs, configuration_maker, seed):
    rng = np.random.default_rng(seed)
    counts = {"valid": 0, "invalid": 0, "mismatches": []}
    for number in range(CONFIGURATIONS):
        x, weight, bias, settings = configuration_maker(rng)
        expected = torch_result(theirs, x, weight, bias, settings)
        if isinstance(expected, Exception):
            counts["invalid"] += 1
            try:
                ours(x, weight, bias, **settings)
            except ValueError:
                continue
            counts["mismatches"].append((number, settings, "PyTorch raised, we did not"))
            continue
        counts["valid"] += 1
        out, grad_out, grad_x, grad_w, grad_b = expected
        try:
            got = ours(x, weight, bias, **settings)
            got_x, got_w, got_b = ours_backward(x, weight, grad_out, **settings)
        except ValueError as error:
            counts["mismatches"].append((number, settings, f"we raised: {error}"))
            continue
        pairs = [(got, out), (got_x, grad_x), (got_w, grad_w)]
        if bias is not None:
            pairs.append((got_b, grad_b))
        if not all(a.shape == b.shape and np.allclose(a, b, atol=1e-10) for a, b in pairs):
            counts["mismatches"].append((number, settings, "different numbers"))
    return counts


@needs_torch
def test_grouped_conv2d_agrees_with_torch_on_1400_configurations():
    import torch.nn.functional as F

    counts = agreement(conv2d, conv2d_backward, F.conv2d, grouped_conv_configuration, 14)
    assert counts["mismatches"] == []
    # Both kinds of configuration were really drawn, each in numbers.
    assert counts["valid"] >= 1000 and counts["invalid"] >= 50


@needs_torch
def test_conv_transpose2d_agrees_with_torch_on_1400_configurations():
    import torch.nn.functional as F

    counts = agreement(conv_transpose2d, conv_transpose2d_backward, F.conv_transpose2d,
                       transposed_configuration, 8)
    assert counts["mismatches"] == []
    assert counts["valid"] >= 1000 and counts["invalid"] >= 50


@pytest.mark.parametrize("seed", range(150))
def test_fast_matches_the_loops(seed):
    rng = np.random.default_rng(1000 + seed)
    x, weight, bias, settings = transposed_configuration(rng)
    try:
        expected = conv_transpose2d_reference(x, weight, bias, **settings)
    except ValueError:
        with pytest.raises(ValueError):
            conv_transpose2d(x, weight, bias, **settings)
    else:
        np.testing.assert_allclose(conv_transpose2d(x, weight, bias, **settings), expected,
                                   atol=1e-12)
    x, weight, bias, settings = grouped_conv_configuration(rng)
    try:
        expected = conv2d_reference(x, weight, bias, **settings)
    except ValueError:
        with pytest.raises(ValueError):
            conv2d(x, weight, bias, **settings)
        return
    np.testing.assert_allclose(conv2d(x, weight, bias, **settings), expected, atol=1e-12)
    grad_out = rng.normal(size=expected.shape)
    for fast, slow in zip(conv2d_backward(x, weight, grad_out, **settings),
                          conv2d_backward_reference(x, weight, grad_out, **settings),
                          strict=True):
        np.testing.assert_allclose(fast, slow, atol=1e-12)


@pytest.mark.parametrize("settings", [
    {},
    {"stride": 2, "padding": 1, "output_padding": 1},
    {"stride": (1, 3), "dilation": (2, 1), "padding": (0, 1), "output_padding": (1, 2)},
    {"stride": 2, "groups": 2, "dilation": 2, "output_padding": 1},
])
def test_transposed_backward_matches_finite_differences(settings):
    rng = np.random.default_rng(20)
    x, weight = rng.normal(size=(2, 4, 3, 4)), rng.normal(size=(4, 3, 3, 2))
    bias = rng.normal(size=3 * settings.get("groups", 1))
    grad_out = rng.normal(size=conv_transpose2d(x, weight, bias, **settings).shape)

    def loss():
        return float(np.sum(conv_transpose2d(x, weight, bias, **settings) * grad_out))

    grad_x, grad_w, grad_b = conv_transpose2d_backward(x, weight, grad_out, **settings)
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, weight), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_b, numerical_gradient(loss, bias), rtol=1e-5, atol=1e-7)


def test_grouped_backward_matches_finite_differences():
    rng = np.random.default_rng(21)
    x, weight, bias = rng.normal(size=(2, 6, 5, 4)), rng.normal(size=(4, 3, 2, 3)), None
    settings = {"groups": 2, "stride": (2, 1), "padding": 1, "dilation": (1, 2)}
    grad_out = rng.normal(size=conv2d(x, weight, **settings).shape)

    def loss():
        return float(np.sum(conv2d(x, weight, bias, **settings) * grad_out))

    grad_x, grad_w, _ = conv2d_backward(x, weight, grad_out, **settings)
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, weight), rtol=1e-5, atol=1e-7)


def test_transposed_convolution_is_the_transposed_matrix_of_lesson_4():
    rng = np.random.default_rng(22)
    kernel, x = rng.normal(size=(3, 2)), rng.normal(size=(3, 4))  # x: a 3 x 4 output map
    matrix = conv_matrix(kernel, (5, 5))  # the valid correlation of a 5 x 5 image: 3 x 4
    through_matrix = (matrix.T @ x.ravel()).reshape(5, 5)
    np.testing.assert_allclose(conv_transpose2d(x[None, None], kernel[None, None])[0, 0],
                               through_matrix, atol=1e-12)


def test_transposed_convolution_is_zeros_inserted_then_a_flipped_convolution():
    """Insert stride - 1 zeros, pad by d (k - 1) - p (+ output padding), correlate with the flip."""
    rng = np.random.default_rng(23)
    x, kernel = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    stride, padding, output_padding = 2, 1, 1
    spread = np.zeros((2 * 4 - 1, 2 * 3 - 1))
    spread[::stride, ::stride] = x
    border = 3 - 1 - padding
    framed = np.pad(spread, ((border, border + output_padding), (border, border + output_padding)))
    flipped = kernel[::-1, ::-1]
    expected = conv2d(framed[None, None], flipped[None, None])[0, 0]
    got = conv_transpose2d(x[None, None], kernel[None, None], stride=stride, padding=padding,
                           output_padding=output_padding)[0, 0]
    np.testing.assert_allclose(got, expected, atol=1e-12)


def test_col2im_is_the_adjoint_of_windows():
    """<windows(x), p> equals <x, col2im(p)> for every x and p: col2im is the transpose."""
    rng = np.random.default_rng(24)
    x = rng.normal(size=(2, 3, 7, 6))
    stride, dilation = (2, 1), (1, 2)
    out_hw = (output_size(7, 3, 2, strict=False), output_size(6, 2, 1, dilation=2))
    view = windows(x, (3, 2), stride, dilation, out_hw)
    patches = rng.normal(size=view.shape)
    assert np.isclose(np.sum(view * patches), np.sum(x * col2im(patches, (7, 6), stride,
                                                                dilation)))


@pytest.mark.parametrize("size, kernel, stride, padding, output_padding, dilation, expected", [
    (6, 3, 2, 0, 0, 1, 13),  # (6 - 1) * 2 + (3 - 1) + 1
    (6, 3, 2, 0, 1, 1, 14),
    (4, 4, 2, 1, 0, 1, 8),  # the usual "double the size" layer
    (5, 3, 1, 1, 0, 1, 5),  # stride 1, padding 1: the size stays
    (3, 3, 1, 0, 1, 2, 8),  # output padding 1 is allowed with stride 1 because dilation is 2
])
def test_transposed_output_size_by_hand(size, kernel, stride, padding, output_padding, dilation,
                                        expected):
    assert conv_transpose_output_size(size, kernel, stride, padding, output_padding,
                                      dilation) == expected
    x = np.zeros((1, 1, size, size))
    out = conv_transpose2d(x, np.zeros((1, 1, kernel, kernel)), stride=stride, padding=padding,
                           output_padding=output_padding, dilation=dilation)
    assert out.shape[2:] == (expected, expected)


def test_output_padding_picks_between_inputs_of_the_same_size():
    for size in (13, 14):
        assert output_size(size, 3, 2, strict=False) == 6
    assert [conv_transpose_output_size(6, 3, 2, output_padding=op) for op in (0, 1)] == [13, 14]


@needs_torch
@pytest.mark.parametrize("settings, message", [
    ({"stride": 2, "output_padding": 2}, "output_padding 2 must be smaller than the stride 2"),
    ({"padding": 3}, "no output is left"),
    ({"groups": 3}, "groups=3 must divide in_channels"),
])
def test_invalid_transposed_settings_raise_as_torch_does(settings, message):
    import torch
    import torch.nn.functional as F

    x, weight = np.zeros((1, 4, 3, 3)), np.zeros((4, 2, 3, 3))
    with pytest.raises(RuntimeError):
        F.conv_transpose2d(torch.tensor(x), torch.tensor(weight), **settings)
    with pytest.raises(ValueError, match=message):
        conv_transpose2d(x, weight, **settings)


@needs_torch
@pytest.mark.parametrize("channels, weight_shape, groups, message", [
    (4, (5, 2, 3, 3), 2, "groups=2 must divide the number of filters"),
    (4, (6, 2, 3, 3), 3, "x has 4 channels but groups=3 and weight.shape.1. = 2 expect 6"),
    (4, (6, 1, 3, 3), 0, "groups must be at least 1"),
])
def test_invalid_groups_raise_as_torch_does(channels, weight_shape, groups, message):
    import torch
    import torch.nn.functional as F

    x, weight = np.zeros((1, channels, 3, 3)), np.zeros(weight_shape)
    with pytest.raises(RuntimeError):
        F.conv2d(torch.tensor(x), torch.tensor(weight), groups=groups)
    with pytest.raises(ValueError, match=message):
        conv2d(x, weight, groups=groups)


@pytest.mark.parametrize("make, message", [
    (lambda: Conv2D(6, 4, 3, groups=4), r"in_channels \(6\) must be a multiple of groups"),
    (lambda: ConvTranspose2D(4, 3, 3, groups=2), r"out_channels \(3\) must be a multiple"),
    (lambda: ConvTranspose2D(4, 2, 3, stride=2, output_padding=2), "must be smaller than"),
    (lambda: ConvTranspose2D(4, 2, 3).backward(np.ones((1, 2, 5, 5))), "call forward"),
])
def test_bad_layer_settings_get_a_clear_error(make, message):
    with pytest.raises((ValueError, RuntimeError), match=message):
        make()


@pytest.mark.parametrize("unbatched", [False, True])
def test_layers_agree_with_the_functions(unbatched):
    rng = np.random.default_rng(25)
    grouped = Conv2D(6, 4, 3, stride=2, padding=1, seed=1, groups=2)
    transposed = ConvTranspose2D(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2,
                                 seed=2)
    assert grouped.weight.shape == (4, 3, 3, 3) and transposed.weight.shape == (4, 3, 3, 3)
    assert grouped.parameter_count() == 4 * (3 * 9 + 1)
    x = rng.normal(size=(6, 8, 8) if unbatched else (2, 6, 8, 8))
    down = grouped.forward(x)
    np.testing.assert_allclose(down, conv2d(x, grouped.weight, grouped.bias, stride=2,
                                            padding=1, groups=2), atol=1e-12)
    up = transposed.forward(down)
    assert up.shape == x.shape  # 8 -> 4 -> 8
    grad_up = rng.normal(size=up.shape)
    grad_down = transposed.backward(grad_up)
    expected = conv_transpose2d_backward(down, transposed.weight, grad_up, stride=2, padding=1,
                                         output_padding=1, groups=2)
    assert_all_close((grad_down, transposed.grad_weight, transposed.grad_bias), expected)
    grad_x = grouped.backward(grad_down)
    expected = conv2d_backward(x, grouped.weight, grad_down, stride=2, padding=1, groups=2)
    assert_all_close((grad_x, grouped.grad_weight, grouped.grad_bias), expected)


def test_float32_stays_float32_and_inputs_are_not_mutated():
    rng = np.random.default_rng(26)
    x, weight = rng.normal(size=(1, 2, 3, 3)).astype(np.float32), rng.normal(
        size=(2, 1, 2, 2)).astype(np.float32)
    copies = x.copy(), weight.copy()
    assert conv_transpose2d(x, weight, stride=2, groups=2).dtype == np.float32
    assert conv2d(x, weight, groups=2).dtype == np.float32
    assert conv_transpose2d(x.astype(int), weight).dtype == np.float64
    assert np.array_equal(x, copies[0]) and np.array_equal(weight, copies[1])


@pytest.mark.parametrize("groups, out_channels, stride, padding", [(4, 4, 1, 1), (4, 8, 2, 0),
                                                                   (2, 6, 1, 2)])
def test_grouped_and_depthwise_layers_match_the_loops(groups, out_channels, stride, padding):
    """groups == channels == filters takes the tap-by-tap depthwise path; the others im2col."""
    rng = np.random.default_rng(27)
    layer = Conv2D(4, out_channels, 3, stride=stride, padding=padding, seed=3, groups=groups)
    x = rng.normal(size=(2, 4, 6, 5))
    assert_layer_matches_the_loops(layer, x, rng, stride=stride, padding=padding,
                                   groups=groups)


@pytest.mark.parametrize("groups", [1, 3])
def test_conv2d_layer_with_dilation_matches_the_functions(groups):
    rng = np.random.default_rng(28)
    layer = Conv2D(3, 3, 3, padding=2, seed=4, groups=groups, dilation=(2, 1))
    x = rng.normal(size=(2, 3, 7, 6))
    assert_layer_matches_the_loops(layer, x, rng, padding=2, dilation=(2, 1), groups=groups)


def assert_layer_matches_the_loops(layer, x, rng, **settings):
    """A Conv2D's forward and its three gradients equal the loop references', on x and a
    gradient drawn from ``rng``."""
    out = layer.forward(x)
    np.testing.assert_allclose(out, conv2d_reference(x, layer.weight, layer.bias, **settings),
                               atol=1e-12)
    grad_out = rng.normal(size=out.shape)
    grad_x = layer.backward(grad_out)
    assert_all_close((grad_x, layer.grad_weight, layer.grad_bias),
                     conv2d_backward_reference(x, layer.weight, grad_out, **settings))


def assert_all_close(gots, wants):
    """Each array of ``gots`` equals its partner in ``wants`` (to 1e-12)."""
    for got, want in zip(gots, wants, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-12)
