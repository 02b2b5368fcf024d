"""The lesson 9 explorer: a stack of layers, full or depthwise-separable, and what it costs."""

from __future__ import annotations

import matplotlib.pyplot as plt

from .._validation import check_int
from ..borders import output_size
from ..plotting import separable as separable_plots
from ..separable import conv_cost, receptive_window, separable_cost
from ._common import described_explorer, int_sliders

#: Slider ranges of the explorer: name -> (minimum, maximum, step).
RANGES = {"layers": (1, 4, 1), "channels": (8, 128, 8), "kernel_size": (1, 7, 2),
          "stride": (1, 3, 1), "dilation": (1, 3, 1), "image_size": (8, 64, 8)}


def stack_costs(layers, channels, kernel_size, stride=1, dilation=1, image_size=32):
    """Per layer of a stack of equal layers: sizes, costs of both kinds, receptive field.

    Every layer maps ``channels`` to ``channels`` with a ``k x k`` kernel,
    the given stride and dilation, and the padding ``d (k - 1) / 2`` that
    keeps the size at stride 1. Biases are counted.

    Returns
    -------
    list of dict
        Keys ``size`` (output size), ``full`` and ``separable`` (each
        ``(parameters, multiplications)``) and ``field`` (receptive field width).

    Examples
    --------
    >>> rows = stack_costs(2, 32, 3, image_size=8)
    >>> [row["field"] for row in rows], rows[0]["full"], rows[0]["separable"]
    ([3, 5], (9248, 589824), (1376, 83968))
    """
    values = {"layers": layers, "channels": channels, "kernel_size": kernel_size,
              "stride": stride, "dilation": dilation, "image_size": image_size}
    for name, value in values.items():
        check_int(value, name, 1)
    if kernel_size % 2 == 0:
        raise ValueError(f"kernel_size must be odd (so that padding can keep the size), "
                         f"got {kernel_size}")
    padding = dilation * (kernel_size - 1) // 2
    rows, size, layer = [], image_size, (kernel_size, stride, dilation, padding)
    for count in range(1, layers + 1):
        size = output_size(size, kernel_size, stride, padding, dilation, strict=False)
        first, last = receptive_window([layer] * count)
        rows.append({"size": size, "full": conv_cost(channels, channels, kernel_size, size),
                     "separable": separable_cost(channels, channels, kernel_size, size),
                     "field": last - first + 1})
    return rows


def describe_stack(layers, channels, kernel_size, stride=1, dilation=1, image_size=32) -> str:
    """The costs of :func:`stack_costs` as lines of text, with the totals and their ratio.

    Examples
    --------
    >>> print(describe_stack(1, 64, 3, image_size=16))
    stack: 1 layer, 64 -> 64 channels, kernel 3, stride 1, dilation 1, on 16 x 16
    layer 1: 16 x 16 out, receptive field 3; full 36,928 params, 9,437,184 mults; separable 4,800 params, 1,196,032 mults
    total: full 36,928 params, 9,437,184 mults; separable 4,800 params, 1,196,032 mults
    separable / full: 0.130 of the parameters, 0.127 of the multiplications (1/C + 1/k^2 = 0.127)
    """  # noqa: E501
    rows = stack_costs(layers, channels, kernel_size, stride, dilation, image_size)
    lines = [f"stack: {layers} layer{'s' if layers > 1 else ''}, {channels} -> {channels} "
             f"channels, kernel {kernel_size}, stride {stride}, dilation {dilation}, on "
             f"{image_size} x {image_size}"]
    for number, row in enumerate(rows, start=1):
        lines.append(f"layer {number}: {row['size']} x {row['size']} out, receptive field "
                     f"{row['field']}; full {_costs(row['full'])}; separable "
                     f"{_costs(row['separable'])}")
    totals = _totals(rows)
    full, separable = totals["full"], totals["separable"]
    lines.append(f"total: full {_costs(full)}; separable {_costs(separable)}")
    lines.append(f"separable / full: {separable[0] / full[0]:.3f} of the parameters, "
                 f"{separable[1] / full[1]:.3f} of the multiplications "
                 f"(1/C + 1/k^2 = {1 / channels + 1 / kernel_size**2:.3f})")
    return "\n".join(lines)


def _totals(rows) -> dict:
    """``{"full": (parameters, multiplications), "separable": (...)}`` of the whole stack."""
    return {kind: tuple(sum(row[kind][i] for row in rows) for i in range(2))
            for kind in ("full", "separable")}


def _costs(pair) -> str:
    return f"{pair[0]:,} params, {pair[1]:,} mults"


def _draw_stack(layers, channels, kernel_size, stride, dilation, image_size):
    rows = stack_costs(layers, channels, kernel_size, stride, dilation, image_size)
    figure, axes = plt.subplots(1, 2, figsize=(10, 2.6), constrained_layout=True)
    totals = _totals(rows)
    for ax, quantity in zip(axes, ("parameters", "multiplications"), strict=True):
        separable_plots.draw_costs(totals, ax=ax, quantity=quantity)
        ax.set_title(f"{quantity} of the stack", fontsize=10)
    # The settings and the receptive field in the picture too, so that it follows every slider.
    figure.suptitle(f"{layers} x ({channels} -> {channels}, kernel {kernel_size}, stride "
                    f"{stride}, dilation {dilation}) on {image_size} x {image_size}: receptive "
                    f"field {rows[-1]['field']} pixels", fontsize=10)
    return figure


def stack_explorer(layers=3, channels=32, kernel_size=3, stride=1, dilation=1, image_size=32):
    """Six sliders for a stack of equal layers; its costs, full and separable, and receptive field.

    Parameters
    ----------
    layers : int, 1 to 4
    channels : int, 8 to 128, a multiple of 8
    kernel_size : int, 1, 3, 5 or 7
    stride : int, 1 to 3
    dilation : int, 1 to 3
    image_size : int, 8 to 64, a multiple of 8

    Returns
    -------
    ipywidgets.VBox
        Children: the six sliders, the description, the figure.

    Examples
    --------
    >>> explorer = stack_explorer(layers=2, channels=16)
    >>> [control.value for control in explorer.children[:6]]
    [2, 16, 3, 1, 1, 32]
    >>> "receptive field 5" in explorer.children[6].value
    True
    """
    values = {"layers": layers, "channels": channels, "kernel_size": kernel_size,
              "stride": stride, "dilation": dilation, "image_size": image_size}
    return described_explorer(int_sliders(values, RANGES), describe_stack, _draw_stack)
