"""Layers: reference loops, fast im2col, finite differences and PyTorch all agree."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlessons.layers import (
    Conv2D,
    Dense,
    Flatten,
    ReLU,
    conv2d,
    conv2d_backward,
    conv2d_backward_reference,
    conv2d_reference,
)

from .conftest import needs_torch


@st.composite
def conv_configs(draw, max_side=7):
    """A random valid configuration: shapes, stride, padding, dilation, as ints or pairs."""
    n, c, o = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    dh, dw = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    ph, pw = draw(st.integers(0, 2)), draw(st.integers(0, 2))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    h = draw(st.integers(max(1, dh * (kh - 1) + 1 - 2 * ph), max_side))
    w = draw(st.integers(max(1, dw * (kw - 1) + 1 - 2 * pw), max_side))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    as_pair = draw(st.booleans())
    kwargs = {
        "stride": (sh, sw) if as_pair else sh,
        "padding": (ph, pw) if as_pair else ph,
        "dilation": (dh, dw) if as_pair else dh,
    }
    if not as_pair:  # ints mean the same value on both axes
        h = max(h, dh * (kh - 1) + 1 - 2 * ph)
        w = max(w, dh * (kw - 1) + 1 - 2 * ph)
    x = rng.normal(size=(n, c, h, w))
    weight = rng.normal(size=(o, c, kh, kw))
    bias = rng.normal(size=o) if draw(st.booleans()) else None
    return x, weight, bias, kwargs


@settings(max_examples=150, deadline=None)
@given(config=conv_configs())
def test_fast_forward_and_backward_match_the_loops(config):
    x, weight, bias, kwargs = config
    out = conv2d(x, weight, bias, **kwargs)
    np.testing.assert_allclose(out, conv2d_reference(x, weight, bias, **kwargs), atol=1e-10)
    grad_out = np.random.default_rng(1).normal(size=out.shape)
    fast = conv2d_backward(x, weight, grad_out, **kwargs)
    slow = conv2d_backward_reference(x, weight, grad_out, **kwargs)
    for a, b in zip(fast, slow, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-10)


@needs_torch
@settings(max_examples=200, deadline=None)
@given(config=conv_configs(max_side=9))
def test_forward_and_backward_match_torch(config):
    import torch
    import torch.nn.functional as F

    x, weight, bias, kwargs = config
    tx = torch.tensor(x, requires_grad=True)
    tw = torch.tensor(weight, requires_grad=True)
    tb = None if bias is None else torch.tensor(bias, requires_grad=True)
    expected = F.conv2d(tx, tw, tb, **kwargs)
    grad_out = np.random.default_rng(2).normal(size=tuple(expected.shape))
    expected.backward(torch.tensor(grad_out))
    np.testing.assert_allclose(conv2d(x, weight, bias, **kwargs), expected.detach().numpy(),
                               atol=1e-10)
    grad_x, grad_w, grad_b = conv2d_backward(x, weight, grad_out, **kwargs)
    np.testing.assert_allclose(grad_x, tx.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(grad_w, tw.grad.numpy(), atol=1e-10)
    if bias is not None:
        np.testing.assert_allclose(grad_b, tb.grad.numpy(), atol=1e-10)


def numerical_gradient(function, array, epsilon=1e-6):
    """Central differences of a scalar function, one element at a time."""
    gradient = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + epsilon
        plus = function()
        array[index] = original - epsilon
        minus = function()
        array[index] = original
        gradient[index] = (plus - minus) / (2 * epsilon)
    return gradient


@pytest.mark.parametrize("kwargs", [{}, {"stride": 2, "padding": 1},
                                    {"dilation": 2, "padding": (0, 2)},
                                    {"stride": (1, 3), "padding": (2, 1), "dilation": (2, 1)}])
def test_backward_matches_finite_differences(kwargs):
    rng = np.random.default_rng(3)
    x, weight = rng.normal(size=(2, 3, 7, 8)), rng.normal(size=(4, 3, 3, 2))
    bias = rng.normal(size=4)
    grad_out = rng.normal(size=conv2d(x, weight, bias, **kwargs).shape)

    def loss():
        return float(np.sum(conv2d(x, weight, bias, **kwargs) * grad_out))

    grad_x, grad_w, grad_b = conv2d_backward(x, weight, grad_out, **kwargs)
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, weight), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_b, numerical_gradient(loss, bias), rtol=1e-5, atol=1e-7)


def test_one_channel_conv2d_is_scipy_correlation():
    rng = np.random.default_rng(4)
    image, kernel = rng.normal(size=(9, 11)), rng.normal(size=(3, 4))
    out = conv2d(image[None, None], kernel[None, None])
    np.testing.assert_allclose(out[0, 0], signal.correlate2d(image, kernel, "valid"))


def test_filters_sum_their_channels_and_add_the_bias():
    rng = np.random.default_rng(5)
    x, weight, bias = rng.normal(size=(3, 6, 6)), rng.normal(size=(2, 3, 3, 3)), [0.5, -1.0]
    out = conv2d(x, weight, bias)  # unbatched, as PyTorch accepts
    for o in range(2):
        expected = sum(signal.correlate2d(x[c], weight[o, c], "valid") for c in range(3)) + bias[o]
        np.testing.assert_allclose(out[o], expected)


def test_float32_stays_float32_and_integers_become_float64():
    x = np.ones((1, 2, 5, 5), dtype=np.float32)
    w = np.ones((3, 2, 3, 3), dtype=np.float32)
    assert conv2d(x, w).dtype == np.float32
    assert conv2d(x.astype(np.uint8), w.astype(np.int64)).dtype == np.float64
    assert conv2d(x.astype(np.uint8) * 200, w.astype(np.uint8))[0, 0, 0, 0] == 200 * 18


def test_inputs_are_not_mutated():
    rng = np.random.default_rng(6)
    x, weight, grad = rng.normal(size=(2, 2, 5, 5)), rng.normal(size=(2, 2, 3, 3)), None
    copies = x.copy(), weight.copy()
    out = conv2d(x, weight, padding=1)
    grad = np.ones_like(out)
    conv2d_backward(x, weight, grad, padding=1)
    assert np.array_equal(x, copies[0]) and np.array_equal(weight, copies[1])


@pytest.mark.parametrize("call, error, message", [
    (lambda: conv2d(np.ones((4, 4)), np.ones((1, 1, 3, 3))), ValueError,
     r"x must be 4-D \(N, C, H, W\) or 3-D \(C, H, W\), got shape \(4, 4\)"),
    (lambda: conv2d(np.ones((1, 3, 4, 4)), np.ones((2, 2, 3, 3))), ValueError,
     "x has 3 channels but weight expects 2"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((3, 3))), ValueError, "weight must be 4-D"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((2, 1, 3, 3)), bias=[1.0]), ValueError,
     r"bias must have one value per output channel \(2\), got 1"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 7, 3))), ValueError,
     "kernel spans 7 pixels along H .* padded input has only 4"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), stride=0), ValueError,
     "stride must be at least 1"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), padding=-1), ValueError,
     "padding must be at least 0"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), dilation=(1, 0)), ValueError,
     "dilation must be at least 1"),
    (lambda: conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), stride=1.5), TypeError,
     "stride must be an int or a pair"),
    (lambda: conv2d(np.ones((1, 0, 4, 4)), np.ones((1, 0, 3, 3))), ValueError,
     "x must not be empty"),
    (lambda: conv2d([[["a"]]], np.ones((1, 1, 1, 1))), TypeError, "x must contain numbers"),
    (lambda: conv2d_backward(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), np.ones((1, 1, 3, 3))),
     ValueError, r"grad_out must have the shape of the forward output, \(1, 1, 2, 2\)"),
    (lambda: conv2d_backward(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), "abc"), TypeError,
     "grad_out must be an array of numbers, got a str"),
    (lambda: conv2d_backward(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)),
                             np.ones((1, 1, 2, 2), complex)), TypeError, "grad_out must be real"),
    (lambda: conv2d_backward_reference(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), None),
     TypeError, "grad_out must be an array of numbers, got None"),
    (lambda: Conv2D(0, 4, 3), ValueError, "in_channels must be at least 1"),
    (lambda: Conv2D(3, 4, 0), ValueError, "kernel_size must be at least 1"),
    (lambda: Conv2D(3, 4, 3).backward(np.ones((1, 4, 1, 1))), RuntimeError,
     "call forward before backward"),
    (lambda: Dense(4, 2).forward(np.ones((3, 5))), ValueError, r"x must have shape \(N, 4\)"),
    (lambda: Dense(4, 0), ValueError, "out_features must be at least 1"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_conv2d_layer_forward_backward_and_parameters():
    layer = Conv2D(2, 3, kernel_size=3, padding=1, seed=7)
    same = Conv2D(2, 3, kernel_size=3, padding=1, seed=7)
    assert np.array_equal(layer.weight, same.weight), "the seed fixes the initial weights"
    bound = 1 / np.sqrt(2 * 3 * 3)
    assert np.abs(layer.weight).max() <= bound and np.abs(layer.bias).max() <= bound
    x = np.random.default_rng(8).normal(size=(4, 2, 6, 6))
    out = layer.forward(x)
    grad_out = np.random.default_rng(9).normal(size=out.shape)
    grad_x = layer.backward(grad_out)
    expected = conv2d_backward(x, layer.weight, grad_out, padding=1)
    np.testing.assert_allclose(grad_x, expected[0])
    np.testing.assert_allclose(layer.grad_weight, expected[1])
    np.testing.assert_allclose(layer.grad_bias, expected[2])
    assert [p.shape for p, _ in layer.parameters()] == [(3, 2, 3, 3), (3,)]
    assert layer.parameter_count() == 3 * (2 * 9 + 1)
    assert Conv2D(2, 3, 3, bias=False).parameter_count() == 54


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3),
       st.integers(1, 2), st.integers(0, 1), st.booleans(), st.sampled_from(["float32", "float64"]),
       st.integers(0, 2**32 - 1))
def test_conv2d_layer_agrees_with_the_functions_on_random_shapes(
        n, c, o, k, stride, padding, unbatched, dtype, seed):
    """The layer keeps its input's im2col columns for backward; the result must not change."""
    rng = np.random.default_rng(seed)
    layer = Conv2D(c, o, kernel_size=k, stride=stride, padding=padding, seed=seed % 1000)
    side = k + int(rng.integers(0, 5))
    x = rng.normal(size=(c, side, side) if unbatched else (n, c, side, side)).astype(dtype)
    out = layer.forward(x)
    np.testing.assert_allclose(out, conv2d(x, layer.weight, layer.bias, stride, padding),
                               rtol=1e-6, atol=1e-9)
    grad_out = rng.normal(size=out.shape)
    grad_x = layer.backward(grad_out)
    expected_x, expected_w, expected_b = conv2d_backward(x, layer.weight, grad_out, stride,
                                                         padding)
    assert grad_x.shape == x.shape and layer.grad_weight.shape == layer.weight.shape
    for got, expected in [(grad_x, expected_x), (layer.grad_weight, expected_w),
                          (layer.grad_bias, expected_b)]:
        assert got.dtype == expected.dtype
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)


def test_dense_relu_flatten_backward_match_finite_differences():
    rng = np.random.default_rng(10)
    x = rng.normal(size=(3, 2, 2, 2))
    flatten, dense, relu = Flatten(), Dense(8, 5, seed=1), ReLU()
    grad_out = rng.normal(size=(3, 5))

    def loss():
        return float(np.sum(relu.forward(dense.forward(flatten.forward(x))) * grad_out))

    loss()
    grad_x = flatten.backward(dense.backward(relu.backward(grad_out)))
    grad_w = dense.grad_weight.copy()
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_gradient(loss, dense.weight), rtol=1e-5,
                               atol=1e-7)


@needs_torch
def test_dense_matches_torch_linear():
    import torch

    layer = Dense(6, 4, seed=11)
    linear = torch.nn.Linear(6, 4).double()
    with torch.no_grad():
        linear.weight.copy_(torch.tensor(layer.weight))
        linear.bias.copy_(torch.tensor(layer.bias))
    x = np.random.default_rng(12).normal(size=(5, 6))
    tx = torch.tensor(x, requires_grad=True)
    expected = linear(tx)
    expected.sum().backward()
    np.testing.assert_allclose(layer.forward(x), expected.detach().numpy())
    np.testing.assert_allclose(layer.backward(np.ones((5, 4))), tx.grad.numpy())
    np.testing.assert_allclose(layer.grad_weight, linear.weight.grad.numpy())
