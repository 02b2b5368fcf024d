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
    FLIPPED_HINT,
    STOPS_EARLY_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    hidden_cases,
    input_lines,
    int_tuple,
    integer_note,
    integer_result_suspects,
    named_case,
    random_shape,
    run,
    scipy_signal,
    show,
    whole_number,
    window_that_fits,
)

# --- exercise 1: output_shape -------------------------------------------------------

_SHAPE_HINTS = {
    "valid": "Hint: 'valid' keeps the positions where the whole kernel lies on the image: "
             "n - k + 1 per axis, rows with rows and columns with columns.",
    "full": "Hint: 'full' keeps every position where kernel and image overlap by at least "
            "one pixel: n + k - 1 per axis.",
    "same": "Hint: 'same' returns the shape of the image, whatever the kernel's shape.",
}


def _per_axis(formula, image_shape, kernel_shape):
    return tuple(formula(n, k) for n, k in zip(image_shape, kernel_shape, strict=True))


def _shape_suspects(image_shape, kernel_shape, mode, expected):
    """Shapes that known mistakes predict, with the hint that names each."""
    suspects = [Suspect(expected[::-1], "Rows and columns are swapped: axis 0 of the result "
                                        "comes from image_shape[0] and kernel_shape[0].")]
    if mode == "valid":
        suspects += [
            Suspect(_per_axis(lambda n, k: n - (k + 1), image_shape, kernel_shape),
                    "That is n - (k + 1) per axis, two short: the brackets are misplaced. "
                    "A 3 x 3 kernel fits 3 times along 5 pixels, (5 - 3) + 1."),
            Suspect(_per_axis(lambda n, k: n - k, image_shape, kernel_shape),
                    "That is n - k per axis, one short: the kernel fits at n - k + 1 "
                    "positions, 0 to n - k included."),
        ]
    if mode == "full":
        suspects.append(Suspect(_per_axis(lambda n, k: n + k, image_shape, kernel_shape),
                                "That is n + k per axis, one too many: n + k - 1."))
    if mode == "same":
        suspects.append(Suspect(_per_axis(max, image_shape, kernel_shape),
                                "That is max(n, k) per axis, NumPy's rule for 1-D 'same'; "
                                "convolve2d's 'same' keeps the image's shape even when the "
                                "kernel is larger."))
    return suspects


def _judge_shape(answer, image_shape, kernel_shape, mode, description):
    expected = scipy_signal().convolve2d(np.zeros(image_shape), np.ones(kernel_shape),
                                         mode=mode).shape
    result = call(answer, (image_shape, kernel_shape, mode), description,
                  ("image_shape", "kernel_shape", "mode"))
    got = int_tuple(result, 2, description,
                    "a pair (rows, columns) of whole numbers, such as (3, 3)")
    if got != expected:
        advice = diagnose(got, _shape_suspects(image_shape, kernel_shape, mode, expected))
        raise CaseFailed(f"on {description} you predicted {got}, "
                         f"but scipy.signal.convolve2d returns shape {expected}.",
                         *([advice] if advice else []), _SHAPE_HINTS[mode])


def _random_shapes(rng):
    """Hidden shapes up to 40, every mode; kernels fit in 'valid' and may not elsewhere."""
    cases = []
    for mode in ("valid", "full", "same"):
        for _ in range(3):
            image = random_shape(rng, 1, 40)
            kernel = window_that_fits(rng, image) if mode == "valid" else random_shape(rng, 1, 40)
            cases.append(named_case(image_shape=image, kernel_shape=kernel, mode=mode))
    return cases


def evaluate_output_shape(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image_shape, kernel_shape, mode)``, the shape of a 2-D convolution.

    ``image_shape`` and ``kernel_shape`` are pairs of ints >= 1, ``mode`` one
    of ``"full"``, ``"same"``, ``"valid"``; the answer is a tuple of two ints,
    the shape of ``scipy.signal.convolve2d`` on arrays of these shapes. In
    mode ``"valid"`` every case has a kernel that fits inside the image.

    Examples
    --------
    >>> evaluate_output_shape(lambda image_shape, kernel_shape, mode: image_shape).passed
    False
    >>> from scipy.signal import convolve2d
    >>> evaluate_output_shape(lambda i, k, mode: convolve2d(np.zeros(i), np.ones(k), mode).shape
    ...                       ).passed
    True
    """
    shapes = {
        "valid": [((5, 5), (3, 3)), ((10, 10), (3, 3)), ((6, 8), (3, 5)), ((7, 4), (1, 1)),
                  ((4, 6), (4, 6)), ((9, 5), (2, 4))],
        "full": [((5, 5), (3, 3)), ((6, 8), (3, 5)), ((3, 3), (5, 5)), ((2, 7), (4, 2)),
                 ((1, 1), (1, 1))],
        "same": [((5, 5), (3, 3)), ((6, 8), (2, 4)), ((3, 3), (5, 5)), ((2, 7), (4, 2))],
    }
    cases = [named_case(image_shape=image, kernel_shape=kernel, mode=mode)
             for mode, pairs in shapes.items() for image, kernel in pairs]
    return run("output_shape", answer, cases, _judge_shape,
               hidden=hidden_cases(hidden_seed, _random_shapes))


check_output_shape = checker(evaluate_output_shape)


# --- exercise 2: correlate_valid_loops ------------------------------------------------

_CORRELATE_HINT = ("Hint: out[i, j] = sum over a, b of image[i + a, j + b] * kernel[a, b], "
                   "the kernel as it is (not flipped), for every i in range(H - kh + 1) "
                   "and j in range(W - kw + 1).")


def _correlate_suspects(image, kernel, expected):
    """Results of the known mistakes for this case, each with the hint that names it."""
    missing = {(1, 1): "the last row and the last column", (1, 0): "the last row",
               (0, 1): "the last column"}
    return [
        *(Suspect(expected[: expected.shape[0] - rows, : expected.shape[1] - cols],
                  f"You miss {where}. {STOPS_EARLY_HINT}")
          for (rows, cols), where in missing.items()),
        Suspect(lambda: scipy_signal().convolve2d(image.astype(float), kernel.astype(float),
                                                  mode="valid"), FLIPPED_HINT),
        *integer_result_suspects(expected, image),
    ]


def _judge_correlate(answer, image, kernel, description):
    expected = scipy_signal().correlate2d(image.astype(float), kernel.astype(float),
                                          mode="valid")
    result = call(answer, (image, kernel), description, ("image", "kernel"))
    shape_hint = ("Hint: the output has one pixel per position of the kernel on the image: "
                  "n - k + 1 per axis, (H - kh + 1, W - kw + 1).")
    compare(result, expected, description,
            _CORRELATE_HINT if getattr(result, "shape", None) == expected.shape else shape_hint,
            inputs=lambda: input_lines(image=image, kernel=kernel), kind="f",
            suspects=lambda: _correlate_suspects(image, kernel, expected))


def _correlate_case(image, kernel, label):
    return image, kernel, (f"a {image.shape[0]} x {image.shape[1]} image and a "
                           f"{kernel.shape[0]} x {kernel.shape[1]} kernel ({label})"
                           + integer_note(image=image, kernel=kernel))


def _random_correlations(rng):
    """Hidden pairs: shapes up to 9 x 9, kernels that fit, float, int and uint8 images."""
    cases = []
    for number in range(6):
        shape = random_shape(rng, 1, 10)
        kernel = rng.normal(size=window_that_fits(rng, shape)).round(2)
        image = [rng.normal(size=shape).round(2), rng.integers(-9, 10, size=shape),
                 rng.integers(0, 256, size=shape).astype(np.uint8)][number % 3]
        cases.append(_correlate_case(image, kernel, "random values"))
    return cases


def evaluate_correlate_valid_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, kernel)``: valid 2-D cross-correlation, against SciPy.

    ``image`` has shape (H, W) (float or integer) and ``kernel`` (kh, kw),
    with kh <= H and kw <= W; the result must be a new float array equal to
    ``scipy.signal.correlate2d(image, kernel, mode="valid")``, shape
    (H - kh + 1, W - kw + 1), and the inputs must not be modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> evaluate_correlate_valid_loops(lambda image, kernel: correlate2d(image, kernel, "valid")
    ...                                ).passed
    False
    >>> evaluate_correlate_valid_loops(lambda image, kernel: correlate2d(
    ...     image.astype(float), kernel, "valid")).passed
    True
    """
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
         np.array([[1, -1], [1, -1]]), "integer pixels"),
        (np.array([[3, 7, 1, 0, 4], [2, 8, 5, 9, 6], [1, 1, 0, 3, 2]]),
         np.array([[0.5, -0.25], [0.1, 0.3]]), "integer pixels, a float kernel"),
        (rng.normal(size=(6, 8)).round(2), rng.normal(size=(3, 2)).round(2),
         "a non-square kernel"),
        (rng.normal(size=(7, 7)).round(2), rng.normal(size=(4, 4)).round(2),
         "an even-sized kernel"),
    ]
    return run("correlate_valid_loops", answer, [_correlate_case(*pair) for pair in pairs],
               _judge_correlate, hidden=hidden_cases(hidden_seed, _random_correlations))


check_correlate_valid_loops = checker(evaluate_correlate_valid_loops)


# --- exercise 3: touched_by_padding ---------------------------------------------------


def _touched_suspects(image_shape, kernel_shape):
    """Counts that known mistakes give, with the hint that names each."""
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    total = rows * cols

    def free(per_axis):
        return per_axis(rows, k_rows) * per_axis(cols, k_cols)

    return [
        Suspect(free(lambda n, k: max(n - k + 1, 0)),
                "That is the number of pixels that see only the image; the question asks "
                f"for the others, out of the {total} pixels of the output."),
        Suspect(total - free(lambda n, k: n - k + 1),
                "Here the kernel is larger than the image along an axis, so n - k + 1 is zero "
                "or negative there: no position is free of padding at all. Count "
                "max(n - k + 1, 0) free positions per axis."),
        Suspect(total - free(lambda n, k: max(n - (k + 1), 0)),
                "You used n - (k + 1) free positions per axis; it is n - k + 1."),
        Suspect(total - free(lambda n, k: max(n - 2 * (k // 2), 0)),
                "You took k // 2 pixels of padding on each side: for an even kernel the k - 1 "
                "pixels are split unevenly, so n - k + 1 positions are free, not n - 2 (k // 2)."),
    ]


def _judge_touched(answer, image_shape, kernel_shape, description):
    sums = scipy_signal().convolve2d(np.ones(image_shape), np.ones(kernel_shape), mode="same")
    # A pixel sees only the image when all kernel weights land on it: the sum of ones is full.
    expected = int(np.count_nonzero(sums < np.prod(kernel_shape) - 0.5))
    result = call(answer, (image_shape, kernel_shape), description,
                  ("image_shape", "kernel_shape"))
    got = whole_number(result, description, "a number of pixels")
    if got != expected:
        advice = diagnose(got, _touched_suspects(image_shape, kernel_shape))
        raise CaseFailed(
            f"on {description} you counted {got} pixels, but {expected} pixels of "
            "convolve2d(image, kernel, mode='same') have part of the kernel on the padding.",
            *([advice] if advice else []),
            "Hint: an output pixel sees only the image exactly at the positions that 'valid' "
            "keeps, (H - kh + 1) x (W - kw + 1) of them; every other pixel of the H x W "
            "'same' output sees some padding.")


def _random_touched(rng):
    """Hidden shapes up to 30, kernels up to 8, some larger than the image."""
    return [named_case(image_shape=random_shape(rng, 1, 30), kernel_shape=random_shape(rng, 1, 9))
            for _ in range(6)]


def evaluate_touched_by_padding(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image_shape, kernel_shape)``: pixels of a 'same' output that see padding.

    Both shapes are pairs of ints >= 1; the answer is an int, the number of
    pixels where
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
    shapes = [((5, 5), (3, 3)), ((10, 10), (5, 5)), ((8, 8), (3, 3)), ((224, 224), (3, 3)),
              ((6, 9), (1, 1)), ((6, 6), (2, 2)), ((4, 6), (4, 6)), ((7, 4), (3, 5)),
              ((3, 3), (5, 5)), ((3, 6), (5, 2))]
    cases = [named_case(image_shape=image, kernel_shape=kernel) for image, kernel in shapes]
    return run("touched_by_padding", answer, cases, _judge_touched,
               hidden=hidden_cases(hidden_seed, _random_touched))


check_touched_by_padding = checker(evaluate_touched_by_padding)


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


def _replicate_suspects(image, width, expected):
    """np.pad's other modes (naming those that coincide on a small image), and empty corners."""
    padded = {}
    for mode in _OTHER_MODES:
        try:
            padded[mode] = np.pad(image, width, mode=mode)
        except ValueError:  # a mode NumPy cannot apply to this shape
            continue
    suspects = []
    for mode, value in padded.items():
        twins = [repr(other) for other in padded
                 if other != mode and np.array_equal(padded[other], value)]
        note = (f" (On this small image, np.pad with mode {' and '.join(twins)} gives the "
                "same frame.)" if twins else "")
        suspects.append(Suspect(value, f"Your frame holds {_OTHER_MODES[mode]}{note}"))
    corners = expected.copy()
    rows, cols = image.shape
    for row_block in (slice(0, width), slice(width + rows, None)):
        for col_block in (slice(0, width), slice(width + cols, None)):
            corners[row_block, col_block] = 0.0
    suspects.append(Suspect(corners, "Your corner blocks are 0: fill each with its corner "
                                     "pixel, for example by padding the rows first and then "
                                     "the columns of that result."))
    return suspects


def _judge_replicate(answer, image, width, description):
    image_f = image.astype(float)
    expected = np.pad(image_f, width, mode="edge")
    result = call(answer, (image, width), description, ("image", "width"))
    shape_hint = ("Hint: the frame adds width pixels on each of the four sides: shape "
                  "(H + 2 * width, W + 2 * width).")
    got_shape = getattr(result, "shape", None)
    compare(result, expected, description,
            _REPLICATE_HINT if got_shape == expected.shape else shape_hint,
            inputs=lambda: input_lines(image=image), kind="f",
            suspects=lambda: _replicate_suspects(image_f, width, expected))


def _replicate_case(image, width, label):
    return image, width, (f"a {image.shape[0]} x {image.shape[1]} image, width={width} "
                          f"({label})" + integer_note(image=image))


def _random_replicates(rng):
    """Hidden images up to 6 x 6, integer or float, widths 0 to 7."""
    cases = []
    for number in range(5):
        shape = random_shape(rng, 1, 7)
        image = rng.integers(0, 10, size=shape) if number % 2 else rng.normal(size=shape).round(2)
        cases.append(_replicate_case(image, int(rng.integers(0, 8)), "random values"))
    return cases


def evaluate_pad_replicate(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, width)``: replicate ("edge") padding, against ``numpy.pad``.

    ``image`` has shape (H, W), integer or float, and ``width`` is an int
    >= 0, possibly larger than the image; the result must be a new float
    array (a new object even for width 0) equal to ``numpy.pad(image,
    width, mode="edge")``, shape (H + 2 width, W + 2 width).

    Examples
    --------
    >>> evaluate_pad_replicate(lambda image, width: np.pad(image, width, mode="edge")).passed
    False
    >>> evaluate_pad_replicate(lambda image, width: np.pad(image.astype(float), width, "edge")
    ...                        ).passed
    True
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
        (np.array([[2, 9], [4, 7]]), 0, "width 0"),
        (rng.normal(size=(4, 5)).round(2), 2, "random values"),
    ]
    return run("pad_replicate", answer, [_replicate_case(*case) for case in images],
               _judge_replicate, hidden=hidden_cases(hidden_seed, _random_replicates))


check_pad_replicate = checker(evaluate_pad_replicate)


# --- exercise 5: numpy_pad_mode -------------------------------------------------------

#: What each of our modes means, and the hint for a student who picked another np.pad mode.
_MODES = {
    "zeros": ("a fixed value, 0, all around",
              "Hint: look for the np.pad mode that fills the frame with one fixed value "
              "(0 unless you ask for another)."),
    "replicate": ("the edge value repeated",
                  "Hint: look for the np.pad mode that repeats the value at the edge."),
    "circular": ("the values from the opposite end",
                 "Hint: look for the np.pad mode that continues the row from its other end, "
                 "as if it were wrapped around a cylinder."),
    "reflect": ("a mirror about the edge value, which is not repeated",
                "Hint: np.pad has two mirror modes. This one mirrors about the edge sample, "
                "so the edge sample is not repeated: 3 2 | 1 2 3 4 | 3 2."),
    "symmetric": ("a mirror that repeats the edge value",
                  "Hint: np.pad has two mirror modes. This one puts the mirror between two "
                  "samples, so the edge sample is repeated: 2 1 | 1 2 3 4 | 4 3."),
}


def _padded_by_definition(row: np.ndarray, width: int, name: str) -> np.ndarray:
    """``row`` padded by ``width`` on each side in our mode ``name``, index by index.

    Examples
    --------
    >>> _padded_by_definition(np.array([1.0, 2, 3, 4]), 2, "reflect")
    array([3., 2., 1., 2., 3., 4., 3., 2.])
    """
    n = len(row)
    positions = np.arange(-width, n + width)
    if name == "zeros":
        inside = (positions >= 0) & (positions < n)
        return np.where(inside, row[np.clip(positions, 0, n - 1)], 0.0)
    if name == "replicate":
        index = np.clip(positions, 0, n - 1)
    elif name == "circular":
        index = positions % n
    elif name == "reflect":  # period 2n - 2: 0 1 ... n-1 n-2 ... 1
        folded = positions % max(2 * n - 2, 1)
        index = np.where(folded < n, folded, 2 * n - 2 - folded)
    else:  # symmetric, period 2n: 0 1 ... n-1 n-1 ... 0
        folded = positions % (2 * n)
        index = np.where(folded < n, folded, 2 * n - 1 - folded)
    return row[index]


def _judge_mode(answer, name, row, width, description):
    meaning, hint = _MODES[name]
    expected = _padded_by_definition(row, width, name)
    mode = call(answer, (name,), description)
    if not isinstance(mode, str):
        raise CaseFailed(
            f"on {description} your function returned {show(mode, inline=True)} "
            f"({type(mode).__name__}); expected the name of an np.pad mode, a string such as "
            "'maximum'.",
        )
    if mode == "empty":
        raise CaseFailed(
            f"on {description} you answered 'empty': np.pad then leaves the frame "
            "uninitialised, whatever was in memory, and zeros only by chance.", hint)
    try:
        padded = np.pad(row, width, mode=mode)
    except (ValueError, TypeError) as error:
        raise CaseFailed(
            f"on {description} you answered {mode!r}, which np.pad does not accept ({error}).",
            "Hint: help(np.pad) lists the modes NumPy knows; our names are not all NumPy's.",
        ) from None
    if not np.array_equal(padded, expected):
        raise CaseFailed(
            f"on {description} you answered {mode!r}:",
            f"np.pad({show(row, inline=True)}, {width}, mode={mode!r}) gives "
            f"{show(padded, inline=True)},",
            f"but {name!r} means {meaning}: {show(expected, inline=True)}.",
            hint,
        )


#: The row of the lesson's table, padded by 2 in the visible cases.
_MODE_ROW = np.array([1.0, 2.0, 3.0, 4.0])


def _mode_case(name, row=_MODE_ROW, width=2):
    return name, row, width, f"name={name!r}"


def _random_rows(rng):
    """Hidden rows of 2 to 7 random samples, each mode, widths up to one less than the row."""
    cases = []
    for name in rng.permutation(list(_MODES)):
        row = rng.integers(1, 10, size=int(rng.integers(2, 8))).astype(float)
        cases.append(_mode_case(str(name), row, int(rng.integers(1, len(row)))))
    return cases


def evaluate_numpy_pad_mode(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(name)``: the ``numpy.pad`` mode for one of our border-mode names.

    For each name in ``zeros, replicate, circular, reflect, symmetric``,
    ``answer(name)`` is a string and ``numpy.pad([1, 2, 3, 4], 2,
    mode=answer(name))`` must give exactly the row that defines the mode (for
    example ``3 2 | 1 2 3 4 | 3 2`` for reflect); hidden cases try other rows
    and widths.

    Examples
    --------
    >>> evaluate_numpy_pad_mode(lambda name: name).passed
    False
    >>> check_numpy_pad_mode(lambda name: "constant")  # doctest: +ELLIPSIS
    ❌ numpy_pad_mode: not yet.
       case 2 of 5: on name='replicate' you answered 'constant':
       np.pad([1., 2., 3., 4.], 2, mode='constant') gives [0., 0., 1., 2., 3., 4., 0., 0.],
       but 'replicate' means the edge value repeated: [1., 1., 1., 2., 3., 4., 4., 4.].
       Hint: ...
    """
    return run("numpy_pad_mode", answer, [_mode_case(name) for name in _MODES], _judge_mode,
               hidden=hidden_cases(hidden_seed, _random_rows))


check_numpy_pad_mode = checker(evaluate_numpy_pad_mode)


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
    if np.allclose(signal.convolve2d(padded, kernel, mode="valid"), expected):
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


def _padding_case(rng, k, shape):
    image = rng.normal(size=shape).round(2)
    kernel = rng.normal(size=(k, k)).round(2)
    note = " smaller than the kernel" if shape[0] < k else ""
    return k, image, kernel, f"kernel_size={k} (a {shape[0]} x {shape[1]} image{note})"


def _random_paddings(rng):
    """Hidden kernel sizes up to 15, odd and even, on images smaller or larger than them."""
    sizes = [int(rng.integers(9, 16)), *(int(k) for k in rng.integers(1, 16, size=4))]
    return [_padding_case(rng, k, random_shape(rng, 2, 14)) for k in sizes]


def evaluate_same_padding(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(kernel_size)``: the ``(before, after)`` padding that makes 'valid' 'same'.

    ``kernel_size`` is an int k >= 1; the answer is a tuple of two ints >= 0.
    For k from 1 to 8 (larger ones in the hidden cases), a random image is
    padded with zeros, ``(before, after)`` on both axes;
    ``scipy.signal.convolve2d(padded, kernel, "valid")`` must equal
    ``scipy.signal.convolve2d(image, kernel, "same")`` for a random k x k
    kernel. For an even k this means ``(k // 2, k // 2 - 1)``: SciPy puts
    the extra pixel before.

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
    return run("same_padding", answer, [_padding_case(rng, k, shape) for k, shape in sizes],
               _judge_same_padding, hidden=hidden_cases(hidden_seed, _random_paddings))


check_same_padding = checker(evaluate_same_padding)
