"""Convolutional, dense and activation layers, in NCHW like PyTorch (lessons 4-7).

The functional :func:`conv2d` takes the arguments of
``torch.nn.functional.conv2d`` and computes what it computes: a
cross-correlation (no flip), summed over input channels, plus a bias. Its
input is a batch ``(N, C, H, W)`` or a single image ``(C, H, W)``.

Each operation comes twice: ``*_reference`` loops over output elements, as
plain as the formula; the fast version gathers every kernel-sized window of a
sample into the columns of a matrix (im2col) and multiplies by the weights in
one matrix product, a few samples at a time. The layers (:class:`Conv2D`, :class:`Dense`,
:class:`ReLU`, :class:`Flatten`) hold their parameters and compute
``backward``, checked against finite differences and PyTorch in the tests.

Floating-point inputs keep their precision when input and weights are both
float32; everything else is computed in float64.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_real_array, check_int
from .borders import conv_transpose_output_size
from .windows import (
    as_batch,
    checked_grad,
    output_hw,
    pad_hw,
    pair,
    real_keeping_float32,
    tap_slices,
    unbatch,
    windows,
)


def _float_pair(x: np.ndarray, weight: np.ndarray):
    """Compute in float32 only when both operands are float32."""
    dtype = np.float32 if x.dtype == weight.dtype == np.float32 else np.float64
    return x.astype(dtype, copy=False), weight.astype(dtype, copy=False)


def _checked_bias(bias, out_channels: int, dtype):
    """``bias`` as a 1-D array of ``dtype``, one value per output channel, or None."""
    if bias is None:
        return None
    bias = as_real_array(bias, "bias", ndim=1, copy=False).astype(dtype)
    if bias.shape[0] != out_channels:
        raise ValueError(f"bias must have one value per output channel ({out_channels}), "
                         f"got {bias.shape[0]}")
    return bias


def _checked_conv(x, weight, bias, stride, padding, dilation, groups=1):
    groups = check_int(groups, "groups", 1)
    x, unbatched = as_batch(x)
    weight = real_keeping_float32(weight, "weight")
    if weight.ndim != 4:
        raise ValueError(
            f"weight must be 4-D (out_channels, in_channels, kH, kW), got shape {weight.shape}"
        )
    if groups != 1:
        _check_groups(groups, x.shape[1], weight.shape[0], weight.shape[1])
    elif x.shape[1] != weight.shape[1]:
        raise ValueError(
            f"x has {x.shape[1]} channels but weight expects {weight.shape[1]} "
            f"(weight shape {weight.shape} is (out_channels, in_channels, kH, kW))"
        )
    x, weight = _float_pair(x, weight)
    bias = _checked_bias(bias, weight.shape[0], x.dtype)
    stride = pair(stride, "stride", 1)
    padding = pair(padding, "padding", 0)
    dilation = pair(dilation, "dilation", 1)
    out_hw = output_hw(x.shape[2:], weight.shape[2:], stride, padding, dilation)
    return x, unbatched, weight, bias, stride, padding, dilation, out_hw


# --- convolution: reference -----------------------------------------------------


def conv2d_reference(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Convolution layer by the definition: one output element at a time.

    ``out[n, o, i, j] = bias[o] + sum over c, a, b of
    weight[o, c, a, b] * x_padded[n, c, i * s + a * d, j * s + b * d]``.
    With ``groups = g``, filter ``o`` sees only the channels of its group:
    ``c`` runs over ``C / g`` channels starting at ``(o // (O / g)) * C / g``.

    Parameters and returns as for :func:`conv2d`.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> conv2d_reference(x, np.ones((1, 1, 2, 2)), bias=[0.5])
    array([[[[ 8.5, 12.5],
             [20.5, 24.5]]]])
    """
    x, unbatched, weight, bias, stride, padding, dilation, (oh, ow) = _checked_conv(
        x, weight, bias, stride, padding, dilation, groups)
    x_padded = pad_hw(x, padding)
    (sh, sw), (dh, dw) = stride, dilation
    n_out, per_group, kh, kw = weight.shape
    out = np.zeros((x.shape[0], n_out, oh, ow), dtype=x.dtype)
    for n in range(x.shape[0]):
        for o in range(n_out):
            first = (o // (n_out // groups)) * per_group  # first channel of o's group
            for i in range(oh):
                for j in range(ow):
                    patch = x_padded[n, first : first + per_group,
                                     i * sh : i * sh + dh * (kh - 1) + 1 : dh,
                                     j * sw : j * sw + dw * (kw - 1) + 1 : dw]
                    out[n, o, i, j] = np.sum(patch * weight[o])
                    if bias is not None:
                        out[n, o, i, j] += bias[o]
    return unbatch(out, unbatched)


def conv2d_backward_reference(x, weight, grad_out, stride=1, padding=0, dilation=1, groups=1):
    """Gradients of :func:`conv2d` by the chain rule, one output element at a time.

    Each output element ``out[n, o, i, j]`` was a sum of products
    ``weight[o, c, a, b] * x_padded[n, c, ...]``; its gradient flows back to
    both factors of every product. A weight is shared by all positions
    ``(i, j)``, so its gradient is the sum over all of them.

    Parameters
    ----------
    x : ndarray, shape (N, C, H, W)
    weight : ndarray, shape (O, C, kH, kW)
    grad_out : ndarray, shape (N, O, OH, OW)
        Gradient of the loss with respect to the output.
    stride, padding, dilation, groups : int or pair, int

    Returns
    -------
    grad_x : ndarray, shape (N, C, H, W)
    grad_weight : ndarray, shape (O, C / groups, kH, kW)
    grad_bias : ndarray, shape (O,)

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> grad_x, grad_w, grad_b = conv2d_backward_reference(
    ...     x, np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)))
    >>> grad_w[0, 0]  # each weight met four pixels: their sum
    array([[ 8., 12.],
           [20., 24.]])
    >>> grad_b
    array([4.])
    """
    x, unbatched, weight, _, stride, padding, dilation, (oh, ow) = _checked_conv(
        x, weight, None, stride, padding, dilation, groups)
    grad_out = checked_grad(grad_out, (x.shape[0], weight.shape[0], oh, ow), unbatched, x.dtype)
    x_padded = pad_hw(x, padding)
    (sh, sw), (dh, dw), (ph, pw) = stride, dilation, padding
    n_out, per_group, kh, kw = weight.shape
    grad_padded = np.zeros_like(x_padded)
    grad_weight = np.zeros_like(weight)
    for n in range(x.shape[0]):
        for o in range(n_out):
            group = slice((o // (n_out // groups)) * per_group,
                          (o // (n_out // groups) + 1) * per_group)
            for i in range(oh):
                for j in range(ow):
                    rows = slice(i * sh, i * sh + dh * (kh - 1) + 1, dh)
                    cols = slice(j * sw, j * sw + dw * (kw - 1) + 1, dw)
                    g = grad_out[n, o, i, j]
                    grad_weight[o] += g * x_padded[n, group, rows, cols]
                    grad_padded[n, group, rows, cols] += g * weight[o]
    grad_x = grad_padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]]
    return unbatch(grad_x, unbatched), grad_weight, grad_out.sum(axis=(0, 2, 3))


# --- convolution: fast (im2col, one sample at a time) ------------------------------


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution layer, as ``torch.nn.functional.conv2d``: cross-correlation.

    ``out[n, o] = bias[o] + sum over c of correlate(x[n, c], weight[o, c])``,
    with zero padding, stride and dilation; a stride that does not fit drops
    the last rows and columns, as PyTorch does.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W) or (C, H, W)
    weight : array_like, shape (O, C / groups, kH, kW)
        One filter per output channel, one kernel per input channel of its group.
    bias : array_like, shape (O,), optional
    stride, padding, dilation : int or (int, int)
        ``padding`` zeros are added on each side.
    groups : int >= 1
        As in PyTorch: the channels are split into ``groups`` consecutive
        groups, and the ``O / groups`` filters of group ``g`` see only the
        ``C / groups`` input channels of group ``g``. ``groups = C`` is a
        depthwise convolution. ``C`` and ``O`` must be multiples of ``groups``.

    Returns
    -------
    ndarray, shape (N, O, OH, OW), or (O, OH, OW) for an unbatched input
        ``OH = floor((H + 2 padding - dilation (kH - 1) - 1) / stride) + 1``.

    Raises
    ------
    ValueError
        Wrong number of dimensions, channel mismatch, bias of the wrong length,
        a kernel larger than the padded input, stride or dilation below 1,
        negative padding, empty axes.
    TypeError
        Non-numeric data, or a stride/padding/dilation that is not an int or pair.

    Examples
    --------
    A 2 x 2 filter that adds the four pixels it covers, with stride 2:

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, np.ones((1, 1, 2, 2)), stride=2)
    array([[[[10., 18.],
             [42., 50.]]]])

    Two groups: each filter sees one of the two channels (a depthwise convolution):

    >>> conv2d(np.stack([x[0, 0], -x[0, 0]]), np.ones((2, 1, 2, 2)), stride=2, groups=2)[:, 0]
    array([[ 10.,  18.],
           [-10., -18.]])
    """
    x, unbatched, weight, bias, stride, padding, dilation, out_hw = _checked_conv(
        x, weight, bias, stride, padding, dilation, groups)
    prepared = _prepared(x, weight.shape, stride, padding, dilation, out_hw, groups)
    return unbatch(prepared.forward(weight, bias), unbatched)


def _prepared(x, weight_shape, stride, padding, dilation, out_hw, groups):
    """A checked input made ready for ``forward(weight, bias)`` and
    ``backward(weight, grad_out)``: its im2col columns, or its groups."""
    if groups != 1:
        return _GroupedInput(x, weight_shape, stride, padding, dilation, out_hw, groups)
    return _Columns(x, weight_shape[2:], stride, padding, dilation, out_hw)


def _conv2d_of_columns(columns, weight, bias):
    """:func:`conv2d` of checked arguments, from their im2col columns: (N, O, OH, OW).

    The bias rides in the matrix product: the columns end with a row of ones
    and the weight matrix with a column of biases.
    """
    n_out = weight.shape[0]
    matrix = weight.reshape(n_out, -1)
    extra = np.zeros((n_out, 1), dtype=matrix.dtype) if bias is None else bias[:, None]
    matrix = np.concatenate([matrix, extra], axis=1)
    oh, ow = columns.out_hw
    out = np.empty((columns.samples, n_out, oh, ow), dtype=columns.dtype)
    products = np.empty((n_out, columns.size * columns.length), dtype=columns.dtype)
    for chunk in columns.chunks():
        # (O, C kH kW + 1) @ (C kH kW + 1, samples * OH * row): one BLAS call per chunk,
        # into one reused buffer (a fresh large array per chunk costs page faults).
        cols = columns.of(chunk)
        product = np.matmul(matrix, cols, out=products[:, : cols.shape[1]])
        product = product.reshape(n_out, -1, oh, columns.row)
        out[chunk] = product[:, :, :, :ow].transpose(1, 0, 2, 3)
    return out


class _Columns:
    """The im2col matrix of a few samples at a time, in one reused buffer.

    The padded input is stored channel by channel (C, N, height, width), each
    image flat, one row of pixels after the other, so
    that the taps of a kernel at output pixel ``(i, j)`` sit at
    ``i * stride_h * width + j * stride_w + offset(a, b)``. For a stride that
    divides the row step, every row of the im2col matrix is then one evenly
    strided slice of the flat image: the matrix is copied with one slice per
    channel and tap, long runs that NumPy copies fast. The price is a few
    "wide" columns per output row that read past the row's end (``row - OW``
    of them); their results are computed and dropped.

    Row ``(c, a, b)`` of ``of(chunk)`` holds tap ``(a, b)`` of channel ``c``
    for every wide output position of the chunk's samples, sample by sample:
    shape (C kH kW + 1, samples * OH * row); the last row is ones (the bias).
    Chunks are sized so the buffer stays small enough to stay in cache.
    """

    ELEMENTS = 1 << 18  # at most about this many numbers in the buffer (measured)

    def __init__(self, x, kernel_hw, stride, padding, dilation, out_hw):
        (kh, kw), (sh, sw), (ph, pw), (dh, dw) = kernel_hw, stride, padding, dilation
        self.kernel_hw, self.stride, self.padding, self.out_hw = kernel_hw, stride, padding, out_hw
        self.input_hw = x.shape[2:]
        self.samples, self.channels = x.shape[:2]
        self.dtype = x.dtype
        oh = out_hw[0]
        width = x.shape[3] + 2 * pw
        while (sh * width) % sw:  # zeros on the right until a row is a whole number of strides
            width += 1
        self.width, self.row = width, sh * width // sw
        # Rows below the padding, so the wide columns of the last output row stay inside.
        height = max(x.shape[2] + 2 * ph, oh * sh + dh * (kh - 1) + 1)
        # Channels first: the copies and sums below then run over memory in order.
        self.padded = np.zeros((self.channels, self.samples, height, width), dtype=x.dtype)
        self.padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]] = x.transpose(1, 0, 2, 3)
        self.offsets = [a * dh * width + b * dw for a in range(kh) for b in range(kw)]
        self.length = oh * self.row  # wide positions per sample
        per_sample = (self.channels * kh * kw + 1) * self.length
        self.size = max(1, min(self.samples, self.ELEMENTS // per_sample))
        rows = self.channels * kh * kw
        self.buffer = np.empty((rows + 1, self.size * self.length), dtype=x.dtype)
        self.buffer[rows] = 1.0

    def chunks(self):
        """Slices of samples, ``size`` at a time."""
        return [slice(start, min(start + self.size, self.samples))
                for start in range(0, self.samples, self.size)]

    def flat(self, padded: np.ndarray, chunk: slice) -> np.ndarray:
        """Padded samples (C, N, height, width) of ``chunk`` as (C, samples, height * width)."""
        return padded[:, chunk].reshape(self.channels, chunk.stop - chunk.start, -1)

    def tap(self, flat: np.ndarray, offset: int) -> np.ndarray:
        """Tap ``offset`` at every wide output position: (C, samples, OH * row), a view."""
        sw = self.stride[1]
        return flat[:, :, offset : offset + sw * (self.length - 1) + 1 : sw]

    def of(self, chunk: slice) -> np.ndarray:
        count = chunk.stop - chunk.start
        taps = len(self.offsets)
        columns = self.buffer[:, : count * self.length]
        grid = columns[:-1].reshape(self.channels, taps, count, self.length)
        flat = self.flat(self.padded, chunk)
        for t, offset in enumerate(self.offsets):
            np.copyto(grid[:, t], self.tap(flat, offset))
        return columns

    def wide(self, grad: np.ndarray) -> np.ndarray:
        """An output gradient (samples, O, OH, OW) as (O, samples * OH * row), zero when wide."""
        count, n_out, oh, ow = grad.shape
        out = np.zeros((n_out, count, oh, self.row), dtype=self.dtype)
        out[:, :, :, :ow] = grad.transpose(1, 0, 2, 3)
        return out.reshape(n_out, -1)

    def forward(self, weight, bias):
        """:func:`conv2d` of these columns: (N, O, OH, OW)."""
        return _conv2d_of_columns(self, weight, bias)

    def backward(self, weight, grad_out):
        """Input, weight and bias gradients, for a checked ``grad_out``."""
        return _conv2d_backward_of_columns(self, weight, grad_out)


def conv2d_backward(x, weight, grad_out, stride=1, padding=0, dilation=1, groups=1):
    """Gradients of :func:`conv2d`, fast: two matrix products per chunk of samples.

    With ``cols`` the im2col matrix of the samples (C kH kW, S OH OW) and
    ``g`` their output gradient (O, S OH OW): ``grad_weight += g @ cols.T``
    (the shared weight sums the gradients of every position) and the input
    gradient is ``weight.T @ g`` scattered back over the windows (col2im).

    Parameters and returns as for :func:`conv2d_backward_reference`.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> grad_x, grad_w, grad_b = conv2d_backward(x, np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)))
    >>> grad_x[0, 0]  # how many windows each pixel belongs to
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    """
    x, unbatched, weight, _, stride, padding, dilation, out_hw = _checked_conv(
        x, weight, None, stride, padding, dilation, groups)
    grad_out = checked_grad(grad_out, (x.shape[0], weight.shape[0], *out_hw), unbatched,
                            x.dtype)
    prepared = _prepared(x, weight.shape, stride, padding, dilation, out_hw, groups)
    grad_x, grad_weight, grad_bias = prepared.backward(weight, grad_out)
    return unbatch(grad_x, unbatched), grad_weight, grad_bias


def _conv2d_backward_of_columns(columns, weight, grad_out):
    """Input, weight and bias gradients of :func:`conv2d`, from the columns of its input.

    ``grad_out`` is checked, (N, O, OH, OW), in the dtype of the columns;
    returns (N, C, H, W), (O, C, kH, kW) and (O,). The row of ones at the end
    of the columns gives the bias gradient in the same matrix product as the
    weights'.
    """
    n_out = weight.shape[0]
    matrix = weight.reshape(n_out, -1)
    grad_matrix_t = np.zeros((matrix.shape[1] + 1, n_out), dtype=columns.dtype)
    grad_padded = np.zeros_like(columns.padded)
    taps = len(columns.offsets)
    buffer = np.empty((matrix.shape[1], columns.size * columns.length), dtype=columns.dtype)
    for chunk in columns.chunks():
        g = columns.wide(grad_out[chunk])  # (O, samples * OH * row)
        grad_matrix_t += columns.of(chunk) @ g.T  # transposed: the faster orientation
        count = chunk.stop - chunk.start
        grad_columns = np.matmul(matrix.T, g, out=buffer[:, : g.shape[1]])  # reused buffer
        grad_columns = grad_columns.reshape(columns.channels, taps, count, columns.length)
        flat = columns.flat(grad_padded, chunk)
        for t, offset in enumerate(columns.offsets):
            # col2im: each tap's gradient goes back where the tap read (wide ones add zeros).
            columns.tap(flat, offset)[...] += grad_columns[:, t]
    (ph, pw), (h, w) = columns.padding, columns.input_hw
    grad_x = grad_padded[:, :, ph : ph + h, pw : pw + w].transpose(1, 0, 2, 3)
    return grad_x, grad_matrix_t[:-1].T.reshape(weight.shape), grad_matrix_t[-1]


# --- groups: one matrix product per group ---------------------------------------------


def check_groups(in_channels, out_channels, groups) -> tuple[int, int, int]:
    """The channel counts and ``groups`` of a layer, checked: both counts multiples of it.

    Examples
    --------
    >>> check_groups(32, 64, 4)
    (32, 64, 4)
    >>> check_groups(6, 4, 4)
    Traceback (most recent call last):
    ...
    ValueError: in_channels (6) must be a multiple of groups (4)
    """
    in_channels = check_int(in_channels, "in_channels", 1)
    out_channels = check_int(out_channels, "out_channels", 1)
    groups = check_int(groups, "groups", 1)
    for name, count in (("in_channels", in_channels), ("out_channels", out_channels)):
        if count % groups:
            raise ValueError(f"{name} ({count}) must be a multiple of groups ({groups})")
    return in_channels, out_channels, groups


def group_connections(in_channels, out_channels, groups) -> np.ndarray:
    """``seen[o, c]``: 1 when filter ``o`` of a grouped convolution reads input channel ``c``.

    Examples
    --------
    >>> group_connections(4, 2, 2)
    array([[1, 1, 0, 0],
           [0, 0, 1, 1]])
    """
    in_channels, out_channels, groups = check_groups(in_channels, out_channels, groups)
    filter_group = np.arange(out_channels) // (out_channels // groups)
    channel_group = np.arange(in_channels) // (in_channels // groups)
    return (filter_group[:, None] == channel_group[None, :]).astype(int)


def _check_groups(groups, channels, out_channels, per_group):
    """The conditions PyTorch puts on ``groups`` for conv2d and conv_transpose2d.

    ``channels`` must be ``groups * per_group`` and ``out_channels`` a multiple of
    ``groups``; the names in the messages are those of ``conv2d``'s weight.
    """
    if out_channels % groups:
        raise ValueError(
            f"groups={groups} must divide the number of filters, weight.shape[0] = "
            f"{out_channels}: every group needs the same number of filters"
        )
    if channels != groups * per_group:
        raise ValueError(
            f"x has {channels} channels but groups={groups} and weight.shape[1] = {per_group} "
            f"expect {groups * per_group} (groups * channels per group)"
        )


def _group_columns(x_padded, kernel_hw, stride, dilation, out_hw, groups) -> np.ndarray:
    """The im2col matrices of each group, shape (G, N OH OW, C/G kH kW).

    Row ``(n, i, j)`` of matrix ``g`` is the window of output pixel ``(i, j)`` of
    sample ``n`` over the channels of group ``g``, channel by channel, row by row.
    """
    n, c = x_padded.shape[:2]
    view = windows(x_padded, kernel_hw, stride, dilation, out_hw)  # (N, C, OH, OW, kH, kW)
    view = view.reshape(n, groups, c // groups, *out_hw, *kernel_hw)
    return view.transpose(1, 0, 3, 4, 2, 5, 6).reshape(groups, n * out_hw[0] * out_hw[1], -1)


def _to_groups(a: np.ndarray, groups: int) -> np.ndarray:
    """(N, C, H, W) -> (G, N H W, C/G): the channels of each group as the columns of a matrix."""
    n, c, h, w = a.shape
    return a.reshape(n, groups, c // groups, h * w).transpose(1, 0, 3, 2).reshape(
        groups, n * h * w, c // groups)


def _from_groups(m: np.ndarray, n: int, hw) -> np.ndarray:
    """(G, N H W, C/G) -> (N, C, H, W), the inverse of :func:`_to_groups`."""
    groups, _, per_group = m.shape
    return m.reshape(groups, n, *hw, per_group).transpose(1, 0, 4, 2, 3).reshape(
        n, groups * per_group, *hw)


def _patches_from_groups(m: np.ndarray, n: int, out_hw, kernel_hw) -> np.ndarray:
    """(G, N OH OW, C/G kH kW) -> (N, C, OH, OW, kH, kW), windows laid out as :func:`windows`."""
    groups = m.shape[0]
    m = m.reshape(groups, n, *out_hw, -1, *kernel_hw)  # (G, N, OH, OW, C/G, kH, kW)
    return m.transpose(1, 0, 4, 2, 3, 5, 6).reshape(n, -1, *out_hw, *kernel_hw)


def col2im(patches: np.ndarray, padded_hw, stride, dilation) -> np.ndarray:
    """Add every window's values back onto the pixels they came from (adjoint of :func:`windows`).

    Parameters
    ----------
    patches : ndarray, shape (N, C, OH, OW, kH, kW)
        One value per tap of every window, laid out as :func:`windows` returns them.
    padded_hw : (int, int)
        Size of the (padded) image the windows were read from.
    stride, dilation : pairs of int

    Returns
    -------
    ndarray, shape (N, C, *padded_hw)
        A pixel covered by several windows receives the sum of their values.

    Examples
    --------
    Four 2 x 2 windows of ones, stride 1, on a 3 x 3 image: each pixel counts its windows.

    >>> col2im(np.ones((1, 1, 2, 2, 2, 2)), (3, 3), (1, 1), (1, 1))[0, 0]
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    """
    n, c, oh, ow, kh, kw = patches.shape
    out = np.zeros((n, c, *padded_hw), dtype=patches.dtype)
    # Tap (a, b) of every window lands on a strided grid of pixels.
    for a, b, rows, cols in tap_slices((kh, kw), stride, dilation, (oh, ow)):
        out[:, :, rows, cols] += patches[..., a, b]
    return out


def _grouped_conv2d_of_columns(columns, weight, bias, samples, out_hw):
    """:func:`conv2d` with groups, from :func:`_group_columns`: (N, O, OH, OW)."""
    groups = columns.shape[0]
    matrix = weight.reshape(groups, weight.shape[0] // groups, -1)  # (G, O/G, C/G kH kW)
    out = _from_groups(columns @ matrix.transpose(0, 2, 1), samples, out_hw)
    if bias is not None:
        out += bias[:, None, None]
    return out


def _grouped_conv2d_backward_of_columns(columns, weight, grad_out, padded_hw, stride, padding,
                                        dilation, input_hw):
    """Input and weight gradients of a grouped :func:`conv2d`, from its input's columns."""
    groups = columns.shape[0]
    matrix = weight.reshape(groups, weight.shape[0] // groups, -1)
    g = _to_groups(grad_out, groups)  # (G, N OH OW, O/G)
    grad_weight = (g.transpose(0, 2, 1) @ columns).reshape(weight.shape)
    patches = _patches_from_groups(g @ matrix, grad_out.shape[0], grad_out.shape[2:],
                                   weight.shape[2:])
    grad_padded = col2im(patches, padded_hw, stride, dilation)
    (ph, pw), (h, w) = padding, input_hw
    return grad_padded[:, :, ph : ph + h, pw : pw + w], grad_weight


class _GroupedInput:
    """The padded input of a grouped convolution, ready for forward and backward.

    A depthwise convolution (one kernel per channel: ``groups == C == O``)
    is computed tap by tap on the strided windows, without building columns:
    its matrix products would be one number wide. Every other grouping goes
    through one matrix product per group (:func:`_group_columns`).
    """

    def __init__(self, x, weight_shape, stride, padding, dilation, out_hw, groups):
        self.padded = pad_hw(x, padding)
        self.samples, self.dtype, self.input_hw = x.shape[0], x.dtype, x.shape[2:]
        self.stride, self.padding, self.dilation, self.out_hw = stride, padding, dilation, out_hw
        self.kernel_hw, self.groups = weight_shape[2:], groups
        self.depthwise = weight_shape[1] == 1 and weight_shape[0] == groups
        if not self.depthwise:
            self.columns = _group_columns(self.padded, self.kernel_hw, stride, dilation, out_hw,
                                          groups)

    def _taps(self):
        """``(a, b, rows, cols)``: the pixels that tap ``(a, b)`` reads at every position."""
        return tap_slices(self.kernel_hw, self.stride, self.dilation, self.out_hw)

    def forward(self, weight, bias):
        """(N, O, OH, OW)."""
        if not self.depthwise:
            return _grouped_conv2d_of_columns(self.columns, weight, bias, self.padded.shape[0],
                                              self.out_hw)
        out = np.zeros((self.padded.shape[0], self.padded.shape[1], *self.out_hw),
                       dtype=self.padded.dtype)
        for a, b, rows, cols in self._taps():
            out += weight[:, 0, a, b, None, None] * self.padded[:, :, rows, cols]
        if bias is not None:
            out += bias[:, None, None]
        return out

    def backward(self, weight, grad_out):
        """Input (N, C, H, W), weight and bias gradients, for a checked ``grad_out``."""
        grad_bias = grad_out.sum(axis=(0, 2, 3))
        if not self.depthwise:
            return (*_grouped_conv2d_backward_of_columns(
                self.columns, weight, grad_out, self.padded.shape[2:], self.stride,
                self.padding, self.dilation, self.input_hw), grad_bias)
        grad_weight = np.zeros_like(weight)
        grad_padded = np.zeros_like(self.padded)
        for a, b, rows, cols in self._taps():
            grad_weight[:, 0, a, b] = np.einsum("ncij,ncij->c", grad_out,
                                                self.padded[:, :, rows, cols])
            grad_padded[:, :, rows, cols] += weight[:, 0, a, b, None, None] * grad_out
        (ph, pw), (h, w) = self.padding, self.input_hw
        return grad_padded[:, :, ph : ph + h, pw : pw + w], grad_weight, grad_bias


# --- transposed convolution ------------------------------------------------------------


def _checked_transpose(x, weight, bias, stride, padding, output_padding, groups, dilation):
    x, unbatched = as_batch(x)
    weight = real_keeping_float32(weight, "weight")
    if weight.ndim != 4:
        raise ValueError(f"weight must be 4-D (in_channels, out_channels / groups, kH, kW), "
                         f"got shape {weight.shape}")
    groups = check_int(groups, "groups", 1)
    if weight.shape[0] % groups:
        raise ValueError(
            f"groups={groups} must divide in_channels, weight.shape[0] = {weight.shape[0]}: "
            "every group needs the same number of input channels"
        )
    if x.shape[1] != weight.shape[0]:
        raise ValueError(
            f"x has {x.shape[1]} channels but weight expects {weight.shape[0]} (weight shape "
            f"{weight.shape} is (in_channels, out_channels / groups, kH, kW))"
        )
    x, weight = _float_pair(x, weight)
    bias = _checked_bias(bias, weight.shape[1] * groups, x.dtype)
    stride = pair(stride, "stride", 1)
    padding = pair(padding, "padding", 0)
    output_padding = pair(output_padding, "output_padding", 0)
    dilation = pair(dilation, "dilation", 1)
    out_hw = tuple(
        conv_transpose_output_size(n, k, s, p, op, d)
        for n, k, s, p, op, d in zip(x.shape[2:], weight.shape[2:], stride, padding,
                                     output_padding, dilation, strict=True))
    return x, unbatched, weight, bias, stride, padding, output_padding, groups, dilation, out_hw


def conv_transpose2d_reference(x, weight, bias=None, stride=1, padding=0, output_padding=0,
                               groups=1, dilation=1):
    """Transposed convolution by the definition: every input pixel stamps a scaled kernel.

    Input pixel ``x[n, c, i, j]`` adds ``x[n, c, i, j] * weight[c, o]`` onto the
    output channel ``o`` of its group, with the kernel's top-left tap at
    ``(i * stride, j * stride)`` and its taps ``dilation`` apart. Then
    ``padding`` rows and columns are cut from each side, and
    ``output_padding`` extra ones (which no stamp reaches before the cut)
    are kept at the bottom and right.

    Parameters and returns as for :func:`conv_transpose2d`.

    Examples
    --------
    >>> conv_transpose2d_reference(np.array([[[1.0, 2.0]]]), np.array([[[[1.0, 10.0]]]]),
    ...                            stride=2)
    array([[[ 1., 10.,  2., 20.]]])
    """
    x, unbatched, weight, bias, stride, padding, output_padding, groups, dilation, out_hw = (
        _checked_transpose(x, weight, bias, stride, padding, output_padding, groups, dilation))
    (sh, sw), (dh, dw), (ph, pw) = stride, dilation, padding
    n_in, per_group, kh, kw = weight.shape
    full_h = (x.shape[2] - 1) * sh + dh * (kh - 1) + 1 + output_padding[0]
    full_w = (x.shape[3] - 1) * sw + dw * (kw - 1) + 1 + output_padding[1]
    full = np.zeros((x.shape[0], per_group * groups, full_h, full_w), dtype=x.dtype)
    for n in range(x.shape[0]):
        for c in range(n_in):
            first = (c // (n_in // groups)) * per_group  # first output channel of c's group
            for i in range(x.shape[2]):
                for j in range(x.shape[3]):
                    full[n, first : first + per_group,
                         i * sh : i * sh + dh * (kh - 1) + 1 : dh,
                         j * sw : j * sw + dw * (kw - 1) + 1 : dw] += x[n, c, i, j] * weight[c]
    out = full[:, :, ph : ph + out_hw[0], pw : pw + out_hw[1]].copy()
    if bias is not None:
        out += bias[:, None, None]
    return unbatch(out, unbatched)


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """2-D transposed convolution, as ``torch.nn.functional.conv_transpose2d``.

    It is the gradient of :func:`conv2d` with respect to its input, so it
    goes back up: an ``H x W`` input becomes
    ``(H - 1) stride - 2 padding + dilation (kH - 1) + output_padding + 1`` rows.
    Computed as that gradient is: one matrix product per group gives every
    input pixel's scaled kernel, and :func:`col2im` adds them where they land.

    Parameters
    ----------
    x : array_like, shape (N, C_in, H, W) or (C_in, H, W)
    weight : array_like, shape (C_in, C_out / groups, kH, kW)
        PyTorch's layout for transposed convolutions: input channels first.
    bias : array_like, shape (C_out,), optional
    stride, padding, output_padding, dilation : int or (int, int)
        ``padding`` is cut from each side of the result; ``output_padding``
        adds rows and columns at the bottom and right, and must be smaller
        than the stride or the dilation.
    groups : int >= 1
        ``C_in`` must be a multiple of it; input channel group ``g`` feeds
        output channels ``g * C_out / groups`` onwards.

    Returns
    -------
    ndarray, shape (N, C_out, OH, OW), or (C_out, OH, OW) for an unbatched input

    Raises
    ------
    ValueError
        Where PyTorch raises: channel mismatch, ``groups`` not dividing the
        channels, ``output_padding`` not smaller than stride or dilation, an
        output of no rows or columns; also wrong dimensions, negative padding,
        stride or dilation below 1, empty axes.

    Examples
    --------
    Each input pixel stamps the 2 x 2 kernel, scaled by its value, 2 pixels apart:

    >>> x = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    >>> conv_transpose2d(x, np.array([[[[1.0, 0.0], [0.0, 1.0]]]]), stride=2)[0, 0]
    array([[1., 0., 2., 0.],
           [0., 1., 0., 2.],
           [3., 0., 4., 0.],
           [0., 3., 0., 4.]])
    """
    x, unbatched, weight, bias, stride, padding, output_padding, groups, dilation, out_hw = (
        _checked_transpose(x, weight, bias, stride, padding, output_padding, groups, dilation))
    n, _, h, w = x.shape
    kernel_hw = weight.shape[2:]
    matrix = weight.reshape(groups, weight.shape[0] // groups, -1)  # (G, C_in/G, C_out/G kH kW)
    patches = _patches_from_groups(_to_groups(x, groups) @ matrix, n, (h, w), kernel_hw)
    (ph, pw) = padding
    # The uncropped output: the cropped one with the padding given back on each side.
    full = col2im(patches, (out_hw[0] + 2 * ph, out_hw[1] + 2 * pw), stride, dilation)
    out = np.ascontiguousarray(full[:, :, ph : ph + out_hw[0], pw : pw + out_hw[1]])
    if bias is not None:
        out += bias[:, None, None]
    return unbatch(out, unbatched)


def conv_transpose2d_backward(x, weight, grad_out, stride=1, padding=0, output_padding=0,
                              groups=1, dilation=1):
    """Gradients of :func:`conv_transpose2d`: a convolution gives both.

    The transposed convolution is the adjoint of :func:`conv2d` with the same
    weight, so the gradient with respect to its input is :func:`conv2d` of
    ``grad_out`` (cut to the input's size), and the weight gradient pairs
    the windows of ``grad_out`` with the input pixels that stamped them.

    Parameters
    ----------
    x : ndarray, shape (N, C_in, H, W)
    weight : ndarray, shape (C_in, C_out / groups, kH, kW)
    grad_out : ndarray, shape (N, C_out, OH, OW)
    stride, padding, output_padding, groups, dilation : as for :func:`conv_transpose2d`

    Returns
    -------
    grad_x : ndarray, shape (N, C_in, H, W)
    grad_weight : ndarray, shape (C_in, C_out / groups, kH, kW)
    grad_bias : ndarray, shape (C_out,)

    Examples
    --------
    >>> x = np.array([[[[1.0, 2.0]]]])
    >>> grad_x, grad_w, grad_b = conv_transpose2d_backward(
    ...     x, np.array([[[[1.0, 10.0]]]]), np.ones((1, 1, 1, 4)), stride=2)
    >>> grad_x[0, 0], grad_w[0, 0], grad_b  # each pixel stamped 1 + 10; each tap met 1 + 2
    (array([[11., 11.]]), array([[3., 3.]]), array([4.]))
    """
    x, unbatched, weight, _, stride, padding, output_padding, groups, dilation, out_hw = (
        _checked_transpose(x, weight, None, stride, padding, output_padding, groups, dilation))
    grad_out = checked_grad(grad_out, (x.shape[0], weight.shape[1] * groups, *out_hw),
                            unbatched, x.dtype)
    n, _, h, w = x.shape
    conv_hw = output_hw(out_hw, weight.shape[2:], stride, padding, dilation)
    columns = _group_columns(pad_hw(grad_out, padding), weight.shape[2:], stride, dilation,
                             conv_hw, groups)
    matrix = weight.reshape(groups, weight.shape[0] // groups, -1)
    # With output_padding >= stride (allowed when it is below the dilation) the
    # convolution has one position more than the input has pixels: the extra one is cut.
    grad_x = _from_groups(columns @ matrix.transpose(0, 2, 1), n, conv_hw)[:, :, :h, :w]
    x_grown = np.zeros((n, x.shape[1], *conv_hw), dtype=x.dtype)
    x_grown[:, :, :h, :w] = x
    grad_weight = (_to_groups(x_grown, groups).transpose(0, 2, 1) @ columns).reshape(weight.shape)
    return unbatch(np.ascontiguousarray(grad_x), unbatched), grad_weight, grad_out.sum(
        axis=(0, 2, 3))


def overlap_counts(input_size, kernel_size, stride=1, padding=0, output_padding=0,
                   dilation=1) -> np.ndarray:
    """How many kernel stamps land on each output pixel of a square transposed convolution.

    It is the transposed convolution of an input of ones with a kernel of
    ones: each input pixel adds 1 wherever a tap of its stamp lands.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    stride, dilation : int >= 1
    padding, output_padding : int >= 0
        As for :func:`convlessons.layers.conv_transpose2d` (which raises the
        same errors).

    Returns
    -------
    ndarray of int, shape (OH, OH)

    Examples
    --------
    A 3-wide kernel, stride 2: every other row and column gets two stamps.

    >>> overlap_counts(2, 3, stride=2)
    array([[1, 1, 2, 1, 1],
           [1, 1, 2, 1, 1],
           [2, 2, 4, 2, 2],
           [1, 1, 2, 1, 1],
           [1, 1, 2, 1, 1]])
    """
    input_size = check_int(input_size, "input_size", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    counts = conv_transpose2d(np.ones((1, 1, input_size, input_size)),
                              np.ones((1, 1, kernel_size, kernel_size)), stride=stride,
                              padding=padding, output_padding=output_padding,
                              dilation=dilation)
    return np.rint(counts[0, 0]).astype(int)


# --- layers ----------------------------------------------------------------------------


def _uniform_init(rng, fan_in: int, shape) -> np.ndarray:
    """PyTorch's default initialisation: uniform in +-1/sqrt(fan_in)."""
    bound = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=shape)


class Layer:
    """What every layer offers: ``forward``, ``backward`` and its parameters."""

    def parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(value, gradient) pairs of the trainable arrays; empty for most layers."""
        return []

    def __call__(self, x):
        return self.forward(x)


class _Weighted(Layer):
    """A layer with ``weight`` and an optional ``bias``, and their gradients."""

    def parameters(self):
        pairs = [(self.weight, self.grad_weight)]
        if self.bias is not None:
            pairs.append((self.bias, self.grad_bias))
        return pairs

    def parameter_count(self) -> int:
        """Number of weights plus number of biases."""
        return int(self.weight.size + (0 if self.bias is None else self.bias.size))


class Conv2D(_Weighted):
    """A convolutional layer: ``out_channels`` filters of ``in_channels`` kernels each.

    Parameters
    ----------
    in_channels, out_channels : int >= 1
    kernel_size : int or (int, int)
    stride, padding : int or (int, int)
    bias : bool
    seed : int, optional
        Seed of the random initial weights (PyTorch's default scheme).
    groups : int >= 1, keyword-only
        As in :func:`conv2d`: both channel counts must be multiples of it.
    dilation : int or (int, int), keyword-only
        Spacing of the kernel's taps, as in :func:`conv2d`.

    Attributes
    ----------
    weight : ndarray, shape (out_channels, in_channels / groups, kH, kW)
    bias : ndarray, shape (out_channels,), or None
    grad_weight, grad_bias : ndarray
        Filled by :meth:`backward`.

    Examples
    --------
    >>> layer = Conv2D(3, 8, kernel_size=3, padding=1, seed=0)
    >>> layer.weight.shape, layer.forward(np.zeros((2, 3, 16, 16))).shape
    ((8, 3, 3, 3), (2, 8, 16, 16))
    >>> layer.parameter_count()  # 8 * (3 * 3 * 3 + 1)
    224
    >>> Conv2D(8, 8, 3, groups=8, seed=0).parameter_count()  # depthwise: 8 * (3 * 3 + 1)
    80
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 bias=True, seed=None, *, groups=1, dilation=1):
        in_channels, out_channels, self.groups = check_groups(in_channels, out_channels, groups)
        kh, kw = pair(kernel_size, "kernel_size", 1)
        self.stride = pair(stride, "stride", 1)
        self.padding = pair(padding, "padding", 0)
        self.dilation = pair(dilation, "dilation", 1)
        rng = np.random.default_rng(seed)
        fan_in = in_channels // self.groups * kh * kw
        self.weight = _uniform_init(rng, fan_in,
                                    (out_channels, in_channels // self.groups, kh, kw))
        self.bias = _uniform_init(rng, fan_in, (out_channels,)) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._input = None  # the last input, made ready: backward reuses it

    def forward(self, x):
        """(N, C_in, H, W) -> (N, C_out, OH, OW); keeps x, padded, for backward."""
        x, self._unbatched, weight, bias, stride, padding, dilation, out_hw = _checked_conv(
            x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)
        self._input = _prepared(x, weight.shape, stride, padding, dilation, out_hw,
                                self.groups)
        return unbatch(self._input.forward(weight, bias), self._unbatched)

    def backward(self, grad_out):
        """Gradient w.r.t. the input; stores grad_weight and grad_bias."""
        if self._input is None:
            raise RuntimeError("call forward before backward")
        prepared = self._input
        grad_out = checked_grad(grad_out, (prepared.samples, self.weight.shape[0],
                                           *prepared.out_hw), self._unbatched, prepared.dtype)
        weight = self.weight.astype(prepared.dtype, copy=False)
        grad_x, self.grad_weight, grad_bias = prepared.backward(weight, grad_out)
        if self.bias is not None:
            self.grad_bias = grad_bias
        return unbatch(grad_x, self._unbatched)


class ConvTranspose2D(_Weighted):
    """A transposed convolutional layer, as ``torch.nn.ConvTranspose2d``: it goes back up.

    Parameters
    ----------
    in_channels, out_channels : int >= 1, multiples of ``groups``
    kernel_size : int or (int, int)
    stride, padding, output_padding, dilation : int or (int, int)
    groups : int >= 1
    bias : bool
    seed : int, optional
        Seed of the random initial weights (PyTorch's scheme: uniform in
        ``+-1 / sqrt(out_channels / groups * kH * kW)``).

    Attributes
    ----------
    weight : ndarray, shape (in_channels, out_channels / groups, kH, kW)
    bias : ndarray, shape (out_channels,), or None
    grad_weight, grad_bias : ndarray
        Filled by :meth:`backward`.

    Examples
    --------
    >>> layer = ConvTranspose2D(8, 3, kernel_size=4, stride=2, padding=1, seed=0)
    >>> layer.weight.shape, layer.forward(np.zeros((2, 8, 16, 16))).shape
    ((8, 3, 4, 4), (2, 3, 32, 32))
    >>> layer.parameter_count()  # 8 * 3 * 4 * 4 + 3
    387
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1, seed=None):
        in_channels, out_channels, self.groups = check_groups(in_channels, out_channels, groups)
        kh, kw = pair(kernel_size, "kernel_size", 1)
        self.stride = pair(stride, "stride", 1)
        self.padding = pair(padding, "padding", 0)
        self.output_padding = pair(output_padding, "output_padding", 0)
        self.dilation = pair(dilation, "dilation", 1)
        for op, s, d in zip(self.output_padding, self.stride, self.dilation, strict=True):
            if op >= s and op >= d:
                raise ValueError(f"output_padding {self.output_padding} must be smaller than "
                                 f"the stride {self.stride} or the dilation {self.dilation}")
        rng = np.random.default_rng(seed)
        fan_in = out_channels // self.groups * kh * kw
        self.weight = _uniform_init(rng, fan_in,
                                    (in_channels, out_channels // self.groups, kh, kw))
        self.bias = _uniform_init(rng, fan_in, (out_channels,)) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._x = None

    def _settings(self):
        return {"stride": self.stride, "padding": self.padding,
                "output_padding": self.output_padding, "groups": self.groups,
                "dilation": self.dilation}

    def forward(self, x):
        """(N, C_in, H, W) -> (N, C_out, OH, OW), OH as :func:`conv_transpose_output_size`."""
        out = conv_transpose2d(x, self.weight, self.bias, **self._settings())
        self._x = x
        return out

    def backward(self, grad_out):
        """Gradient w.r.t. the input; stores grad_weight and grad_bias."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad_x, self.grad_weight, grad_bias = conv_transpose2d_backward(
            self._x, self.weight, grad_out, **self._settings())
        if self.bias is not None:
            self.grad_bias = grad_bias
        return grad_x



class Dense(_Weighted):
    """A fully connected layer: ``x @ weight.T + bias``, as ``torch.nn.Linear``.

    Parameters
    ----------
    in_features, out_features : int >= 1
    bias : bool
    seed : int, optional

    Attributes
    ----------
    weight : ndarray, shape (out_features, in_features)
    bias : ndarray, shape (out_features,), or None

    Examples
    --------
    >>> layer = Dense(4, 2, seed=0)
    >>> layer.forward(np.ones((5, 4))).shape, layer.parameter_count()
    ((5, 2), 10)
    """

    def __init__(self, in_features, out_features, bias=True, seed=None):
        in_features = check_int(in_features, "in_features", 1)
        out_features = check_int(out_features, "out_features", 1)
        rng = np.random.default_rng(seed)
        self.weight = _uniform_init(rng, in_features, (out_features, in_features))
        self.bias = _uniform_init(rng, in_features, (out_features,)) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._x = None

    def forward(self, x):
        """(N, in_features) -> (N, out_features)."""
        x = as_real_array(x, "x", copy=False)
        if x.ndim != 2 or x.shape[1] != self.weight.shape[1]:
            raise ValueError(f"x must have shape (N, {self.weight.shape[1]}), got {x.shape}")
        self._x = x
        out = x @ self.weight.T
        return out if self.bias is None else out + self.bias

    def backward(self, grad_out):
        """(N, out_features) -> (N, in_features); stores grad_weight and grad_bias."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad_out = np.asarray(grad_out, dtype=float)
        if grad_out.shape != (self._x.shape[0], self.weight.shape[0]):
            raise ValueError(f"grad_out must have shape {(self._x.shape[0], self.weight.shape[0])},"
                             f" got {grad_out.shape}")
        self.grad_weight = grad_out.T @ self._x
        if self.bias is not None:
            self.grad_bias = grad_out.sum(axis=0)
        return grad_out @ self.weight



class ReLU(Layer):
    """``max(0, x)``, element by element; the gradient passes where x > 0.

    float32 stays float32; anything else is computed in float64.

    Examples
    --------
    >>> relu = ReLU()
    >>> relu.forward(np.array([-1.0, 0.0, 2.0])), relu.backward(np.ones(3))
    (array([0., 0., 2.]), array([0., 0., 1.]))
    """

    def __init__(self):
        self._positive = None

    def forward(self, x):
        x = real_keeping_float32(x, "x")
        self._positive = x > 0
        # max(x, 0) without branches: np.where is several times slower on random signs.
        # Adding 0 turns -0.0 into 0.0; NaN stays NaN, as in PyTorch.
        out = np.maximum(x, 0)
        out += 0
        return out

    def backward(self, grad_out):
        if self._positive is None:
            raise RuntimeError("call forward before backward")
        grad = np.asarray(grad_out)
        out = grad * self._positive  # 0 where x <= 0 (also branch-free), then -0.0 -> 0.0
        out += 0
        return out


class Flatten(Layer):
    """(N, C, H, W) -> (N, C * H * W), the bridge from feature maps to a dense layer.

    Examples
    --------
    >>> flatten = Flatten()
    >>> flatten.forward(np.zeros((2, 3, 4, 4))).shape, flatten.backward(np.zeros((2, 48))).shape
    ((2, 48), (2, 3, 4, 4))
    """

    def __init__(self):
        self._shape = None

    def forward(self, x):
        x = np.asarray(x)
        if x.ndim < 2:
            raise ValueError(f"x must have a batch axis and at least one more, got {x.shape}")
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad_out):
        if self._shape is None:
            raise RuntimeError("call forward before backward")
        return np.asarray(grad_out).reshape(self._shape)
