"""The time one image's reading may take, passed down to every step that could spend it.

An examiner waits on every image, and a forged MRZ (check digits that fail as printed) is exactly the one a reader
would otherwise search longest. So the reader works in order of likelihood (the upright reading at the located
line count first, then the same lines upside down, then foreshortened grids, a lost third line, and a second
engine) and asks the budget before each step whether its cost still fits. When it does not, the reading stops with
the best result so far and says what was left untried (:attr:`Budget.skipped`): an unconfirmed reading is reported
as unconfirmed, never silently as the end of an exhaustive search.

The budget counts the reading thread's CPU time (:func:`time.thread_time`), not the wall clock: on an idle machine the
two are about the same, and on a loaded one (a checkpoint laptop scanning while it also syncs) the same image is still
read the same way, so a reading can be repeated. Not the process's CPU time either: numpy's BLAS threads, when a
caller let them start, spin on every core and would count several times over. A second engine that runs as another
process (tesseract) is given the wall-clock time left as its timeout.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: Milliseconds of reading per image (decoding and locating included when :func:`docexam.read.reader.read_file`
#: starts the budget). The issue's bound is 500 ms per image on this machine (issue 21, item 5); a step already
#: started may run past the deadline by its own cost (about 60 ms at most: one correction of a garbled reading), and
#: the process's start and the result's printing come on top, hence the margin. Nor is the first look cut: decoding,
#: locating, one reading of the crop and its correction run whatever the budget says (a reading needs them to say
#: anything), 60 to 95 ms after the decoding on read_bench's captures. The largest, a 16-megapixel PNG, decodes in
#: about 300 ms of thread time (libpng, :func:`docexam.imageio.load_images`): with its first look it ends at about
#: 400 ms, its search cut short and said so (measured with a 100 ms budget, loaded machine; issue 21, item 5).
DEFAULT_LIMIT_MS = 380.0

#: The environment variable that sets every reading's limit where none is passed: milliseconds, ``0`` for none (the
#: exhaustive search, as ``docexam read --time-limit 0``). For a centre's workstation that would rather wait than
#: leave a reading unconfirmed, and for the test suite, whose checks of what the reader can read must not depend on
#: how fast the machine running them is (the budget's own behaviour is tested with explicit budgets, and what it
#: costs in accuracy is measured by bench/read_bench.py).
LIMIT_ENV = "DOCEXAM_READ_TIME_LIMIT"


def default_limit_ms() -> float | None:
    """The limit of a reading given none: :data:`LIMIT_ENV` when set (``0``: unlimited), else :data:`DEFAULT_LIMIT_MS`.

    Raises ValueError, naming the variable, when it is set to anything but a number of milliseconds >= 0.
    """
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_LIMIT_MS
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{LIMIT_ENV} must be a number of milliseconds >= 0 (0: no limit), got {raw!r}; "
                         f"unset it for the default of {DEFAULT_LIMIT_MS:g} ms")
    return value or None


@dataclass
class Budget:
    """A deadline for one image. ``limit_ms=None`` never runs out (for a tool that wants the exhaustive search).

    Steps are timed by name (:meth:`step`): :meth:`affords` then asks whether the costliest run of that step so far
    still fits in what is left, so a step that cannot finish in time is not started.
    """

    limit_ms: float | None = field(default_factory=default_limit_ms)
    clock: Callable[[], float] = time.thread_time
    #: What was left untried when time ran out, in the order it would have been tried.
    skipped: list[str] = field(default_factory=list)
    _start: float = field(init=False)
    _wall_start: float = field(init=False)
    _costs: dict[str, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.limit_ms is not None and not (self.limit_ms > 0 and math.isfinite(self.limit_ms)):
            raise ValueError(f"limit_ms must be a positive number of milliseconds or None, got {self.limit_ms!r}")
        self._start = self.clock()
        self._wall_start = time.perf_counter()

    @classmethod
    def unlimited(cls) -> Budget:
        return cls(None)

    def spent_ms(self) -> float:
        return (self.clock() - self._start) * 1000

    def left_ms(self) -> float:
        return math.inf if self.limit_ms is None else self.limit_ms - self.spent_ms()

    def wall_left_s(self) -> float | None:
        """Seconds of wall-clock time left (``None`` when unlimited), for a step run by another process."""
        if self.limit_ms is None:
            return None
        return max(0.0, self.limit_ms / 1000 - (time.perf_counter() - self._wall_start))

    def affords(self, step: str, *, guess_ms: float = 0.0) -> bool:
        """Whether ``step`` still fits: the costliest run of it so far (or ``guess_ms`` before the first) is left."""
        return self.left_ms() > self._costs.get(step, guess_ms)

    def cost_ms(self, step: str) -> float:
        """The costliest run of ``step`` so far (0 before the first)."""
        return self._costs.get(step, 0.0)

    def skip(self, what: str) -> None:
        """Record that ``what`` was not tried for want of time."""
        if what not in self.skipped:
            self.skipped.append(what)

    @property
    def cut_short(self) -> bool:
        return bool(self.skipped)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time one run of the step ``name`` (what :meth:`affords` later asks about)."""
        t = self.clock()
        try:
            yield
        finally:
            cost = (self.clock() - t) * 1000
            self._costs[name] = max(self._costs.get(name, 0.0), cost)


__all__ = ["DEFAULT_LIMIT_MS", "LIMIT_ENV", "Budget", "default_limit_ms"]
