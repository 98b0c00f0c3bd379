"""Two writers on one SQLite store, appending to the same case's audit chain at once: they take turns (BEGIN
IMMEDIATE, busy timeout), so the chain never forks and no writer sees "database is locked"."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from docexam.store import Store
from docexam.store.audit import entries
from tests.store.conftest import make_png

CHILD = Path(__file__).with_name("crash_child.py")


def test_two_processes_append_to_one_chain(tmp_path):
    db = f"sqlite:///{tmp_path}/cases.sqlite"
    work = tmp_path / "work"
    work.mkdir()
    with Store.open(db, actor="setup") as s:
        case = s.create_case("Passport")
    procs = [subprocess.Popen([sys.executable, str(CHILD), db, "append", str(work), str(seed)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}) for seed in (1, 2)]
    for p in procs:
        assert select.select([p.stdout], [], [], 60)[0], "a worker did not start"
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:  # both start together
        p.stdin.write("go\n")
        p.stdin.flush()
    # meanwhile, this process reads and verifies over and over (readers must not break the writers either)
    reads = 0
    with Store.open(db, actor="reader") as reader:
        deadline = time.monotonic() + 120
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            reader.show(case.id)
            reader.list_cases(query="Passport")
            reads += 1
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0, err
            assert "locked" not in err and err.strip() == "", err
            assert len(out.splitlines()) == 80
        report = reader.verify()
        assert report.ok, report.problems
        with reader.engine.connect() as conn:
            trail = entries(conn, case.uid)
        shown = reader.show(case.id).to_dict()
    assert reads > 0
    assert [e.seq for e in trail] == list(range(1, len(trail) + 1))
    actions = Counter(e.action for e in trail)
    assert actions == {"case.create": 1, "document.add": 1, "case.note": 80, "capture.add": 80}
    by_worker = Counter(e.actor for e in trail if e.action == "case.note")
    assert by_worker == {"worker-append-1": 40, "worker-append-2": 40}
    # each worker's notes are in its own order, and the two interleaved (they did run at once)
    for seed in (1, 2):
        notes = [json.loads(e.detail)["text"] for e in trail if e.actor == f"worker-append-{seed}" and e.action == "case.note"]
        assert notes == [f"{seed}: note {i}" for i in range(40)]
    switches = sum(a.actor != b.actor for a, b in zip(trail[2:], trail[3:]))
    assert switches >= 2, "the two workers never overlapped"
    assert len(shown["captures"]) == 80 and shown["case"]["notes"].count("\n") == 79


def test_threads_with_their_own_stores(tmp_path):
    db = f"sqlite:///{tmp_path}/cases.sqlite"
    with Store.open(db, actor="setup") as s:
        case = s.create_case("Passport")
    images = [make_png(tmp_path / f"{i}.png", i) for i in range(10)]
    errors = []
    barrier = threading.Barrier(3)

    def work(n: int) -> None:
        try:
            with Store.open(db, actor=f"thread-{n}") as store:
                barrier.wait()
                for i in range(25):
                    if i % 3 == 0:
                        store.attach(case.uid, images[(n + i) % len(images)], light="ir")
                    elif i % 3 == 1:
                        store.set_verdict(case.uid, ["genuine", "counterfeit", "pseudo"][n])
                    else:
                        store.add_note(case.uid, f"{n}.{i}")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with Store.open(db) as s:
        report = s.verify()
        assert report.ok, report.problems
        with s.engine.connect() as conn:
            trail = entries(conn, case.uid)
    assert [e.seq for e in trail] == list(range(1, 3 * 25 + 3))
    assert Counter(e.action for e in trail)["document.add"] == 1  # made once, by whichever attached first
    assert Counter(e.actor for e in trail if e.action != "document.add") == {"setup": 1, "thread-0": 25, "thread-1": 25, "thread-2": 25}


def test_first_cases_of_a_new_postgresql_database_at_once(postgres_url):
    """Several examiners open their first cases on a new central database at the same moment: each case is made,
    the store's chain (new, without a head yet) takes them in turn instead of failing all but one."""
    Store.open(postgres_url).close()  # migrated; no case yet, so no head for the store's chain
    stores = [Store.open(postgres_url, actor=f"examiner-{n}") for n in range(4)]
    errors = []
    barrier = threading.Barrier(len(stores))

    def work(store: Store) -> None:
        try:
            barrier.wait()
            store.create_case(f"first case of {store.actor}")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert errors == []
        report = stores[0].verify()
        assert report.ok, report.problems
        assert report.cases == 4 and report.chains == 5
        with stores[0].engine.connect() as conn:
            assert [e.seq for e in entries(conn, "store")] == [1, 2, 3, 4]
    finally:
        for s in stores:
            s.close()
