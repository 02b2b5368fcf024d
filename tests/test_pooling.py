"""Pooling: reference loops, fast windows, finite differences and PyTorch agree."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlessons.pooling import (
    AvgPool2D,
    MaxPool2D,
    SumPool2D,
    avg_pool2d,
    max_pool2d,
    pool2d,
    pool2d_backward,
    pool2d_backward_reference,
    pool2d_reference,
    sum_pool2d,
)

from .conftest import needs_torch

FUNCTIONS = {"max": max_pool2d, "avg": avg_pool2d, "sum": sum_pool2d}


@st.composite
def pool_configs(draw):
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    stride = draw(st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = (draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2)))
    h, w = draw(st.integers(kh, 8)), draw(st.integers(kw, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        x = rng.integers(0, 3, size=(2, 2, h, w)).astype(float)  # many ties
    else:
        x = rng.normal(size=(2, 2, h, w))
    return x, {"kernel_size": (kh, kw), "stride": stride, "padding": padding}


@settings(max_examples=150, deadline=None)
@given(config=pool_configs(), mode=st.sampled_from(["max", "avg", "sum"]))
def test_fast_pooling_matches_the_loops(config, mode):
    x, kwargs = config
    np.testing.assert_allclose(FUNCTIONS[mode](x, **kwargs),
                               pool2d_reference(x, mode=mode, **kwargs))


@settings(max_examples=100, deadline=None)
@given(config=pool_configs(), mode=st.sampled_from(["max", "avg", "sum"]))
def test_fast_backward_and_layers_match_the_loops(config, mode):
    x, kwargs = config
    grad_out = np.random.default_rng(2).normal(size=pool2d(x, mode=mode, **kwargs).shape)
    expected = pool2d_backward_reference(x, grad_out, mode=mode, **kwargs)
    np.testing.assert_allclose(pool2d_backward(x, grad_out, mode=mode, **kwargs), expected)
    layer = {"max": MaxPool2D, "avg": AvgPool2D, "sum": SumPool2D}[mode](**kwargs)
    np.testing.assert_allclose(layer.forward(x), pool2d_reference(x, mode=mode, **kwargs))
    np.testing.assert_allclose(layer.backward(grad_out), expected)


@needs_torch
def test_max_pooling_of_nan_and_infinity_follows_torch():
    import torch
    import torch.nn.functional as F

    x = np.array([[[[1.0, np.nan, 2.0, np.nan], [np.nan, 0.0, -np.inf, -np.inf],
                    [np.inf, 5.0, 3.0, 3.0], [np.inf, 1.0, 3.0, 3.0]]]])
    tx = torch.tensor(x, requires_grad=True)
    expected = F.max_pool2d(tx, 2, stride=1)
    grad_out = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    expected.backward(torch.tensor(grad_out))
    layer = MaxPool2D(2, stride=1)
    np.testing.assert_array_equal(layer.forward(x), expected.detach().numpy())
    for grad in (layer.backward(grad_out), pool2d_backward(x, grad_out, 2, stride=1),
                 pool2d_backward_reference(x, grad_out, 2, stride=1)):
        np.testing.assert_array_equal(grad, tx.grad.numpy())


@needs_torch
@settings(max_examples=200, deadline=None)
@given(config=pool_configs(), mode=st.sampled_from(["max", "avg"]))
def test_forward_and_backward_match_torch(config, mode):
    import torch
    import torch.nn.functional as F

    x, kwargs = config
    tx = torch.tensor(x, requires_grad=True)
    expected = (F.max_pool2d if mode == "max" else F.avg_pool2d)(tx, **kwargs)
    grad_out = np.random.default_rng(1).normal(size=tuple(expected.shape))
    expected.backward(torch.tensor(grad_out))
    np.testing.assert_allclose(FUNCTIONS[mode](x, **kwargs), expected.detach().numpy())
    np.testing.assert_allclose(pool2d_backward(x, grad_out, mode=mode, **kwargs),
                               tx.grad.numpy())


@pytest.mark.parametrize("mode", ["max", "avg", "sum"])
@pytest.mark.parametrize("kwargs", [{"kernel_size": 2}, {"kernel_size": 3, "stride": 1},
                                    {"kernel_size": (3, 2), "stride": (2, 1), "padding": (1, 1)}])
def test_backward_matches_finite_differences(mode, kwargs):
    rng = np.random.default_rng(2)
    x = rng.permutation(2 * 3 * 7 * 6).reshape(2, 3, 7, 6) / 10.0  # distinct: no ties
    grad_out = rng.normal(size=FUNCTIONS[mode](x, **kwargs).shape)
    numerical = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        for sign in (1, -1):
            shifted = x.copy()
            shifted[index] += sign * 1e-6
            numerical[index] += sign * np.sum(FUNCTIONS[mode](shifted, **kwargs) * grad_out)
    numerical /= 2e-6
    np.testing.assert_allclose(pool2d_backward(x, grad_out, mode=mode, **kwargs), numerical,
                               rtol=1e-5, atol=1e-6)


def test_max_gradient_goes_to_the_first_maximum_on_a_tie():
    x = np.array([[[[5.0, 5.0], [1.0, 5.0]]]])
    grad = pool2d_backward(x, np.array([[[[1.0]]]]), 2, mode="max")
    assert grad[0, 0].tolist() == [[1.0, 0.0], [0.0, 0.0]]


def test_output_size_floors_and_pooling_has_no_parameters():
    x = np.zeros((1, 1, 7, 7))
    assert max_pool2d(x, 2).shape == (1, 1, 3, 3)  # floor((7 - 2) / 2) + 1
    assert avg_pool2d(x, 3, stride=1).shape == (1, 1, 5, 5)
    for layer in (MaxPool2D(2), AvgPool2D(2), SumPool2D(2)):
        assert layer.parameters() == []


def test_layers_remember_their_input():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 4, 4))
    for layer, mode in ((MaxPool2D(2), "max"), (AvgPool2D(2, stride=1), "avg"),
                        (SumPool2D(2), "sum")):
        out = layer.forward(x)
        grad = layer.backward(np.ones_like(out))
        np.testing.assert_allclose(grad, pool2d_backward(x, np.ones_like(out), layer.kernel_size,
                                                         layer.stride, mode=mode))


def _forwarded(layer):
    """``layer`` after a forward pass of one 4 x 4 image."""
    layer.forward(np.ones((1, 4, 4)))
    return layer


@pytest.mark.parametrize("call, error, message", [
    (lambda: max_pool2d(np.ones((4, 4)), 2), ValueError, "x must be 4-D .* or 3-D"),
    (lambda: max_pool2d(np.ones((1, 4, 4)), 0), ValueError, "kernel_size must be at least 1"),
    (lambda: max_pool2d(np.ones((1, 4, 4)), 2, stride=0), ValueError, "stride must be at least"),
    (lambda: max_pool2d(np.ones((1, 4, 4)), 2, padding=2), ValueError,
     "padding must be at most half of kernel_size"),
    (lambda: avg_pool2d(np.ones((1, 4, 4)), 5), ValueError, "kernel spans 5 pixels"),
    (lambda: max_pool2d(np.ones((1, 4, 4)), 2.0), TypeError, "kernel_size must be an int"),
    (lambda: pool2d_backward(np.ones((1, 4, 4)), np.ones((1, 3, 3)), 2), ValueError,
     r"grad_out must have the shape of the forward output, \(1, 1, 2, 2\)"),
    (lambda: pool2d_backward(np.ones((1, 4, 4)), "abc", 2), TypeError,
     "grad_out must be an array of numbers, got a str"),
    (lambda: pool2d_backward(np.ones((1, 4, 4)), np.ones((1, 2, 2), complex), 2), TypeError,
     "grad_out must be real"),
    (lambda: MaxPool2D(2).backward(np.ones((1, 1, 1, 1))), RuntimeError, "call forward"),
    (lambda: _forwarded(MaxPool2D(2)).backward([[["a", "b"], ["c", "d"]]]), TypeError,
     "grad_out must contain numbers"),
    (lambda: pool2d_reference(np.ones((1, 4, 4)), 2, mode="min"), ValueError, "mode must be"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_unbatched_input_and_no_mutation():
    x = np.arange(16.0).reshape(1, 4, 4)
    before = x.copy()
    assert max_pool2d(x, 2).shape == (1, 2, 2)
    pool2d_backward(x, np.ones((1, 2, 2)), 2)
    assert np.array_equal(x, before)
