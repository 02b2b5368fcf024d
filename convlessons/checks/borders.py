"""Checkers for the exercises of lesson 3, the border problem.

The expected values come from NumPy and SciPy (``numpy.pad``,
``scipy.signal.convolve2d`` and ``scipy.signal.correlate2d``) or from a
formula written here, never from ``convlessons.borders`` or
``convlessons.images``, so a bug in the package cannot make a wrong answer
pass. SciPy is imported only when a checker needs it; without it the verdict
says so instead of raising.

Shapes are ``(rows, columns)``: an image ``(H, W)``, a kernel ``(kh, kw)``.

Examples
--------
>>> from convlessons.checks.borders import check_same_padding
>>> check_same_padding(lambda k: (k // 2, k // 2))  # doctest: +ELLIPSIS
❌ same_padding: not yet.
   case 4 of 8: on kernel_size=2 (a 6 x 7 image) you answered (1, 1), which adds 2 ...
   ...
"""

from __future__ import annotations

import numpy as np

from ._core import (
    ZEROS_LIKE_NOTE,
    CaseFailed,
    Verdict,
    as_float_array,
    block,
    call,
    int_tuple,
    is_integer_array,
    mismatch_lines,
    report,
    run,
    scipy_signal,
    show,
    whole_number,
    wrong_shape_lines,
)

# --- shared helpers -------------------------------------------------------------


def _inputs(image: np.ndarray, kernel: np.ndarray | None = None) -> list[str]:
    """The case's inputs as message lines, when they are small enough to read."""
    if image.size > 30:
        return []
    lines = block("image: ", image)
    if kernel is not None:
        lines += block("kernel:", kernel)
    return lines


# --- exercise 1: output_shape -------------------------------------------------------

_SHAPE_HINTS = {
    "valid": "Hint: 'valid' keeps the positions where the whole kernel lies on the image: "
             "n - k + 1 per axis, rows with rows and columns with columns.",
    "full": "Hint: 'full' keeps every position where kernel and image overlap by at least "
            "one pixel: n + k - 1 per axis.",
    "same": "Hint: 'same' returns the shape of the image, whatever the kernel's shape.",
}


def _judge_shape(answer, image_shape, kernel_shape, mode, description):
    expected = scipy_signal().convolve2d(np.zeros(image_shape), np.ones(kernel_shape),
                                         mode=mode).shape
    result = call(answer, (image_shape, kernel_shape, mode), description,
                  ("image_shape", "kernel_shape", "mode"))
    got = int_tuple(result, 2, description,
                    "a pair (rows, columns) of whole numbers, such as (3, 3)")
    if got == expected:
        return
    lines = [f"on {description} you predicted {got}, "
             f"but scipy.signal.convolve2d returns shape {expected}."]
    seed_mistake = tuple(n - (k + 1) for n, k in zip(image_shape, kernel_shape, strict=True))
    if mode == "valid" and got == seed_mistake:
        lines.append("That is n - (k + 1) per axis, two short: the brackets are misplaced. "
                     "A 3 x 3 kernel fits 3 times along 5 pixels, (5 - 3) + 1.")
    elif got == expected[::-1]:
        lines.append("Rows and columns are swapped: axis 0 of the result comes from "
                     "image_shape[0] and kernel_shape[0].")
    lines.append(_SHAPE_HINTS[mode])
    raise CaseFailed(*lines)


def _shape_cases():
    cases = [
        ((5, 5), (3, 3), "valid"),
        ((10, 10), (3, 3), "valid"),
        ((6, 8), (3, 5), "valid"),
        ((7, 4), (1, 1), "valid"),
        ((4, 6), (4, 6), "valid"),
        ((9, 5), (2, 4), "valid"),
        ((5, 5), (3, 3), "full"),
        ((6, 8), (3, 5), "full"),
        ((3, 3), (5, 5), "full"),
        ((2, 7), (4, 2), "full"),
        ((1, 1), (1, 1), "full"),
        ((5, 5), (3, 3), "same"),
        ((6, 8), (2, 4), "same"),
        ((3, 3), (5, 5), "same"),
        ((2, 7), (4, 2), "same"),
    ]
    return [(i, k, mode, f"image_shape={i}, kernel_shape={k}, mode={mode!r}")
            for i, k, mode in cases]


def evaluate_output_shape(answer) -> Verdict:
    """Check ``answer(image_shape, kernel_shape, mode)``, the shape of a 2-D convolution.

    The expected shape is that of ``scipy.signal.convolve2d`` on arrays of
    these shapes; in mode ``"valid"`` every case has a kernel that fits
    inside the image.

    Examples
    --------
    >>> evaluate_output_shape(lambda image_shape, kernel_shape, mode: image_shape).passed
    False
    """
    return run("output_shape", answer, _shape_cases(), _judge_shape)


def check_output_shape(answer) -> None:
    """Print the verdict of :func:`evaluate_output_shape`.

    Examples
    --------
    >>> from scipy.signal import convolve2d
    >>> check_output_shape(lambda i, k, mode: convolve2d(np.zeros(i), np.ones(k), mode).shape)
    ✅ output_shape: all 15 cases pass.
    """
    report(evaluate_output_shape(answer))


# --- exercise 2: correlate_valid_loops ------------------------------------------------

_CORRELATE_HINT = ("Hint: out[i, j] = sum over a, b of image[i + a, j + b] * kernel[a, b], "
                   "the kernel as it is (not flipped), for every i in range(H - kh + 1) "
                   "and j in range(W - kw + 1).")


def _judge_correlate(answer, image, kernel, description):
    signal = scipy_signal()
    image_f, kernel_f = image.astype(float), kernel.astype(float)
    expected = signal.correlate2d(image_f, kernel_f, mode="valid")
    result = call(answer, (image, kernel), description, ("image", "kernel"))
    got = as_float_array(result, description, _CORRELATE_HINT)
    if got.shape != expected.shape:
        lines = wrong_shape_lines(description, expected, got, _inputs(image, kernel))
        missing = {(1, 1): "the last row and the last column", (1, 0): "the last row",
                   (0, 1): "the last column"}
        short = tuple(e - g for e, g in zip(expected.shape, got.shape, strict=False))
        if got.ndim == 2 and short in missing:
            lines += [f"Your loops stop one position early and miss {missing[short]}.",
                      "Hint: along n pixels a k-pixel kernel fits at n - k + 1 positions, "
                      "0 to n - k included: loop over range(n - k + 1); range(n - k) stops "
                      "one short."]
        else:
            lines.append("Hint: the output has one pixel per position of the kernel on the "
                         "image: n - k + 1 per axis, (H - kh + 1, W - kw + 1).")
        raise CaseFailed(*lines)
    if np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        return
    lines = mismatch_lines(description, expected, got, _inputs(image, kernel))
    flipped = signal.convolve2d(image_f, kernel_f, mode="valid")
    if np.allclose(got, flipped):
        lines.append("You flipped the kernel: that is convolution. Cross-correlation uses "
                     "the kernel as it is.")
    if is_integer_array(result):
        lines.append(ZEROS_LIKE_NOTE)
    lines.append(_CORRELATE_HINT)
    raise CaseFailed(*lines)


def _correlate_cases():
    rng = np.random.default_rng(3)
    pairs = [
        (np.arange(1.0, 13.0).reshape(3, 4), np.array([[1.0, 2.0], [0.0, 1.0]]),
         "the example above"),
        (np.tile(np.arange(5.0), (5, 1)), np.full((3, 3), 1 / 9), "a 3 x 3 box blur"),
        (np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]]), np.array([[2.0]]), "a 1 x 1 kernel"),
        (np.array([[1.0, 2.0, 0.0], [3.0, -1.0, 2.0], [0.0, 1.0, 1.0]]),
         np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
         "a kernel as large as the image"),
        (np.array([[3.0, 1.0, 4.0, 1.0, 5.0, 9.0]]), np.array([[1.0, -1.0, 2.0]]),
         "a single row"),
        (np.array([[2.0], [7.0], [1.0], [8.0], [2.0]]), np.array([[1.0], [-1.0]]),
         "a single column"),
        (np.array([[10, 20, 30, 40], [50, 60, 70, 80], [90, 100, 110, 120]], dtype=np.uint8),
         np.array([[1, -1], [1, -1]]), "integer pixels (uint8)"),
        (rng.normal(size=(6, 8)).round(2), rng.normal(size=(3, 2)).round(2),
         "a non-square kernel"),
        (rng.normal(size=(7, 7)).round(2), rng.normal(size=(4, 4)).round(2),
         "an even-sized kernel"),
    ]
    return [(image, kernel, f"a {image.shape[0]} x {image.shape[1]} image and a "
             f"{kernel.shape[0]} x {kernel.shape[1]} kernel ({label})")
            for image, kernel, label in pairs]


def evaluate_correlate_valid_loops(answer) -> Verdict:
    """Check ``answer(image, kernel)``: valid 2-D cross-correlation, against SciPy.

    ``image`` has shape (H, W) and ``kernel`` (kh, kw), with kh <= H and
    kw <= W; the result must equal ``scipy.signal.correlate2d(image, kernel,
    mode="valid")``, shape (H - kh + 1, W - kw + 1), and the inputs must not
    be modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> evaluate_correlate_valid_loops(lambda image, kernel: correlate2d(image, kernel, "valid")
    ...                                ).passed
    True
    >>> evaluate_correlate_valid_loops(lambda image, kernel: image[:-1, :-1]).passed
    False
    """
    return run("correlate_valid_loops", answer, _correlate_cases(), _judge_correlate)


def check_correlate_valid_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_correlate_valid_loops`.

    Examples
    --------
    >>> check_correlate_valid_loops(lambda image, kernel: image[:2, :3])  # doctest: +ELLIPSIS
    ❌ correlate_valid_loops: not yet.
       case 1 of 9: on a 3 x 4 image and a 2 x 2 kernel (the example above):
       ...
    """
    report(evaluate_correlate_valid_loops(answer))


# --- exercise 3: touched_by_padding ---------------------------------------------------


def _judge_touched(answer, image_shape, kernel_shape, description):
    sums = scipy_signal().convolve2d(np.ones(image_shape), np.ones(kernel_shape), mode="same")
    # A pixel sees only the image when all kernel weights land on it: the sum of ones is full.
    expected = int(np.count_nonzero(sums < np.prod(kernel_shape) - 0.5))
    result = call(answer, (image_shape, kernel_shape), description,
                  ("image_shape", "kernel_shape"))
    got = whole_number(result, description, "a number of pixels")
    if got == expected:
        return
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    lines = [f"on {description} you counted {got} pixels, but {expected} pixels of "
             "convolve2d(image, kernel, mode='same') have part of the kernel on the padding."]
    free = max(rows - k_rows + 1, 0) * max(cols - k_cols + 1, 0)
    if got == free:
        lines.append(f"{got} is the number of pixels that see only the image; the question "
                     f"asks for the others, out of the {rows * cols} pixels of the output.")
    elif got == rows * cols - (rows - k_rows + 1) * (cols - k_cols + 1):
        lines.append("Here the kernel is larger than the image along an axis, so n - k + 1 "
                     "is zero or negative there: no position is free of padding at all. "
                     "Count max(n - k + 1, 0) free positions per axis.")
    elif got == rows * cols - (rows - k_rows - 1) * (cols - k_cols - 1):
        lines.append("You used n - (k + 1) free positions per axis; it is n - k + 1.")
    lines.append("Hint: an output pixel sees only the image exactly at the positions that "
                 "'valid' keeps, (H - kh + 1) x (W - kw + 1) of them; every other pixel of the "
                 "H x W 'same' output sees some padding.")
    raise CaseFailed(*lines)


def evaluate_touched_by_padding(answer) -> Verdict:
    """Check ``answer(image_shape, kernel_shape)``: pixels of a 'same' output that see padding.

    The expected count is the number of pixels where
    ``scipy.signal.convolve2d(ones(image_shape), ones(kernel_shape), "same")``
    is below the number of kernel weights, i.e. where part of the kernel lies
    on the (zero) padding. The kernel may be larger than the image.

    Examples
    --------
    >>> evaluate_touched_by_padding(lambda image_shape, kernel_shape: 16).passed
    False
    >>> check_touched_by_padding(lambda i, k: i[0] * i[1] - (i[0] - k[0] + 1) * (i[1] - k[1] + 1))
    ... # doctest: +ELLIPSIS
    ❌ touched_by_padding: not yet.
       case 9 of 10: on image_shape=(3, 3), kernel_shape=(5, 5) you counted 8 pixels, but 9 ...
       Here the kernel is larger than the image along an axis, ...
       Hint: ...
    """
    shapes = [
        ((5, 5), (3, 3)),
        ((10, 10), (5, 5)),
        ((8, 8), (3, 3)),
        ((224, 224), (3, 3)),
        ((6, 9), (1, 1)),
        ((6, 6), (2, 2)),
        ((4, 6), (4, 6)),
        ((7, 4), (3, 5)),
        ((3, 3), (5, 5)),
        ((3, 6), (5, 2)),
    ]
    cases = [(i, k, f"image_shape={i}, kernel_shape={k}") for i, k in shapes]
    return run("touched_by_padding", answer, cases, _judge_touched)


def check_touched_by_padding(answer) -> None:
    """Print the verdict of :func:`evaluate_touched_by_padding`."""
    report(evaluate_touched_by_padding(answer))


# --- exercise 4: pad_replicate --------------------------------------------------------

_OTHER_MODES = {
    "constant": "zeros: that is zero padding. Replicate copies the nearest image pixel instead.",
    "reflect": "a mirror image that skips the edge pixel (c b | a b c), NumPy's 'reflect'.",
    "symmetric": "a mirror image that repeats the edge pixel (b a | a b c), NumPy's "
                 "'symmetric'. Replicate repeats only the edge pixel itself (a a | a b c).",
    "wrap": "the opposite side of the image (wrap-around).",
}

_REPLICATE_HINT = ("Hint: every pixel of the frame copies the nearest image pixel: rows above "
                   "copy row 0, columns on the right copy the last column, and each corner "
                   "block is filled with the corner pixel.")


def _padded_like(got, image, width, mode) -> bool:
    """Whether ``got`` is what ``numpy.pad`` makes with another ``mode``."""
    try:
        return bool(np.allclose(got, np.pad(image, width, mode=mode)))
    except ValueError:  # a mode NumPy cannot apply to this shape
        return False


def _judge_replicate(answer, image, width, description):
    image_f = image.astype(float)
    expected = np.pad(image_f, width, mode="edge")
    result = call(answer, (image, width), description, ("image", "width"))
    got = as_float_array(result, description, _REPLICATE_HINT)
    if got.shape != expected.shape:
        raise CaseFailed(
            *wrong_shape_lines(description, expected, got, _inputs(image)),
            "Hint: the frame adds width pixels on each of the four sides: shape "
            "(H + 2 * width, W + 2 * width).",
        )
    if np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        return
    lines = mismatch_lines(description, expected, got, _inputs(image))
    matches = [mode for mode in _OTHER_MODES if _padded_like(got, image_f, width, mode)]
    if matches:
        lines.append(f"Your frame holds {_OTHER_MODES[matches[0]]}")
    if len(matches) > 1:
        also = " and ".join(repr(mode) for mode in matches[1:])
        lines.append(f"(On this small image, np.pad with mode {also} gives the same frame.)")
    lines.append(_REPLICATE_HINT)
    raise CaseFailed(*lines)


def evaluate_pad_replicate(answer) -> Verdict:
    """Check ``answer(image, width)``: replicate ("edge") padding, against ``numpy.pad``.

    ``image`` has shape (H, W) and ``width`` is an int >= 0, possibly larger
    than the image; the result must equal ``numpy.pad(image, width,
    mode="edge")`` as floats, shape (H + 2 width, W + 2 width).

    Examples
    --------
    >>> evaluate_pad_replicate(lambda image, width: np.pad(image, width, mode="edge")).passed
    True
    >>> evaluate_pad_replicate(lambda image, width: np.pad(image, width)).passed
    False
    """
    rng = np.random.default_rng(4)
    images = [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), 1, "the example above"),
        (np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 2, "integer pixels"),
        (np.array([[0.5, -1.0, 2.0], [3.0, 0.0, 1.5]]), 0, "width 0: nothing to add"),
        (np.array([[1.0, 2.0, 3.0, 4.0]]), 2, "a single row"),
        (np.array([[6.0], [7.0], [8.0]]), 1, "a single column"),
        (np.array([[5.0]]), 3, "a single pixel"),
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 4, "a frame wider than the image"),
        (rng.normal(size=(4, 5)).round(2), 2, "random values"),
    ]
    cases = [(image, width, f"a {image.shape[0]} x {image.shape[1]} image, width={width} "
              f"({label})") for image, width, label in images]
    return run("pad_replicate", answer, cases, _judge_replicate)


def check_pad_replicate(answer) -> None:
    """Print the verdict of :func:`evaluate_pad_replicate`.

    Examples
    --------
    >>> check_pad_replicate(lambda image, width: np.pad(image, width, mode="edge"))
    ✅ pad_replicate: all 8 cases pass.
    """
    report(evaluate_pad_replicate(answer))


# --- exercise 5: numpy_pad_mode -------------------------------------------------------

#: Each of our modes on the row 1 2 3 4 padded by 2 on each side, by its definition.
_MODE_ROWS = {
    "zeros": ([0, 0, 1, 2, 3, 4, 0, 0], "a fixed value, 0, all around"),
    "replicate": ([1, 1, 1, 2, 3, 4, 4, 4], "the edge value repeated"),
    "circular": ([3, 4, 1, 2, 3, 4, 1, 2], "the values from the opposite end"),
    "reflect": ([3, 2, 1, 2, 3, 4, 3, 2], "a mirror about the edge value, which is not "
                                          "repeated"),
    "symmetric": ([2, 1, 1, 2, 3, 4, 4, 3], "a mirror that repeats the edge value"),
}

_MODE_HINTS = {
    "zeros": "Hint: look for the np.pad mode that fills the frame with one fixed value "
             "(0 unless you ask for another).",
    "replicate": "Hint: look for the np.pad mode that repeats the value at the edge.",
    "circular": "Hint: look for the np.pad mode that continues the row from its other end, "
                "as if it were wrapped around a cylinder.",
    "reflect": "Hint: np.pad has two mirror modes. This one mirrors about the edge sample, "
               "so the edge sample is not repeated: 3 2 | 1 2 3 4 | 3 2.",
    "symmetric": "Hint: np.pad has two mirror modes. This one puts the mirror between two "
                 "samples, so the edge sample is repeated: 2 1 | 1 2 3 4 | 4 3.",
}


def _judge_mode(answer, name, description):
    row, meaning = _MODE_ROWS[name]
    expected = np.array(row, dtype=float)
    mode = call(answer, (name,), description)
    if not isinstance(mode, str):
        raise CaseFailed(
            f"on {description} your function returned {show(mode)} ({type(mode).__name__}); "
            "expected the name of an np.pad mode, a string such as 'maximum'.",
        )
    signal = np.array([1.0, 2.0, 3.0, 4.0])
    try:
        padded = np.pad(signal, 2, mode=mode)
    except (ValueError, TypeError) as error:
        raise CaseFailed(
            f"on {description} you answered {mode!r}, which np.pad does not accept ({error}).",
            "Hint: help(np.pad) lists the modes NumPy knows; our names are not all NumPy's.",
        ) from None
    if not np.allclose(padded, expected):
        raise CaseFailed(
            f"on {description} you answered {mode!r}:",
            f"np.pad([1, 2, 3, 4], 2, mode={mode!r}) gives {show(padded)},",
            f"but {name!r} means {meaning}: {show(expected)}.",
            _MODE_HINTS[name],
        )


def evaluate_numpy_pad_mode(answer) -> Verdict:
    """Check ``answer(name)``: the ``numpy.pad`` mode for one of our border-mode names.

    For each name in ``zeros, replicate, circular, reflect, symmetric``,
    ``numpy.pad([1, 2, 3, 4], 2, mode=answer(name))`` must give the row that
    defines the mode (for example ``3 2 | 1 2 3 4 | 3 2`` for reflect).

    Examples
    --------
    >>> evaluate_numpy_pad_mode(lambda name: name).passed
    False
    >>> check_numpy_pad_mode(lambda name: "constant")  # doctest: +ELLIPSIS
    ❌ numpy_pad_mode: not yet.
       case 2 of 5: on name='replicate' you answered 'constant':
       np.pad([1, 2, 3, 4], 2, mode='constant') gives [0., 0., 1., 2., 3., 4., 0., 0.],
       but 'replicate' means the edge value repeated: [1., 1., 1., 2., 3., 4., 4., 4.].
       Hint: ...
    """
    cases = [(name, f"name={name!r}") for name in _MODE_ROWS]
    return run("numpy_pad_mode", answer, cases, _judge_mode)


def check_numpy_pad_mode(answer) -> None:
    """Print the verdict of :func:`evaluate_numpy_pad_mode`."""
    report(evaluate_numpy_pad_mode(answer))


# --- exercise 6: same_padding ---------------------------------------------------------


def _judge_same_padding(answer, k, image, kernel, description):
    signal = scipy_signal()
    expected = signal.convolve2d(image, kernel, mode="same")
    result = call(answer, (k,), description)
    before, after = int_tuple(result, 2, description,
                              "a pair (before, after) of whole numbers, such as (1, 1)")
    if k % 2:
        hint = ("Hint: an odd kernel has a centre pixel with (k - 1) / 2 neighbours on each "
                "side: pad that many pixels before and after.")
    else:
        hint = ("Hint: for an even kernel the k - 1 pixels of padding cannot be split equally; "
                "SciPy's convolve2d(mode='same') puts the extra pixel before: at the top and "
                "on the left.")
    if before < 0 or after < 0:
        raise CaseFailed(f"on {description} you answered ({before}, {after}); a padding "
                         "width cannot be negative.", hint)
    if before + after != k - 1:
        raise CaseFailed(
            f"on {description} you answered ({before}, {after}), which adds {before + after} "
            "pixels per axis.",
            f"A valid convolution with a {k}-pixel kernel loses k - 1 = {k - 1} pixels per "
            f"axis, so the padding must add exactly {k - 1} to keep the image's size.",
            hint,
        )
    padded = np.pad(image, ((before, after), (before, after)))
    got = signal.convolve2d(padded, kernel, mode="valid")
    if np.allclose(got, expected):
        return
    moved = before - k // 2
    direction = "down and to the right" if moved > 0 else "up and to the left"
    pixels = "pixel" if abs(moved) == 1 else "pixels"
    raise CaseFailed(
        f"on {description} you answered ({before}, {after}): the size is right, but "
        "convolve2d(padded, kernel, 'valid') is convolve2d(image, kernel, 'same') moved "
        f"{abs(moved)} {pixels} {direction}.",
        hint,
    )


def evaluate_same_padding(answer) -> Verdict:
    """Check ``answer(kernel_size)``: the ``(before, after)`` padding that makes 'valid' 'same'.

    For kernel sizes k from 1 to 8, a random image is padded with zeros,
    ``(before, after)`` on both axes; ``scipy.signal.convolve2d(padded,
    kernel, "valid")`` must equal ``scipy.signal.convolve2d(image, kernel,
    "same")`` for a random k x k kernel. For an even k this means
    ``(k // 2, k // 2 - 1)``: SciPy puts the extra pixel before.

    Examples
    --------
    >>> evaluate_same_padding(lambda k: ((k - 1) // 2, k // 2)).passed
    False
    >>> check_same_padding(lambda k: (k // 2, (k - 1) // 2))
    ✅ same_padding: all 8 cases pass.
    """
    rng = np.random.default_rng(6)
    sizes = [(3, (6, 7)), (1, (6, 7)), (5, (6, 7)), (2, (6, 7)), (4, (6, 7)), (7, (8, 9)),
             (6, (4, 4)), (8, (9, 10))]
    cases = []
    for k, shape in sizes:
        image = rng.normal(size=shape).round(2)
        kernel = rng.normal(size=(k, k)).round(2)
        note = "smaller than the kernel" if shape[0] < k else ""
        label = f"a {shape[0]} x {shape[1]} image" + (f" {note}" if note else "")
        cases.append((k, image, kernel, f"kernel_size={k} ({label})"))
    return run("same_padding", answer, cases, _judge_same_padding)


def check_same_padding(answer) -> None:
    """Print the verdict of :func:`evaluate_same_padding`."""
    report(evaluate_same_padding(answer))
