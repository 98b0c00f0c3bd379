"""Jobs run off the UI thread and report on it; a failure or a cancel is delivered, never swallowed."""

import threading

from docexam.gui.workers import JobRunner
from docexam.workbench.tasks import Cancelled


def test_a_job_runs_in_another_thread_and_reports_on_the_ui_thread(qtbot):
    runner = JobRunner()
    seen = {}

    def task(progress, cancel):
        seen["thread"] = threading.get_ident()
        progress(0.5, "half way")
        return 42

    with qtbot.waitSignal(runner.busy_changed) as busy:
        job = runner.start("answer", task)
    assert busy.args == [True]
    with qtbot.waitSignal(job.finished, timeout=5000) as done:
        pass
    assert done.args == [42] and job.result == 42
    assert seen["thread"] != threading.get_ident()
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)


def test_a_failure_is_delivered_with_its_exception(qtbot):
    runner = JobRunner()

    def task(progress, cancel):
        raise ValueError("no such light")

    job = runner.start("bad", task)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert isinstance(failed.args[0], ValueError) and "no such light" in job.traceback


def test_cancel_reaches_the_task(qtbot):
    runner = JobRunner()
    started = threading.Event()

    def task(progress, cancel):
        started.set()
        while True:
            cancel.check("the long job")
            threading.Event().wait(0.01)

    job = runner.start("long", task)
    started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        runner.cancel_all()
    assert job.is_done and job.error is None
    assert runner.wait(2000)
    assert issubclass(Cancelled, RuntimeError)


def test_a_task_that_fails_at_once_is_delivered_to_handlers_connected_after_start(qtbot):
    # Handlers are connected after start() returns, as every caller does; the task must not have run by then.
    runner = JobRunner()
    errors = []

    def task(progress, cancel):
        raise OSError("unreadable")

    for _ in range(30):
        job = runner.start("fails at once", task)
        threading.Event().wait(0.005)  # the worker would long have finished if it had started
        job.failed.connect(errors.append)
    qtbot.waitUntil(lambda: len(errors) == 30 and not runner.busy, timeout=5000)
    assert all(isinstance(e, OSError) for e in errors)


def test_a_job_cancelled_before_it_starts_never_runs(qtbot):
    runner = JobRunner()
    ran = []
    job = runner.start("never", lambda progress, cancel: ran.append(1))
    runner.cancel_all()  # before the event loop has started it
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        pass
    assert runner.wait(2000) and ran == [] and job.is_done and not runner.busy
