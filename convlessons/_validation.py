"""Input checks shared by every module of the package.

Each helper raises a ``TypeError`` or ``ValueError`` whose message names the
argument and says what was expected, so that a student who passes the wrong
thing sees what to fix instead of a traceback from deep inside NumPy.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_real_array(value, name: str, ndim: int | None = None, copy: bool = True) -> np.ndarray:
    """Return ``value`` as a float64 array, after checking it.

    By default a new array: callers may then work in place without touching
    the caller's data. Integer inputs (uint8 images, int lists) always become
    float64, so they can no longer overflow or wrap around. ``copy=False``
    skips the copy of an input that is float64 already, for callers that
    only read it (large images).

    Parameters
    ----------
    value : array_like
        Numbers: a list, tuple or NumPy array of booleans, integers or floats.
    name : str
        The argument's name, used in error messages.
    ndim : int, optional
        The number of dimensions required.

    Examples
    --------
    >>> as_real_array([1, 2, 3], "f", ndim=1)
    array([1., 2., 3.])
    >>> as_real_array([[1, 2]], "f", ndim=1)
    Traceback (most recent call last):
    ...
    ValueError: f must be 1-D, got an array of shape (1, 2) (2-D)
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got a {type(value).__name__}")
    if value is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of numbers; NumPy said: {error}"
        ) from None
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)
    ):
        raise TypeError(
            f"{name} must contain numbers (bool, int or float), got dtype {array.dtype}"
        )
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real; complex input is not supported")
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"{name} must be {ndim}-D, got an array of shape {array.shape} ({array.ndim}-D)"
        )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if copy:
        return np.array(array, dtype=np.float64, copy=True)
    return np.asarray(array, dtype=np.float64)


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices``, else raise a clear error.

    Examples
    --------
    >>> check_choice("same", "mode", ("full", "same", "valid"))
    'same'
    >>> check_choice("sme", "mode", ("full", "same", "valid"))
    Traceback (most recent call last):
    ...
    ValueError: mode must be one of 'full', 'same', 'valid'; got 'sme'
    """
    options = ", ".join(repr(choice) for choice in choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {options}; got {value!r}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def check_int(value, name: str, minimum: int | None = None) -> int:
    """Return ``value`` as an ``int`` after checking its type and lower bound.

    Booleans are refused: ``stride=True`` is almost certainly a mistake.

    Examples
    --------
    >>> check_int(3, "stride", minimum=1)
    3
    >>> check_int(0, "stride", minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: stride must be at least 1, got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value
