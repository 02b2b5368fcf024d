"""Colour in the figures stays readable under the common colour-vision deficiencies.

Each colour map that carries values in a figure is simulated under full
deuteranopia and protanopia (colorspacious, Machado et al. 2009, the
simulation Matplotlib's documentation uses) and measured in CAM02-UCS, where
a distance of about 1 is just noticeable: the ends of every scale must stay
far apart, sequential scales must stay ordered by lightness, and the two
halves of the signed scale must not merge. Pairs of categorical colours that
mark different things in one figure must stay apart too.
"""

from __future__ import annotations

import colorspacious
import matplotlib
import numpy as np
import pytest
from matplotlib import colors

DEFICIENCIES = ["deuteranomaly", "protanomaly"]
#: Sequential maps used for values: grayscale images, feature maps, pooling grids.
SEQUENTIAL = ["gray", "magma", "Blues", "Oranges", "Greens"]
#: Colours that mark different things in one figure (window taps against
#: samples never covered; signal against kernel; the two neurons' patches).
PAIRS = [("tab:orange", "tab:red"), ("tab:blue", "tab:orange"), ("tab:orange", "tab:purple")]


def seen(rgb, deficiency):
    """Colours (..., 3) in sRGB 0-1 as seen with the deficiency at full severity."""
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)


def ucs(rgb):
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def distance(a, b) -> float:
    return float(np.linalg.norm(ucs(a) - ucs(b)))


def test_simulation_is_a_real_one():
    # Pure red and pure green, far apart for normal vision, nearly merge for a deuteranope.
    red, green = np.array([0.8, 0.1, 0.1]), np.array([0.1, 0.6, 0.1])
    assert distance(red, green) > 40
    assert distance(seen(red, "deuteranomaly"), seen(green, "deuteranomaly")) < 15


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize("name", SEQUENTIAL)
def test_sequential_maps_stay_ordered_and_spread(name, deficiency):
    rgb = matplotlib.colormaps[name](np.linspace(0, 1, 64))[:, :3]
    lightness = ucs(seen(rgb, deficiency))[:, 0]
    steps = np.diff(lightness)
    assert np.all(steps > 0) or np.all(steps < 0), f"{name} is not ordered by lightness"
    assert abs(lightness[-1] - lightness[0]) > 40


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_signed_scale_keeps_negative_and_positive_apart(deficiency):
    rgb = seen(matplotlib.colormaps["RdBu_r"](np.linspace(0, 1, 65))[:, :3], deficiency)
    # -limit against +limit, and each half against white (0) at a quarter of the range.
    assert distance(rgb[0], rgb[-1]) > 20
    assert distance(rgb[16], rgb[48]) > 10
    assert distance(rgb[16], rgb[32]) > 10 and distance(rgb[48], rgb[32]) > 10


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_marking_colours_stay_apart(first, second, deficiency):
    a, b = (seen(np.array(colors.to_rgb(c)), deficiency) for c in (first, second))
    assert distance(a, b) > 15
