"""Checkers for the exercises of lesson 10, how convolution is computed fast.

The expected values come from NumPy's ``sliding_window_view`` and
``scipy.signal.correlate2d``, never from ``convlessons.costs``.

Examples
--------
>>> import numpy as np
>>> from convlessons.checks.costs import evaluate_im2col
>>> def by_views(image, kernel_shape):
...     windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
...     return windows.reshape(-1, kernel_shape[0] * kernel_shape[1]).astype(float)
>>> evaluate_im2col(by_views).passed
True
"""

from __future__ import annotations

import numpy as np

from ._core import (
    FLIPPED_HINT,
    STOPS_EARLY_HINT,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    hidden_cases,
    input_lines,
    random_shape,
    run,
    scipy_signal,
    show,
    window_that_fits,
)


def _windows(image: np.ndarray, kernel_shape) -> np.ndarray:
    """Every window of ``image``, shape (rows, cols, kH, kW), from NumPy's strided view."""
    return np.lib.stride_tricks.sliding_window_view(image.astype(float), tuple(kernel_shape))


def _im2col(image: np.ndarray, kernel_shape) -> np.ndarray:
    kh, kw = kernel_shape
    return _windows(image, kernel_shape).reshape(-1, kh * kw)


def _image_cases(rng: np.random.Generator, count: int) -> list:
    """Random images and kernel shapes: non-square, integer and float, kernel up to the image."""
    cases = []
    for _ in range(count):
        rows, cols = random_shape(rng, 2, 8)
        kh, kw = window_that_fits(rng, (rows, cols))
        if rng.random() < 0.5:
            image = rng.integers(-9, 10, size=(rows, cols))
        else:
            image = rng.normal(size=(rows, cols)).round(2)
        cases.append((image, (kh, kw)))
    return cases


def _im2col_cases(rng=None) -> list:
    """The example, square and non-square kernels, 1 x 1 and full-size, integers; then random."""
    visible = [
        (np.arange(1.0, 10.0).reshape(3, 3), (2, 2)),
        (np.arange(20.0).reshape(4, 5), (2, 3)),  # kH != kW: the axes cannot be swapped
        (np.arange(20.0).reshape(5, 4), (3, 2)),
        (np.arange(12).reshape(3, 4), (2, 2)),  # an integer image: the result is float
        (np.array([[1.0, 2.0], [3.0, 4.0]]), (1, 1)),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), (2, 2)),  # one window: the whole image
        (np.arange(36.0).reshape(6, 6) % 7, (3, 3)),
    ]
    cases = visible if rng is None else _image_cases(rng, 6)
    return [(image, shape, f"a {image.shape[0]} x {image.shape[1]} "
             f"{'integer' if image.dtype.kind == 'i' else 'float'} image, "
             f"kernel_shape={shape}") for image, shape in cases]


def _im2col_suspects(image, kernel_shape):
    kh, kw = kernel_shape
    windows = _windows(image, kernel_shape)
    rows, cols = windows.shape[:2]
    return [
        Suspect(lambda: _im2col(image, kernel_shape).T,
                "Your matrix is transposed: im2col has one ROW per output pixel and one "
                "column per kernel tap, shape (number of pixels, kH * kW)."),
        Suspect(lambda: windows.transpose(0, 1, 3, 2).reshape(-1, kh * kw),
                "Each window is flattened column by column: flatten it row by row "
                "(window.ravel(), or .reshape(-1)), the order kernel.ravel() uses."),
        Suspect(lambda: windows.transpose(1, 0, 2, 3).reshape(-1, kh * kw),
                "The output pixels are in column order: walk them row by row "
                "(for i in rows: for j in columns), so that row i * cols + j is pixel (i, j)."),
        Suspect(lambda: _im2col(image, (kw, kh)) if kw <= image.shape[0]
                and kh <= image.shape[1] else None,
                "You swapped kH and kW: kernel_shape is (rows, columns), as every shape."),
        Suspect(lambda: windows[: rows - 1, : cols - 1].reshape(-1, kh * kw)
                if rows > 1 and cols > 1 else None, STOPS_EARLY_HINT),
        Suspect(lambda: windows[: rows - 1].reshape(-1, kh * kw) if rows > 1 else None,
                STOPS_EARLY_HINT),
        Suspect(lambda: windows[:, : cols - 1].reshape(-1, kh * kw) if cols > 1 else None,
                STOPS_EARLY_HINT),
    ]


def _judge_im2col(answer, image, kernel_shape, description):
    expected = _im2col(image, kernel_shape)
    result = call(answer, (image, kernel_shape), description, ("image", "kernel_shape"))
    compare(result, expected, description,
            "Hint: row i * cols + j of the matrix is image[i:i + kH, j:j + kW].ravel(), "
            "for every output pixel (i, j) of the valid correlation.",
            inputs=lambda: input_lines(image=image), kind="f",
            suspects=lambda: _im2col_suspects(image, kernel_shape))


def evaluate_im2col(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, kernel_shape)``: the im2col matrix of an image.

    ``image`` has shape (H, W) (integers or floats) and ``kernel_shape`` is
    ``(kH, kW)``. The answer returns a new float array of shape
    ``((H - kH + 1) * (W - kW + 1), kH * kW)`` whose row ``i * (W - kW + 1) + j``
    is the window ``image[i:i + kH, j:j + kW]`` flattened row by row.

    Examples
    --------
    >>> evaluate_im2col(lambda image, shape: np.zeros((1, 1))).passed
    False
    """
    return run("im2col", answer, _im2col_cases(), _judge_im2col,
               hidden=hidden_cases(hidden_seed, _im2col_cases))


check_im2col = checker(evaluate_im2col)


def _correlation_cases(rng=None) -> list:
    """Images with kernels that are not symmetric, so that a flip always shows."""
    if rng is None:
        pairs = [
            (np.arange(1.0, 10.0).reshape(3, 3), np.array([[1.0, 0.0], [0.0, -1.0]])),
            (np.arange(20.0).reshape(4, 5), np.array([[1.0, 2.0, 3.0]])),
            (np.arange(20).reshape(5, 4) % 6, np.array([[0.5], [-0.25]])),  # integer image
            (np.arange(25.0).reshape(5, 5) % 7, np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0],
                                                           [3.0, 0.0, -2.0]])),
        ]
    else:
        pairs = [(image, rng.normal(size=shape).round(2)) for image, shape in
                 _image_cases(rng, 5)]
    return [(image, kernel, f"a {image.shape[0]} x {image.shape[1]} image and a "
             f"{kernel.shape[0]} x {kernel.shape[1]} kernel {show(kernel, inline=True)}")
            for image, kernel in pairs]


def _correlation_judge(hint):
    """A judge comparing ``answer(image, kernel)`` with SciPy's valid correlation."""

    def judge(answer, image, kernel, description):
        signal = scipy_signal()
        image_float = image.astype(float)
        expected = signal.correlate2d(image_float, kernel, mode="valid")
        result = call(answer, (image, kernel), description, ("image", "kernel"))
        rows, cols = expected.shape
        suspects = [
            Suspect(lambda: signal.convolve2d(image_float, kernel, mode="valid"), FLIPPED_HINT),
            Suspect(lambda: expected.T if rows != cols else None,
                    "Your result is transposed: its shape is (H - kH + 1, W - kW + 1)."),
            Suspect(lambda: signal.correlate2d(image_float, kernel.T, mode="valid"),
                    "You swapped the kernel's axes: kernel[a, b] is row a, column b, and it "
                    "weighs image[i + a, j + b]."),
            Suspect(lambda: expected[: rows - 1, : cols - 1], STOPS_EARLY_HINT),
            Suspect(lambda: expected[: rows - 1], STOPS_EARLY_HINT),
            Suspect(lambda: expected[:, : cols - 1], STOPS_EARLY_HINT),
        ]
        compare(result, expected, description, hint,
                inputs=lambda: input_lines(image=image, kernel=kernel), kind="f", suspects=suspects)

    return judge


_judge_shift_add = _correlation_judge(
    "Hint: for each tap (a, b), add kernel[a, b] * image[a:a + rows, b:b + cols] to the "
    "output, where rows = H - kH + 1 and cols = W - kW + 1.")


def evaluate_correlate_shift_add(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, kernel)``: the valid correlation by shift-and-add.

    ``image`` has shape (H, W) (integers or floats), ``kernel`` shape (kH, kW);
    the answer returns a new float array of shape ``(H - kH + 1, W - kW + 1)``
    equal to ``scipy.signal.correlate2d(image, kernel, mode="valid")``, built
    from one pass per tap over a shifted slice of the image.

    Examples
    --------
    >>> evaluate_correlate_shift_add(lambda image, kernel: image[:1, :1] * 1.0).passed
    False
    """
    return run("correlate_shift_add", answer, _correlation_cases(), _judge_shift_add,
               hidden=hidden_cases(hidden_seed, _correlation_cases))


check_correlate_shift_add = checker(evaluate_correlate_shift_add)


_judge_correlation = _correlation_judge(
    "Hint: correlate = im2col(image, kernel.shape) @ kernel.ravel(), reshaped to the "
    "output's (rows, columns).")


def evaluate_correlate_with_im2col(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, kernel)``: the valid correlation through im2col and one product.

    ``image`` has shape (H, W), ``kernel`` shape (kH, kW); the answer returns a
    new float array of shape ``(H - kH + 1, W - kW + 1)`` equal to
    ``scipy.signal.correlate2d(image, kernel, mode="valid")``.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> evaluate_correlate_with_im2col(
    ...     lambda image, kernel: correlate2d(image, kernel, mode="valid")).passed
    True
    """
    return run("correlate_with_im2col", answer, _correlation_cases(), _judge_correlation,
               hidden=hidden_cases(hidden_seed, _correlation_cases))


check_correlate_with_im2col = checker(evaluate_correlate_with_im2col)
