"""The lesson 7 explorers: a trained network looks at a test digit, or at one you draw."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import as_real_array, check_int
from ..plotting import training as training_plots
from ..training import checked_model
from ._common import show_figure


def prediction_explorer(model, images, labels=None, index=0, maps=8):
    """Pick a digit with a slider; see its feature maps and the predicted probabilities.

    The figure is :func:`convlessons.plotting.training.draw_feature_maps`.

    Parameters
    ----------
    model : Sequential
        Usually the trained network of the lesson; any model that takes a
        batch of these images works.
    images : array_like, shape (N, H, W) or (N, 1, H, W)
    labels : array_like of int, shape (N,), optional
        The true classes, shown on the figure.
    index : int, 0 to N - 1
        The digit shown first.
    maps : int >= 1
        Feature maps shown per stage.

    Returns
    -------
    ipywidgets.VBox
        The slider, then the figure.

    Examples
    --------
    >>> from convlessons.layers import Conv2D, Dense, Flatten, ReLU
    >>> from convlessons.training import Sequential
    >>> tiny = Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(),
    ...                    Flatten(), Dense(128, 10, seed=1)])
    >>> explorer = prediction_explorer(tiny, np.zeros((3, 8, 8)), labels=[0, 1, 2], index=2)
    >>> slider = explorer.children[0]
    >>> slider.value, slider.max
    (2, 2)
    """
    model = checked_model(model)
    digits = training_plots.as_digits(images)
    if labels is not None:
        labels = np.asarray(labels)
        if labels.shape != (len(digits),) or not np.issubdtype(labels.dtype, np.integer):
            raise ValueError(f"labels must be {len(digits)} integers, one per image, got "
                             f"shape {labels.shape} and dtype {labels.dtype}")
    index = check_int(index, "index", minimum=0)
    if index >= len(digits):
        raise ValueError(f"index must be between 0 and {len(digits) - 1}, got {index}")
    maps = check_int(maps, "maps", minimum=1)
    slider = widgets.IntSlider(value=index, min=0, max=len(digits) - 1, description="digit",
                               continuous_update=False)
    figure_area = widgets.Output()

    def redraw(_change=None):
        label = None if labels is None else int(labels[slider.value])
        show_figure(figure_area, training_plots.draw_feature_maps,
                     model, digits[slider.value], label, maps)

    slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([slider, figure_area])


def drawing_explorer(model, image=None, size=8, maps=4):
    """Draw a digit on a grid of toggle buttons (on = ink); see what the network predicts.

    Every click redraws :func:`convlessons.plotting.training.draw_feature_maps`
    for the drawn image, whose pixels are 1 (ink) or 0. The "clear" button
    switches every pixel off.

    Parameters
    ----------
    model : Sequential
        Takes (N, 1, size, size) batches.
    image : array_like, shape (size, size), optional
        A starting drawing: pixels above 0.5 are switched on. Blank by default.
    size : int >= 1
        Pixels per side (8 for the digits of the lesson); ignored when
        ``image`` is given.
    maps : int >= 1
        Feature maps shown per stage; 4 by default, so that the figure fits
        beside the buttons.

    Returns
    -------
    ipywidgets.HBox
        The grid of buttons with the clear button under it, then the figure.

    Examples
    --------
    >>> from convlessons.layers import Conv2D, Dense, Flatten, ReLU
    >>> from convlessons.training import Sequential
    >>> tiny = Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(),
    ...                    Flatten(), Dense(128, 10, seed=1)])
    >>> explorer = drawing_explorer(tiny, image=np.eye(8))
    >>> pad = explorer.children[0].children[0]
    >>> len(pad.children), pad.children[9].value, pad.children[1].value
    (64, True, False)
    """
    model = checked_model(model)
    if image is None:
        size = check_int(size, "size", minimum=1)
        start = np.zeros((size, size), dtype=bool)
    else:
        start = as_real_array(image, "image", ndim=2) > 0.5
        if start.shape[0] != start.shape[1]:
            raise ValueError(f"image must be square, got shape {start.shape}")
        size = start.shape[0]
    maps = check_int(maps, "maps", minimum=1)
    # A pixel's button shows no text; its tooltip (the title) names it for screen readers.
    buttons = [widgets.ToggleButton(value=bool(on), tooltip=f"pixel row {i // size + 1}, "
                                    f"column {i % size + 1}",
                                    layout=widgets.Layout(width="30px", height="30px"))
               for i, on in enumerate(start.ravel())]
    pad = widgets.GridBox(buttons, layout=widgets.Layout(
        grid_template_columns=f"repeat({size}, 32px)", grid_gap="1px"))
    clear = widgets.Button(description="clear", layout=widgets.Layout(width="80px"))
    figure_area = widgets.Output()
    paused = [False]  # no redraw for each of the 64 buttons while "clear" switches them off

    def drawing():
        return np.array([b.value for b in buttons], dtype=float).reshape(size, size)

    def redraw(_change=None):
        if paused[0]:
            return
        show_figure(figure_area, training_plots.draw_feature_maps, model, drawing(), None, maps)

    def clear_all(_button=None):
        paused[0] = True
        for button in buttons:
            button.value = False
        paused[0] = False
        redraw()

    for button in buttons:
        button.observe(redraw, names="value")
    clear.on_click(clear_all)
    redraw()
    return widgets.HBox([widgets.VBox([pad, clear]), figure_area])


__all__ = ["drawing_explorer", "prediction_explorer"]
