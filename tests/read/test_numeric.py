"""The reader's shortcuts for numpy's statistics give numpy's values (issue 21: they cost less on small arrays)."""

import numpy as np

from docexam.read.numeric import line_fit, median, percentile, percentiles


def _samples(seed: int):
    rng = np.random.default_rng(seed)
    for i in range(400):
        shape = (int(rng.integers(1, 5000)),) if i % 2 else (int(rng.integers(1, 40)), int(rng.integers(1, 200)))
        a = rng.normal(size=shape) * rng.uniform(1, 40)
        if i % 3 == 0:
            a = np.round(a)  # ties, as pixel offsets and counts have
        yield a.astype(np.float64 if i % 5 == 0 else np.float32)


def test_percentiles_are_numpy_s_to_the_bit():
    for a in _samples(11):
        assert np.array_equal(percentiles(a, (2.0, 98.0)), np.percentile(a, [2, 98]))
        for q in (99.5, 0.0, 50.0, 100.0, 37.3):
            got, want = percentile(a, q), np.percentile(a, q)
            assert got == want and got.dtype == want.dtype


def test_the_median_is_numpy_s():
    rng = np.random.default_rng(4)
    for a in _samples(12):
        assert median(a) == float(np.median(a))
        counts = rng.integers(0, 50, a.size)
        assert median(counts) == float(np.median(counts))


def test_the_line_fit_is_numpy_s_least_squares_line():
    rng = np.random.default_rng(5)
    for n in (2, 3, 50, 4000):
        x = rng.uniform(-500, 500, n)
        y = 0.03 * x + rng.normal(size=n) + 7
        assert np.allclose(line_fit(x, y), np.polyfit(x, y, 1), rtol=1e-9, atol=1e-9)
        assert np.allclose(line_fit(x.astype(np.float32), y.astype(np.float32)), np.polyfit(x, y, 1), rtol=1e-5,
                           atol=1e-4)
    assert line_fit(np.full(5, 3.0), np.arange(5.0)) == (0.0, 2.0)  # no spread along: a flat line through the mean
