"""Sample data: made in code or shipped with installed packages, never downloaded."""

import importlib.util

import numpy as np
import pytest

from convlessons import data


def test_recording_is_the_lesson_signal():
    assert data.recording().tolist() == [10, 9, 10, 9, 10, 1, 10, 9, 10, 8]


def test_noisy_sine_is_reproducible_and_seeded():
    t, clean, noisy = data.noisy_sine(100, periods=3, noise=0.2, seed=4)
    np.testing.assert_allclose(clean, np.sin(2 * np.pi * 3 * t))
    assert np.array_equal(noisy, data.noisy_sine(100, periods=3, noise=0.2, seed=4)[2])
    assert not np.array_equal(noisy, data.noisy_sine(100, periods=3, noise=0.2, seed=5)[2])
    assert 0.1 < np.std(noisy - clean) < 0.3
    with pytest.raises(ValueError, match="noise must be a finite number"):
        data.noisy_sine(noise=-1)
    with pytest.raises(ValueError, match="n_samples must be at least 2"):
        data.noisy_sine(1)


def test_hopper_photograph_in_every_form():
    gray = data.load_image()
    colour = data.load_image(color=True)
    raw = data.load_image(color=True, as_uint8=True)
    assert gray.shape == (600, 512) and colour.shape == (600, 512, 3)
    assert raw.dtype == np.uint8 and raw.max() > 200
    np.testing.assert_allclose(colour, raw / 255.0)
    # Grayscale is the BT.601 luminance of the colour image, rounded to 8 bits.
    luminance = raw @ np.array([0.299, 0.587, 0.114])
    assert np.abs(gray * 255 - luminance).max() <= 0.5 + 1e-9
    gray[0, 0] = -1
    assert data.load_image()[0, 0] >= 0, "each call must return a fresh array"


def test_unknown_and_unavailable_images_are_explained():
    with pytest.raises(ValueError, match="name must be one of 'hopper'"):
        data.load_image("lenna")
    if importlib.util.find_spec("skimage") is None:
        with pytest.raises(ValueError, match="pip install scikit-image"):
            data.load_image("camera")
    else:
        assert data.load_image("camera").ndim == 2


def test_every_padding_mode_frames_the_tiny_image_differently():
    image = data.tiny_image()
    modes = {"zeros": "constant", "reflect": "reflect", "symmetric": "symmetric",
             "replicate": "edge", "circular": "wrap"}
    framed = {name: np.pad(image, 2, mode=mode).tobytes() for name, mode in modes.items()}
    assert len(set(framed.values())) == len(modes)
