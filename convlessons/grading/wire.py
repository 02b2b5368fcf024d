"""Values as plain data: the only thing that crosses between the grader and a student's kernel.

Everything is written as JSON text. Arrays travel as their dtype, shape and
raw bytes in base64; NumPy scalars, tuples, sets, dicts with any keys,
complex numbers, bytes and non-finite floats as small tagged objects
(``{"$": "tuple", "items": [...]}``). Decoding builds only ``None``, bools,
ints, floats, complex numbers, strings, bytes, lists, tuples, sets, dicts and
NumPy arrays and scalars of numeric or boolean dtype: nothing in the text can
name a class, a function or a module, so nothing in it can run code. That is
why pickle is not used.

A value of any other type (a generator, a custom class, an array of Python
objects) raises :class:`Unsupported`, which names the type. Callables are
the one exception: :func:`encode` hands them to ``callables`` (when given),
which returns a number that stands for the function on the other side.

Examples
--------
>>> import numpy as np
>>> text = encode((np.arange(3, dtype=np.uint8), {"k": [1.5, None]}, float("nan")))
>>> array, table, nan = decode(text)
>>> array, table, nan != nan
(array([0, 1, 2], dtype=uint8), {'k': [1.5, None]}, True)
"""

from __future__ import annotations

import base64
import builtins
import json
import math

import numpy as np

#: Kinds of array element that may travel: bool, signed and unsigned ints, floats, complex.
ARRAY_KINDS = "biufc"
#: Nesting deeper than this is refused on both sides (a list inside itself, a bomb).
MAX_DEPTH = 64


class Unsupported(TypeError):
    """A value that cannot travel as plain data; its message names the type."""


class Malformed(ValueError):
    """Text that is not the output of :func:`encode`."""


def encode(value, callables=None) -> str:
    """``value`` as JSON text that :func:`decode` turns back into an equal value.

    ``callables``, when given, is called with each callable found inside
    ``value`` and returns an int that stands for it; without it a callable is
    :class:`Unsupported`.

    Examples
    --------
    >>> encode([1, (2.0, True)])
    '[1, {"$": "tuple", "items": [2.0, true]}]'
    >>> encode(object())
    Traceback (most recent call last):
    ...
    convlessons.grading.wire.Unsupported: object
    """
    return json.dumps(_plain(value, callables, 0), allow_nan=False, separators=(", ", ": "))


def _plain(value, callables, depth):
    """The JSON-ready form of one value (see :func:`encode`)."""
    if depth > MAX_DEPTH:
        raise Unsupported(f"values nested more than {MAX_DEPTH} levels deep")
    inner = depth + 1
    # bool before int, NumPy types before the Python types some of them subclass.
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.ndarray):
        return _array(value, "array")
    if isinstance(value, np.generic):
        return _array(np.asarray(value), "scalar")
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        value = float(value)
        return value if math.isfinite(value) else {"$": "float", "value": repr(value)}
    if isinstance(value, complex):
        return {"$": "complex", "re": _plain(value.real, callables, inner),
                "im": _plain(value.imag, callables, inner)}
    if isinstance(value, bytes):
        return {"$": "bytes", "data": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, list):
        return [_plain(item, callables, inner) for item in list(value)]
    if isinstance(value, (tuple, set, frozenset)):
        kind = ("tuple" if isinstance(value, tuple)
                else "frozenset" if isinstance(value, frozenset) else "set")
        return {"$": kind, "items": [_plain(item, callables, inner) for item in tuple(value)]}
    if isinstance(value, dict):
        pairs = dict(value).items()
        return {"$": "dict", "items": [[_plain(key, callables, inner),
                                        _plain(item, callables, inner)] for key, item in pairs]}
    if callable(value) and callables is not None:
        return {"$": "callable", "id": int(callables(value))}
    raise Unsupported(type(value).__name__)


def _array(array: np.ndarray, tag: str) -> dict:
    """An array's dtype, shape and bytes (C order); object and string arrays are refused."""
    if array.dtype.kind not in ARRAY_KINDS or array.dtype.fields is not None:
        raise Unsupported(f"array of dtype {array.dtype}")
    plain = np.array(array, order="C", copy=True).view(np.ndarray)  # keeps 0-d arrays 0-d
    return {"$": tag, "dtype": plain.dtype.str, "shape": list(plain.shape),
            "data": base64.b64encode(plain.tobytes()).decode("ascii")}


def decode(text: str, callables=None):
    """The value that :func:`encode` wrote as ``text``; :class:`Malformed` for anything else.

    ``callables``, when given, turns the number standing for a callable back
    into a function; without it a callable in the text is :class:`Malformed`.

    Examples
    --------
    >>> decode('{"$": "tuple", "items": [1, {"$": "float", "value": "inf"}]}')
    (1, inf)
    >>> decode('{"$": "module", "name": "os"}')
    Traceback (most recent call last):
    ...
    convlessons.grading.wire.Malformed: unknown tag 'module'
    """
    if not isinstance(text, str):
        raise Malformed(f"expected text, got {type(text).__name__}")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise Malformed(f"not JSON: {error}") from None
    return _value(data, callables, 0)


def _refuse_constant(name):
    raise Malformed(f"bare {name} is not allowed")


def _value(data, callables, depth):
    """The value one JSON item stands for (see :func:`decode`)."""
    if depth > MAX_DEPTH:
        raise Malformed(f"nested more than {MAX_DEPTH} levels deep")
    inner = depth + 1
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_value(item, callables, inner) for item in data]
    if not isinstance(data, dict):
        raise Malformed(f"unexpected {type(data).__name__}")
    tag = data.get("$")
    if tag in ("array", "scalar"):
        array = _decode_array(data)
        return array if tag == "array" else array[()]
    if tag in ("tuple", "set", "frozenset"):
        items = [_value(item, callables, inner) for item in _field(data, "items", list)]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        pairs = _field(data, "items", list)
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
            raise Malformed("dict items must be [key, value] pairs")
        return {_value(key, callables, inner): _value(item, callables, inner)
                for key, item in pairs}
    if tag == "float":
        text = _field(data, "value", str)
        if text not in ("nan", "inf", "-inf"):
            raise Malformed(f"unexpected float {text!r}")
        return float(text)
    if tag == "complex":
        return complex(_number(data, "re"), _number(data, "im"))
    if tag == "bytes":
        return _base64(data)
    if tag == "callable" and callables is not None:
        return callables(_field(data, "id", int))
    raise Malformed(f"unknown tag {tag!r}")


def _field(data: dict, name: str, kind: type):
    value = data.get(name)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise Malformed(f"field {name!r} must be {kind.__name__}")
    return value


def _number(data: dict, name: str) -> float:
    value = data.get(name)
    if isinstance(value, dict) and value.get("$") == "float":
        return _value(value, None, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Malformed(f"field {name!r} must be a number")
    return float(value)


def _base64(data: dict) -> bytes:
    try:
        return base64.b64decode(_field(data, "data", str), validate=True)
    except ValueError:
        raise Malformed("data is not base64") from None


def _decode_array(data: dict) -> np.ndarray:
    """A fresh, writable, plain array from its dtype, shape and bytes, checked at every step."""
    try:
        dtype = np.dtype(_field(data, "dtype", str))
    except TypeError:
        raise Malformed(f"unknown dtype {data.get('dtype')!r}") from None
    if dtype.kind not in ARRAY_KINDS or dtype.fields is not None:
        raise Malformed(f"dtype {dtype} may not travel")
    shape = _field(data, "shape", list)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise Malformed("shape must be a list of non-negative ints")
    raw = _base64(data)
    if len(raw) != math.prod(shape) * dtype.itemsize:
        raise Malformed(f"{len(raw)} bytes do not make an array of shape {tuple(shape)} "
                        f"and dtype {dtype}")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def exception_named(name: str, message: str) -> Exception:
    """An exception of the built-in class ``name`` when there is one, else a new class so named.

    The checker sees the type the student's code raised (``NotImplementedError``
    for an exercise not done, ``ValueError`` where one is expected), without the
    kernel choosing what code runs here: only names of built-in exceptions map
    to classes; a ``SystemExit`` or ``KeyboardInterrupt`` becomes a plain exception.

    Examples
    --------
    >>> type(exception_named("ValueError", "bad")).__name__, str(exception_named("Oops", "x"))
    ('ValueError', 'x')
    >>> isinstance(exception_named("SystemExit", ""), Exception)
    True
    """
    kind = getattr(builtins, name, None) if name.isidentifier() else None
    if not (isinstance(kind, type) and issubclass(kind, Exception)):
        kind = type(name if name.isidentifier() else "UnknownError", (Exception,), {})
    try:
        return kind(message)
    except Exception:
        return type(name, (Exception,), {})(message)
