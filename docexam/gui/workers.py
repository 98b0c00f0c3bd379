"""Long work off the UI thread: a job runs a Qt-free task (:mod:`docexam.workbench.tasks`) in Qt's thread pool and
reports back through signals, which Qt delivers on the UI thread. The window never waits for a job."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from docexam.workbench.tasks import Cancelled, CancelToken, Progress

#: A task: called with ``progress`` and ``cancel`` keyword arguments, returns its result.
Task = Callable[..., Any]


class Job(QObject):
    """One running task. ``finished(result)``, ``failed(exception)`` or ``cancelled()`` is emitted once, on the UI
    thread; ``progress(fraction, message)`` as it goes."""

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()  # after any of the three

    def __init__(self, name: str, task: Task, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.task = task
        self.token = CancelToken()
        self.started_at = time.monotonic()
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback = ""
        self.is_done = False

    def cancel(self) -> None:
        self.token.cancel()


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:  # the worker thread
        job = self.job
        report: Progress = lambda fraction, message: job.progress.emit(float(fraction), str(message))  # noqa: E731
        try:
            job.result = job.task(progress=report, cancel=job.token)
        except Cancelled:
            job.is_done = True
            job.cancelled.emit()
        except BaseException as e:  # noqa: BLE001 - handed to the UI thread, which shows it; nothing is swallowed
            job.error = e
            job.traceback = traceback.format_exc()
            job.is_done = True
            job.failed.emit(e)
        else:
            job.is_done = True
            job.finished.emit(job.result)
        job.done.emit()


class JobRunner(QObject):
    """Starts jobs and keeps them alive until they end. ``busy_changed(bool)`` tells the status bar."""

    busy_changed = Signal(bool)
    job_started = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.jobs: list[Job] = []
        self._pending: list[Job] = []

    def start(self, name: str, task: Task) -> Job:
        """Queue ``task`` and return its job. The task starts once the UI thread is back in its event loop, so
        the caller connects ``finished``/``failed`` first: a task that fails at once is never lost."""
        job = Job(name, task, self)
        self.jobs.append(job)
        job.done.connect(lambda: self._ended(job))
        was_busy = len(self.jobs) > 1
        self._pending.append(job)
        QTimer.singleShot(0, self._launch)
        self.job_started.emit(job)
        if not was_busy:
            self.busy_changed.emit(True)
        return job

    def _launch(self) -> None:
        pending, self._pending = self._pending, []
        for job in pending:
            if job.token.cancelled:  # cancelled before it started: it never runs
                job.is_done = True
                job.cancelled.emit()
                job.done.emit()
            else:
                self.pool.start(_Runner(job))

    def _ended(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
            if not self.jobs:
                self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def cancel_all(self) -> None:
        for job in list(self.jobs):
            job.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every job ended (closing the window, tests); True if they did."""
        self._launch()
        return self.pool.waitForDone(timeout_ms)
