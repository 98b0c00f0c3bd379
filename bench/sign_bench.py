"""What signatures cost (issue 22): signing and verifying one audit entry, a change to a case with and without
signing, a bundle of 1,000 cases signed at export and checked at import, and ``case verify`` with signatures.

    .venv/bin/python bench/sign_bench.py [--cases 1000] [--entries 20000] [--verify-cases 100000] [--quick]
                                         [--json FILE]

A store with accounts signs every audit entry (Ed25519 over the entry's hash) and checks every signature in
``case verify``; a bundle is signed once over its manifest's digest, and its import checks that signature and every
trail entry's. Figures are per entry and per bundle; then ``case verify`` of a signed 100,000-case store (built in
bulk, with every entry signed as ``Store`` signs it, once, and kept in the temporary folder): whole, and since the
last verify with nothing changed and after 10 changes. Wall-clock seconds depend on what else the machine runs; the
CPU seconds beside them (of every thread) do not.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docexam.store import Store, signing, trust
from docexam.store import audit as audit_mod
from docexam.store.accounts import add_user
from docexam.store.bundle import _read_bundle, export_cases, import_bundle

PASS = "bench passphrase"
ADMIN = "Ben Cha"
#: Bumped when the signed store built below changes, so a cached one from an older bench is built again.
SIGNED_STORE_VERSION = 1


def per_entry(n: int) -> dict[str, float]:
    new = signing.generate(PASS)
    key = signing.unlock(new.private_key, PASS, key=new.key_id, owner="bench", owner_kind="examiner")
    hashes = [f"{i:064x}" for i in range(n)]
    t = time.perf_counter()
    sigs = [key.sign_entry(h) for h in hashes]
    sign_s = time.perf_counter() - t
    verifier = signing.Verifier()
    t = time.perf_counter()
    ok = all(verifier.entry(new.public_key, h, s) for h, s in zip(hashes, sigs, strict=True))
    verify_s = time.perf_counter() - t
    assert ok
    t = time.perf_counter()
    signing.unlock(new.private_key, PASS, key=new.key_id, owner="bench", owner_kind="examiner")
    unlock_s = time.perf_counter() - t
    return {"sign_us": sign_s / n * 1e6, "verify_us": verify_s / n * 1e6, "unlock_key_ms": unlock_s * 1e3}


def fill(store: Store, cases: int) -> list[int]:
    ids = []
    for i in range(cases):
        c = store.create_case(f"bench case {i}")
        store.add_note(c.id, "looked at under UV")
        store.set_verdict(c.id, "genuine", note="all features present")
        ids.append(c.id)
    return ids


def build_signed_store(path: Path, cases: int, *, batch: int = 10_000) -> None:
    """A store of ``cases`` cases, each with a document, a note and a verdict, every entry signed by its
    administrator as ``Store`` would sign it (the case's first entry pinned by the store's signed entry), written in
    bulk (one transaction per ``batch`` cases): 100,000 cases in about a minute instead of hours through ``Store``."""
    import random
    import uuid

    from sqlalchemy import insert, update

    from docexam.store.schema import audit, audit_heads, documents
    from docexam.store.schema import cases as cases_t
    from docexam.store.store import _CASE_FIELDS, _DOC_FIELDS, state_hash

    store = Store.open(path, actor="bench")
    store.origin = "bench-site"
    add_user(store, ADMIN, "administrator", PASS)
    key = store.session.key if store.session is not None else None
    assert key is not None
    with store.engine.connect() as conn:
        seq, head = conn.execute(audit_heads.select().where(audit_heads.c.chain == audit_mod.STORE_CHAIN)).one()[1:]

    def add(rows: list[dict], chain: str, n: int, prev: str, at: str, action: str, detail: dict) -> str:
        body = audit_mod.canonical(detail)
        h = audit_mod.entry_hash(prev, chain, n, at, ADMIN, action, body)
        rows.append(dict(chain=chain, seq=n, at=at, actor=ADMIN, action=action, detail=body, prev_hash=prev, hash=h,
                         signer=key.key_id, signature=key.sign_entry(h)))
        return h

    rng = random.Random(cases)  # the same store every time
    next_id = 1
    for lo in range(0, cases, batch):
        case_rows, doc_rows, entries, heads = [], [], [], []
        for i in range(lo, min(cases, lo + batch)):
            uid, doc_uid = (str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2))
            at = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00.{i % 1_000_000:06d}+00:00"
            ref = f"DX-2026-{uid.replace('-', '')[:10].upper()}"
            case = dict(uid=uid, reference=ref, title=f"bench case {i}", examiner=ADMIN, status="concluded",
                        verdict="genuine", verdict_note="all features present", notes="looked at under UV",
                        created_at=at, updated_at=at, origin="bench-site")
            doc = dict(uid=doc_uid, family="TD3", issuing_state="UTO", number=f"L{i:08d}", holder="ERIKSSON ANNA",
                       holder_key="ERIKSSON ANNA", birth_date="1974-08-12", expiry_date="2031-04-15", mrz=None,
                       created_at=at)
            case_rows.append(dict(case, id=next_id))
            doc_rows.append(dict(doc, id=next_id, case_id=next_id))
            next_id += 1
            opened = state_hash({"case": {k: case[k] for k in _CASE_FIELDS} | {"status": "open", "verdict": None,
                                                                               "verdict_note": None, "notes": ""},
                                 "documents": [], "captures": [], "findings": []})
            final = state_hash({"case": {k: case[k] for k in _CASE_FIELDS},
                                "documents": [{k: doc[k] for k in _DOC_FIELDS}], "captures": [], "findings": []})
            h = first = add(entries, uid, 1, audit_mod.GENESIS, at, "case.create",
                            {"reference": ref, "title": case["title"], "examiner": ADMIN, "origin": "bench-site",
                             "state": opened})
            seq += 1
            head = add(entries, audit_mod.STORE_CHAIN, seq, head, at, "case.create",
                       {"case": uid, "reference": ref, "head": first})
            h = add(entries, uid, 2, h, at, "document.add", {"document": doc_uid, "state": final})
            h = add(entries, uid, 3, h, at, "case.note", {"text": "looked at under UV", "state": final})
            h = add(entries, uid, 4, h, at, "case.verdict", {"verdict": "genuine", "note": "all features present",
                                                             "previous": None, "status": "concluded",
                                                             "previous_status": "open", "state": final})
            heads.append(dict(chain=uid, seq=4, hash=h))
        with store.engine.begin() as conn:
            conn.execute(insert(cases_t), case_rows)
            conn.execute(insert(documents), doc_rows)
            conn.execute(insert(audit), entries)
            conn.execute(insert(audit_heads), heads)
            conn.execute(update(audit_heads).where(audit_heads.c.chain == audit_mod.STORE_CHAIN)
                         .values(seq=seq, hash=head))
    store.close()


def signed_store(cases: int, cache: Path | None = None) -> tuple[Path, float | None]:
    """The path of a signed store of ``cases`` cases, built once and kept under ``cache`` (default: the system's
    temporary folder) for the next run; and the seconds building it took (None: it was there already). The cached
    file is copied before use, so what a run changes never reaches the next one."""
    import shutil

    folder = cache or Path(tempfile.gettempdir()) / "docexam-sign-bench"
    folder.mkdir(parents=True, exist_ok=True)
    built = folder / f"signed-{cases}-v{SIGNED_STORE_VERSION}.sqlite"
    took = None
    if not built.exists():
        t = time.perf_counter()
        part = built.with_suffix(".part")
        for p in folder.glob(part.name + "*"):
            p.unlink()
        build_signed_store(part, cases)
        shutil.move(part, built)
        took = time.perf_counter() - t
    work = folder / f"work-{cases}.sqlite"
    for p in folder.glob(work.name + "*"):
        p.unlink()
    shutil.copyfile(built, work)
    return work, took


def _timed(fn):
    """``fn()``, its wall-clock seconds and the CPU seconds of the whole process (every thread) meanwhile."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def large_verify(cases: int, changes: int = 10) -> dict[str, object]:
    """``case verify`` of a signed store of ``cases`` cases (built in bulk once, then cached): the full verify,
    which leaves a checkpoint, then ``--since-last`` with nothing changed and after ``changes`` changes (a note on
    each of ``changes`` cases, signed)."""
    path, built = signed_store(cases)
    out: dict[str, object] = {"cases": cases, "build_s": built}
    with Store.open(path, user=ADMIN, passphrase=PASS) as store:
        report, wall, cpu = _timed(lambda: store.verify(record=True))
        assert report.ok and report.recorded, report.problems[:3]
        out["full"] = {"s": wall, "cpu_s": cpu, "entries": report.entries}
        report, wall, cpu = _timed(lambda: store.verify(since_last=True, record=True))
        assert report.ok and report.mode == "since-last", (report.note, report.problems[:3])
        out["since_last_unchanged"] = {"s": wall, "cpu_s": cpu, "entries": report.entries}
        for case in store.list_cases(limit=changes):
            store.add_note(case.id, "looked at again")
        report, wall, cpu = _timed(lambda: store.verify(since_last=True, record=True))
        assert report.ok and report.mode == "since-last", (report.note, report.problems[:3])
        out["since_last_changed"] = {"s": wall, "cpu_s": cpu, "entries": report.entries, "changes": changes}
    return out


def run(cases: int, entries: int) -> dict[str, object]:
    out: dict[str, object] = {"entry": per_entry(entries)}
    with tempfile.TemporaryDirectory() as tmp:
        legacy = Store.open(Path(tmp) / "legacy.sqlite", actor="bench")
        signed = Store.open(Path(tmp) / "signed.sqlite", actor="bench")
        t = time.perf_counter()
        add_user(signed, "Ben Cha", "administrator", PASS)
        out["first_account_s"] = time.perf_counter() - t
        trust.create_key(signed, station=True)
        figures = {}
        for name, store in (("unsigned", legacy), ("signed", signed)):
            t = time.perf_counter()
            ids = fill(store, cases)
            made = time.perf_counter() - t
            t = time.perf_counter()
            report = store.verify()
            verified = time.perf_counter() - t
            assert report.ok, report.problems[:3]
            figures[name] = {"change_ms": made / (cases * 3) * 1e3, "verify_ms_per_case": verified / cases * 1e3,
                             "verify_100k_cases_s_extrapolated": verified / cases * 100_000}
        out["store"] = figures

        bundle = Path(tmp) / "b.dxb"
        t = time.perf_counter()
        export_cases(signed, ids, bundle)
        export_s = time.perf_counter() - t
        manifest = _read_bundle(bundle)
        with signed.engine.connect() as conn:
            station = trust.station_signer(signed, conn)
            assert station is not None
            t = time.perf_counter()
            trust.signature_document(manifest, station)
            sign_bundle_s = time.perf_counter() - t
        centre = Store.open(Path(tmp) / "centre.sqlite", actor="bench")
        add_user(centre, "Cen Tra", "administrator", PASS)
        trust.add_trusted(centre, trust.export_key(signed, station=True))
        with centre.engine.connect() as conn:
            t = time.perf_counter()
            trust.check_bundle(conn, bundle, manifest, "cases")
            check_bundle_s = time.perf_counter() - t
        t = time.perf_counter()
        import_bundle(centre, bundle)
        import_s = time.perf_counter() - t
        n_entries = sum(len(e["audit"]) for e in manifest["cases"])
        out["bundle"] = {"cases": cases, "entries": n_entries, "export_s": export_s,
                         "sign_s (digest + signature)": sign_bundle_s,
                         "check_signatures_s (bundle + every entry)": check_bundle_s, "import_s": import_s}
        for s in (legacy, signed, centre):
            s.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1000, help="cases of the store and of the bundle (default 1,000)")
    ap.add_argument("--entries", type=int, default=20000, help="entries signed and verified alone (default 20,000)")
    ap.add_argument("--quick", action="store_true", help="50 cases, 2,000 entries, for the test suite's smoke run")
    ap.add_argument("--verify-cases", type=int, default=100_000, metavar="N",
                    help="cases of the large signed store verified whole and since the last verify (default 100,000; "
                         "0: skip it). It is built once in bulk and kept in the temporary folder for the next run")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    cases, entries = (50, 2000) if args.quick else (args.cases, args.entries)
    large = 2000 if args.quick else args.verify_cases
    fig = run(cases, entries)
    if large:
        fig["large"] = large_verify(large)
    e = fig["entry"]
    print(f"Per audit entry: sign {e['sign_us']:.1f} us, verify {e['verify_us']:.1f} us; unlocking a key (Argon2id "
          f"+ PEM) {e['unlock_key_ms']:.0f} ms; the first account (hash, key) {fig['first_account_s']:.2f} s")
    for name, f in fig["store"].items():  # type: ignore[attr-defined]
        print(f"Store, {name}: {f['change_ms']:.2f} ms per change, verify {f['verify_ms_per_case']:.2f} ms per case "
              f"(100,000 cases: ~{f['verify_100k_cases_s_extrapolated']:.0f} s)")
    b = fig["bundle"]
    print(f"Bundle of {b['cases']} cases ({b['entries']} entries): export {b['export_s']:.2f} s, signing "
          f"{b['sign_s (digest + signature)'] * 1e3:.1f} ms; at import, checking the signatures "
          f"{b['check_signatures_s (bundle + every entry)']:.2f} s, the whole import {b['import_s']:.2f} s")
    if large:
        g = fig["large"]
        built = (f"built in bulk in {g['build_s']:.0f} s" if g["build_s"] is not None  # type: ignore[index]
                 else "built before, cached")
        print(f"case verify of a signed store of {large:,} cases ({built}), wall seconds (CPU seconds of all threads):")
        for key, what in (("full", "whole (every entry, signature, case, image)"),
                          ("since_last_unchanged", "--since-last, nothing changed"),
                          ("since_last_changed", "--since-last after 10 changes")):
            f = g[key]  # type: ignore[index]
            print(f"  {what:<46} {f['s']:>8.2f} s  ({f['cpu_s']:.2f} s CPU, {f['entries']:,} entries)")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=1))


if __name__ == "__main__":
    main()
