"""Cheaper layers (lesson 9): 1 x 1, grouped and depthwise-separable convolutions, their costs.

A full convolution lets every filter see every input channel through a
``k x k`` kernel. The cheaper layers split that work: a 1 x 1 convolution only
mixes channels (a dense layer at every pixel), a grouped convolution lets each
filter see only its group of channels, and a depthwise-separable convolution
does a ``k x k`` convolution per channel (``groups = C``) followed by a
1 x 1 convolution. This module counts what each costs, builds the
MobileNet-style block from the package's layers, and works out receptive
fields, which the lesson verifies with gradients.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_int
from .layers import Conv2D, Dense, ReLU, check_groups
from .windows import pair


def conv_cost(in_channels, out_channels, kernel_size, out_hw, groups=1, bias=True):
    """Parameters and multiplications of a convolution producing ``out_hw`` pixels per map.

    Each output value is one filter's dot product with its window: one
    multiplication per weight of the filter, ``C_in / groups * kH * kW``.

    Parameters
    ----------
    in_channels, out_channels : int >= 1, multiples of ``groups``
    kernel_size : int or (int, int)
    out_hw : int or (int, int)
        Size of each output map.
    groups : int >= 1
    bias : bool
        Whether the biases count as parameters (they add no multiplication).

    Returns
    -------
    (int, int)
        ``(parameters, multiplications)``.

    Examples
    --------
    >>> conv_cost(32, 64, 3, 8)  # 64 * (32 * 9 + 1) parameters; 8 * 8 * 64 * 32 * 9 products
    (18496, 1179648)
    >>> conv_cost(32, 32, 3, 8, groups=32, bias=False)  # depthwise: one 3 x 3 kernel per channel
    (288, 18432)
    """
    in_channels, out_channels, groups = check_groups(in_channels, out_channels, groups)
    kh, kw = pair(kernel_size, "kernel_size", 1)
    oh, ow = pair(out_hw, "out_hw", 1)
    per_filter = in_channels // groups * kh * kw
    parameters = out_channels * per_filter + (out_channels if bias else 0)
    return parameters, oh * ow * out_channels * per_filter


def separable_cost(in_channels, out_channels, kernel_size, out_hw, bias=True):
    """Parameters and multiplications of a depthwise ``k x k`` then a pointwise 1 x 1 convolution.

    Examples
    --------
    >>> separable_cost(32, 64, 3, 8, bias=False)  # 32 * 9 + 32 * 64 weights
    (2336, 149504)
    """
    depthwise = conv_cost(in_channels, in_channels, kernel_size, out_hw, in_channels, bias)
    pointwise = conv_cost(in_channels, out_channels, 1, out_hw, 1, bias)
    return depthwise[0] + pointwise[0], depthwise[1] + pointwise[1]


def separable_ratio(out_channels, kernel_size) -> float:
    """Multiplications (and weights) of depthwise-separable over full: ``1/C_out + 1/k^2``.

    Full: ``H W C_out C_in k^2``. Separable: ``H W C_in k^2`` (depthwise) plus
    ``H W C_in C_out`` (pointwise). Dividing, ``H W C_in`` cancels.

    Examples
    --------
    >>> round(separable_ratio(64, 3), 4)  # 1/64 + 1/9
    0.1267
    """
    out_channels = check_int(out_channels, "out_channels", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    return 1 / out_channels + 1 / kernel_size**2


def separable_block(in_channels, out_channels, kernel_size=3, stride=1, padding=1, seed=0):
    """The MobileNet-style block: depthwise ``k x k`` conv, ReLU, pointwise 1 x 1 conv, ReLU.

    MobileNet puts a batch normalisation before each ReLU; the course has none.

    Returns
    -------
    list of layers
        To be put into a :class:`~convlessons.training.Sequential`.

    Examples
    --------
    >>> [type(layer).__name__ for layer in separable_block(32, 64)]
    ['Conv2D', 'ReLU', 'Conv2D', 'ReLU']
    >>> sum(layer.parameter_count() for layer in separable_block(32, 64)[::2])
    2432
    """
    depthwise = Conv2D(in_channels, in_channels, kernel_size, stride=stride, padding=padding,
                       seed=seed, groups=in_channels)
    pointwise = Conv2D(in_channels, out_channels, 1, seed=seed + 1)
    return [depthwise, ReLU(), pointwise, ReLU()]


def layer_costs(layers, input_shape):
    """Name, output shape, parameters and multiplications of each layer, for one input.

    Runs a zero input of ``input_shape`` (C, H, W) through the layers;
    convolutions cost one multiplication per filter weight per output value,
    dense layers one per weight, everything else nothing.

    Returns
    -------
    list of (str, tuple, int, int)

    Examples
    --------
    >>> from convlessons.layers import Flatten
    >>> for row in layer_costs([Conv2D(1, 4, 3, seed=0), ReLU(), Flatten(), Dense(16, 2, seed=0)],
    ...                        (1, 4, 4)):
    ...     print(row)
    ('Conv2D 3 x 3', (4, 2, 2), 40, 144)
    ('ReLU', (4, 2, 2), 0, 0)
    ('Flatten', (16,), 0, 0)
    ('Dense', (2,), 34, 32)
    """
    out = np.zeros((1, *input_shape))
    rows = []
    for layer in layers:
        out = layer.forward(out)
        name, multiplications = type(layer).__name__, 0
        if isinstance(layer, Conv2D):
            kh, kw = layer.weight.shape[2:]
            name += f" {kh} x {kw}" + (f", groups={layer.groups}" if layer.groups > 1 else "")
            multiplications = out.size * layer.weight[0].size
        elif isinstance(layer, Dense):
            multiplications = layer.weight.size
        parameters = int(sum(value.size for value, _ in layer.parameters()))
        rows.append((name, tuple(out.shape[1:]), parameters, int(multiplications)))
    return rows


def receptive_window(layers, index=0):
    """The input pixels, first to last along one axis, that output pixel ``index`` depends on.

    ``layers`` are ``(kernel_size, stride, dilation, padding)`` from input to
    output. Walking back from the output, a pixel ``i`` of a layer's output
    reads input pixels ``i s - p`` to ``i s - p + d (k - 1)``. Indices outside
    ``0 .. n - 1`` are padding.

    Examples
    --------
    >>> receptive_window([(3, 1, 1, 1), (3, 1, 1, 1)], index=4)  # two 3 x 3 layers: 5 wide
    (2, 6)
    >>> receptive_window([(3, 2, 1, 1), (3, 1, 2, 2)], index=2)  # 11 wide, from padding on
    (-1, 9)
    """
    first = last = check_int(index, "index", 0)
    for kernel_size, stride, dilation, padding in reversed(list(layers)):
        first = first * stride - padding
        last = last * stride - padding + dilation * (kernel_size - 1)
    return first, last


def gradient_footprint(layers, input_shape, position):
    """Input pixels that get a non-zero gradient from one output pixel: the receptive field.

    Sets every weight of the convolutions to a positive value (so that no
    contributions cancel), runs a zero input forward, and sends back a
    gradient of 1 at output pixel ``position`` of channel 0.

    Parameters
    ----------
    layers : list of Conv2D
        Changed in place: their weights become positive and their biases zero.
    input_shape : (C, H, W)
    position : (int, int)

    Returns
    -------
    ndarray of bool, shape (H, W)
        True where some channel of the input gradient is non-zero.

    Examples
    --------
    >>> seen = gradient_footprint([Conv2D(1, 1, 3, padding=1), Conv2D(1, 1, 3, padding=1)],
    ...                           (1, 9, 9), (4, 4))
    >>> np.argwhere(seen).min(axis=0), np.argwhere(seen).max(axis=0)
    (array([2, 2]), array([6, 6]))
    """
    out = np.zeros((1, *input_shape))
    for layer in layers:
        layer.weight = np.abs(layer.weight) + 0.1
        if layer.bias is not None:
            layer.bias = np.zeros_like(layer.bias)
        out = layer.forward(out)
    grad = np.zeros_like(out)
    grad[0, 0][tuple(position)] = 1.0
    for layer in reversed(layers):
        grad = layer.backward(grad)
    return np.abs(grad[0]).max(axis=0) > 0
