"""Lesson 7 figures and explorers: the functions the widgets call, at the edges of their range."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from convlessons.data import digits_split
from convlessons.kernels import box_blur, kernel_similarity, sobel_x, sobel_y
from convlessons.layers import Conv2D, Dense, Flatten, ReLU
from convlessons.plotting import training as training_plots
from convlessons.pooling import AvgPool2D, MaxPool2D
from convlessons.training import SGD, Sequential, feature_maps, softmax, train_epoch
from convlessons.widgets.training import drawing_explorer, prediction_explorer

RNG = np.random.default_rng(7)
DIGITS = RNG.random((5, 8, 8))
LABELS = np.array([3, 0, 9, 1, 4])


def tiny_model():
    """2 filters, untrained: cheap, and every stage has a known shape."""
    return Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(), MaxPool2D(2),
                       Flatten(), Dense(32, 10, seed=1)])


# --- show_digits ----------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(5, 8, 8), (5, 1, 8, 8)])
@pytest.mark.parametrize("columns, rows", [(1, 5), (2, 3), (5, 1), (50, 1)])
def test_show_digits_lays_out_every_image_once(shape, columns, rows):
    images = DIGITS.reshape(shape)
    figure = training_plots.show_digits(images, titles=[f"d{i}" for i in range(5)],
                                        columns=columns)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert len(figure.axes) == rows * min(columns, 5)
    assert [ax.get_title() for ax in visible] == ["d0", "d1", "d2", "d3", "d4"]
    for ax, digit in zip(visible, DIGITS, strict=True):
        assert np.array_equal(ax.images[0].get_array(), digit)
        assert ax.images[0].get_clim() == (0, 1)


def test_show_digits_of_one_image_without_titles():
    figure = training_plots.show_digits(DIGITS[:1], suptitle="one")
    assert len(figure.axes) == 1 and figure.axes[0].get_title() == ""
    assert figure._suptitle.get_text() == "one"


@pytest.mark.parametrize("arguments, error, message", [
    ({"images": np.ones((8, 8))}, ValueError, r"shape \(N, H, W\) or \(N, 1, H, W\)"),
    ({"images": np.ones((2, 3, 8, 8))}, ValueError, r"shape \(N, H, W\) or \(N, 1, H, W\)"),
    ({"images": DIGITS, "titles": ["a"]}, ValueError, "one entry per image"),
    ({"images": DIGITS, "columns": 0}, ValueError, "columns must be at least 1"),
    ({"images": "digits"}, TypeError, "images must be an array"),
])
def test_show_digits_bad_input(arguments, error, message):
    with pytest.raises(error, match=message):
        training_plots.show_digits(**arguments)


# --- draw_training_curves -------------------------------------------------------------


def test_training_curves_draw_every_network_epoch_by_epoch():
    histories = {"cnn": {"loss": [2.0, 0.3, 0.01], "accuracy": [0.5, 0.97, 0.96]},
                 "dense": {"loss": [1.0, 0.5, 0.2], "accuracy": [0.6, 0.7, 0.8]}}
    figure = training_plots.draw_training_curves(histories)
    loss_ax, acc_ax = figure.axes
    curves = [line for line in acc_ax.lines if len(line.get_xdata()) == 3]
    assert [line.get_label() for line in curves] == ["cnn", "dense"]
    assert [line.get_ydata().tolist() for line in curves] == [[0.5, 0.97, 0.96], [0.6, 0.7, 0.8]]
    best = [line for line in acc_ax.lines if len(line.get_xdata()) == 1]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in best] == [(2, 0.97), (3, 0.8)]
    assert [t.get_text() for t in acc_ax.texts] == ["last 0.960", "last 0.800"]
    assert loss_ax.get_yscale() == "log"
    # The circles are explained in the legend: best accuracy and its epoch.
    legend = [text.get_text() for text in acc_ax.get_legend().get_texts()]
    assert legend == ["cnn", "cnn: best 0.970, epoch 2", "dense", "dense: best 0.800, epoch 3"]


def test_training_curves_of_one_epoch_and_a_zero_loss():
    figure = training_plots.draw_training_curves({"net": {"loss": [0.0], "accuracy": [1.0]}})
    assert figure.axes[0].get_yscale() == "linear"  # a loss of 0 has no logarithm
    assert figure.axes[0].get_ylabel() == "cross-entropy"


@pytest.mark.parametrize("histories, error, message", [
    ({}, TypeError, "non-empty dict"),
    ([1, 2], TypeError, "non-empty dict"),
    ({"net": {"loss": [1.0]}}, ValueError, "'loss' and 'accuracy'"),
    ({"net": {"loss": [1.0, 0.5], "accuracy": [0.5]}}, ValueError, "they must match"),
    ({"net": {"loss": [], "accuracy": []}}, ValueError, "must not be empty"),
])
def test_training_curves_bad_input(histories, error, message):
    with pytest.raises(error, match=message):
        training_plots.draw_training_curves(histories)


# --- kernel_similarity and the kernel figures -----------------------------------------


def test_kernel_similarity_agrees_with_a_plain_loop():
    kernels = RNG.normal(size=(7, 3, 3))
    references = [sobel_x(), sobel_y(), box_blur()]
    got = kernel_similarity(kernels, references)
    for i, a in enumerate(kernels):
        for j, b in enumerate(references):
            expected = float(np.dot(a.ravel(), b.ravel())
                             / (np.sqrt(np.sum(a * a)) * np.sqrt(np.sum(b * b))))
            assert got[i, j] == pytest.approx(expected, abs=1e-12)
    assert np.all(np.abs(got) <= 1 + 1e-12)


def test_kernel_similarity_ignores_scale_sees_signs_and_accepts_a_dict():
    references = {"x": sobel_x(), "y": sobel_y()}
    got = kernel_similarity([0.001 * sobel_x(), -50 * sobel_y()], references)
    np.testing.assert_allclose(got, [[1, 0], [0, -1]], atol=1e-12)


def test_an_all_zero_kernel_is_similar_to_nothing():
    got = kernel_similarity(np.zeros((1, 3, 3)), [sobel_x(), np.zeros((3, 3))])
    assert got.tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize("kernels, references, error, message", [
    (np.ones((2, 3, 3)), [np.ones((5, 5))], ValueError, "same kernel size"),
    (np.ones((3, 3)), [np.ones((3, 3))], ValueError, "kernels must be 3-D"),
    (np.ones((2, 3, 3)), None, TypeError, "references must be an array"),
])
def test_kernel_similarity_bad_input(kernels, references, error, message):
    with pytest.raises(error, match=message):
        kernel_similarity(kernels, references)


def test_draw_kernel_matches_picks_the_largest_absolute_similarity():
    kernels = np.stack([RNG.normal(size=(3, 3)) * 0.01, 0.3 * sobel_x(), -2 * sobel_y()])
    figure = training_plots.draw_kernel_matches(kernels, {"x": sobel_x(), "y": sobel_y()})
    top, bottom = figure.axes[:2], figure.axes[2:]
    assert [ax.get_title() for ax in top] == ["x", "y"]
    assert [ax.get_title() for ax in bottom] == ["kernel 1\nsimilarity 1.00",
                                                  "kernel 2\nsimilarity -1.00"]
    assert [t.get_text() for t in bottom[1].texts] == ["2", "4", "2", "0", "0", "0",
                                                        "-2", "-4", "-2"]


def test_a_blur_is_matched_by_positive_similarity_an_edge_by_either_sign():
    # -box is an inverted blur, not a blur: the weaker but positive match must win. -sobel is
    # the same edge the other way round, so it wins by its larger |similarity|.
    weak_blur = box_blur() + 0.2 * RNG.normal(size=(3, 3)) / 9
    kernels = np.stack([-box_blur(), weak_blur, -sobel_x(), 0.5 * sobel_x() + box_blur()])
    figure = training_plots.draw_kernel_matches(kernels, {"blur": box_blur(), "x": sobel_x()})
    flat = kernels.reshape(4, -1)
    cosine = flat @ np.stack([box_blur(), sobel_x()]).reshape(2, -1).T
    cosine /= np.linalg.norm(flat, axis=1)[:, None] * [1 / 3, np.sqrt(12)]
    assert cosine[0, 0] < -0.99 and 0 < cosine[1, 0] < 0.99 and cosine[2, 1] < -0.99
    assert [ax.get_title() for ax in figure.axes[2:]] == [
        f"kernel 1\nsimilarity {cosine[1, 0]:.2f}", "kernel 2\nsimilarity -1.00"]


def test_draw_kernel_matches_with_one_kernel_and_one_reference():
    figure = training_plots.draw_kernel_matches(np.eye(3)[None], {"blur": box_blur()})
    assert figure.axes[1].get_title() == "kernel 0\nsimilarity 0.58"  # 3 / (sqrt(3) * 3)


def test_draw_kernel_matches_bad_references():
    with pytest.raises(TypeError, match="non-empty dict"):
        training_plots.draw_kernel_matches(np.ones((2, 3, 3)), [sobel_x()])
    with pytest.raises(TypeError, match="non-empty dict"):
        training_plots.draw_kernel_matches(np.ones((2, 3, 3)), {})


def test_show_kernel_grid_shares_one_symmetric_scale():
    kernels = np.stack([np.eye(3), -4 * np.eye(3), np.zeros((3, 3))])
    figure = training_plots.show_kernel_grid(kernels, columns=2, titles=["a", "b", "c"],
                                             suptitle="k")
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]
    assert {image.get_clim() for image in ax.images} == {(-4.0, 4.0)}
    for image, kernel in zip(ax.images, kernels, strict=True):
        assert np.array_equal(image.get_array(), kernel)
    # 3 kernels in 2 columns: two rows, the third kernel alone in the second, under the first
    extents = [image.get_extent() for image in ax.images]
    assert extents[0][0] == extents[2][0] < extents[1][0]
    assert extents[0][3] == extents[1][3] < extents[2][3]
    assert figure.axes[1].get_ylabel() == "weight"


@pytest.mark.parametrize("count, columns", [(1, 1), (1, 8), (7, 3), (32, 8), (32, 1)])
def test_show_kernel_grid_titles_every_kernel_above_it(count, columns):
    figure = training_plots.show_kernel_grid(RNG.normal(size=(count, 3, 3)), columns=columns)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.texts] == [str(i) for i in range(count)]
    for text, image in zip(ax.texts, ax.images, strict=True):
        left, right, _bottom, top = image.get_extent()
        x, y = text.get_position()
        assert left < x < right and y < top  # centred, just above (y grows downwards)


def test_show_kernel_grid_of_zeros_and_bad_titles():
    figure = training_plots.show_kernel_grid(np.zeros((1, 3, 3)))
    assert figure.axes[0].images[0].get_clim() == (-1.0, 1.0)
    with pytest.raises(ValueError, match="one entry per kernel"):
        training_plots.show_kernel_grid(np.zeros((2, 3, 3)), titles=["a"])


# --- feature_maps and draw_feature_maps -----------------------------------------------


def test_feature_maps_are_the_layer_outputs_one_by_one():
    model = tiny_model()
    digit = DIGITS[0]
    stages, scores = feature_maps(model, digit)
    conv, _relu, pool, flatten, dense = model.layers
    after_conv = conv.forward(digit[None, None])
    after_relu = np.maximum(after_conv, 0)
    after_pool = pool.forward(after_relu)
    assert [name for name, _ in stages] == ["conv 1 + ReLU", "max pool 1"]
    np.testing.assert_array_equal(stages[0][1], after_relu[0])
    np.testing.assert_array_equal(stages[1][1], after_pool[0])
    np.testing.assert_allclose(scores, dense.forward(flatten.forward(after_pool))[0])
    again, _ = feature_maps(model, digit[None])  # (1, H, W) works too
    np.testing.assert_array_equal(again[1][1], stages[1][1])


def test_feature_maps_names_and_numbers_each_kind_of_layer():
    model = Sequential([Conv2D(1, 3, 3, seed=0), Conv2D(3, 2, 3, padding=1, seed=1), ReLU(),
                        AvgPool2D(2), Flatten(), Dense(18, 4, seed=2)])
    stages, scores = feature_maps(model, np.ones((8, 8)))
    assert [(name, maps.shape) for name, maps in stages] == [
        ("conv 1", (3, 6, 6)), ("conv 2 + ReLU", (2, 6, 6)), ("avg pool 1", (2, 3, 3))]
    assert scores.shape == (4,)


def test_feature_maps_of_a_dense_network_has_no_stages():
    model = Sequential([Flatten(), Dense(64, 5, seed=0), ReLU(), Dense(5, 3, seed=1)])
    stages, scores = feature_maps(model, DIGITS[0])
    assert stages == [] and scores.shape == (3,)


@pytest.mark.parametrize("model, image, error, message", [
    (Conv2D(1, 2, 3), DIGITS[0], TypeError, "model must be a Sequential"),
    (None, DIGITS[0], TypeError, "model must be a Sequential"),
    (tiny_model(), np.ones(8), ValueError, r"shape \(H, W\) or \(C, H, W\)"),
    (tiny_model(), np.ones((1, 1, 8, 8)), ValueError, r"shape \(H, W\) or \(C, H, W\)"),
    (tiny_model(), "seven", TypeError, "image must be an array"),
])
def test_feature_maps_bad_input(model, image, error, message):
    with pytest.raises(error, match=message):
        feature_maps(model, image)


def feature_panels(figure):
    """The feature-map images: every Axes between the input (first) and the bars (last)."""
    return [image for ax in figure.axes[1:-1] for image in ax.images]


@pytest.mark.parametrize("maps, shown", [(1, 2), (2, 4), (8, 4)])  # 2 stages, 2 channels each
def test_draw_feature_maps_shows_at_most_maps_per_stage(maps, shown):
    model = tiny_model()
    figure = training_plots.draw_feature_maps(model, DIGITS[1], label=0, maps=maps)
    assert len(feature_panels(figure)) == shown
    stages, _ = feature_maps(model, DIGITS[1])
    expected = [maps_[c] for _, maps_ in stages for c in range(min(maps, 2))]
    for image, values in zip(feature_panels(figure), expected, strict=True):
        assert np.array_equal(image.get_array(), values)
    labels = [t.get_text() for t in figure.axes[1].texts]
    assert labels[0] == "conv 1 + ReLU\n2 x 8 x 8"
    assert labels[1:] == [f"map {c}" for c in range(min(maps, 2))]
    assert figure.axes[0].get_title() == "input (a 0)"


def test_every_stage_of_feature_maps_has_a_colour_bar_of_its_scale():
    model = tiny_model()
    figure = training_plots.draw_feature_maps(model, DIGITS[1], label=0, maps=2)
    stages, _ = feature_maps(model, DIGITS[1])
    barred = [image for ax in figure.axes for image in ax.images if image.colorbar is not None]
    assert len(barred) == len(stages)
    for image, (_, values) in zip(barred, stages, strict=True):
        low, high = image.get_clim()
        expected_low = min(0.0, values.min())
        expected_high = values.max() if values.max() > expected_low else expected_low + 1
        assert (low, high) == (expected_low, expected_high)


def test_draw_feature_maps_bars_are_the_softmax_and_name_the_classes():
    model = tiny_model()
    figure = training_plots.draw_feature_maps(model, DIGITS[2], label=9)
    bars_ax = figure.axes[-1]
    _, scores = feature_maps(model, DIGITS[2])
    probabilities = softmax(scores[None])[0]
    widths = [patch.get_width() for patch in bars_ax.patches]
    np.testing.assert_allclose(widths, probabilities)
    predicted = int(probabilities.argmax())
    assert bars_ax.get_title() == (
        f"true 9, predicted {predicted} ({probabilities[predicted]:.1%})")
    names = [label.get_text() for label in bars_ax.get_yticklabels()]
    assert names == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "true: 9"]
    assert bars_ax.patches[9].get_linewidth() == 2


def test_draw_feature_maps_without_label_and_for_a_dense_network():
    figure = training_plots.draw_feature_maps(tiny_model(), DIGITS[0])
    assert figure.axes[-1].get_title().startswith("predicted ")
    assert figure.axes[0].get_title() == "input"
    dense = Sequential([Flatten(), Dense(64, 10, seed=0)])
    figure = training_plots.draw_feature_maps(dense, DIGITS[0], label=5)
    assert feature_panels(figure) == []


def test_draw_feature_maps_of_a_blank_image_after_one_epoch_of_training():
    x_train, y_train, _, _ = digits_split()
    model = tiny_model()
    train_epoch(model, SGD(model, learning_rate=0.1), x_train[:64], y_train[:64], 16,
                np.random.default_rng(0))
    blank = np.zeros((8, 8))
    figure = training_plots.draw_feature_maps(model, blank, label=0, maps=2)
    predicted = int(model.predict(blank[None, None])[0])
    assert f"predicted {predicted} (" in figure.axes[-1].get_title()
    for image in feature_panels(figure):  # an all-zero stage still gets a valid colour scale
        low, high = image.get_clim()
        assert high > low


@pytest.mark.parametrize("label, maps, error, message", [
    (10, 8, ValueError, "label must be a class number from 0 to 9"),
    (-1, 8, ValueError, "label must be at least 0"),
    (2.0, 8, TypeError, "label must be an integer"),
    (None, 0, ValueError, "maps must be at least 1"),
])
def test_draw_feature_maps_bad_input(label, maps, error, message):
    with pytest.raises(error, match=message):
        training_plots.draw_feature_maps(tiny_model(), DIGITS[0], label=label, maps=maps)


# --- the explorers redraw with the new values -----------------------------------------


@pytest.fixture
def recorded(record_drawing):
    def keep(model, image, label, maps):
        return model, np.array(image), label, maps

    return record_drawing(training_plots, "draw_feature_maps", keep)


def test_prediction_explorer_redraws_the_chosen_digit(recorded):
    model = tiny_model()
    explorer = prediction_explorer(model, DIGITS[:, None], LABELS, index=2, maps=3)
    slider = explorer.children[0]
    assert (slider.min, slider.max, slider.value) == (0, 4, 2)
    last = recorded[-1]
    assert last[0] is model and np.array_equal(last[1], DIGITS[2]) and last[2:] == (9, 3)
    for index in (slider.max, 0, 1):
        slider.value = index
        assert np.array_equal(recorded[-1][1], DIGITS[index])
        assert recorded[-1][2] == LABELS[index] and isinstance(recorded[-1][2], int)
    assert len(recorded) == 4


def test_prediction_explorer_without_labels_and_with_one_image(recorded):
    explorer = prediction_explorer(tiny_model(), DIGITS[:1])
    assert explorer.children[0].max == 0
    assert recorded[-1][2] is None and recorded[-1][3] == 8


@pytest.mark.parametrize("arguments, error, message", [
    ({"index": 5}, ValueError, "index must be between 0 and 4"),
    ({"index": -1}, ValueError, "index must be at least 0"),
    ({"labels": LABELS[:3]}, ValueError, "labels must be 5 integers"),
    ({"labels": LABELS.astype(float)}, ValueError, "labels must be 5 integers"),
    ({"maps": 0}, ValueError, "maps must be at least 1"),
    ({"images": np.ones((8, 8))}, ValueError, r"shape \(N, H, W\)"),
    ({"model": "cnn"}, TypeError, "model must be a Sequential"),
])
def test_prediction_explorer_bad_input(arguments, error, message):
    arguments = {"model": tiny_model(), "images": DIGITS} | arguments
    with pytest.raises(error, match=message):
        prediction_explorer(**arguments)


def test_prediction_explorer_really_draws_at_both_ends():
    explorer = prediction_explorer(tiny_model(), DIGITS, LABELS)
    slider = explorer.children[0]
    slider.value = slider.max
    slider.value = 0
    plt.close("all")


def pad_and_clear(explorer):
    pad, clear = explorer.children[0].children
    return pad.children, clear


def test_drawing_explorer_redraws_after_every_click(recorded):
    model = tiny_model()
    explorer = drawing_explorer(model, maps=2)
    buttons, _ = pad_and_clear(explorer)
    assert len(buttons) == 64 and not any(b.value for b in buttons)
    assert recorded[-1][0] is model and recorded[-1][2:] == (None, 2)
    assert np.array_equal(recorded[-1][1], np.zeros((8, 8)))
    buttons[0].value = True  # the top-left corner
    buttons[63].value = True  # the bottom-right corner
    expected = np.zeros((8, 8))
    expected[0, 0] = expected[7, 7] = 1.0
    assert np.array_equal(recorded[-1][1], expected)
    buttons[0].value = False
    expected[0, 0] = 0.0
    assert np.array_equal(recorded[-1][1], expected)
    assert len(recorded) == 4


def test_drawing_explorer_clear_redraws_once_with_a_blank_pad(recorded):
    explorer = drawing_explorer(tiny_model(), image=np.ones((8, 8)))
    buttons, clear = pad_and_clear(explorer)
    assert all(b.value for b in buttons)
    assert np.array_equal(recorded[-1][1], np.ones((8, 8))) and recorded[-1][3] == 4
    before = len(recorded)
    clear.click()
    assert len(recorded) == before + 1  # not 64 redraws, one per button
    assert np.array_equal(recorded[-1][1], np.zeros((8, 8)))
    assert not any(b.value for b in buttons)
    buttons[9].value = True  # drawing still works after clearing
    assert recorded[-1][1][1, 1] == 1.0 and recorded[-1][1].sum() == 1.0


def test_drawing_explorer_thresholds_its_starting_image_at_one_half(recorded):
    image = np.array([[0.2, 0.5], [0.51, 1.0]])
    model = Sequential([Flatten(), Dense(4, 3, seed=0)])
    explorer = drawing_explorer(model, image=image)
    buttons, _ = pad_and_clear(explorer)
    assert [b.value for b in buttons] == [False, False, True, True]
    assert np.array_equal(recorded[-1][1], [[0.0, 0.0], [1.0, 1.0]])


def test_drawing_explorer_with_a_one_pixel_pad(recorded):
    explorer = drawing_explorer(Sequential([Flatten(), Dense(1, 2, seed=0)]), size=1)
    buttons, _ = pad_and_clear(explorer)
    buttons[0].value = True
    assert recorded[-1][1].tolist() == [[1.0]]


@pytest.mark.parametrize("arguments, error, message", [
    ({"image": np.ones((8, 7))}, ValueError, "image must be square"),
    ({"image": np.ones(8)}, ValueError, "image must be 2-D"),
    ({"size": 0}, ValueError, "size must be at least 1"),
    ({"maps": 0}, ValueError, "maps must be at least 1"),
    ({"model": None}, TypeError, "model must be a Sequential"),
])
def test_drawing_explorer_bad_input(arguments, error, message):
    arguments = {"model": tiny_model()} | arguments
    with pytest.raises(error, match=message):
        drawing_explorer(**arguments)


def test_drawing_explorer_really_draws_a_full_and_an_empty_pad():
    explorer = drawing_explorer(tiny_model(), image=np.ones((8, 8)))
    buttons, clear = pad_and_clear(explorer)
    buttons[5].value = False
    clear.click()
    plt.close("all")
