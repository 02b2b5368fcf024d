"""Training: loss and gradient, optimisers against PyTorch, batches, determinism."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlessons.data import digits_split
from convlessons.layers import Conv2D, Dense, Flatten, ReLU
from convlessons.pooling import MaxPool2D
from convlessons.training import (
    SGD,
    Adam,
    Sequential,
    accuracy,
    batches,
    cross_entropy,
    softmax,
    train_epoch,
)

from .conftest import needs_torch


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 6), k=st.integers(2, 6), seed=st.integers(0, 10_000),
       scale=st.sampled_from([0.1, 1.0, 30.0]))
def test_cross_entropy_gradient_matches_finite_differences(n, k, seed, scale):
    rng = np.random.default_rng(seed)
    logits, labels = scale * rng.normal(size=(n, k)), rng.integers(0, k, size=n)
    loss, grad = cross_entropy(logits, labels)
    probabilities = softmax(logits)
    assert loss == pytest.approx(-np.mean(np.log(probabilities[np.arange(n), labels])),
                                 rel=1e-9, abs=1e-12)
    numerical = np.zeros_like(logits)
    for index in np.ndindex(logits.shape):
        for sign in (1, -1):
            moved = logits.copy()
            moved[index] += sign * 1e-6
            numerical[index] += sign * cross_entropy(moved, labels)[0]
    np.testing.assert_allclose(grad, numerical / 2e-6, rtol=1e-4, atol=1e-8)


def test_softmax_is_stable_and_normalised():
    probabilities = softmax([[1000.0, 1000.0, -1000.0], [0.0, 1.0, 2.0]])
    assert np.all(np.isfinite(probabilities))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    np.testing.assert_allclose(probabilities[0], [0.5, 0.5, 0.0])
    assert cross_entropy([[1000.0, -1000.0]], [1])[0] == pytest.approx(2000.0)


@needs_torch
def test_cross_entropy_matches_torch():
    import torch

    rng = np.random.default_rng(1)
    logits, labels = rng.normal(size=(7, 4)), rng.integers(0, 4, size=7)
    tlogits = torch.tensor(logits, requires_grad=True)
    expected = torch.nn.functional.cross_entropy(tlogits, torch.tensor(labels))
    expected.backward()
    loss, grad = cross_entropy(logits, labels)
    assert loss == pytest.approx(expected.item())
    np.testing.assert_allclose(grad, tlogits.grad.numpy())


@pytest.mark.parametrize("labels, error, message", [
    ([0, 3], ValueError, r"labels must lie in 0..2"),
    ([0], ValueError, r"labels must have shape \(2,\)"),
    ([0.0, 1.0], TypeError, "labels must be integers"),
])
def test_bad_labels(labels, error, message):
    with pytest.raises(error, match=message):
        cross_entropy(np.zeros((2, 3)), np.array(labels))


@needs_torch
@pytest.mark.parametrize("kind", ["sgd", "momentum", "adam", "adamw"])
def test_optimisers_take_the_same_steps_as_torch(kind):
    import torch

    model = Sequential([Dense(3, 2, seed=2)])
    reference = torch.nn.Linear(3, 2).double()
    with torch.no_grad():
        reference.weight.copy_(torch.tensor(model.layers[0].weight))
        reference.bias.copy_(torch.tensor(model.layers[0].bias))
    if kind in ("sgd", "momentum"):
        momentum = 0.9 if kind == "momentum" else 0.0
        ours = SGD(model, learning_rate=0.1, momentum=momentum)
        theirs = torch.optim.SGD(reference.parameters(), lr=0.1, momentum=momentum)
    else:
        decay = 0.05 if kind == "adamw" else 0.0
        ours = Adam(model, learning_rate=0.01, weight_decay=decay)
        theirs = torch.optim.AdamW(reference.parameters(), lr=0.01, weight_decay=decay)
    rng = np.random.default_rng(3)
    for _ in range(5):
        x, y = rng.normal(size=(4, 3)), rng.integers(0, 2, size=4)
        _, grad = cross_entropy(model.forward(x), y)
        model.backward(grad)
        ours.step()
        theirs.zero_grad()
        torch.nn.functional.cross_entropy(reference(torch.tensor(x)), torch.tensor(y)).backward()
        theirs.step()
    np.testing.assert_allclose(model.layers[0].weight, reference.weight.detach().numpy(),
                               atol=1e-10)
    np.testing.assert_allclose(model.layers[0].bias, reference.bias.detach().numpy(), atol=1e-10)


def test_batches_cover_everything_once_and_are_reproducible():
    x, y = np.arange(10), np.arange(10) * 2
    first = list(batches(x, y, 3, np.random.default_rng(4)))
    again = list(batches(x, y, 3, np.random.default_rng(4)))
    assert [len(b[0]) for b in first] == [3, 3, 3, 1]
    assert sorted(np.concatenate([b[0] for b in first]).tolist()) == list(range(10))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(first, again, strict=True))
    assert all(np.array_equal(b[1], 2 * b[0]) for b in first)
    with pytest.raises(ValueError, match="same length"):
        list(batches(x, y[:5], 3))


def test_digits_split_is_fixed_stratified_and_disjoint():
    x_train, y_train, x_test, y_test = digits_split()
    again = digits_split()
    assert np.array_equal(x_test, again[2]) and np.array_equal(y_train, again[1])
    assert len(x_train) + len(x_test) == 1797
    shares = np.bincount(y_test) / (np.bincount(y_test) + np.bincount(y_train))
    assert np.all(np.abs(shares - 0.2) < 0.01)
    train_rows = {row.tobytes() for row in x_train}
    overlap = sum(row.tobytes() in train_rows for row in x_test)
    assert overlap <= 2, "the sets must not share images (a few true duplicates exist)"
    with pytest.raises(ValueError, match="test_fraction"):
        digits_split(test_fraction=1.0)


def small_cnn(seed):
    return Sequential([Conv2D(1, 4, 3, padding=1, seed=seed), ReLU(), MaxPool2D(2), Flatten(),
                       Dense(64, 10, seed=seed + 1)])


def test_training_is_deterministic_given_the_seeds_and_learns():
    x_train, y_train, x_test, y_test = digits_split()
    x_train, y_train = x_train[:300], y_train[:300]
    results = []
    for _ in range(2):
        model = small_cnn(seed=5)
        optimiser = Adam(model, learning_rate=0.01)
        rng = np.random.default_rng(6)
        losses = [train_epoch(model, optimiser, x_train, y_train, 32, rng) for _ in range(3)]
        results.append((losses, model.layers[0].weight.copy(), accuracy(model, x_test, y_test)))
    assert results[0][0] == results[1][0]
    assert np.array_equal(results[0][1], results[1][1])
    assert results[0][0][-1] < results[0][0][0]
    assert results[0][2] > 0.6, "300 digits and 3 epochs already beat chance (0.1) by far"


def test_sequential_backward_matches_finite_differences():
    rng = np.random.default_rng(7)
    model = small_cnn(seed=8)
    x, y = rng.random((3, 1, 8, 8)), np.array([1, 5, 9])

    def loss():
        return cross_entropy(model.forward(x), y)[0]

    _, grad = cross_entropy(model.forward(x), y)
    grad_x = model.backward(grad)
    analytic = [g.copy() for _, g in model.parameters()]
    for (value, _), expected in zip(model.parameters(), analytic, strict=True):
        numerical = np.zeros_like(value)
        for index in list(np.ndindex(value.shape))[:12]:
            original = value[index]
            value[index] = original + 1e-6
            plus = loss()
            value[index] = original - 1e-6
            minus = loss()
            value[index] = original
            numerical[index] = (plus - minus) / 2e-6
            assert numerical[index] == pytest.approx(expected[index], rel=1e-4, abs=1e-8)
    assert grad_x.shape == x.shape


def test_optimiser_and_container_errors():
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        SGD(Sequential([]), learning_rate=0)
    with pytest.raises(ValueError, match="momentum must be in"):
        SGD(Sequential([]), momentum=1.0)
    with pytest.raises(ValueError, match="weight_decay must be >= 0"):
        Adam(Sequential([]), weight_decay=-1)
    with pytest.raises(TypeError, match="every layer needs forward and backward"):
        Sequential([np.zeros(3)])
