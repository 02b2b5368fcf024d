"""Figures used by the lessons, so that a notebook shows only the code that teaches.

One module per lesson topic (``plotting.signals``, ``plotting.images``,
``plotting.borders``, ...); every figure function is importable from here.
Each draws on a Matplotlib ``Axes`` (a new figure when none is given) and
returns the figure, so a lesson can end the cell with ``plt.show()``.
"""

from .borders import draw_padding, draw_window_positions
from .costs import draw_im2col, draw_method_times, draw_multiplications
from .images import draw_kernel_result, draw_patch_product, show_image, show_kernel
from .layers import (
    draw_axis_positions,
    draw_filter_sum,
    draw_layer_grid,
    draw_volumes,
    show_channels,
    unused_samples,
)
from .pooling import draw_pool_gradient, draw_pooled_pair, draw_pooling
from .separable import (
    draw_costs,
    draw_group_connections,
    draw_receptive_field,
    group_connections,
)
from .sharing import draw_conv_matrix, draw_shared_position, draw_two_neurons
from .signals import draw_slide, format_sample, plot_signal, plot_signals
from .training import (
    draw_feature_maps,
    draw_kernel_matches,
    draw_training_curves,
    feature_maps,
    kernel_similarity,
    show_digits,
    show_kernel_grid,
)
from .transposed import draw_overlap_counts, draw_stamps, overlap_counts

__all__ = [
    "draw_axis_positions",
    "draw_conv_matrix",
    "draw_costs",
    "draw_feature_maps",
    "draw_filter_sum",
    "draw_group_connections",
    "draw_im2col",
    "draw_kernel_matches",
    "draw_kernel_result",
    "draw_layer_grid",
    "draw_method_times",
    "draw_multiplications",
    "draw_overlap_counts",
    "draw_padding",
    "draw_patch_product",
    "draw_pool_gradient",
    "draw_pooled_pair",
    "draw_pooling",
    "draw_receptive_field",
    "draw_shared_position",
    "draw_slide",
    "draw_stamps",
    "draw_training_curves",
    "draw_two_neurons",
    "draw_volumes",
    "draw_window_positions",
    "feature_maps",
    "format_sample",
    "group_connections",
    "kernel_similarity",
    "overlap_counts",
    "plot_signal",
    "plot_signals",
    "show_channels",
    "show_digits",
    "show_image",
    "show_kernel",
    "show_kernel_grid",
    "unused_samples",
]
