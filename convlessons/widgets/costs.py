"""The lesson 10 explorer: image and kernel size, each method's predicted and measured time."""

from __future__ import annotations

from ..costs import METHODS, memory_bytes, multiplications, time_methods
from ..plotting.costs import METHOD_LABELS
from ._common import described_explorer, int_sliders

#: Slider ranges of the explorer: name -> (minimum, maximum, step).
RANGES = {"image_size": (16, 256, 16), "kernel_size": (1, 31, 2)}

#: Above these, a method is not run by the explorer (the loops would take seconds,
#: im2col would allocate hundreds of megabytes); the table says so.
LOOP_LIMIT = 200_000
MEMORY_LIMIT = 100_000_000

#: The size on which the explorer measures each method once, to turn multiplications
#: into predicted seconds.
CALIBRATION = (64, 5)


def seconds_per_multiplication(timer=time_methods) -> dict[str, float]:
    """Measured seconds per multiplication of each method, on the calibration size.

    ``timer(n, k, methods)`` returns seconds per method (the default measures).

    Examples
    --------
    >>> rates = seconds_per_multiplication(lambda n, k, methods: dict.fromkeys(methods, 1.0))
    >>> rates["shift_add"] == 1 / multiplications("shift_add", 64, 5)
    True
    """
    n, k = CALIBRATION
    seconds = timer(n, k, METHODS)
    return {method: seconds[method] / multiplications(method, n, k) for method in METHODS}


def runnable(method: str, n: int, k: int) -> str | None:
    """Why the explorer does not run ``method`` at this size, or None when it does.

    Examples
    --------
    >>> runnable("im2col", 64, 5) is None, runnable("loops", 256, 31)
    (True, '49,084,036 multiplications in Python loops: too slow to measure here')
    """
    if method == "loops" and multiplications(method, n, k) > LOOP_LIMIT:
        return (f"{multiplications(method, n, k):,} multiplications in Python loops: "
                "too slow to measure here")
    if memory_bytes(method, n, k) > MEMORY_LIMIT:
        return f"needs {memory_bytes(method, n, k) / 1e6:,.0f} MB: not run here"
    return None


def cost_table(n: int, k: int, rates: dict[str, float], measured: dict[str, float]) -> str:
    """The explorer's table as text: multiplications, memory, predicted and measured time.

    Examples
    --------
    >>> rates = dict.fromkeys(METHODS, 1e-9)
    >>> print(cost_table(32, 3, rates, {"fft": 2e-4}).splitlines()[4])
    FFT                       37,599     0.04 MB       0.04 ms       0.20 ms
    >>> print(cost_table(256, 31, rates, {"shift_add": 0.04, "fft": 0.002}).splitlines()[-1])
    im2col + product not run: needs 393 MB: not run here
    """
    lines = [f"{'method':16s} {'multiplications':>15s} {'memory':>11s} {'predicted':>13s} "
             f"{'measured':>13s}"]
    notes = []
    for method in METHODS:
        count = multiplications(method, n, k)
        memory = memory_bytes(method, n, k) / 1e6
        predicted = count * rates[method] * 1e3
        seen = f"{measured[method] * 1e3:10.2f} ms" if method in measured else "not run"
        lines.append(f"{METHOD_LABELS[method]:16s} {count:>15,} {memory:8.2f} MB "
                     f"{predicted:10.2f} ms {seen:>13s}")
        if method not in measured:
            notes.append(f"{METHOD_LABELS[method]} not run: "
                         f"{runnable(method, n, k) or 'not measured'}")
    return "\n".join(lines + notes)


def cost_explorer(image_size=128, kernel_size=5, *, rates=None, timer=time_methods):
    """Two sliders, image size and kernel size, and what each way of convolving costs there.

    The table gives each method's multiplications and working memory (the
    models of :mod:`convlessons.costs`), the time those multiplications
    predict at the speed each method showed on a calibration size, and the
    time measured now, with one thread. Methods that would be too slow or too
    large to run say so instead.

    Parameters
    ----------
    image_size : int, 16 to 256, a multiple of 16
    kernel_size : odd int, 1 to 31
    rates : dict, optional
        Seconds per multiplication per method (measured when not given).
    timer : callable, optional
        ``timer(n, k, methods)`` -> seconds per method; the tests pass a fake.

    Returns
    -------
    ipywidgets.VBox
        Children: the two sliders, then the table.

    Examples
    --------
    >>> fake = lambda n, k, methods: dict.fromkeys(methods, 1e-3)
    >>> explorer = cost_explorer(64, 3, timer=fake)
    >>> [slider.value for slider in explorer.children[:2]]
    [64, 3]
    >>> "shift-and-add" in explorer.children[2].value
    True
    """
    sliders = int_sliders({"image_size": image_size, "kernel_size": kernel_size}, RANGES)
    rates = rates or seconds_per_multiplication(timer)

    def table(n, k):
        if k > n:
            return (f"The kernel ({k} x {k}) is larger than the image ({n} x {n}): a valid "
                    "correlation has no output.")
        methods = [method for method in METHODS if runnable(method, n, k) is None]
        return cost_table(n, k, rates, timer(n, k, methods))

    return described_explorer(sliders, table, None)

