"""Lesson 6 explorer and figures: the functions the widget calls, at the edges of their range."""

import html
import itertools

import numpy as np
import pytest

from convlessons.borders import output_size
from convlessons.layers import conv2d
from convlessons.plotting import layers as layer_plots
from convlessons.widgets.layers import RANGES, describe_layer, layer_explorer
from convlessons.windows import unused_samples

RNG = np.random.default_rng(6)


def used_by_conv2d(n, k, padding, stride, dilation):
    """Which of n samples change the output of a real (1-D) conv2d: an independent oracle."""
    x = RNG.random((1, 1, n))
    weight = RNG.random((1, 1, 1, k)) + 0.5  # positive: every tap matters
    settings = {"stride": (1, stride), "padding": (0, padding), "dilation": (1, dilation)}
    before = conv2d(x, weight, **settings)
    used = []
    for i in range(n):
        changed = x.copy()
        changed[0, 0, i] += 100.0
        if not np.allclose(conv2d(changed, weight, **settings), before):
            used.append(i)
    return used, before.shape[-1]


GEOMETRIES = [
    (n, k, p, s, d)
    for n, k, p, s, d in itertools.product(range(1, 10), range(1, 5), range(3), range(1, 4),
                                           range(1, 4))
    if d * (k - 1) + 1 <= n + 2 * p
]


# --- unused_samples and the counts, against conv2d ----------------------------------------


@pytest.mark.parametrize("n, k, p, s, d", GEOMETRIES[::7])
def test_unused_samples_and_counts_agree_with_a_real_convolution(n, k, p, s, d):
    used, count = used_by_conv2d(n, k, p, s, d)
    assert unused_samples(n, k, p, s, d) == [i for i in range(n) if i not in used]
    assert output_size(n, k, s, p, d, strict=False) == count
    text = describe_layer(n, k, p, s, d, strict=False)
    plural = "" if count == 1 else "s"
    assert f"+ 1 = {count} position{plural} per axis ({count} x {count} in 2-D)" in text


@pytest.mark.parametrize("args, unused", [
    ((10, 3, 0, 2, 1), [9]),           # the floor drops the last sample
    ((9, 3, 0, 2, 2), [1, 3, 5, 7]),   # stride and dilation share a factor
    ((32, 3, 1, 2, 1), []),            # the dropped sample is padding
    ((1, 1, 0, 1, 1), []),
    ((2, 1, 3, 3, 1), [1]),            # wide padding: taps at -3, 0 and 3
    ((1, 1, 3, 2, 1), [0]),            # every tap lands on padding: the image is never read
])
def test_unused_samples_at_the_edges(args, unused):
    assert unused_samples(*args) == unused
    assert unused_samples(*args) == [
        i for i in range(args[0]) if i not in used_by_conv2d(*args)[0]]


def test_unused_samples_rejects_a_kernel_that_does_not_fit():
    with pytest.raises(ValueError, match="the kernel spans 5 samples"):
        unused_samples(4, 3, dilation=2)


# --- describe_layer: the text of the explorer ----------------------------------------------


def test_describe_layer_works_out_the_worked_example():
    assert describe_layer(13, 3, padding=0, stride=2).splitlines() == [
        "padded input: 13 + 2 * 0 = 13 samples per axis",
        "kernel span: 1 * (3 - 1) + 1 = 3 samples",
        "room to travel: 13 - 3 = 10 samples, in steps of 2",
        "output: floor(10 / 2) + 1 = 6 positions per axis (6 x 6 in 2-D)",
    ]


def error_of(*args, **kwargs):
    with pytest.raises(ValueError) as info:
        output_size(*args, **kwargs)
    return str(info.value)


def test_a_stride_that_does_not_fit_shows_the_output_size_message():
    text = describe_layer(10, 3, padding=0, stride=2)
    assert text.splitlines()[-1] == "Invalid settings: " + error_of(10, 3, stride=2)
    assert "room to travel: 10 - 3 = 7 samples, in steps of 2" in text
    assert "output:" not in text


def test_strict_false_takes_the_floor_and_names_the_dropped_sample():
    lines = describe_layer(10, 3, padding=0, stride=2, strict=False).splitlines()
    assert lines[3:] == [
        "output: floor(7 / 2) + 1 = 4 positions per axis (4 x 4 in 2-D)",
        "the floor leaves 1 sample of room unused, as PyTorch does silently",
        "never used by any position: input sample 9",
    ]


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("args, span, padded", [
    ((2, 3, 0, 1, 1), 3, 2),    # kernel larger than the input
    ((1, 7, 2, 1, 1), 7, 5),    # kernel larger than the padded input
    ((5, 3, 0, 1, 3), 7, 5),    # dilation makes the span too large
    ((24, 7, 4, 1, 4), 25, 32), # ... at the top of every slider but stride
])
def test_a_kernel_that_does_not_fit_is_explained_in_both_modes(args, span, padded, strict):
    text = describe_layer(*args, strict=strict)
    if span > padded:
        n, k, p, s, d = args
        assert text.splitlines()[-1] == "Invalid settings: " + error_of(n, k, s, p, d)
        assert f"spans {span} samples" in text and "room to travel" not in text
    else:
        assert "Invalid" not in text and f"= {span} samples" in text


def test_a_fitting_stride_with_dilation_still_reports_unused_samples():
    text = describe_layer(9, 3, stride=2, dilation=2)
    assert "Invalid" not in text
    assert text.splitlines()[-1] == "never used by any position: input samples 1, 3, 5, 7"


@pytest.mark.parametrize("bad, error, message", [
    ({"stride": 0}, ValueError, "stride must be at least 1"),
    ({"dilation": 0}, ValueError, "dilation must be at least 1"),
    ({"padding": -1}, ValueError, "padding must be at least 0"),
    ({"input_size": 2.5}, TypeError, "input_size"),
    ({"kernel_size": "3"}, TypeError, "kernel_size"),
])
def test_describe_layer_rejects_arguments_that_are_not_settings(bad, error, message):
    arguments = {"input_size": 9, "kernel_size": 3} | bad
    with pytest.raises(error, match=message):
        describe_layer(**arguments)


# --- the explorer -------------------------------------------------------------------------


@pytest.fixture
def recorded_grids(record_drawing):
    return record_drawing(layer_plots, "draw_layer_grid")


def shown_text(explorer):
    note = explorer.children[6].value
    return html.unescape(note.split(">", 1)[1].rsplit("</pre>", 1)[0])


def test_layer_explorer_redraws_and_redescribes_for_every_control(recorded_grids):
    explorer = layer_explorer()
    size, kernel, padding, stride, dilation, strict = explorer.children[:6]
    assert recorded_grids == [(13, 3, 0, 2, 1)]
    assert shown_text(explorer) == describe_layer(13, 3, 0, 2, 1)

    for control, value, expected in [
        (padding, 2, (13, 3, 2, 2, 1)),
        (kernel, 5, (13, 5, 2, 2, 1)),
        (dilation, 2, (13, 5, 2, 2, 2)),   # span 9 on 17 padded samples: room 8
        (stride, 4, (13, 5, 2, 4, 2)),
        (size, 21, (21, 5, 2, 4, 2)),      # room 16
    ]:
        control.value = value
        assert recorded_grids[-1] == expected
        assert shown_text(explorer) == describe_layer(*expected)
    strict.value = False
    assert shown_text(explorer) == describe_layer(21, 5, 2, 4, 2, strict=False)


def test_invalid_settings_show_the_message_instead_of_a_figure(recorded_grids):
    explorer = layer_explorer(input_size=13, stride=2)
    size, kernel, _, _, dilation, strict = explorer.children[:6]
    drawn = len(recorded_grids)

    size.value = 10  # the stride does not fit
    assert len(recorded_grids) == drawn
    assert shown_text(explorer).splitlines()[-1] == "Invalid settings: " + error_of(10, 3, stride=2)

    strict.value = False  # PyTorch's floor: drawn, with the dropped sample named
    assert recorded_grids[-1] == (10, 3, 0, 2, 1)
    assert shown_text(explorer).endswith("input sample 9")

    drawn = len(recorded_grids)
    size.value, kernel.value = 2, 3  # kernel larger than the input, even with strict=False
    dilation.value = 4
    assert len(recorded_grids) == drawn
    assert shown_text(explorer).splitlines()[-1].startswith("Invalid settings: the kernel spans 9")


def test_every_corner_of_the_sliders_gives_a_text_and_never_raises(recorded_grids):
    explorer = layer_explorer()
    sliders, strict = explorer.children[:5], explorer.children[5]
    for corner in itertools.product(*[RANGES[name] for name in RANGES], [True, False]):
        for slider, value in zip(sliders, corner[:5], strict=True):
            slider.value = value
        strict.value = corner[5]
        assert shown_text(explorer).startswith("padded input:")


@pytest.mark.parametrize("bad, message", [
    ({"input_size": 25}, "input_size must be at most 24"),
    ({"kernel_size": 0}, "kernel_size must be at least 1"),
    ({"stride": 5}, "stride must be at most 4"),
])
def test_layer_explorer_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        layer_explorer(**bad)


# --- the figures ----------------------------------------------------------------------------


def test_html_of_the_note_escapes_the_text():
    explorer = layer_explorer(input_size=4, kernel_size=5)
    assert "<pre" in explorer.children[6].value
    assert "Invalid settings" in shown_text(explorer)


@pytest.mark.parametrize("n, k, p, s, d", [
    (13, 3, 0, 2, 1), (10, 3, 0, 2, 1), (1, 1, 0, 1, 1), (3, 5, 1, 1, 1), (9, 3, 0, 2, 2),
    (24, 7, 4, 4, 4), (5, 3, 1, 1, 3),
])
def test_draw_layer_grid_has_one_dot_per_output_pixel(n, k, p, s, d):
    figure = layer_plots.draw_layer_grid(n, k, p, s, d)
    ax = figure.axes[0]
    rows = conv2d(RNG.random((1, n, n)), np.ones((1, 1, k, k)), stride=s, padding=p,
                  dilation=d).shape[1]
    assert len(ax.collections[0].get_offsets()) == rows * rows
    assert ax.get_title().splitlines()[1].startswith(f"output {rows} x {rows}")
    grid = ax.images[0].get_array()
    assert grid.shape == (n + 2 * p, n + 2 * p)
    red_columns = np.flatnonzero((grid[p : p + n, p : p + n] == 4).all(axis=0))
    assert red_columns.tolist() == unused_samples(n, k, p, s, d)


def test_draw_layer_grid_refuses_a_kernel_larger_than_the_padded_input():
    with pytest.raises(ValueError, match="the kernel spans 7 samples"):
        layer_plots.draw_layer_grid(5, 3, dilation=3)


@pytest.mark.parametrize("n, k, p, s, d, title", [
    (10, 3, 0, 2, 1, "4 positions; sample 9 never used"),
    (9, 3, 0, 2, 2, "3 positions; samples 1, 3, 5, 7 never used"),
    (3, 5, 1, 1, 1, "1 position"),
    (1, 1, 0, 4, 4, "1 position"),
])
def test_draw_axis_positions_titles_and_cells(n, k, p, s, d, title):
    figure = layer_plots.draw_axis_positions(n, k, p, s, d)
    ax = figure.axes[0]
    assert ax.get_title().endswith(title)
    grid = ax.images[0].get_array()
    count = output_size(n, k, s, p, d, strict=False)
    assert grid.shape == (count, n + 2 * p)
    assert ((grid == 2).sum(axis=1) == k).all()  # k taps on every row
    labels = [text.get_text() for text in ax.texts[: n + 2 * p]]
    assert labels == [str(i) for i in range(-p, n + p)]
    # A sample that no position uses is red in every row, also inside a span it is skipped in.
    unused = [p + i for i in unused_samples(n, k, p, s, d)]
    assert (grid[:, unused] == 4).all()
    assert not (np.delete(grid, unused, axis=1) == 4).any()


def test_draw_axis_positions_refuses_a_kernel_that_does_not_fit():
    with pytest.raises(ValueError, match="no output at all"):
        layer_plots.draw_axis_positions(2, 3)


def test_show_channels_draws_one_panel_per_channel():
    stack = RNG.random((3, 4, 5))
    figure = layer_plots.show_channels(stack, names=["R", "G", "B"],
                                       colours=["red", "lime", "blue"])
    assert [ax.get_title() for ax in figure.axes] == ["R", "G", "B"]
    assert np.array_equal(figure.axes[1].images[0].get_array(), stack[1])
    signed = layer_plots.show_channels(stack - 0.5)
    assert signed.axes[0].get_title() == "channel 0"
    assert signed.axes[0].images[0].get_cmap().name == "RdBu_r"


@pytest.mark.parametrize("colours", [None, ["red", "lime", "blue"]])
def test_show_channels_colour_bars_show_each_panels_own_scale(colours):
    stack = RNG.random((3, 4, 5)) * [[[1.0]], [[-2.0]], [[3.0]]]
    if colours is not None:  # colour ramps are for planes from 0 up, like red, green and blue
        stack = np.abs(stack)
    figure = layer_plots.show_channels(stack, colours=colours, colorbar=True)
    barred = [image for ax in figure.axes for image in ax.images if image.colorbar is not None]
    assert len(barred) == 3 and len(figure.axes) == 6
    for image, channel in zip(barred, stack, strict=True):
        low, high = image.get_clim()
        assert low <= channel.min() and channel.max() <= high
    assert len(layer_plots.show_channels(stack, colours=colours).axes) == 3  # no bars by default


@pytest.mark.parametrize("bad, message", [
    ({"stack": np.zeros((4, 5))}, "stack must be 3-D"),
    ({"names": ["a"]}, r"names must have one entry per channel \(2\)"),
    ({"colours": ["red", "green", "blue"]}, r"colours must have one entry per channel"),
])
def test_show_channels_bad_input(bad, message):
    arguments = {"stack": np.zeros((2, 3, 3))} | bad
    with pytest.raises(ValueError, match=message):
        layer_plots.show_channels(**arguments)


@pytest.mark.parametrize("shape, kernel", [((3, 3, 3), 2), ((1, 4, 4), 4), ((2, 20, 12), 3)])
def test_draw_filter_sum_shows_what_conv2d_computes(shape, kernel):
    x = RNG.random(shape)
    weight = RNG.normal(size=(shape[0], kernel, kernel))
    figure = layer_plots.draw_filter_sum(x, weight, bias=-0.5)
    middle = figure.axes[4 * (shape[0] // 2) + 3]
    assert middle.get_title() == "sum + bias -0.5 = feature map"
    assert np.allclose(middle.images[0].get_array(), conv2d(x, weight[None], [-0.5])[0])
    # Numbers are written in for small arrays only.
    assert bool(figure.axes[0].texts) == (max(shape[1:]) <= 8)


def test_draw_filter_sum_bad_input():
    with pytest.raises(ValueError, match="x has 3 channels but weight has 2 kernels"):
        layer_plots.draw_filter_sum(np.zeros((3, 4, 4)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="must fit inside a channel"):
        layer_plots.draw_filter_sum(np.zeros((1, 3, 3)), np.zeros((1, 4, 2)))


@pytest.mark.parametrize("shape, filters, k, s, d, position, out", [
    ((3, 8, 8), 4, 3, 1, 1, (5, 5), "4 x 6 x 6"),
    ((1, 5, 5), 1, 5, 1, 1, (0, 0), "1 x 1 x 1"),
    ((64, 12, 9), 128, 3, 2, 2, (3, 2), "128 x 4 x 3"),
])
def test_draw_volumes_at_the_edges(shape, filters, k, s, d, position, out):
    figure = layer_plots.draw_volumes(shape, filters, k, stride=s, dilation=d,
                                      position=position)
    ax = figure.axes[0]
    count = filters * (shape[0] * k * k + 1)
    assert ax.get_title().endswith(f"= {count} parameters")
    assert any(text.get_text().startswith(f"output: {out}") for text in ax.texts)


@pytest.mark.parametrize("bad, message", [
    ({"position": (6, 0)}, r"position \(6, 0\) is outside the 6 x 6 output"),
    ({"input_shape": (8, 8)}, "input_shape must be"),
    ({"kernel_size": 9}, "the kernel spans 9 samples"),
    ({"out_channels": 0}, "out_channels must be at least 1"),
])
def test_draw_volumes_bad_input(bad, message):
    arguments = {"input_shape": (3, 8, 8), "out_channels": 4, "kernel_size": 3} | bad
    with pytest.raises(ValueError, match=message):
        layer_plots.draw_volumes(**arguments)


def test_invalid_settings_clear_the_old_figure_at_once():
    """Settings that do not fit show only the note: a stale grid would contradict it."""
    from convlessons.widgets.layers import layer_explorer

    explorer = layer_explorer(input_size=13, kernel_size=3, padding=0, stride=2, dilation=1)
    figure_area = explorer.children[-1]
    assert len(figure_area.outputs) == 2  # the picture, and its announcement
    explorer.children[0].value = 14  # 14 with kernel 3, stride 2 does not fit
    assert figure_area.outputs == ()
    explorer.children[0].value = 15
    assert len(figure_area.outputs) == 2
