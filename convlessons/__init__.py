"""convlessons: the companion package of the course "From convolution to convolutional layers".

One module per idea; the lessons import the module they teach:

* :mod:`convlessons.signals`: convolution and correlation of 1-D signals (lesson 1)
* :mod:`convlessons.data`: sample signals (and later images and digits), offline
* :mod:`convlessons.plotting`: the figures of the lessons
* :mod:`convlessons.widgets`: the interactive explorers
* :mod:`convlessons.checks`: the exercise checkers
* :mod:`convlessons.authoring`: makes the exercise notebooks from the solutions

The most used functions are also available here, at the top level.

Examples
--------
>>> import convlessons as cl
>>> cl.convolve1d([1, 2, 3], [1, 1])
array([1., 3., 5., 3.])
"""

from .signals import convolve1d, convolve1d_reference, correlate1d, correlate1d_reference

__all__ = [
    "convolve1d",
    "convolve1d_reference",
    "correlate1d",
    "correlate1d_reference",
]

__version__ = "0.1.0"
