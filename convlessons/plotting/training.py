"""Figures of lesson 7: digits, training curves, learned kernels, feature maps, predictions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from .._validation import as_real_array, check_int
from ..alt_text import describe, grid_text, number, range_text
from ..kernels import kernel_similarity
from ..training import feature_maps
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, SIGNAL_COLOUR
from .images import show_kernel


def as_digits(images, name="images") -> np.ndarray:
    """(N, H, W) or (N, 1, H, W) -> (N, H, W) float64.

    Examples
    --------
    >>> as_digits(np.zeros((2, 1, 8, 8))).shape
    (2, 8, 8)
    """
    values = as_real_array(images, name, copy=False)
    if values.ndim == 4 and values.shape[1] == 1:
        values = values[:, 0]
    if values.ndim != 3:
        raise ValueError(f"{name} must have shape (N, H, W) or (N, 1, H, W), got {values.shape}")
    return values


def _bare(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])


def show_digits(images, titles=None, columns=8, suptitle=None):
    """Small grayscale images in a grid, ink bright on black as in :func:`show_image`.

    Parameters
    ----------
    images : array_like, shape (N, H, W) or (N, 1, H, W), values in [0, 1]
    titles : list of str, optional
        One per image (for instance the label).
    columns : int >= 1
        Images per row.
    suptitle : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_digits(np.zeros((3, 8, 8)), titles=["a", "b", "c"], columns=2)
    >>> len(fig.axes), [ax.get_title() for ax in fig.axes[:3]], fig.axes[3].get_visible()
    (4, ['a', 'b', 'c'], False)
    >>> plt.close(fig)
    """
    values = as_digits(images)
    columns = check_int(columns, "columns", minimum=1)
    count = len(values)
    if titles is not None:
        titles = [str(title) for title in titles]
        if len(titles) != count:
            raise ValueError(f"titles must have one entry per image ({count}), got {len(titles)}")
    columns = min(columns, count)
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(1.35 * columns, 1.55 * rows + 0.3),
                             constrained_layout=True, squeeze=False)
    for index, ax in enumerate(axes.ravel()):
        if index >= count:
            ax.set_visible(False)
            continue
        ax.imshow(values[index], cmap="gray", vmin=0, vmax=1)
        _bare(ax)
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
    if suptitle:
        fig.suptitle(suptitle)
    describe(fig, f"{suptitle + '. ' if suptitle else ''}{count} images of "
                  f"{values.shape[1]} x {values.shape[2]} pixels in grey, black for 0 to white "
                  f"for 1" + (f", titled: {'; '.join(titles)}." if titles else "."))
    return fig


def draw_training_curves(histories):
    """Mean training loss and test accuracy after every epoch, one line per network.

    Parameters
    ----------
    histories : dict
        ``{name: {"loss": [...], "accuracy": [...]}}``, one number per epoch
        in each list (both lists of a network as long as each other).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: the loss on a logarithmic axis (when every loss is
        positive), the accuracy with the best value of each network circled
        and named in the legend (its first epoch, if tied).

    Examples
    --------
    >>> fig = draw_training_curves({"net": {"loss": [2.0, 0.5, 0.1], "accuracy": [0.5, 0.8, 0.9]}})
    >>> [ax.get_title() for ax in fig.axes]
    ['mean training loss per epoch', 'test accuracy after each epoch']
    >>> fig.axes[0].get_yscale(), fig.axes[1].lines[0].get_xdata().tolist()
    ('log', [1, 2, 3])
    >>> plt.close(fig)
    """
    if not isinstance(histories, dict) or not histories:
        raise TypeError("histories must be a non-empty dict {name: {'loss': [...], "
                        "'accuracy': [...]}}")
    curves = {}
    for name, history in histories.items():
        if not isinstance(history, dict) or not {"loss", "accuracy"} <= set(history):
            raise ValueError(f"histories[{name!r}] must be a dict with 'loss' and 'accuracy'")
        loss = as_real_array(history["loss"], f"histories[{name!r}]['loss']", ndim=1)
        acc = as_real_array(history["accuracy"], f"histories[{name!r}]['accuracy']", ndim=1)
        if len(loss) != len(acc):
            raise ValueError(f"histories[{name!r}]: 'loss' has {len(loss)} epochs and "
                             f"'accuracy' {len(acc)}; they must match")
        curves[name] = (loss, acc)
    colours = [SIGNAL_COLOUR, KERNEL_COLOUR, OUTPUT_COLOUR, "tab:red", "tab:purple"]
    fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(11, 3.8), constrained_layout=True)
    every_loss_positive = all(np.all(loss > 0) for loss, _ in curves.values())
    for index, (name, (loss, acc)) in enumerate(curves.items()):
        colour = colours[index % len(colours)]
        epochs = np.arange(1, len(loss) + 1)
        loss_ax.plot(epochs, loss, marker=".", color=colour, label=name)
        acc_ax.plot(epochs, acc, marker=".", color=colour, label=name)
        best = int(np.argmax(acc))
        acc_ax.annotate(f"last {acc[-1]:.3f}", (epochs[-1], acc[-1]), xytext=(-4, -14),
                        textcoords="offset points", ha="right", fontsize=8, color=colour)
        # The legend names the circle: without it the marker is a riddle.
        acc_ax.plot(epochs[best], acc[best], "o", mfc="none", color=colour, markersize=9,
                    label=f"{name}: best {acc[best]:.3f}, epoch {epochs[best]}")
    if every_loss_positive:
        loss_ax.set_yscale("log")
    loss_ax.set_title("mean training loss per epoch")
    loss_ax.set_ylabel("cross-entropy" + (" (log scale)" if every_loss_positive else ""))
    acc_ax.set_title("test accuracy after each epoch")
    acc_ax.set_ylabel("fraction of test digits right")
    for ax in (loss_ax, acc_ax):
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    return fig


def draw_kernel_matches(kernels, references):
    """Each reference kernel above the kernel most like it.

    For a reference that sums to 0 (an edge detector) the most alike is the
    largest ``|similarity|``: the negative of an edge detector finds the same
    edges, with the opposite sign. For any other reference (a blur, sharpen)
    it is the largest similarity itself, because its negative, an inverted
    blur, does something else.

    Parameters
    ----------
    kernels : array_like, shape (N, kH, kW)
        For instance the learned first-layer kernels, ``weight[:, 0]``.
    references : dict
        ``{name: kernel of shape (kH, kW)}``, the hand-made kernels.

    Returns
    -------
    matplotlib.figure.Figure
        Top row: the references with their numbers; bottom row: the closest
        of ``kernels`` to each, titled with its index and its
        :func:`kernel_similarity` (a negative similarity means the same
        pattern with every sign reversed).

    Examples
    --------
    >>> kernels = np.stack([np.eye(3), np.ones((3, 3))])
    >>> fig = draw_kernel_matches(kernels, {"blur": np.ones((3, 3)) / 9})
    >>> fig.axes[1].get_title()
    'kernel 1\\nsimilarity 1.00'
    >>> plt.close(fig)
    >>> fig = draw_kernel_matches(-kernels, {"blur": np.ones((3, 3)) / 9})  # no blur left
    >>> fig.axes[1].get_title()
    'kernel 0\\nsimilarity -0.58'
    >>> plt.close(fig)
    """
    if not isinstance(references, dict) or not references:
        raise TypeError("references must be a non-empty dict {name: kernel}")
    values = as_real_array(kernels, "kernels", ndim=3)
    similarity = kernel_similarity(values, references)
    fig, axes = plt.subplots(2, len(references), figsize=(2.1 * len(references), 4.6),
                             constrained_layout=True, squeeze=False)
    for column, (name, reference) in enumerate(references.items()):
        show_kernel(as_real_array(reference, name, ndim=2), ax=axes[0, column], title=name)
        edge_detector = abs(float(np.sum(reference))) < 1e-9
        score = np.abs(similarity[:, column]) if edge_detector else similarity[:, column]
        best = int(np.argmax(score))
        show_kernel(values[best].round(2), ax=axes[1, column],  # the numbers as written
                    title=f"kernel {best}\nsimilarity {similarity[best, column]:.2f}")
    fig.suptitle("top: hand-made kernels; bottom: the most similar learned kernel")
    return fig


def _tile(ax, pictures, columns, gap, title_room=0.0, **imshow_options):
    """Draw framed pictures side by side on one Axes, each in a unit square; return the images.

    One Axes with many images draws far faster than many Axes. Picture k sits
    in row ``k // columns`` and column ``k % columns``; ``gap`` and
    ``title_room`` are the spaces between them, in units of a picture.
    """
    images = []
    for index, picture in enumerate(pictures):
        row, column = divmod(index, columns)
        left = column * (1 + gap)
        top = row * (1 + gap + title_room) + title_room
        images.append(ax.imshow(picture, extent=(left, left + 1, top + 1, top),
                                **imshow_options))
        ax.add_patch(Rectangle((left, top), 1, 1, fill=False, edgecolor="0.6", linewidth=0.6))
    rows = -(-len(pictures) // columns)
    ax.set_xlim(-gap / 2, columns * (1 + gap) - gap / 2)
    ax.set_ylim(rows * (1 + gap + title_room) - gap / 2, -gap / 2)
    ax.set_aspect("equal")
    ax.axis("off")
    return images


def show_kernel_grid(kernels, columns=8, titles=None, suptitle=None):
    """Many small kernels as coloured squares on one shared blue-white-red scale.

    One scale for all (the largest ``|value|`` of any kernel) so that weak
    kernels look pale and strong ones saturated. The kernels are drawn on one
    Axes, each with its title written above it.

    Parameters
    ----------
    kernels : array_like, shape (N, kH, kW)
    columns : int >= 1
    titles : list of str, optional
        Defaults to the kernel's index.
    suptitle : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_kernel_grid(np.stack([np.eye(3), -np.eye(3)]), columns=4)
    >>> [t.get_text() for t in fig.axes[0].texts], fig.axes[1].get_ylabel()  # and a colour bar
    (['0', '1'], 'weight')
    >>> [image.get_clim() for image in fig.axes[0].images]
    [(-1.0, 1.0), (-1.0, 1.0)]
    >>> plt.close(fig)
    """
    values = as_real_array(kernels, "kernels", ndim=3)
    columns = min(check_int(columns, "columns", minimum=1), len(values))
    titles = [str(i) for i in range(len(values))] if titles is None else [str(t) for t in titles]
    if len(titles) != len(values):
        raise ValueError(f"titles must have one entry per kernel ({len(values)}), "
                         f"got {len(titles)}")
    rows = -(-len(values) // columns)
    limit = float(np.abs(values).max()) or 1.0
    fig, ax = plt.subplots(figsize=(1.45 * columns + 1.2, 1.55 * rows + 0.5),
                           constrained_layout=True)
    images = _tile(ax, values, columns, gap=0.15, title_room=0.3, cmap="RdBu_r",
                   vmin=-limit, vmax=limit, interpolation="nearest")
    for image, title in zip(images, titles, strict=True):
        left, _, _, top = image.get_extent()
        ax.text(left + 0.5, top - 0.05, title, ha="center", va="bottom", fontsize=8)
    fig.colorbar(images[0], ax=ax, shrink=0.8, label="weight")
    if suptitle:
        fig.suptitle(suptitle)
    describe(fig, f"{suptitle + '. ' if suptitle else ''}{len(values)} kernels of "
                  f"{values.shape[1]} x {values.shape[2]} weights, blue for negative, white for "
                  f"0, red for positive, on one scale from {number(-limit)} to {number(limit)}.",
             " ".join(f"Kernel {title}: values {range_text(kernel)}, {grid_text(kernel)}"
                      for title, kernel in zip(titles, values, strict=True)))
    return fig


def draw_feature_maps(model, image, label=None, maps=8):
    """One image through the network: the first ``maps`` feature maps of every stage, and
    the predicted probabilities.

    Left: the input. Middle: one row (one Axes) per stage of
    :func:`feature_maps`, its first ``maps`` channels on one colour scale per
    row (black 0, bright the row's largest value, read on the row's colour
    bar), so maps of the same stage compare directly.
    Right: the softmax of the scores, the predicted class in green, the true
    class (``label``) outlined and named "true: ..." on its axis.

    Parameters
    ----------
    model : Sequential
    image : array_like, shape (H, W) or (1, H, W)
    label : int, optional
        The true class, to mark on the bars.
    maps : int >= 1
        How many maps of each stage to show (fewer if a stage has fewer).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from convlessons.layers import Conv2D, Dense, Flatten, ReLU
    >>> from convlessons.training import Sequential
    >>> model = Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(),
    ...                     Flatten(), Dense(128, 10, seed=1)])
    >>> fig = draw_feature_maps(model, np.zeros((8, 8)), label=3, maps=4)
    >>> fig.axes[-1].get_title().startswith("true 3, predicted")
    True
    >>> plt.close(fig)
    """
    from ..training import softmax

    maps = check_int(maps, "maps", minimum=1)
    stages, scores = feature_maps(model, image)
    probabilities = softmax(scores[None])[0]
    predicted = int(np.argmax(probabilities))
    if label is not None:
        label = check_int(label, "label", minimum=0)
        if label >= len(probabilities):
            raise ValueError(f"label must be a class number from 0 to {len(probabilities) - 1}, "
                             f"got {label}")
    digit = as_real_array(image, "image")
    digit = digit[0] if digit.ndim == 3 else digit
    rows = max(len(stages), 1)
    columns = min(maps, max((m.shape[0] for _, m in stages), default=1))
    fig = plt.figure(figsize=(1.15 * columns + 6.2, 1.2 * rows + 1.0), constrained_layout=True)
    grid = fig.add_gridspec(rows, 3, width_ratios=[2.2, 1.1 * columns, 3.6])
    input_ax = fig.add_subplot(grid[: min(rows, 2), 0])
    input_ax.imshow(digit, cmap="gray", vmin=min(0.0, digit.min()), vmax=max(1.0, digit.max()))
    _bare(input_ax)
    input_ax.set_title("input" if label is None else f"input (a {label})")
    for row, (name, values) in enumerate(stages):
        # One Axes per stage, its maps side by side on one colour scale.
        ax = fig.add_subplot(grid[row, 1])
        top = float(values.max())
        low = min(0.0, float(values.min()))
        tiles = _tile(ax, values[:columns], columns, gap=0.1, cmap="magma", vmin=low,
                      vmax=top if top > low else low + 1, interpolation="nearest")
        if tiles:  # the stage's one colour scale
            bar = fig.colorbar(tiles[0], ax=ax, fraction=0.03, pad=0.01)
            bar.ax.tick_params(labelsize=7)
        channels, height, width = values.shape
        ax.text(-0.15, 0.5, f"{name}\n{channels} x {height} x {width}", fontsize=8,
                ha="right", va="center")
        if row == 0:
            for channel in range(min(columns, channels)):
                ax.text(channel * 1.1 + 0.5, -0.1, f"map {channel}", fontsize=8,
                        ha="center", va="bottom")
    bars_ax = fig.add_subplot(grid[:, -1])
    classes = np.arange(len(probabilities))
    colours = [OUTPUT_COLOUR if k == predicted else "0.7" for k in classes]
    bars = bars_ax.barh(classes, probabilities, color=colours)
    names = [str(k) for k in classes]
    if label is not None:
        bars[label].set_edgecolor("black")
        bars[label].set_linewidth(2)
        names[label] = f"true: {label}"
    bars_ax.set_yticks(classes, names)
    if label is not None:
        bars_ax.get_yticklabels()[label].set_fontweight("bold")
    bars_ax.invert_yaxis()
    bars_ax.set_xlim(0, 1)
    bars_ax.set_xlabel("probability (softmax of the scores)")
    for k, p in zip(classes, probabilities, strict=True):
        bars_ax.text(min(p, 0.78) + 0.02, k, f"{p:.1%}", va="center", fontsize=8)
    heading = f"predicted {predicted} ({probabilities[predicted]:.1%})"
    bars_ax.set_title(heading if label is None else f"true {label}, {heading}")
    return fig


__all__ = ["as_digits", "draw_feature_maps", "draw_kernel_matches", "draw_training_curves",
           "show_digits", "show_kernel_grid"]
