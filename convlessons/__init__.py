"""convlessons: the companion package of the course "From convolution to convolutional layers".

One module per idea; the lessons import the module they teach:

* :mod:`convlessons.signals`: convolution and correlation of 1-D signals (lesson 1)
* :mod:`convlessons.images`: convolution and correlation of 2-D images (lesson 2)
* :mod:`convlessons.kernels`: hand-made image kernels: blurs, sharpen, edges (lesson 2)
* :mod:`convlessons.borders`: padding modes and output sizes (lesson 3)
* :mod:`convlessons.sharing`: shared weights, conv_matrix, parameter counts (lesson 4)
* :mod:`convlessons.pooling`: max, average and sum pooling (lesson 5)
* :mod:`convlessons.layers`: conv2d, conv_transpose2d and the layers (lessons 4-9)
* :mod:`convlessons.separable`: cheaper layers, their costs, receptive fields (lesson 9)
* :mod:`convlessons.data`: sample signals and photographs, all offline
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

import sys

from . import alt_text
from .borders import output_size, pad, pad_reference
from .data import load_image
from .images import convolve2d, convolve2d_reference, correlate2d, correlate2d_reference
from .layers import (
    Conv2D,
    ConvTranspose2D,
    Dense,
    Flatten,
    ReLU,
    conv2d,
    conv2d_reference,
    conv_transpose2d,
)
from .pooling import AvgPool2D, MaxPool2D, SumPool2D, avg_pool2d, max_pool2d, sum_pool2d
from .sharing import conv_matrix
from .signals import convolve1d, convolve1d_reference, correlate1d, correlate1d_reference

__all__ = [
    "AvgPool2D",
    "Conv2D",
    "ConvTranspose2D",
    "Dense",
    "Flatten",
    "MaxPool2D",
    "ReLU",
    "SumPool2D",
    "avg_pool2d",
    "conv2d",
    "conv2d_reference",
    "conv_matrix",
    "conv_transpose2d",
    "convolve1d",
    "convolve1d_reference",
    "convolve2d",
    "convolve2d_reference",
    "correlate1d",
    "correlate1d_reference",
    "correlate2d",
    "correlate2d_reference",
    "load_image",
    "max_pool2d",
    "output_size",
    "pad",
    "pad_reference",
    "sum_pool2d",
]

__version__ = "0.1.0"

# Inside IPython (a notebook's kernel), every figure is displayed with its text
# alternative; plain Python never imports IPython for it.
if "IPython" in sys.modules:
    alt_text.install()
