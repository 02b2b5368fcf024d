"""The lesson 8 explorer: the settings of a transposed convolution and its overlap counts."""

from __future__ import annotations

from .._validation import check_int
from ..borders import conv_transpose_output_size
from ..layers import overlap_counts
from ..plotting import transposed as transposed_plots
from ._common import INVALID, described_explorer, int_sliders

#: Slider ranges of the explorer: name -> (minimum, maximum).
RANGES = {"input_size": (1, 8), "kernel_size": (1, 6), "stride": (1, 4), "padding": (0, 4),
          "output_padding": (0, 3), "dilation": (1, 3)}


def describe_transposed(input_size, kernel_size, stride=1, padding=0, output_padding=0,
                        dilation=1) -> str:
    """The output size of a transposed convolution worked out, and its overlap pattern.

    Follows ``(i - 1) s - 2 p + d (k - 1) + output_padding + 1`` term by term.
    When the settings are refused (output padding not below the stride or the
    dilation, or padding that cuts everything away), the last line starts
    with ``"Invalid settings:"`` and gives the reason.

    Examples
    --------
    >>> print(describe_transposed(3, 3, stride=2))
    settings: input 3, kernel 3, stride 2, padding 0, output padding 0, dilation 1
    stamps: 3 input pixels, 2 apart: the last starts at (3 - 1) * 2 = 4
    stamp span: 1 * (3 - 1) + 1 = 3 pixels, so the stamps reach 4 + 3 = 7 pixels
    cut: 2 * 0 padding = 0, added: 0 output padding
    output: 7 - 0 + 0 = 7 x 7 pixels
    overlaps: 1 to 4 stamps per pixel: a checkerboard (kernel 3 is not a multiple of stride 2)
    >>> print(describe_transposed(3, 3, stride=2, output_padding=2).splitlines()[-1])
    Invalid settings: output_padding 2 must be smaller than the stride 2 or the dilation 1 ...
    """
    values = {"input_size": input_size, "kernel_size": kernel_size, "stride": stride,
              "padding": padding, "output_padding": output_padding, "dilation": dilation}
    for name, value in values.items():
        check_int(value, name, RANGES[name][0])
    span = dilation * (kernel_size - 1) + 1
    last = (input_size - 1) * stride
    reach = last + span
    lines = [f"settings: input {input_size}, kernel {kernel_size}, stride {stride}, "
             f"padding {padding}, output padding {output_padding}, dilation {dilation}",
             f"stamps: {input_size} input pixel{'s' if input_size > 1 else ''}, {stride} apart: "
             f"the last starts at ({input_size} - 1) * {stride} = {last}",
             f"stamp span: {dilation} * ({kernel_size} - 1) + 1 = {span} pixels, so the stamps "
             f"reach {last} + {span} = {reach} pixels",
             f"cut: 2 * {padding} padding = {2 * padding}, added: {output_padding} output padding"]
    try:
        size = conv_transpose_output_size(input_size, kernel_size, stride, padding,
                                          output_padding, dilation)
    except ValueError as error:
        lines.append(f"{INVALID}: {error}")
        return "\n".join(lines)
    lines.append(f"output: {reach} - {2 * padding} + {output_padding} = {size} x {size} pixels")
    counts = overlap_counts(input_size, kernel_size, stride, padding,
                                             output_padding, dilation)
    low, high = int(counts.min()), int(counts.max())
    if dilation > 1:
        pattern = f"the dilation spaces each stamp's taps {dilation} apart"
    elif kernel_size % stride and input_size > 1:
        pattern = (f"a checkerboard (kernel {kernel_size} is not a multiple of stride "
                   f"{stride})")
    else:
        pattern = (f"even away from the border (kernel {kernel_size} is a multiple of "
                   f"stride {stride})")
    spread = f"{low}" if low == high else f"{low} to {high}"
    lines.append(f"overlaps: {spread} stamp{'s' if high > 1 else ''} per pixel: {pattern}")
    return "\n".join(lines)


def transposed_explorer(input_size=3, kernel_size=3, stride=2, padding=0, output_padding=0,
                        dilation=1):
    """Six sliders for a transposed convolution; the overlap count of every output pixel.

    The text works the output size out (:func:`describe_transposed`); the
    figure (:func:`~convlessons.plotting.transposed.draw_overlap_counts`)
    counts the stamps on each output pixel. Settings that PyTorch refuses
    show the reason instead of a figure.

    Parameters
    ----------
    input_size : int, 1 to 8
    kernel_size : int, 1 to 6
    stride : int, 1 to 4
    padding : int, 0 to 4
    output_padding : int, 0 to 3
    dilation : int, 1 to 3

    Returns
    -------
    ipywidgets.VBox
        Children: the six sliders, the description, the figure.

    Examples
    --------
    >>> explorer = transposed_explorer(stride=2, output_padding=2)
    >>> [control.value for control in explorer.children[:6]]
    [3, 3, 2, 0, 2, 1]
    >>> "Invalid settings" in explorer.children[6].value
    True
    """
    values = {"input_size": input_size, "kernel_size": kernel_size, "stride": stride,
              "padding": padding, "output_padding": output_padding, "dilation": dilation}
    return described_explorer(int_sliders(values, RANGES), describe_transposed,
                              transposed_plots.draw_overlap_counts)
