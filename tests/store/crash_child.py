"""A worker for the crash and concurrency tests: it opens a SQLite case store and changes it in a loop, each change
its own transaction, printing a line once each change has returned (committed). Its parent kills it at random.

    python crash_child.py DB MODE WORKDIR [SEED]

MODE is ``attach`` (captures added to the store's cases in turn), ``create`` (a new case, then a capture of it),
``export`` (a capture, then every case exported to WORKDIR/cases.dxb), ``open`` (only open the store, migrating a
new database), ``reference`` (a reference of the library with a specimen of three lights and its annotation, then
a second annotation version, then every reference exported to WORKDIR/references.zip), or ``append`` (waits for "go" on stdin, then adds notes and captures to the first case, 40 of each, waiting after the first for the other worker to start,
and exits).
"""

from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path


def png(path: Path, rng: random.Random) -> Path:
    from PIL import Image

    img = Image.frombytes("L", (40, 24), bytes(rng.randrange(256) for _ in range(40 * 24)))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path


def say(*words: object) -> None:
    print(*words, flush=True)


def main(db: str, mode: str, workdir: str, seed: str = "0") -> None:
    import docexam.imageio  # noqa: F401  (imported lazily by attach: loaded now, before "ready")
    from docexam.store import Store
    from docexam.store.bundle import export_cases

    work = Path(workdir)
    rng = random.Random(int(seed))
    shared = work / "shared.jpg"  # one image attached again and again: stored once
    store = Store.open(db, actor=f"worker-{mode}-{seed}")
    if mode == "open":
        say("ready")
        return
    cases = [c.uid for c in store.list_cases()]
    say("ready")
    if mode == "append":
        assert sys.stdin.readline().strip() == "go"
        for i in range(40):
            time.sleep(rng.uniform(0, 0.004))  # a breath between transactions, as a person or a GUI would leave
            store.add_note(cases[0], f"{seed}: note {i}")
            say("note", i)
            cap = store.attach(cases[0], png(work / f"append-{seed}-{i}.png", rng), light="other")
            say("capture", cap["uid"])
            if i == 0:  # both workers wait here for each other once, so that they do run at once on a busy machine
                (work / f"append-started-{seed}").touch()
                deadline = time.monotonic() + 60
                while len(list(work.glob("append-started-*"))) < 2 and time.monotonic() < deadline:
                    time.sleep(0.005)
        return
    if mode == "reference":
        from docexam.references.model import Annotation, Region, Role
        from docexam.store.library import ReferenceLibrary, prepare_specimen
        from docexam.store.reference_bundle import export_references

        library = ReferenceLibrary(store)
        made = []
        for i in range(10**9):
            files = {light: png(work / f"ref-{seed}-{i}-{light}.png", rng) for light in ("visible", "uv", "ir")}
            spec = prepare_specimen(files, dpi=300)
            kind = library.create(f"reference {seed}.{i}", specimens=[spec], state="UTO",
                                  annotation=Annotation(spec.uid, 300, (Region("mrz", Role.MRZ, (1, 2, 30, 8)),)))
            say("reference", kind.id)
            made.append(kind.id)
            library.annotate(kind.id, Annotation(spec.uid, 300, (Region("mrz", Role.MRZ, (1, 3, 30, 8)),)))
            say("version", kind.id)
            export_references(store, made, work / "references.zip")
            say("export")
    for i in range(10**9):
        if mode == "create":
            case = store.create_case(f"case {seed}.{i}")
            say("case", case.uid)
            cases.append(case.uid)
            target = case.uid
        else:
            target = cases[i % len(cases)]
        image = shared if i % 5 == 0 else png(work / f"img-{seed}-{i}.png", rng)
        cap = store.attach(target, image, light=("visible", "uv", "ir")[i % 3])
        say("capture", cap["uid"])
        if mode == "export":
            export_cases(store, cases, work / "cases.dxb")
            say("export")


if __name__ == "__main__":
    main(*sys.argv[1:])
