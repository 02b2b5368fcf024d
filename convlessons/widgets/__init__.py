"""Interactive explorers for the lessons, built on ipywidgets; one module per lesson topic.

Each explorer is a thin shell: the work is done by plain functions of the
lesson's own modules (drawing in :mod:`convlessons.plotting`, computing in
the topic's module), which the tests call directly with edge values.
"""

from .borders import border_explorer
from .costs import cost_explorer
from .images import CUSTOM, NAMED_KERNELS, kernel_explorer, three_by_three
from .layers import describe_layer, layer_explorer
from .pooling import pooling_explorer, shift_explorer
from .separable import describe_stack, stack_explorer
from .sharing import sharing_explorer
from .signals import slide_explorer
from .training import drawing_explorer, prediction_explorer
from .transposed import describe_transposed, transposed_explorer

__all__ = [
    "CUSTOM",
    "NAMED_KERNELS",
    "border_explorer",
    "cost_explorer",
    "describe_layer",
    "describe_stack",
    "describe_transposed",
    "drawing_explorer",
    "kernel_explorer",
    "layer_explorer",
    "pooling_explorer",
    "prediction_explorer",
    "sharing_explorer",
    "shift_explorer",
    "slide_explorer",
    "stack_explorer",
    "three_by_three",
    "transposed_explorer",
]
