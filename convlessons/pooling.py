"""Pooling (lesson 5): max, average and sum over windows, channel by channel.

``max_pool2d`` and ``avg_pool2d`` take the arguments of their namesakes in
``torch.nn.functional`` with PyTorch's defaults: ``stride`` defaults to
``kernel_size``; max pooling pads with -infinity (padding never wins), average
pooling pads with zeros that *are* counted in the mean
(``count_include_pad=True``); a stride that does not fit drops the last rows
and columns. Pooling has no parameters: only the window size and the stride.

The gradient of max pooling goes, for each window, to the input that was the
maximum (the first one on a tie, as in PyTorch); average pooling spreads it
evenly over the window.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_choice
from .layers import Layer
from .windows import as_batch, checked_grad, output_hw, pad_hw, pair, tap_slices, unbatch

#: The poolings this module computes: the ``mode`` of :func:`pool2d`.
POOL_MODES = ("max", "avg", "sum")


def checked_pool(x, kernel_size, stride, padding):
    """The arguments of a pooling, checked and read as PyTorch reads them.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W) or (C, H, W)
    kernel_size, padding : int or (int, int)
    stride : int or (int, int), or None for ``kernel_size``

    Returns
    -------
    (x, unbatched, kernel, stride, padding, out_hw)
        ``x`` as a 4-D float batch (float32 stays float32), whether it came
        3-D, and the pairs of the window, stride, padding and output size.

    Examples
    --------
    >>> x, unbatched, kernel, stride, padding, out_hw = checked_pool(np.zeros((1, 5, 5)), 2,
    ...                                                              None, 0)
    >>> x.shape, unbatched, kernel, stride, out_hw
    ((1, 1, 5, 5), True, (2, 2), (2, 2), (2, 2))
    """
    x, unbatched = as_batch(x)  # float32 stays float32, anything else is float64
    kernel = pair(kernel_size, "kernel_size", 1)
    stride = kernel if stride is None else pair(stride, "stride", 1)
    padding = pair(padding, "padding", 0)
    for k, p in zip(kernel, padding, strict=True):
        if 2 * p > k:
            raise ValueError(
                f"padding must be at most half of kernel_size (as in PyTorch): padding {p} "
                f"with kernel_size {k} would make windows of padding alone"
            )
    out_hw = output_hw(x.shape[2:], kernel, stride, padding, (1, 1))
    return x, unbatched, kernel, stride, padding, out_hw


def _taps(padded, kernel, stride, out_hw):
    """Tap ``(a, b)`` of every window, as views (N, C, OH, OW), tap by tap, row by row."""
    return [padded[:, :, rows, cols]
            for _, _, rows, cols in tap_slices(kernel, stride, (1, 1), out_hw)]


def _max_and_winner(x, kernel, stride, padding, out_hw):
    """Max pooling of a checked batch, and which tap of each window won (its index a * kW + b).

    One pass per tap over pooled-size arrays, instead of reducing a view of
    the windows. The rule is PyTorch's: a tap replaces the running maximum
    when it is larger, or when it is NaN, so the first of equal maxima wins.
    """
    taps = _taps(pad_hw(x, padding, value=-np.inf), kernel, stride, out_hw)
    out = taps[0].copy()
    winner = np.zeros(out.shape, dtype=np.uint8 if len(taps) < 256 else np.intp)
    better = np.empty(out.shape, dtype=bool)
    for index, tap in enumerate(taps[1:], start=1):
        np.greater(tap, out, out=better)
        better |= np.isnan(tap)
        np.maximum(out, tap, out=out)  # NaN wins here too
        # Later taps have larger indices, so "index where better" is a maximum: no masked copy.
        np.maximum(winner, better * winner.dtype.type(index), out=winner)
    return out, winner


def _max_backward(grad, winner, input_shape, kernel, stride, padding):
    """Each window's gradient to its winning tap; overlapping windows add up. (N, C, H, W)."""
    (ph, pw), (h, w) = padding, input_shape[2:]
    grad_padded = np.zeros((*input_shape[:2], h + 2 * ph, w + 2 * pw), dtype=grad.dtype)
    overlapping = any(s < k for s, k in zip(stride, kernel, strict=True))
    for index, tap in enumerate(_taps(grad_padded, kernel, stride, winner.shape[2:])):
        if overlapping:
            tap += grad * (winner == index)
        else:  # each input pixel is in one window at most: write, do not add
            np.multiply(grad, winner == index, out=tap)
    return grad_padded[:, :, ph : ph + h, pw : pw + w]


def pool2d(x, kernel_size, stride=None, padding=0, mode="max"):
    """Max, average or sum pooling, by ``mode``: one pass per tap of the window.

    Parameters
    ----------
    x, kernel_size, stride, padding
        As for :func:`max_pool2d`.
    mode : {"max", "avg", "sum"}, one of :data:`POOL_MODES`

    Returns
    -------
    ndarray, shape (N, C, OH, OW) or (C, OH, OW)

    Examples
    --------
    >>> pool2d(np.arange(16.0).reshape(1, 4, 4), 2, mode="sum")
    array([[[10., 18.],
            [42., 50.]]])
    """
    check_choice(mode, "mode", POOL_MODES)
    x, unbatched, kernel, stride, padding, out_hw = checked_pool(
        x, kernel_size, stride, padding)
    if mode == "max":
        return unbatch(_max_and_winner(x, kernel, stride, padding, out_hw)[0], unbatched)
    taps = _taps(pad_hw(x, padding), kernel, stride, out_hw)
    out = taps[0].copy()
    for tap in taps[1:]:
        out += tap
    if mode == "avg":
        out /= kernel[0] * kernel[1]
    return unbatch(out, unbatched)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """The largest value of every window, as ``torch.nn.functional.max_pool2d``.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W) or (C, H, W)
    kernel_size : int or (int, int)
    stride : int or (int, int), default kernel_size
    padding : int or (int, int), at most half of kernel_size
        -infinity on each side, so padding is never the maximum.

    Returns
    -------
    ndarray, shape (N, C, OH, OW) or (C, OH, OW)
        ``OH = floor((H + 2 padding - kernel_size) / stride) + 1``.

    Examples
    --------
    >>> x = np.array([[[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]]])
    >>> max_pool2d(x, 2)
    array([[[4., 2.],
            [2., 8.]]])
    """
    return pool2d(x, kernel_size, stride, padding, "max")


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    """The mean of every window, as ``torch.nn.functional.avg_pool2d``.

    Zero padding is counted in the mean, PyTorch's default.

    Parameters and returns as for :func:`max_pool2d`.

    Examples
    --------
    >>> x = np.array([[[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]]])
    >>> avg_pool2d(x, 2)
    array([[[2.5 , 1.  ],
            [0.75, 6.5 ]]])
    """
    return pool2d(x, kernel_size, stride, padding, "avg")


def sum_pool2d(x, kernel_size, stride=None, padding=0):
    """The sum of every window: average pooling times the window's area.

    Parameters and returns as for :func:`max_pool2d`.

    Examples
    --------
    >>> x = np.array([[[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]]])
    >>> sum_pool2d(x, 2)
    array([[[10.,  4.],
            [ 3., 26.]]])
    """
    return pool2d(x, kernel_size, stride, padding, "sum")


def pool2d_reference(x, kernel_size, stride=None, padding=0, mode="max"):
    """Pooling by the definition: one window at a time, with explicit loops.

    Parameters
    ----------
    x, kernel_size, stride, padding
        As for :func:`max_pool2d`.
    mode : {"max", "avg", "sum"}

    Examples
    --------
    >>> pool2d_reference(np.arange(16.0).reshape(1, 4, 4), 2, mode="avg")
    array([[[ 2.5,  4.5],
            [10.5, 12.5]]])
    """
    check_choice(mode, "mode", POOL_MODES)
    x, unbatched, (kh, kw), (sh, sw), padding, (oh, ow) = checked_pool(
        x, kernel_size, stride, padding)
    padded = pad_hw(x, padding, value=-np.inf if mode == "max" else 0.0)
    out = np.zeros((*x.shape[:2], oh, ow), dtype=x.dtype)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(oh):
                for j in range(ow):
                    window = padded[n, c, i * sh : i * sh + kh, j * sw : j * sw + kw]
                    if mode == "max":
                        out[n, c, i, j] = window.max()
                    elif mode == "avg":
                        out[n, c, i, j] = window.sum() / (kh * kw)
                    else:
                        out[n, c, i, j] = window.sum()
    return unbatch(out, unbatched)


def _checked_backward(x, grad_out, kernel_size, stride, padding, mode):
    """The arguments of a pooling's backward pass, checked: those of :func:`checked_pool`,
    with the gradient as a batch of x's dtype after ``unbatched``."""
    check_choice(mode, "mode", POOL_MODES)
    x, unbatched, kernel, stride, padding, out_hw = checked_pool(x, kernel_size, stride, padding)
    grad = checked_grad(grad_out, (*x.shape[:2], *out_hw), unbatched, x.dtype)
    return x, unbatched, grad, kernel, stride, padding, out_hw


def pool2d_backward_reference(x, grad_out, kernel_size, stride=None, padding=0, mode="max"):
    """Gradient of a pooling by the definition: one window at a time, with explicit loops.

    Max pooling: the window's gradient goes to its largest input, the first
    one in reading order on a tie (a NaN counts as largest, the last NaN
    winning, as in PyTorch). Average: ``1 / (kH kW)`` of it to every input
    of the window; sum: all of it. Parameters and returns as for
    :func:`pool2d_backward`.

    Examples
    --------
    >>> x = np.array([[[1.0, 3.0], [4.0, 4.0]]])
    >>> pool2d_backward_reference(x, np.array([[[10.0]]]), 2, mode="max")
    array([[[ 0.,  0.],
            [10.,  0.]]])
    """
    x, unbatched, grad, (kh, kw), (sh, sw), (ph, pw), (oh, ow) = _checked_backward(
        x, grad_out, kernel_size, stride, padding, mode)
    padded = pad_hw(x, (ph, pw), value=-np.inf)
    grad_padded = np.zeros(padded.shape, dtype=x.dtype)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(oh):
                for j in range(ow):
                    rows = slice(i * sh, i * sh + kh)
                    cols = slice(j * sw, j * sw + kw)
                    if mode != "max":
                        share = grad[n, c, i, j] / (kh * kw if mode == "avg" else 1)
                        grad_padded[n, c, rows, cols] += share
                        continue
                    best = (i * sh, j * sw)
                    for a in range(kh):
                        for b in range(kw):
                            value = padded[n, c, i * sh + a, j * sw + b]
                            if value > padded[n, c, best[0], best[1]] or np.isnan(value):
                                best = (i * sh + a, j * sw + b)
                    grad_padded[n, c, best[0], best[1]] += grad[n, c, i, j]
    return unbatch(grad_padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]], unbatched)


def pool2d_backward(x, grad_out, kernel_size, stride=None, padding=0, mode="max"):
    """Gradient of a pooling with respect to its input.

    Max pooling sends each window's gradient to the position of its maximum
    (the first one, on a tie); average pooling gives every position of the
    window ``1 / (kH kW)`` of it; sum pooling all of it. Overlapping windows
    add up.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W) or (C, H, W)
        The input of the forward pass.
    grad_out : array_like, shape of the pooled output
    kernel_size, stride, padding
        As in the forward pass.
    mode : {"max", "avg", "sum"}

    Returns
    -------
    ndarray, shape of x

    Examples
    --------
    >>> x = np.array([[[1.0, 3.0], [4.0, 2.0]]])
    >>> pool2d_backward(x, np.array([[[10.0]]]), 2, mode="max")
    array([[[ 0.,  0.],
            [10.,  0.]]])
    """
    x, unbatched, grad, (kh, kw), (sh, sw), (ph, pw), (oh, ow) = _checked_backward(
        x, grad_out, kernel_size, stride, padding, mode)
    if mode == "max":
        winner = _max_and_winner(x, (kh, kw), (sh, sw), (ph, pw), (oh, ow))[1]
        return unbatch(_max_backward(grad, winner, x.shape, (kh, kw), (sh, sw), (ph, pw)),
                       unbatched)
    grad_padded = np.zeros((*x.shape[:2], x.shape[2] + 2 * ph, x.shape[3] + 2 * pw),
                           dtype=x.dtype)
    share = grad / (kh * kw) if mode == "avg" else grad
    for tap in _taps(grad_padded, (kh, kw), (sh, sw), (oh, ow)):
        tap += share
    return unbatch(grad_padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]], unbatched)


class _Pool2D(Layer):
    mode: str  # set by each subclass

    def __init__(self, kernel_size, stride=None, padding=0):
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        pair(kernel_size, "kernel_size", 1)
        if stride is not None:
            pair(stride, "stride", 1)
        pair(padding, "padding", 0)
        self._x = None

    def forward(self, x):
        self._x = x
        return pool2d(x, self.kernel_size, self.stride, self.padding, self.mode)

    def backward(self, grad_out):
        if self._x is None:
            raise RuntimeError("call forward before backward")
        return pool2d_backward(self._x, grad_out, self.kernel_size, self.stride, self.padding,
                               self.mode)


class MaxPool2D(_Pool2D):
    """Max pooling as a layer; no parameters.

    Examples
    --------
    >>> pool = MaxPool2D(2)
    >>> pool.forward(np.arange(16.0).reshape(1, 1, 4, 4))[0, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    >>> pool.backward(np.ones((1, 1, 2, 2)))[0, 0]
    array([[0., 0., 0., 0.],
           [0., 1., 0., 1.],
           [0., 0., 0., 0.],
           [0., 1., 0., 1.]])
    """

    mode = "max"

    def forward(self, x):
        """(N, C, H, W) -> (N, C, OH, OW); remembers each window's winner for backward."""
        x, self._unbatched, kernel, stride, padding, out_hw = checked_pool(
            x, self.kernel_size, self.stride, self.padding)
        out, self._winner = _max_and_winner(x, kernel, stride, padding, out_hw)
        self._x, self._geometry = x, (kernel, stride, padding)
        return unbatch(out, self._unbatched)

    def backward(self, grad_out):
        """The gradient of each window to its winner, found in forward (no search again)."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad = checked_grad(grad_out, self._winner.shape, self._unbatched, self._x.dtype)
        return unbatch(_max_backward(grad, self._winner, self._x.shape, *self._geometry),
                       self._unbatched)


class AvgPool2D(_Pool2D):
    """Average pooling as a layer; no parameters.

    Examples
    --------
    >>> AvgPool2D(2).forward(np.arange(16.0).reshape(1, 1, 4, 4))[0, 0]
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """

    mode = "avg"


class SumPool2D(_Pool2D):
    """Sum pooling as a layer; no parameters.

    Examples
    --------
    >>> SumPool2D(2).forward(np.ones((1, 1, 4, 4)))[0, 0]
    array([[4., 4.],
           [4., 4.]])
    """

    mode = "sum"
