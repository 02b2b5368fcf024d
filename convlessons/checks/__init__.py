"""Exercise checkers: run a student's answer on many cases and say what is wrong.

One module per lesson topic, named like the package module it checks
(:mod:`convlessons.checks.signals` for lesson 1, :mod:`~convlessons.checks.images` for
lesson 2, :mod:`~convlessons.checks.borders` for lesson 3, ``sharing``, ``pooling``
and ``layers`` for lessons 4-6, ...); every checker is also
importable from here. Each exercise has two functions:

* ``check_<exercise>(answer)`` prints a verdict with a hint (used in notebooks);
* ``evaluate_<exercise>(answer)`` returns that :class:`Verdict` (used by tests).

A checker never lets an exception escape, whatever the answer does.

Examples
--------
>>> import numpy as np
>>> from convlessons.checks import check_convolve_loops
>>> check_convolve_loops(lambda f, g: np.convolve(f, g, "valid"))  # doctest: +ELLIPSIS
❌ convolve_loops: not yet.
   case 1 of ...: on f=[1., 2., 3.], g=[0. , 1. , 0.5]:
   expected shape (5,): [0. , 1. , 2.5, 4. , 1.5]
   your result has shape (1,): [2.5]
   That is mode 'valid'; the task asks for the full convolution, ...
"""

from ._core import Verdict
from .borders import (
    check_correlate_valid_loops,
    check_numpy_pad_mode,
    check_output_shape,
    check_pad_replicate,
    check_same_padding,
    check_touched_by_padding,
    evaluate_correlate_valid_loops,
    evaluate_numpy_pad_mode,
    evaluate_output_shape,
    evaluate_pad_replicate,
    evaluate_same_padding,
    evaluate_touched_by_padding,
)
from .images import (
    check_convolve2d_loops,
    check_display_signed,
    check_horizontal_edge_kernel,
    check_normalise_blur,
    check_to_uint8,
    evaluate_convolve2d_loops,
    evaluate_display_signed,
    evaluate_horizontal_edge_kernel,
    evaluate_normalise_blur,
    evaluate_to_uint8,
)
from .layers import (
    check_conv_forward_loops,
    check_conv_parameter_total,
    check_output_size_or_error,
    check_receptive_field,
    check_stack_shapes,
    evaluate_conv_forward_loops,
    evaluate_conv_parameter_total,
    evaluate_output_size_or_error,
    evaluate_receptive_field,
    evaluate_stack_shapes,
)
from .pooling import (
    check_avg_pool_backward,
    check_max_pool_backward,
    check_max_pool_loops,
    check_pool_output_size,
    check_pooled_map_unchanged,
    evaluate_avg_pool_backward,
    evaluate_max_pool_backward,
    evaluate_max_pool_loops,
    evaluate_pool_output_size,
    evaluate_pooled_map_unchanged,
)
from .sharing import (
    check_commutes_with_shift,
    check_conv_layer_loops,
    check_dense_weight_count,
    check_shared_weight_gradient,
    check_shared_weight_matrix,
    check_weight_counts,
    evaluate_commutes_with_shift,
    evaluate_conv_layer_loops,
    evaluate_dense_weight_count,
    evaluate_shared_weight_gradient,
    evaluate_shared_weight_matrix,
    evaluate_weight_counts,
)
from .signals import (
    check_convolve_loops,
    check_correlate_with_convolve,
    check_find_steps,
    check_output_length,
    check_shift_kernel,
    evaluate_convolve_loops,
    evaluate_correlate_with_convolve,
    evaluate_find_steps,
    evaluate_output_length,
    evaluate_shift_kernel,
)
from .training import (
    check_adam_step,
    check_breaking_shift,
    check_cnn_parameter_count,
    check_confusion_matrix,
    check_shift_digit,
    check_softmax_cross_entropy_gradient,
    evaluate_adam_step,
    evaluate_breaking_shift,
    evaluate_cnn_parameter_count,
    evaluate_confusion_matrix,
    evaluate_shift_digit,
    evaluate_softmax_cross_entropy_gradient,
)

__all__ = [
    "Verdict",
    "check_adam_step",
    "check_avg_pool_backward",
    "check_breaking_shift",
    "check_cnn_parameter_count",
    "check_commutes_with_shift",
    "check_confusion_matrix",
    "check_conv_forward_loops",
    "check_conv_layer_loops",
    "check_conv_parameter_total",
    "check_convolve2d_loops",
    "check_convolve_loops",
    "check_correlate_valid_loops",
    "check_correlate_with_convolve",
    "check_dense_weight_count",
    "check_display_signed",
    "check_find_steps",
    "check_horizontal_edge_kernel",
    "check_max_pool_backward",
    "check_max_pool_loops",
    "check_normalise_blur",
    "check_numpy_pad_mode",
    "check_output_length",
    "check_output_shape",
    "check_output_size_or_error",
    "check_pad_replicate",
    "check_pool_output_size",
    "check_pooled_map_unchanged",
    "check_receptive_field",
    "check_same_padding",
    "check_shared_weight_gradient",
    "check_shared_weight_matrix",
    "check_shift_digit",
    "check_shift_kernel",
    "check_softmax_cross_entropy_gradient",
    "check_stack_shapes",
    "check_to_uint8",
    "check_touched_by_padding",
    "check_weight_counts",
    "evaluate_adam_step",
    "evaluate_avg_pool_backward",
    "evaluate_breaking_shift",
    "evaluate_cnn_parameter_count",
    "evaluate_commutes_with_shift",
    "evaluate_confusion_matrix",
    "evaluate_conv_forward_loops",
    "evaluate_conv_layer_loops",
    "evaluate_conv_parameter_total",
    "evaluate_convolve2d_loops",
    "evaluate_convolve_loops",
    "evaluate_correlate_valid_loops",
    "evaluate_correlate_with_convolve",
    "evaluate_dense_weight_count",
    "evaluate_display_signed",
    "evaluate_find_steps",
    "evaluate_horizontal_edge_kernel",
    "evaluate_max_pool_backward",
    "evaluate_max_pool_loops",
    "evaluate_normalise_blur",
    "evaluate_numpy_pad_mode",
    "evaluate_output_length",
    "evaluate_output_shape",
    "evaluate_output_size_or_error",
    "evaluate_pad_replicate",
    "evaluate_pool_output_size",
    "evaluate_pooled_map_unchanged",
    "evaluate_receptive_field",
    "evaluate_same_padding",
    "evaluate_shared_weight_gradient",
    "evaluate_shared_weight_matrix",
    "evaluate_shift_digit",
    "evaluate_shift_kernel",
    "evaluate_softmax_cross_entropy_gradient",
    "evaluate_stack_shapes",
    "evaluate_to_uint8",
    "evaluate_touched_by_padding",
    "evaluate_weight_counts",
]
