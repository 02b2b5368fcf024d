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
   case 1 of 9: on kernel=[[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]]:
   expected: [[0.0625, 0.125 , 0.0625],
              [0.125 , 0.25  , 0.125 ],
              [0.0625, 0.125 , 0.0625]]
   got:      [[0.25, 0.5 , 0.25],
              [0.5 , 1.  , 0.5 ],
              [0.25, 0.5 , 0.25]]
   the first difference is at row 0, column 0.
   You divided by the largest entry; divide by the sum of all entries, kernel.sum().
"""

from __future__ import annotations

import numpy as np

from ._core import (
    NO_FLIP_HINT,
    STOPS_EARLY_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    expect_value_error,
    hidden_cases,
    integer_note,
    integer_result_suspects,
    random_shape,
    run,
    show,
    window_that_fits,
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


# --- exercise 1: convolution with loops -----------------------------------------

_CONVOLVE_HINT = (
    "Hint: output pixel (i, j) is the sum of the element-wise product of the flipped "
    "kernel, kernel[::-1, ::-1], with the patch image[i : i + kh, j : j + kw]; in mode "
    "'valid' the output has shape (H - kh + 1, W - kw + 1)."
)
_ONE_FLIP_HINT = (
    "The kernel must be flipped on both axes, top to bottom and left to right: "
    "kernel[::-1, ::-1], not only one of them."
)


def _convolve_suspects(image, kernel, expected):
    """Results of the known mistakes for this case, each with the hint that names it."""
    stopped = expected.copy()
    stopped[-1, :] = stopped[:, -1] = 0.0
    return [
        Suspect(lambda: _correlate_valid(image, kernel), NO_FLIP_HINT),
        Suspect(lambda: _correlate_valid(image, kernel[::-1]), _ONE_FLIP_HINT),
        Suspect(lambda: _correlate_valid(image, kernel[:, ::-1]), _ONE_FLIP_HINT),
        *(Suspect(expected[: len(expected) - rows, : expected.shape[1] - cols], STOPS_EARLY_HINT)
          for rows, cols in ((1, 1), (1, 0), (0, 1))),
        Suspect(stopped, "Your last row and column are 0: the loops stop one position early. "
                         + STOPS_EARLY_HINT),
        *integer_result_suspects(expected, image),
    ]


def _image_kernel_case(image, kernel):
    description = (f"an image of shape {image.shape} and a kernel of shape {kernel.shape}"
                   + integer_note(image=image, kernel=kernel))
    return image, kernel, description


def _visible_images():
    """Hand-checkable pair first, then edge cases, integer images with float kernels, random."""
    rng = np.random.default_rng(21)
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
        # An integer image (not uint8) with a float kernel: an int64 output truncates.
        (rng.integers(-9, 10, size=(4, 5)), np.array([[0.5, -0.25], [0.75, 0.1]])),
        (rng.normal(size=(8, 9)).round(2), rng.normal(size=(3, 5)).round(2)),
    ]
    return [_image_kernel_case(image, kernel) for image, kernel in pairs]


def _random_images(rng):
    """Hidden pairs: any shapes up to 9 x 9, kernels that fit, float, int and uint8 images."""
    cases = []
    for number in range(8):
        height, width = random_shape(rng, 1, 10)
        kh, kw = window_that_fits(rng, (height, width))
        image = [rng.normal(size=(height, width)).round(2),
                 rng.integers(0, 256, size=(height, width)).astype(np.uint8),
                 rng.integers(-20, 20, size=(height, width))][number % 3]
        kernel = rng.normal(size=(kh, kw)).round(2)
        cases.append(_image_kernel_case(image, kernel))
    return cases


def _judge_convolve2d(answer, image, kernel, description):
    expected = _convolve_valid(image, kernel)
    result = call(answer, (image, kernel), description, ("image", "kernel"))
    compare(result, expected, description, _CONVOLVE_HINT, kind="f",
            inputs=lambda: [show(image, "image: "), show(kernel, "kernel:")],
            suspects=lambda: _convolve_suspects(image, kernel, expected))


def evaluate_convolve2d_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check a loop implementation of 2-D convolution, mode "valid".

    ``answer(image, kernel)`` receives an image of shape (H, W) (float, or
    integer such as uint8 for a photograph) and a kernel of shape (kh, kw)
    with ``kh <= H`` and ``kw <= W``; it must return a new float array of
    shape ``(H - kh + 1, W - kw + 1)``, equal to
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
    return run("convolve2d_loops", answer, _visible_images(), _judge_convolve2d,
               hidden=hidden_cases(hidden_seed, _random_images))


check_convolve2d_loops = checker(evaluate_convolve2d_loops)


# --- exercise 2: normalising a blur kernel ----------------------------------------

_NORMALISE_HINT = ("Hint: divide every entry by the sum of all entries, kernel.sum(), "
                   "in a new array: kernel / kernel.sum().")


def _judge_normalise(answer, kernel, description):
    if kernel.sum() == 0:
        _judge_zero_sum(answer, kernel, description)
        return
    expected = kernel.astype(float) / kernel.sum()
    result = call(answer, (kernel,), description, ("kernel",))
    compare(result, expected, description, _NORMALISE_HINT, kind="f", suspects=[
        Suspect(lambda: kernel / kernel.max(), "You divided by the largest entry; divide by "
                                               "the sum of all entries, kernel.sum()."),
        Suspect(lambda: kernel / kernel.size,
                "You divided by the number of entries, which is right only when they are all "
                "1 (a box blur); divide by the sum of all entries, kernel.sum()."),
        Suspect(lambda: kernel - (kernel.sum() - 1) / kernel.size,
                "Your kernel sums to 1 but its entries are not in the same proportions as "
                "the input's: scale every entry by 1 / kernel.sum() rather than shifting it."),
    ])


def _judge_zero_sum(answer, kernel, description):
    hint = ("Hint: a kernel whose entries sum to 0 cannot be scaled to sum to 1 (dividing "
            "by 0 gives nan or inf). Test kernel.sum() == 0 first and "
            "raise ValueError('...') with a sentence that says what is wrong.")
    raised, result = expect_value_error(answer, (kernel,), description,
                                        "the kernel sums to 0, ...", hint)
    if not raised:
        raise CaseFailed(f"on {description} your function returned "
                         f"{show(result, inline=True)} instead of raising ValueError.", hint)


def _kernel_case(kernel, note=""):
    return kernel, f"kernel={show(kernel, inline=True)}{integer_note(kernel=kernel)}{note}"


def _random_kernels(rng):
    """Hidden kernels: shapes up to 5 x 5, integer and float, one already summing to 1."""
    cases = []
    for number in range(6):
        shape = random_shape(rng, 1, 6)
        kernel = rng.integers(0, 10, size=shape)
        kernel.flat[0] += 1  # never all zeros: that is the separate ValueError case
        cases.append(_kernel_case(kernel if number % 2 else kernel.astype(float)))
    ones = rng.random(size=(3, 3))
    cases.append(_kernel_case(ones / ones.sum(), " (already sums to 1)"))
    cases.append(_kernel_case(np.zeros(cases[0][0].shape), ", whose entries sum to 0"))
    return cases


def evaluate_normalise_blur(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(kernel)``: a non-negative kernel scaled so its entries sum to 1.

    ``kernel`` has shape (kh, kw), entries >= 0, integer or float. The answer
    must return a new float array (a new object, even when ``kernel``
    already sums to 1) of the same shape, proportional to ``kernel`` and
    summing to 1, leave ``kernel`` unchanged, and raise ``ValueError`` with a
    message when the entries sum to 0.

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
    cases = [_kernel_case(kernel) for kernel in (
        binomial,
        np.ones((3, 3)),
        binomial.astype(int),
        np.array([[5.0]]),
        np.array([[0.0, 1.0, 3.0]]),
        rng.integers(0, 10, size=(5, 4)).astype(float),
    )]
    cases += [_kernel_case(np.array([[0.25, 0.25], [0.25, 0.25]]), " (already sums to 1)"),
              _kernel_case(np.array([[1.0]]), " (already sums to 1)"),
              _kernel_case(np.zeros((3, 3)), ", whose entries sum to 0")]
    return run("normalise_blur", answer, cases, _judge_normalise,
               hidden=hidden_cases(hidden_seed, _random_kernels))


check_normalise_blur = checker(evaluate_normalise_blur)


# --- exercise 3: a kernel for horizontal edges --------------------------------------

_FLAT_HINT = "Hint: a flat region must give 0, so the nine entries must add up to 0."
_VERTICAL_HINT = (
    "Hint: brightness changing from left to right must cancel, so every column of the "
    "kernel must add up to 0 (for example -1 at the top of each column and +1 at the bottom)."
)
_HORIZONTAL_HINT = (
    "Hint: the rows must weigh differently: negative weights in the top row and positive "
    "ones in the bottom row (or the reverse) make dark-above-bright give a large value."
)
_UNSIGNED_HINT = ("Your kernel is an array of dtype {dtype}, which has no negative numbers: "
                  "-1 is stored as {wrapped}. Make it a float array (or a list).")


def _levels(rng):
    low, high = sorted(rng.uniform(0.05, 0.95, size=2).round(2))
    return (low, high + 0.2) if high - low < 0.2 else (low, high)


def _test_images(rng=None):
    """8 x 8 test images: (name, image, must_respond, hint); random ones when ``rng`` is given."""
    rows = np.arange(8)[:, None] * np.ones((1, 8))
    # Edges at rows 2 to 6 lie inside the 3 x 3 windows of any kernel, whichever rows it uses.
    at, (dark, bright) = (4, (0.2, 0.8)) if rng is None else (int(rng.integers(2, 7)),
                                                              _levels(rng))
    flat_value = 0.6 if rng is None else round(float(rng.uniform(0.1, 1.0)), 2)
    step = np.where(rows < at, dark, bright)
    ramp = np.tile(np.linspace(0.1, 0.8, 8), (8, 1))
    bar = np.full((8, 8), 0.3)
    bar[3:5] = 0.9
    images = [
        (f"a flat image (every pixel {flat_value})", np.full((8, 8), flat_value), False,
         _FLAT_HINT),
        (f"a vertical edge (columns 0-{at - 1} at {dark}, the others at {bright}: dark left, "
         "bright right)", step.T.copy(), False, _VERTICAL_HINT),
        ("a vertical edge the other way (bright left, dark right)", step.T[:, ::-1].copy(),
         False, _VERTICAL_HINT),
        ("a left-to-right ramp (each column 0.1 brighter than the one before)",
         ramp if rng is None else ramp[:, ::-1].copy(), False, _VERTICAL_HINT),
        (f"a horizontal edge (rows 0-{at - 1} at {dark}, the others at {bright}: dark above, "
         "bright below)", step, True, _HORIZONTAL_HINT),
        ("a horizontal edge the other way (bright above, dark below)", step[::-1].copy(), True,
         _HORIZONTAL_HINT),
    ]
    if rng is None:
        images.append(("a bright horizontal bar (rows 3-4 at 0.9 on 0.3)", bar, True,
                       _HORIZONTAL_HINT))
    return images


def _as_kernel(result, description):
    try:
        kernel = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise CaseFailed(f"on {description} your kernel {show(result, inline=True)} is not a "
                         "3 x 3 list or array of numbers.") from None
    if kernel.shape != (3, 3):
        raise CaseFailed(f"on {description} your kernel has shape {kernel.shape}; "
                         "it must be 3 x 3, e.g. [[a, b, c], [d, e, f], [g, h, i]].")
    if not np.all(np.isfinite(kernel)):
        raise CaseFailed(f"on {description} your kernel {show(kernel, inline=True)} contains "
                         "nan or inf.")
    return kernel


def _judge_edge_kernel(answer, name, image, must_respond, hint, description):
    result = call(answer, (), description)
    kernel = _as_kernel(result, description)
    if isinstance(result, np.ndarray) and result.dtype.kind == "u":
        hint = _UNSIGNED_HINT.format(dtype=result.dtype, wrapped=np.iinfo(result.dtype).max)
    response = _correlate_valid(image, kernel)
    peak = float(np.abs(response).max())
    weight = float(np.abs(kernel).sum())
    contrast = float(image.max() - image.min()) or float(image.max())
    mine = f"your kernel {show(kernel, inline=True)} gives " + (
        "0 everywhere" if peak == 0 else f"responses up to {show(round(peak, 4))}")
    if must_respond and (weight == 0 or peak < 0.1 * weight * contrast):
        raise CaseFailed(f"on {name}, {mine}, but a horizontal edge must give a strong "
                         "response (positive or negative).", hint)
    if not must_respond and peak > 1e-6 * weight * float(image.max()):
        raise CaseFailed(f"on {name}, {mine}; expected 0 everywhere.", hint)


def _edge_case(name, image, must_respond, hint):
    return name, image, must_respond, hint, "horizontal_edge_kernel()"


def evaluate_horizontal_edge_kernel(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer()``: a 3 x 3 kernel that finds horizontal edges.

    The kernel (a 3 x 3 list or array of numbers) is judged by what it does,
    not by its numbers: laid on 8 x 8 test images as it is
    (cross-correlation, mode "valid", like ``scipy.signal.correlate2d``), it
    must give 0 on a flat image, on vertical edges and on a left-to-right
    ramp, and a strong response (of either sign) on horizontal edges, where
    brightness changes from top to bottom. Sobel's vertical-change kernel,
    Prewitt's, their negatives and multiples all pass. The hidden cases move
    the edges and change their levels.

    Examples
    --------
    >>> evaluate_horizontal_edge_kernel(lambda: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]).passed
    True
    >>> evaluate_horizontal_edge_kernel(lambda: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]).passed
    False
    """
    return run("horizontal_edge_kernel", answer,
               [_edge_case(*image) for image in _test_images()], _judge_edge_kernel,
               hidden=hidden_cases(hidden_seed, lambda rng: [
                   _edge_case(*image) for image in _test_images(rng)]))


check_horizontal_edge_kernel = checker(evaluate_horizontal_edge_kernel)


# --- exercise 4: back to 8 bits ----------------------------------------------------

_UINT8_HINT = "Hint: round to the nearest whole number, clip to 0..255, then convert to uint8."
_WRAP_HINT = ("Values below 0 or above 255 must become 0 and 255 (np.clip); converting them "
              "straight to uint8 wraps them around instead, e.g. -3 may become 253 and 260 "
              "become 4.")
_TRUNCATE_HINT = ("np.clip(...).astype(np.uint8) cuts the decimals off (2.7 becomes 2); round "
                  "to the nearest whole number first, with np.round.")


def _judge_uint8(answer, values, description):
    expected = np.clip(np.round(values), 0, 255)
    result = call(answer, (values,), description, ("values",))
    if not isinstance(result, np.ndarray) or result.dtype != np.uint8:
        kind = (f"an array of dtype {result.dtype}" if isinstance(result, np.ndarray)
                else f"a {type(result).__name__}")
        raise CaseFailed(
            f"on {description} your function returned {kind}; expected an array of "
            "dtype uint8.",
            "Hint: an 8-bit image stores whole numbers 0 to 255; convert at the very end, "
            "after rounding and clipping: .astype(np.uint8).",
        )
    compare(result, expected, description, _UINT8_HINT, suspects=[
        Suspect(lambda: values.astype(np.uint8), _WRAP_HINT + " Round first, too: "
                + _TRUNCATE_HINT),
        Suspect(lambda: np.round(values).astype(np.uint8), _WRAP_HINT),
        Suspect(lambda: np.clip(values, 0, 255).astype(np.uint8), _TRUNCATE_HINT),
        Suspect(lambda: np.clip(np.ceil(values), 0, 255), "np.ceil rounds every value up "
                "(2.2 becomes 3); round to the nearest whole number, with np.round."),
        Suspect(lambda: np.clip(np.round(values), 0, 256).astype(np.uint8),
                "256 does not fit in 8 bits (it wraps to 0): clip to 0..255."),
    ])


def _values_case(values):
    return values, f"values={show(values, inline=True)}"


def _without_ties(values):
    """``values`` moved off every .5, where rounding rules differ."""
    values = values.copy()
    values[np.isclose(np.abs(values) % 1, 0.5)] += 0.2
    return values


def _random_values(rng):
    """Hidden arrays: 1-D to 3-D, values from -300 to 600 with decimals."""
    shapes = [(int(rng.integers(1, 9)),), random_shape(rng, 1, 6),
              (*random_shape(rng, 1, 4), 3)]
    return [_values_case(_without_ties(rng.uniform(-300, 600, size=shape).round(1)))
            for shape in shapes]


def evaluate_to_uint8(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(values)``: float results turned into an 8-bit image.

    ``values`` is a float array of any shape (a row, a gray image, a colour
    image of shape (H, W, 3)), with values anywhere (negative, above 255,
    with decimals). The answer must return a new array of dtype uint8 and
    the same shape: each value rounded to the nearest whole number and
    clipped to 0..255. ``values`` must not be modified. No test value lies
    halfway between two whole numbers.

    Examples
    --------
    >>> evaluate_to_uint8(lambda values: np.clip(np.round(values), 0, 255).astype(np.uint8)).passed
    True
    >>> evaluate_to_uint8(lambda values: values.astype(np.uint8)).passed
    False
    """
    rng = np.random.default_rng(24)
    arrays = [
        np.array([[-3.0, 2.7, 260.0, 128.2]]),
        np.array([[0.0, 255.0], [17.0, 99.0]]),
        np.array([[2.7, 3.2, 254.6, 0.4]]),
        np.array([[255.4, 255.6, -0.4, -0.6]]),
        np.array([[300.0]]),
        np.array([[-20.0, -1.3], [-250.0, -0.1]]),
        np.array([12.4, 270.0, -8.0]),
        np.array([[[255.7, 10.2, -3.0], [128.0, 0.3, 300.0]]]),
        _without_ties((rng.integers(-600, 3200, size=(4, 5)) / 10).round(1)),
    ]
    return run("to_uint8", answer, [_values_case(values) for values in arrays], _judge_uint8,
               hidden=hidden_cases(hidden_seed, _random_values))


check_to_uint8 = checker(evaluate_to_uint8)


# --- exercise 5: showing signed results -----------------------------------------------


def _judge_signed(answer, values, description):
    floats = values.astype(float)
    largest = np.abs(floats).max()
    expected = np.full(values.shape, 0.5) if largest == 0 else 0.5 + 0.5 * floats / largest
    result = call(answer, (values,), description, ("result",))
    spread = floats.max() - floats.min()
    hint = ("Hint: when every value is 0, np.abs(result).max() is 0: return 0.5 everywhere "
            "instead of dividing by 0 (which gives nan)." if largest == 0 else
            "Hint: scale by the largest absolute value m = np.abs(result).max(): "
            "-m must become 0, 0 must become 0.5 (mid-gray) and +m must become 1.")
    compare(result, expected, description, hint, kind="f", suspects=[
        Suspect(lambda: (floats - floats.min()) / spread if spread else None,
                "You stretched the range min..max to 0..1, so 0 is no longer mid-gray "
                "when the result is lopsided. Divide by the largest absolute value, so "
                "that 0 stays at 0.5 and the sign stays visible."),
        Suspect(lambda: np.abs(floats) / largest if largest else None,
                "With np.abs, -2 and +2 look the same; keep the sign: negative values "
                "below 0.5, positive ones above."),
        Suspect(lambda: 0.5 + 0.5 * floats / floats.max() if floats.max() > 0 else None,
                "You divided by the largest value; divide by the largest absolute "
                "value, np.abs(result).max(), or a strong negative response goes "
                "below 0."),
        Suspect(lambda: 0.5 * floats / largest if largest else None,
                "You scaled to -0.5..0.5: add 0.5 so that 0 lands on mid-gray."),
        Suspect(lambda: (floats + largest) / largest if largest else None,
                "Your values run from 0 to 2: halve them, 0.5 + 0.5 * result / m."),
    ])


def _signed_case(values):
    return values, f"result={show(values, inline=True)}{integer_note(result=values)}"


def _random_signed(rng):
    """Hidden results: random shapes, mostly negative, mostly positive, integer, all zeros."""
    cases = []
    for bias in (-1.0, 0.0, 1.0):
        shape = random_shape(rng, 1, 6)
        cases.append(_signed_case((rng.normal(size=shape) + bias).round(2)))
    cases.append(_signed_case(rng.integers(-5, 6, size=(3, 4))))
    cases.append(_signed_case(np.zeros(random_shape(rng, 1, 4))))
    return cases


def evaluate_display_signed(answer, *, hidden_seed=None) -> Verdict:
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
        np.array([[-6.0, 1.0], [3.0, 0.0]]),
        np.array([[-4.0, -1.0, 0.0]]),
        np.array([[-3, 0, 3], [1, -1, 2]]),
        np.array([[-5.0]]),
        rng.normal(size=(4, 5)).round(2),
        np.zeros((3, 3)),
    ]
    return run("display_signed", answer, [_signed_case(values) for values in arrays],
               _judge_signed, hidden=hidden_cases(hidden_seed, _random_signed))


check_display_signed = checker(evaluate_display_signed)
