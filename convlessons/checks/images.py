"""Checkers for the exercises of lesson 2, kernels on images.

The expected values come from NumPy formulas written out here (a sliding
window and a sum of products for convolution), never from
``convlessons.images`` or ``convlessons.kernels``, so a bug in the package
cannot make a wrong answer pass. SciPy is not needed: it is a test
dependency, not one that students install.

Exercises: ``convolve2d_loops``, ``normalise_blur``,
``horizontal_edge_kernel``, ``to_uint8`` and ``display_signed``.

Examples
--------
>>> import numpy as np
>>> from convlessons.checks.images import check_normalise_blur
>>> check_normalise_blur(lambda kernel: kernel / kernel.max())  # doctest: +ELLIPSIS
❌ normalise_blur: not yet.
   case 1 of 8: on kernel=[[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]] your kernel sums to 4, not 1.
   your result:
     [[0.25, 0.5 , 0.25],
      [0.5 , 1.  , 0.5 ],
      [0.25, 0.5 , 0.25]]
   Hint: you divided by the largest entry; divide by the sum of all entries, kernel.sum().
"""

from __future__ import annotations

import numpy as np

from ._core import (
    CaseFailed,
    Verdict,
    as_float_array,
    expect_value_error,
    first_difference,
    one_line,
    quiet_call,
    report,
    run,
    same,
    show,
)

# --- oracles: plain NumPy ------------------------------------------------------


def _correlate_valid(image, kernel) -> np.ndarray:
    """``c[i, j] = sum_a sum_b kernel[a, b] * image[i + a, j + b]``, valid positions only."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    return np.einsum("ijab,ab->ij", windows, kernel)


def _convolve_valid(image, kernel) -> np.ndarray:
    """Convolution in mode "valid": correlation with the kernel flipped on both axes."""
    return _correlate_valid(image, np.asarray(kernel, dtype=float)[::-1, ::-1])


def _block(label: str, value) -> list:
    """A label line, then ``value`` below it, indented, one matrix row per line.

    Lesson 2's layout; the later lessons put the label and the first row on
    one line (:func:`~convlessons.checks._core.block`).
    """
    return [label, *("  " + line for line in show(value).splitlines())]


def _compare(result, expected, description, hint, inputs=()):
    """Like :func:`compare_arrays`, with 2-D arrays shown as aligned blocks.

    ``inputs`` are ``(label, array)`` pairs shown before the expected value,
    for cases whose description does not print the inputs themselves.
    """
    got = as_float_array(result, description, hint)
    shown_inputs = [line for label, array in inputs for line in _block(f"{label}:", array)]
    if got.shape != expected.shape:
        raise CaseFailed(
            f"on {description}:", *shown_inputs,
            *_block(f"expected shape {expected.shape}:", expected),
            *_block(f"your result has shape {got.shape}:", got),
            hint,
        )
    if not same(got, expected):
        raise CaseFailed(
            f"on {description}:", *shown_inputs,
            *_block("expected:", expected),
            *_block("got:", got),
            f"the first difference is at {first_difference(got, expected)}.",
            hint,
        )


# --- exercise 1: convolution with loops -----------------------------------------

_CONVOLVE_HINT = (
    "Hint: output pixel (i, j) is the sum of the element-wise product of the flipped "
    "kernel, kernel[::-1, ::-1], with the patch image[i : i + kh, j : j + kw]."
)
_OFF_BY_ONE_HINT = (
    "Hint: a kernel of kh rows fits at H - kh + 1 positions down an image of H rows "
    "(n - k + 1 per axis, not n - k): loop with range(H - kh + 1) and range(W - kw + 1)."
)
_SHAPE_HINT = (
    "Hint: in mode 'valid' the kernel stays inside the image, so the output has shape "
    "(H - kh + 1, W - kw + 1)."
)
_NO_FLIP_HINT = (
    "Hint: you laid the kernel on the image as it is, which is cross-correlation. "
    "Convolution flips it on both axes first: kernel[::-1, ::-1]."
)
_ONE_FLIP_HINT = (
    "Hint: the kernel must be flipped on both axes, top to bottom and left to right: "
    "kernel[::-1, ::-1], not only one of them."
)
_INTEGER_OUTPUT_HINT = (
    "Hint: your result has dtype {dtype}, like the image. An integer array drops the "
    "decimals, and a uint8 one cannot hold values below 0 or above 255. "
    "Make the output a float array: np.zeros((rows, cols))."
)


def _convolve_hint(result, image, kernel) -> str:
    """The most useful hint for a wrong ``convolve2d_loops`` result."""
    try:
        got = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return _CONVOLVE_HINT
    (height, width), (kh, kw) = image.shape, kernel.shape
    rows, cols = height - kh + 1, width - kw + 1
    if got.ndim == 2 and got.shape != (rows, cols):
        short = got.shape in {(rows - 1, cols - 1), (rows - 1, cols), (rows, cols - 1)}
        return _OFF_BY_ONE_HINT if short else _SHAPE_HINT
    if isinstance(result, np.ndarray) and np.issubdtype(result.dtype, np.integer) and (
        np.issubdtype(image.dtype, np.integer)
    ):
        return _INTEGER_OUTPUT_HINT.format(dtype=result.dtype)
    if same(got, _correlate_valid(image, kernel)):
        return _NO_FLIP_HINT
    if same(got, _correlate_valid(image, kernel[::-1])) or same(
        got, _correlate_valid(image, kernel[:, ::-1])
    ):
        return _ONE_FLIP_HINT
    if np.issubdtype(image.dtype, np.integer):
        return ("Hint: this image is uint8; convert it to float before any arithmetic "
                "(image.astype(float)) and store the results in a float array.")
    return _CONVOLVE_HINT


def _image_kernel_pairs(seed: int):
    """Hand-checkable pair first, then edge cases, uint8 images, random ones."""
    rng = np.random.default_rng(seed)
    nine = np.arange(1.0, 10.0).reshape(3, 3)
    pairs = [
        (nine, np.array([[1.0, 0.0], [0.0, 2.0]])),
        (rng.integers(0, 10, size=(5, 5)).astype(float), np.array([[1.0, 2, 3], [0, 1, 0],
                                                                  [-1, 0, 2]])),
        (rng.integers(0, 10, size=(4, 6)).astype(float), np.array([[1.0, -1, 2], [3, 0, -2]])),
        (rng.integers(0, 10, size=(5, 4)).astype(float), np.array([[1.0], [-2.0], [4.0]])),
        (rng.normal(size=(3, 4)).round(2), np.array([[2.5]])),
        (nine, np.array([[0.0, 1, 2], [-1, 3, 0], [1, 0, -2]])),  # kernel as large as image
        (rng.normal(size=(6, 7)).round(2), rng.normal(size=(4, 4)).round(2)),
        (np.array([[250, 240, 10, 0], [255, 245, 5, 3], [200, 100, 50, 25]], dtype=np.uint8),
         np.full((2, 2), 0.25)),
        (np.array([[10, 200, 250], [255, 0, 7]], dtype=np.uint8), np.array([[1, -1]])),
        (rng.integers(0, 256, size=(6, 5)).astype(np.uint8), np.array([[1, 2, 1], [2, 4, 2],
                                                                        [1, 2, 1]])),
        (rng.normal(size=(8, 9)).round(2), rng.normal(size=(3, 5)).round(2)),
    ]
    cases = []
    for image, kernel in pairs:
        kind = "uint8 " if image.dtype == np.uint8 else ""
        if image.size > 9:
            description = (f"the {kind}image of shape {image.shape} and the kernel of shape "
                           f"{kernel.shape} below")
            inputs = (("image", image), ("kernel", kernel))
        else:
            description = f"image={one_line(image)}, kernel={one_line(kernel)}"
            inputs = ()
        cases.append((image, kernel, inputs, description))
    return cases


def _judge_convolve2d(answer, image, kernel, inputs, description):
    expected = _convolve_valid(image, kernel)
    result = quiet_call(answer, (image, kernel), description, ("image", "kernel"))
    _compare(result, expected, description, _convolve_hint(result, image, kernel), inputs)


def evaluate_convolve2d_loops(answer) -> Verdict:
    """Check a loop implementation of 2-D convolution, mode "valid".

    ``answer(image, kernel)`` receives an image of shape (H, W) (float, or
    uint8 for a photograph) and a kernel of shape (kh, kw) with
    ``kh <= H`` and ``kw <= W``; it must return a new float array of shape
    ``(H - kh + 1, W - kw + 1)``, equal to
    ``scipy.signal.convolve2d(image, kernel, mode="valid")`` computed in
    floats (no uint8 overflow), without modifying its inputs.

    Examples
    --------
    >>> from convlessons.images import convolve2d
    >>> evaluate_convolve2d_loops(lambda image, kernel: convolve2d(image, kernel, "valid")).passed
    True
    >>> evaluate_convolve2d_loops(lambda image, kernel: image[1:, 1:]).passed
    False
    """
    return run("convolve2d_loops", answer, _image_kernel_pairs(seed=21), _judge_convolve2d)


def check_convolve2d_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_convolve2d_loops`.

    Examples
    --------
    >>> check_convolve2d_loops(lambda image, kernel: image)  # doctest: +ELLIPSIS
    ❌ convolve2d_loops: not yet.
       case 1 of 11: on image=[[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], kernel=...:
       expected shape (2, 2): [[ 7., 10.], [16., 19.]]
       your result has shape (3, 3): ...
       Hint: in mode 'valid' the kernel stays inside the image, ...
    """
    report(evaluate_convolve2d_loops(answer))


# --- exercise 2: normalising a blur kernel ----------------------------------------


def _judge_normalise(answer, kernel, description):
    expected = kernel.astype(float) / kernel.sum()
    result = quiet_call(answer, (kernel,), description, ("kernel",))
    general = ("Hint: divide every entry by the sum of all entries, kernel.sum(), "
               "in a new array: kernel / kernel.sum().")
    got = as_float_array(result, description, general)
    if got.shape != expected.shape:
        _compare(got, expected, description,
                       "Hint: the normalised kernel has the same shape as the kernel.")
    hint = general
    if same(got, kernel / kernel.max()):
        hint = "Hint: you divided by the largest entry; divide by the sum of all entries, " \
               "kernel.sum()."
    elif same(got, kernel / kernel.size):
        hint = ("Hint: you divided by the number of entries, which is right only when they "
                "are all 1 (a box blur); divide by the sum of all entries, kernel.sum().")
    total = float(got.sum())
    if not np.isclose(total, 1.0, rtol=1e-6, atol=1e-9):
        raise CaseFailed(
            f"on {description} your kernel sums to {total:.4g}, not 1.",
            *_block("your result:", got),
            hint,
        )
    if not same(got, expected):
        raise CaseFailed(
            f"on {description} your kernel sums to 1 but its entries are not in the same "
            "proportions as the input's.",
            *_block("expected:", expected),
            *_block("got:", got),
            "Hint: scale every entry by the same factor, 1 / kernel.sum(), so that a weight "
            "twice as large as another stays twice as large.",
        )


def _judge_zero_sum(answer, kernel, description):
    hint = ("Hint: a kernel whose entries sum to 0 cannot be scaled to sum to 1 (dividing "
            "by 0 gives nan or inf). Test kernel.sum() == 0 first and "
            "raise ValueError('...') with a sentence that says what is wrong.")
    raised, result = expect_value_error(answer, (kernel,), description,
                                        "the kernel sums to 0, ...", hint)
    if raised:
        return
    raise CaseFailed(
        f"on {description} your function returned {one_line(result)} instead of raising "
        "ValueError.",
        hint,
    )


def evaluate_normalise_blur(answer) -> Verdict:
    """Check ``answer(kernel)``: a non-negative kernel scaled so its entries sum to 1.

    ``kernel`` has shape (kh, kw), entries >= 0, integer or float. The answer
    must return a new float array of the same shape, proportional to
    ``kernel`` and summing to 1, leave ``kernel`` unchanged, and raise
    ``ValueError`` with a message when the entries sum to 0.

    Examples
    --------
    >>> evaluate_normalise_blur(lambda kernel: kernel / kernel.sum()).passed
    False
    >>> def normalise(kernel):
    ...     if kernel.sum() == 0:
    ...         raise ValueError("the kernel sums to 0")
    ...     return kernel / kernel.sum()
    >>> evaluate_normalise_blur(normalise).passed
    True
    """
    rng = np.random.default_rng(22)
    binomial = np.array([[1.0, 2, 1], [2, 4, 2], [1, 2, 1]])
    kernels = [
        binomial,
        np.ones((3, 3)),
        binomial.astype(int),
        np.array([[5.0]]),
        np.array([[0.0, 1.0, 3.0]]),
        np.array([[0.25, 0.25], [0.25, 0.25]]),
        rng.integers(0, 10, size=(5, 4)).astype(float),
    ]
    cases = [(kernel, f"kernel={one_line(kernel)}" + (" (integers)" if kernel.dtype == int else ""),
              _judge_normalise) for kernel in kernels]
    cases.append((np.zeros((3, 3)), "kernel=np.zeros((3, 3)), whose entries sum to 0",
                  _judge_zero_sum))
    return run("normalise_blur", answer, cases,
               lambda answer, kernel, description, judge: judge(answer, kernel, description))


def check_normalise_blur(answer) -> None:
    """Print the verdict of :func:`evaluate_normalise_blur`.

    Examples
    --------
    >>> check_normalise_blur(lambda kernel: kernel / kernel.sum())  # doctest: +ELLIPSIS
    ❌ normalise_blur: not yet.
       case 8 of 8: on kernel=np.zeros((3, 3)), ... returned ... instead of raising ValueError.
       Hint: ...
    """
    report(evaluate_normalise_blur(answer))


# --- exercise 3: a kernel for horizontal edges --------------------------------------


def _step_images():
    """8 x 8 test images and whether a horizontal-edge kernel must respond to them."""
    flat = np.full((8, 8), 0.6)
    down = np.where(np.arange(8)[:, None] < 4, 0.2, 0.8) * np.ones((1, 8))
    across = down.T.copy()
    ramp = np.tile(np.linspace(0.1, 0.8, 8), (8, 1))
    bar = np.full((8, 8), 0.3)
    bar[3:5] = 0.9
    return [
        ("a flat image (every pixel 0.6)", flat, False,
         "Hint: a flat region must give 0, so the nine entries must add up to 0."),
        ("a vertical edge (columns 0-3 at 0.2, columns 4-7 at 0.8: dark left, bright right)",
         across, False, None),
        ("a vertical edge the other way (bright left, dark right)", across[:, ::-1].copy(),
         False, None),
        ("a left-to-right ramp (each column 0.1 brighter than the one before)", ramp, False,
         None),
        ("a horizontal edge (rows 0-3 at 0.2, rows 4-7 at 0.8: dark above, bright below)",
         down, True, None),
        ("a horizontal edge the other way (bright above, dark below)", down[::-1].copy(), True,
         None),
        ("a bright horizontal bar (rows 3-4 at 0.9 on 0.3)", bar, True, None),
    ]


_VERTICAL_HINT = (
    "Hint: brightness changing from left to right must cancel, so every column of the "
    "kernel must add up to 0 (for example -1 at the top of each column and +1 at the bottom)."
)
_HORIZONTAL_HINT = (
    "Hint: the rows must weigh differently: negative weights in the top row and positive "
    "ones in the bottom row (or the reverse) make dark-above-bright give a large value."
)


def _judge_edge_kernel(answer, name, image, must_respond, hint, description):
    result = quiet_call(answer, (), description)
    try:
        kernel = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise CaseFailed(f"on {description} your kernel {one_line(result)} is not a 3 x 3 "
                         "list or array of numbers.") from None
    if kernel.shape != (3, 3):
        raise CaseFailed(f"on {description} your kernel has shape {kernel.shape}; "
                         "it must be 3 x 3, e.g. [[a, b, c], [d, e, f], [g, h, i]].")
    if not np.all(np.isfinite(kernel)):
        raise CaseFailed(f"on {description} your kernel {one_line(kernel)} contains nan or inf.")
    response = _correlate_valid(image, kernel)
    peak = float(np.abs(response).max())
    weight = float(np.abs(kernel).sum())
    contrast = float(image.max() - image.min()) or float(image.max())
    mine = f"your kernel {one_line(kernel)} gives " + (
        "0 everywhere" if peak == 0 else f"responses up to {one_line(round(peak, 4))}")
    if must_respond and (weight == 0 or peak < 0.1 * weight * contrast):
        raise CaseFailed(
            f"on {name}, {mine}, but a horizontal edge must give a strong response "
            "(positive or negative).",
            hint or _HORIZONTAL_HINT,
        )
    if not must_respond and peak > 1e-6 * weight * float(image.max()):
        raise CaseFailed(
            f"on {name}, {mine}; expected 0 everywhere.",
            hint or _VERTICAL_HINT,
        )


def evaluate_horizontal_edge_kernel(answer) -> Verdict:
    """Check ``answer()``: a 3 x 3 kernel that finds horizontal edges.

    The kernel is judged by what it does, not by its numbers: laid on
    8 x 8 test images as it is (cross-correlation, mode "valid", like
    ``scipy.signal.correlate2d``), it must give 0 on a flat image, on
    vertical edges and on a left-to-right ramp, and a strong response (of
    either sign) on horizontal edges, where brightness changes from top to
    bottom. Sobel's vertical-change kernel, Prewitt's, their negatives and
    multiples all pass.

    Examples
    --------
    >>> evaluate_horizontal_edge_kernel(lambda: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]).passed
    True
    >>> evaluate_horizontal_edge_kernel(lambda: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]).passed
    False
    """
    cases = [(name, image, must, hint, "horizontal_edge_kernel()")
             for name, image, must, hint in _step_images()]
    return run("horizontal_edge_kernel", answer, cases, _judge_edge_kernel)


def check_horizontal_edge_kernel(answer) -> None:
    """Print the verdict of :func:`evaluate_horizontal_edge_kernel`.

    Examples
    --------
    >>> check_horizontal_edge_kernel(lambda: np.ones((3, 3)) / 9)  # doctest: +ELLIPSIS
    ❌ horizontal_edge_kernel: not yet.
       case 1 of 7: on a flat image (every pixel 0.6), your kernel ... up to 0.6; expected 0 ...
       Hint: a flat region must give 0, so the nine entries must add up to 0.
    """
    report(evaluate_horizontal_edge_kernel(answer))


# --- exercise 4: back to 8 bits ----------------------------------------------------


def _judge_uint8(answer, values, description):
    expected = np.clip(np.round(values), 0, 255).astype(np.uint8)
    result = quiet_call(answer, (values,), description, ("values",))
    if not isinstance(result, np.ndarray) or result.dtype != np.uint8:
        kind = (f"an array of dtype {result.dtype}" if isinstance(result, np.ndarray)
                else f"a {type(result).__name__}")
        raise CaseFailed(
            f"on {description} your function returned {kind}; expected an array of "
            "dtype uint8.",
            "Hint: an 8-bit image stores whole numbers 0 to 255; convert at the very end, "
            "after rounding and clipping: .astype(np.uint8).",
        )
    hint = "Hint: round to the nearest whole number, clip to 0..255, then convert to uint8."
    if result.shape == expected.shape and not np.array_equal(result, expected):
        first = np.argwhere(result != expected)[0]
        value = float(values[tuple(first)])
        if value < -0.5 or value >= 255.5:
            hint = ("Hint: values below 0 or above 255 must become 0 and 255 (np.clip); "
                    "converting them straight to uint8 wraps them around instead, "
                    "e.g. -3 may become 253 and 260 become 4.")
        else:
            hint = ("Hint: .astype(np.uint8) cuts the decimals off (2.7 becomes 2); "
                    "round to the nearest whole number first, with np.round.")
    _compare(result, expected.astype(float), description, hint)


def evaluate_to_uint8(answer) -> Verdict:
    """Check ``answer(values)``: float results turned into an 8-bit image.

    ``values`` is a float array of any shape, with values anywhere (negative,
    above 255, with decimals). The answer must return a new array of dtype
    uint8 and the same shape: each value rounded to the nearest whole number
    and clipped to 0..255. ``values`` must not be modified. No test value
    lies halfway between two whole numbers.

    Examples
    --------
    >>> evaluate_to_uint8(lambda values: np.clip(np.round(values), 0, 255).astype(np.uint8)).passed
    True
    >>> evaluate_to_uint8(lambda values: values.astype(np.uint8)).passed
    False
    """
    rng = np.random.default_rng(24)
    sharpened = (rng.integers(-600, 3200, size=(4, 5)) / 10).round(1)
    sharpened[np.isclose(sharpened % 1, 0.5)] += 0.2  # no ties: rounding rules differ there
    arrays = [
        np.array([[-3.0, 2.7, 260.0, 128.2]]),
        np.array([[0.0, 255.0], [17.0, 99.0]]),
        np.array([[2.7, 3.2, 254.6, 0.4]]),
        np.array([[255.4, 255.6, -0.4, -0.6]]),
        np.array([[300.0]]),
        np.array([[-20.0, -1.3], [-250.0, -0.1]]),
        sharpened,
    ]
    cases = [(values, f"values={one_line(values)}") for values in arrays]
    return run("to_uint8", answer, cases, _judge_uint8)


def check_to_uint8(answer) -> None:
    """Print the verdict of :func:`evaluate_to_uint8`.

    Examples
    --------
    >>> check_to_uint8(lambda values: np.clip(values, 0, 255))  # doctest: +ELLIPSIS
    ❌ to_uint8: not yet.
       case 1 of 7: on values=[[ -3. , 2.7, 260. , 128.2]] your function returned ... float64; ...
       Hint: an 8-bit image stores whole numbers 0 to 255; ...
    """
    report(evaluate_to_uint8(answer))


# --- exercise 5: showing signed results -----------------------------------------------


def _judge_signed(answer, result_in, description):
    values = result_in.astype(float)
    largest = np.abs(values).max()
    expected = np.full(values.shape, 0.5) if largest == 0 else 0.5 + 0.5 * values / largest
    result = quiet_call(answer, (result_in,), description, ("result",))
    hint = ("Hint: scale by the largest absolute value m = np.abs(result).max(): "
            "-m must become 0, 0 must become 0.5 (mid-gray) and +m must become 1.")
    got = as_float_array(result, description, hint)
    if got.shape == expected.shape:
        spread = values.max() - values.min()
        if np.isnan(got).any():
            hint = ("Hint: your result contains nan. When every value is 0, "
                    "np.abs(result).max() is 0: return 0.5 everywhere instead of dividing by 0.")
        elif spread > 0 and same(got, (values - values.min()) / spread):
            hint = ("Hint: you stretched the range min..max to 0..1, so 0 is no longer "
                    "mid-gray when the result is lopsided. Divide by the largest absolute "
                    "value, so that 0 stays at 0.5 and the sign stays visible.")
        elif largest > 0 and same(got, np.abs(values) / largest):
            hint = ("Hint: with np.abs, -2 and +2 look the same; keep the sign: negative "
                    "values below 0.5, positive ones above.")
    _compare(got, expected, description, hint)


def evaluate_display_signed(answer) -> Verdict:
    """Check ``answer(result)``: a signed result mapped to [0, 1] with 0 at 0.5.

    ``result`` is an array of shape (H, W), float or int, with negative and
    positive values (an edge detector's output). The answer must return a
    new float array of the same shape, ``0.5 + 0.5 * result / m`` where
    ``m`` is the largest absolute value, and 0.5 everywhere when ``m`` is 0;
    ``result`` must not be modified.

    Examples
    --------
    >>> evaluate_display_signed(lambda r: 0.5 + 0.5 * r / np.abs(r).max()).passed
    False
    >>> evaluate_display_signed(lambda r: (r - r.min()) / (r.max() - r.min())).passed
    False
    """
    rng = np.random.default_rng(25)
    arrays = [
        np.array([[-2.0, 0.0], [1.0, 2.0]]),
        np.array([[0.0, 1.0], [2.0, 4.0]]),
        np.array([[-4.0, -1.0, 0.0]]),
        np.array([[-3, 0, 3], [1, -1, 2]]),
        np.array([[-5.0]]),
        rng.normal(size=(4, 5)).round(2),
        np.zeros((3, 3)),
    ]
    cases = [(values, f"result={one_line(values)}" + (" (integers)" if values.dtype == int else ""))
             for values in arrays]
    return run("display_signed", answer, cases, _judge_signed)


def check_display_signed(answer) -> None:
    """Print the verdict of :func:`evaluate_display_signed`.

    Examples
    --------
    >>> check_display_signed(lambda r: np.clip(r, 0, 1))  # doctest: +ELLIPSIS
    ❌ display_signed: not yet.
       case 1 of 7: on result=[[-2., 0.], [ 1., 2.]]:
       expected:
         [[0.  , 0.5 ],
          [0.75, 1.  ]]
       got:
         [[0., 0.],
          [1., 1.]]
       the first difference is at row 0, column 1.
       Hint: scale by the largest absolute value ...
    """
    report(evaluate_display_signed(answer))
