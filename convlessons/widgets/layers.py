"""The lesson 6 explorer: input size, kernel, padding, stride, dilation and the grid."""

from __future__ import annotations

import ipywidgets as widgets

from .._validation import check_int
from ..borders import output_size
from ..plotting import layers as layer_plots
from ..windows import unused_samples
from ._common import INVALID, described_explorer, int_sliders

#: Slider ranges of the explorer: name -> (minimum, maximum).
RANGES = {"input_size": (1, 24), "kernel_size": (1, 7), "padding": (0, 4), "stride": (1, 4),
          "dilation": (1, 4)}


def describe_layer(input_size, kernel_size, padding=0, stride=1, dilation=1, *,
                   strict=True) -> str:
    """The output size of a layer along one axis, worked out in words and numbers.

    Follows ``O = floor((I + 2P - span) / S) + 1`` with the span
    ``d (k - 1) + 1`` step by step. When :func:`convlessons.borders.output_size`
    refuses the settings (the kernel does not fit at all, or, with
    ``strict=True``, the stride leaves samples over), the last line is its
    error message, so that the explorer can show it instead of a figure.
    Samples that no position ever uses are listed.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    padding : int >= 0, per side
    stride, dilation : int >= 1
    strict : bool, keyword-only
        As for :func:`~convlessons.borders.output_size`.

    Returns
    -------
    str
        Several lines; the last starts with ``"Invalid settings:"`` when
        ``output_size`` raises.

    Examples
    --------
    >>> print(describe_layer(13, 3, stride=2))
    padded input: 13 + 2 * 0 = 13 samples per axis
    kernel span: 1 * (3 - 1) + 1 = 3 samples
    room to travel: 13 - 3 = 10 samples, in steps of 2
    output: floor(10 / 2) + 1 = 6 positions per axis (6 x 6 in 2-D)
    >>> print(describe_layer(2, 3).splitlines()[-1])
    Invalid settings: the kernel spans 3 samples (kernel_size 3, dilation 1) but the padded ...
    """
    input_size = check_int(input_size, "input_size", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    padding = check_int(padding, "padding", 0)
    stride = check_int(stride, "stride", 1)
    dilation = check_int(dilation, "dilation", 1)
    padded = input_size + 2 * padding
    span = dilation * (kernel_size - 1) + 1
    room = padded - span
    lines = [f"padded input: {input_size} + 2 * {padding} = {_count(padded, 'sample')} per axis",
             f"kernel span: {dilation} * ({kernel_size} - 1) + 1 = {_count(span, 'sample')}"]
    if room >= 0:
        lines.append(f"room to travel: {padded} - {span} = {_count(room, 'sample')}, "
                     f"in steps of {stride}")
    try:
        count = output_size(input_size, kernel_size, stride, padding, dilation, strict=strict)
    except ValueError as error:
        lines.append(f"{INVALID}: {error}")
        return "\n".join(lines)
    lines.append(f"output: floor({room} / {stride}) + 1 = {_count(count, 'position')} per axis "
                 f"({count} x {count} in 2-D)")
    if room % stride:
        leftover = room % stride
        lines.append(f"the floor leaves {_count(leftover, 'sample')} of room unused, "
                     "as PyTorch does silently")
    unused = unused_samples(input_size, kernel_size, padding, stride, dilation)
    if unused:
        lines.append(f"never used by any position: input sample{'' if len(unused) == 1 else 's'}"
                     f" {', '.join(map(str, unused))}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"



def layer_explorer(input_size=13, kernel_size=3, padding=0, stride=2, dilation=1, strict=True):
    """Move five sliders and see where the kernel lands, or why it cannot.

    The text under the sliders works out the output size
    (:func:`describe_layer`); the figure shows the grid of kernel positions
    on a square input (:func:`convlessons.plotting.layers.draw_layer_grid`).
    Settings that :func:`~convlessons.borders.output_size` refuses show its
    message instead of a figure. Unticking "strict" accepts a stride that
    does not fit, as PyTorch does, and shows the rows and columns it drops.

    Parameters
    ----------
    input_size : int, 1 to 24
    kernel_size : int, 1 to 7
    padding : int, 0 to 4
    stride : int, 1 to 4
    dilation : int, 1 to 4
    strict : bool

    Returns
    -------
    ipywidgets.VBox
        Children: the five sliders, the "strict" box, the description, the figure.

    Examples
    --------
    >>> explorer = layer_explorer(input_size=10, stride=2)
    >>> [control.value for control in explorer.children[:6]]
    [10, 3, 0, 2, 1, True]
    >>> "Invalid settings" in explorer.children[6].value  # 10 - 3 = 7 is odd
    True
    """
    values = {"input_size": input_size, "kernel_size": kernel_size, "padding": padding,
              "stride": stride, "dilation": dilation}
    strict_box = widgets.Checkbox(value=bool(strict), description="strict (refuse misfits)")
    return described_explorer(
        [*int_sliders(values, RANGES), strict_box],
        lambda *settings: describe_layer(*settings[:5], strict=settings[5]),
        lambda *settings: layer_plots.draw_layer_grid(*settings[:5]))
