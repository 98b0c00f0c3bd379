"""Case store benchmark: building a large store, searching it, and carrying cases in export bundles.

Reports, on synthetic data only (ICAO specimen-style names and numbers, issuing states including UTO):

* the time to build a SQLite store of 100,000 cases, each with its questioned document filled in (number, holder,
  issuing state, dates, MRZ) and a valid audit trail (case created, document added, document filled), written in a
  few big transactions with SQLAlchemy Core, every hash chained by :func:`docexam.store.audit.entry_hash`;
* ``Store.list_cases`` searches as the GUI and the command line run them (``limit=50``): by exact document number,
  by holder name (words), by issuing state and created date range, and by free text; 50 different targets that
  exist per kind, median and 90th percentile milliseconds (aim: median under 50 ms on SQLite);
* export of 1,000 of those cases, one small PNG capture each (attached with ``Store.attach``), to a bundle, and its
  import into a fresh store: seconds for each, the bundle's size, and ``Store.verify()`` of the store imported into.

The ``--quick`` store (2,000 cases, 50 exported) is verified whole too (``--verify`` for the large one: it takes a
while). The SQLite store is not ANALYZEd, as a user's is not. ``--postgres URL`` runs the searches on a PostgreSQL
database as well: give an empty scratch database; the bench fills it, and drops the tables it made. The exit status
is 1 when a store fails to verify or a search misses the case it was aimed at.

    .venv/bin/python bench/store_bench.py [--cases 100000] [--export 1000] [--targets 50] [--quick] [--json FILE]
                                          [--postgres postgresql+psycopg://user@host/db] [--verify]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sqlalchemy import func, insert, inspect, select, text, update  # noqa: E402

from docexam.mrz import generate  # noqa: E402
from docexam.store import Store  # noqa: E402
from docexam.store import audit as audit_mod  # noqa: E402
from docexam.store.bundle import export_cases, import_bundle  # noqa: E402
from docexam.store.schema import audit, audit_heads, cases, documents, metadata  # noqa: E402
from docexam.store.store import _CASE_FIELDS, _DOC_FIELDS, holder_key, state_hash  # noqa: E402

TODAY = dt.date(2026, 11, 28)
FIRST_DAY = dt.date(2024, 1, 1)  # cases are opened between this day and TODAY
STATES = ["UTO", "D", "FRA", "NLD", "BEL", "GBR", "ITA", "ESP", "POL", "CHE", "XXA", "RKS"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
# Names in the style of the specimens of ICAO Doc 9303 and of national specimen documents.
SURNAMES = ["ERIKSSON", "MUSTERMANN", "STORCKENFELDT", "SPECIMEN", "DE MEIJER", "MARTIN", "DUPONT", "ROSSI",
            "KOWALSKA", "MOUSTERMAN", "NILAVADHANANANDA", "SMITH JONES", "VAN DER STEEN", "MUELLER", "BERTHIER",
            "ZHENG", "OSO", "WETOR", "HAPPY", "TRAVELER"]
GIVEN = ["ANNA", "MARIA", "ERIKA", "HANS", "PETER", "MARIE", "CORINNE", "WILLEKE", "LISELOTTE", "JIAN", "CHAYAPA",
         "DEJTHAMRONG", "VANSEN", "QUIMA", "JOHN", "JANE", "LUCA", "SOFIA", "JAN", "EVA", "OLIVER", "AMELIA"]
SYLLABLES = ["AL", "BER", "CA", "DO", "EN", "FER", "GA", "HOL", "IN", "JO", "KA", "LIN", "MO", "NA", "OR", "PE",
             "QUI", "RA", "SEN", "TO", "UL", "VAN", "WE", "XO", "YA", "ZE", "MAN", "SON", "DT", "STRA"]
PLACES = ["border post 4", "border post 12", "airport T1 arrivals", "airport T2 departures", "port of entry 3",
          "consulate visa desk", "police station 7", "registry office", "railway station checkpoint"]
EXAMINERS = ["A. MARTIN", "B. ERIKSSON", "C. ROSSI", "D. KOWALSKA", "E. MUELLER", "F. DUPONT", "G. VAN DER STEEN"]
ORIGIN = "bench-site"


# --- synthetic cases -----------------------------------------------------------------------------------------------


def _surname(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(SURNAMES)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _number(rng: random.Random) -> str:
    return rng.choice(LETTERS) + "".join(rng.choice(LETTERS + DIGITS * 3) for _ in range(8))


def _iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="microseconds")


def _ref(uid: str) -> str:
    return uid.replace("-", "")[:10].upper()


def synthetic_cases(n: int, seed: int) -> tuple[list[dict], int]:
    """``n`` cases in the order they were opened: each the case's row, its document's row and the times of its
    trail, with uids from the seed (so a run is repeatable); and how many references were drawn twice.

    A reference is made as ``Store.create_case`` makes it, ``DX-<year>-<first 10 hex digits of the uid>`` (40 bits);
    like create_case, a uid whose reference is taken is drawn again, and the count is reported."""
    rng = random.Random(seed)
    span = int((dt.datetime.combine(TODAY, dt.time()) - dt.datetime.combine(FIRST_DAY, dt.time())).total_seconds())
    start = dt.datetime.combine(FIRST_DAY, dt.time(), tzinfo=dt.UTC)
    opened = sorted(rng.randrange(span * 1_000_000) for _ in range(n))
    out: list[dict] = []
    references: set[tuple[str, str]] = set()
    collisions = 0
    for us in opened:
        created = start + dt.timedelta(microseconds=us)
        filled = created + dt.timedelta(seconds=rng.randint(20, 1800))
        at, at_doc = _iso(created), _iso(filled)
        uid, doc_uid = (str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2))
        while (at[:4], _ref(uid)) in references:  # a reference drawn twice: see above
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            collisions += 1
        references.add((at[:4], _ref(uid)))
        state = rng.choice(STATES)
        td1 = rng.random() < 0.25
        family, kind = ("TD1", "Identity card") if td1 else ("TD3", "Passport")
        surname = _surname(rng)
        given = [rng.choice(GIVEN) for _ in range(rng.randint(1, 3))]
        number = _number(rng)
        birth = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randint(0, 32000))
        expiry = created.date() + dt.timedelta(days=rng.randint(-1500, 3650))
        lines = generate(family, document_code="ID" if td1 else "P", issuing_state=state, surname=surname,
                         given_names=given, document_number=number, birth_date=birth, expiry_date=expiry,
                         sex=rng.choice("MF<"))
        holder = f"{surname} {' '.join(given)}"
        examiner = rng.choice(EXAMINERS)
        case = dict(uid=uid, reference=f"DX-{at[:4]}-{_ref(uid)}", title=f"{kind} {state} {number}, {rng.choice(PLACES)}",
                    examiner=examiner, status="open", verdict=None, verdict_note=None, notes="", created_at=at,
                    updated_at=at_doc, origin=ORIGIN)
        doc = dict(uid=doc_uid, family=family, issuing_state=state, number=number, holder=holder,
                   holder_key=holder_key(holder), birth_date=birth.isoformat(), expiry_date=expiry.isoformat(),
                   mrz="\n".join(lines), created_at=at_doc)
        out.append({"case": case, "document": doc, "surname": surname, "given": given})
    return out, collisions


class _Chain:
    """A chain's entries computed as :func:`docexam.store.audit.append` computes them, for bulk insertion."""

    def __init__(self, name: str, seq: int = 0, head: str = audit_mod.GENESIS) -> None:
        self.name, self.seq, self.head = name, seq, head

    def add(self, rows: list[dict], *, at: str, actor: str, action: str, detail: dict) -> None:
        body = audit_mod.canonical(detail)
        self.seq += 1
        h = audit_mod.entry_hash(self.head, self.name, self.seq, at, actor, action, body)
        rows.append(dict(chain=self.name, seq=self.seq, at=at, actor=actor, action=action, detail=body,
                         prev_hash=self.head, hash=h))
        self.head = h


def fill(store: Store, data: list[dict], batch: int = 10_000) -> dict:
    """Insert ``data`` (from :func:`synthetic_cases`) in transactions of ``batch`` cases, with the trails a store
    built through ``Store.create_case`` and ``Store.record_reading`` would hold. Returns seconds spent hashing and
    inserting."""
    hashing = inserting = 0.0
    with store.engine.connect() as conn:
        next_case = (conn.execute(select(func.max(cases.c.id))).scalar() or 0) + 1
        next_doc = (conn.execute(select(func.max(documents.c.id))).scalar() or 0) + 1
        head = conn.execute(select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.chain == audit_mod.STORE_CHAIN)).first()
    store_chain = _Chain(audit_mod.STORE_CHAIN, *(head or (0, audit_mod.GENESIS)))
    for lo in range(0, len(data), batch):
        t = time.perf_counter()
        case_rows, doc_rows, entries, heads = [], [], [], []
        for item in data[lo : lo + batch]:
            c, d = item["case"], item["document"]
            case_rows.append(dict(c, id=next_case))
            doc_rows.append(dict(d, id=next_doc, case_id=next_case))
            next_case += 1
            next_doc += 1
            chain = _Chain(c["uid"])
            chain.add(entries, at=c["created_at"], actor=c["examiner"], action="case.create",
                      detail={"reference": c["reference"], "title": c["title"], "examiner": c["examiner"], "origin": c["origin"]})
            store_chain.add(entries, at=c["created_at"], actor=c["examiner"], action="case.create",
                            detail={"case": c["uid"], "reference": c["reference"]})
            chain.add(entries, at=d["created_at"], actor=c["examiner"], action="document.add", detail={"document": d["uid"]})
            # the last entry records the case's state, as Store's changes do (Store.verify compares it with the rows)
            state = state_hash({"case": {k: c[k] for k in _CASE_FIELDS}, "documents": [{k: d[k] for k in _DOC_FIELDS}],
                                "captures": [], "findings": []})
            chain.add(entries, at=d["created_at"], actor=c["examiner"], action="document.update",
                      detail={"document": d["uid"], "from": "mrz", "fields": sorted(
                          ["family", "issuing_state", "number", "holder", "holder_key", "birth_date", "expiry_date", "mrz"]),
                          "state": state})
            heads.append(dict(chain=chain.name, seq=chain.seq, hash=chain.head))
        t2 = time.perf_counter()
        hashing += t2 - t
        with store.engine.begin() as conn:
            conn.execute(insert(cases), case_rows)
            conn.execute(insert(documents), doc_rows)
            conn.execute(insert(audit), entries)
            conn.execute(insert(audit_heads), heads)
            store_head = dict(seq=store_chain.seq, hash=store_chain.head)
            if not conn.execute(update(audit_heads).where(audit_heads.c.chain == audit_mod.STORE_CHAIN).values(**store_head)).rowcount:
                conn.execute(insert(audit_heads).values(chain=audit_mod.STORE_CHAIN, **store_head))
        inserting += time.perf_counter() - t2
    if store.engine.dialect.name == "postgresql":  # ids were given: move the sequences past them
        with store.engine.begin() as conn:
            for table in ("cases", "documents", "audit"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    return {"hash_s": hashing, "insert_s": inserting}


# --- searches ------------------------------------------------------------------------------------------------------


def search_targets(data: list[dict], n: int, seed: int) -> dict[str, list[tuple[str, dict, str | None]]]:
    """Per kind, ``n`` (label, list_cases arguments, uid of a case the search must find or None) from cases that
    exist."""
    rng = random.Random(seed)
    picks = [rng.choice(data) for _ in range(4 * n)]
    out: dict[str, list] = {"document number": [], "holder name": [], "state + created dates": [], "free text": []}
    for i, item in enumerate(picks[:n]):
        number = item["document"]["number"]
        out["document number"].append((number, {"number": number.lower() if i % 2 else number}, item["case"]["uid"]))
    for item in picks[n : 2 * n]:
        words = f"{item['surname']} {item['given'][0]}".title()
        out["holder name"].append((words, {"holder": words}, None))
    for item in picks[2 * n : 3 * n]:
        day = dt.date.fromisoformat(item["case"]["created_at"][:10])
        since = day - dt.timedelta(days=rng.randint(0, 30))
        until = since + dt.timedelta(days=rng.choice([7, 30, 90, 365]))
        state = item["document"]["issuing_state"]
        out["state + created dates"].append((f"{state} {since}..{until}", {"state": state, "since": since.isoformat(),
                                                                          "until": until.isoformat()}, None))
    for i, item in enumerate(picks[3 * n :]):
        q = [item["document"]["number"], item["surname"].lower(), item["case"]["reference"][3:]][i % 3]
        out["free text"].append((q, {"query": q}, item["case"]["uid"] if i % 3 != 1 else None))
    return out


def run_searches(store: Store, targets: dict, repeat: int, title: str) -> dict:
    """Each target searched ``repeat`` times with ``limit=50``; its time is the least of them."""
    results = {}
    for kind, items in targets.items():
        times, hits, missed = [], [], []
        for label, kwargs, must in items:
            best = float("inf")
            for _ in range(repeat):
                t = time.perf_counter()
                found = store.list_cases(**kwargs, limit=50)
                best = min(best, time.perf_counter() - t)
            times.append(best * 1000)
            hits.append(len(found))
            if not found or (must is not None and must not in {c.uid for c in found}):
                missed.append(label)
        results[kind] = {"targets": len(items), "median_ms": statistics.median(times),
                         "p90_ms": float(np.percentile(times, 90)), "max_ms": max(times),
                         "mean_hits": statistics.fmean(hits), "missed": missed}
    print(f"\n{title}")
    print(f"  {'':<24}{'targets':>9}{'median ms':>11}{'p90 ms':>9}{'max ms':>9}{'hits':>7}{'missed':>8}   aim: median < 50 ms")
    for kind, r in results.items():
        print(f"  {kind:<24}{r['targets']:>9}{r['median_ms']:>11.1f}{r['p90_ms']:>9.1f}{r['max_ms']:>9.1f}"
              f"{r['mean_hits']:>7.1f}{len(r['missed']):>8}" + ("" if r["median_ms"] < 50 else "   MISSED THE AIM"))
        if r["missed"]:
            print(f"    not found: {', '.join(r['missed'][:8])}")
    return results


# --- export and import ---------------------------------------------------------------------------------------------


def small_png(i: int, folder: Path) -> Path:
    """A 48 x 32 grey PNG, different bytes for every ``i``."""
    import cv2

    rng = np.random.default_rng(i)
    img = np.full((32, 48), 200, np.uint8)
    img[8:24, 6:42] = rng.integers(0, 255, (16, 36), dtype=np.uint8)
    path = folder / f"capture-{i:06d}.png"
    ok, buf = cv2.imencode(".png", img)
    assert ok
    path.write_bytes(buf.tobytes())
    return path


def export_import(store: Store, data: list[dict], n: int, folder: Path, seed: int) -> dict:
    rng = random.Random(seed)
    chosen = rng.sample(data, n)
    refs = [item["case"]["reference"] for item in chosen]
    pngs = folder / "png"
    pngs.mkdir()
    t = time.perf_counter()
    for i, ref in enumerate(refs):
        store.attach(ref, small_png(i, pngs), light=("visible", "uv", "ir")[i % 3])
    attach_s = time.perf_counter() - t
    bundle = folder / "cases.docexam.zip"
    t = time.perf_counter()
    exported = export_cases(store, refs, bundle)
    export_s = time.perf_counter() - t
    with Store.open(folder / "imported.sqlite", actor="bench-centre") as fresh:
        t = time.perf_counter()
        imported = import_bundle(fresh, bundle)
        import_s = time.perf_counter() - t
        t = time.perf_counter()
        check = fresh.verify()
        verify_s = time.perf_counter() - t
    r = {"cases": n, "attach_s": attach_s, "export_s": export_s, "bundle_bytes": exported.bytes, "images": exported.images,
         "import_s": import_s, "imported": len(imported.added), "imported_images": imported.images,
         "imported_verify_s": verify_s, "imported_verify_ok": check.ok, "imported_verify_problems": check.problems[:5]}
    print(f"\nExport and import: {n} cases, one PNG capture each")
    print(f"  attach (Store.attach, one transaction each)   {attach_s:>8.2f} s   ({attach_s / n * 1000:.1f} ms per image)")
    print(f"  export_cases -> bundle                        {export_s:>8.2f} s   ({exported.bytes / 1e6:.2f} MB, "
          f"{exported.images} images)")
    print(f"  import_bundle into a fresh store               {import_s:>8.2f} s   ({len(imported.added)} cases added, "
          f"{imported.images} images)")
    print(f"  verify() of the store imported into            {verify_s:>8.2f} s   "
          + ("ok" if check.ok else f"{len(check.problems)} PROBLEMS: {check.problems[:3]}"))
    return r


# --- the run -------------------------------------------------------------------------------------------------------


def build(store: Store, data: list[dict], label: str) -> dict:
    t = time.perf_counter()
    r = fill(store, data)
    r["total_s"] = time.perf_counter() - t
    with store.engine.connect() as conn:
        r["cases"] = conn.execute(select(func.count()).select_from(cases)).scalar()
        r["audit_entries"] = conn.execute(select(func.count()).select_from(audit)).scalar()
    print(f"  {label}: {r['cases']:,} cases, {r['audit_entries']:,} audit entries in {r['total_s']:.1f} s "
          f"(hashing {r['hash_s']:.1f} s, inserting {r['insert_s']:.1f} s)")
    return r


def postgres(url: str, data: list[dict], targets: dict, repeat: int) -> dict:
    store = Store.open(url, actor="bench")
    store.origin = ORIGIN
    try:
        with store.engine.connect() as conn:
            busy = [t.name for t in metadata.sorted_tables if conn.execute(select(func.count()).select_from(t)).scalar()]
        if busy:
            print(f"\nPostgreSQL {store.engine.url.render_as_string(hide_password=True)}: not empty ({', '.join(busy)} "
                  "have rows); give an empty scratch database. Skipped.")
            store.close()
            return {"skipped": "database not empty"}
        print(f"\nPostgreSQL store ({store.engine.url.render_as_string(hide_password=True)}):")
        r = {"build": build(store, data, "built")}
        with store.engine.begin() as conn:  # as autovacuum would soon after such a load
            conn.execute(text("ANALYZE"))
        r["search"] = run_searches(store, targets, repeat, f"Searches on PostgreSQL, {len(data):,} cases, Store.list_cases(limit=50)")
    finally:
        with store.engine.begin() as conn:
            if inspect(conn).has_table("cases"):
                metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        store.close()
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--export", type=int, default=1000, help="cases exported and imported, one PNG capture each")
    ap.add_argument("--targets", type=int, default=50, help="different search targets per kind of search")
    ap.add_argument("--repeat", type=int, default=3, help="runs per search; the fastest is its time")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="2,000 cases, 50 exported, for the test suite's smoke run")
    ap.add_argument("--verify", action="store_true", help="verify the whole large store too (the --quick one always is)")
    ap.add_argument("--postgres", metavar="URL", help="an empty scratch PostgreSQL database to run the searches on too")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    if args.quick:
        args.cases, args.export, args.targets, args.repeat, args.verify = 2000, 50, 20, 1, True
    print(f"Case store benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, each search's time the least of {args.repeat} runs")
    figures: dict = {"cases": args.cases}
    t = time.perf_counter()
    data, figures["reference_collisions"] = synthetic_cases(args.cases, args.seed)
    figures["generate_s"] = time.perf_counter() - t
    print(f"\n(generated {len(data):,} synthetic cases with their MRZs in {figures['generate_s']:.1f} s, not counted below)")
    if figures["reference_collisions"]:
        print(f"(case references DX-<year>-<8 hex digits> drawn twice and drawn again: {figures['reference_collisions']}; "
              "Store.create_case would have failed on them)")
    targets = search_targets(data, args.targets, args.seed + 1)
    with tempfile.TemporaryDirectory(prefix="docexam-store-bench-") as tmp:
        folder = Path(tmp)
        with Store.open(folder / "bench.sqlite", actor="bench") as store:
            store.origin = ORIGIN
            print("\nSQLite store (WAL, in a temporary folder), bulk insert in transactions of 10,000 cases:")
            figures["build"] = build(store, data, "built")
            raw = store.engine.raw_connection()  # outside a transaction (the engine begins every one IMMEDIATE)
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
            figures["build"]["file_bytes"] = sum(p.stat().st_size for p in folder.glob("bench.sqlite*"))
            print(f"  database file: {figures['build']['file_bytes'] / 1e6:.0f} MB")
            if args.verify:
                t = time.perf_counter()
                check = store.verify()
                figures["verify"] = {"s": time.perf_counter() - t, "ok": check.ok, "chains": check.chains,
                                     "problems": check.problems[:5]}
                print(f"  verify(): {check.cases:,} cases, {check.chains:,} chains in {figures['verify']['s']:.1f} s: "
                      + ("ok" if check.ok else f"{len(check.problems)} PROBLEMS: {check.problems[:3]}"))
            figures["search"] = run_searches(store, targets, args.repeat,
                                             f"Searches on SQLite, {args.cases:,} cases, Store.list_cases(limit=50)")
            figures["export"] = export_import(store, data, min(args.export, len(data)), folder, args.seed + 2)
            if args.verify:
                check = store.verify()
                figures["verify_after_export"] = check.ok
                print("  verify() of the large store after the attachments and the export: "
                      + ("ok" if check.ok else f"{len(check.problems)} PROBLEMS: {check.problems[:3]}"))
    if args.postgres:
        figures["postgres"] = postgres(args.postgres, data, targets, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    failed = (not figures["export"]["imported_verify_ok"] or not figures.get("verify", {}).get("ok", True)
              or not figures.get("verify_after_export", True) or figures["export"]["imported"] != figures["export"]["cases"]
              or any(r["missed"] for r in figures["search"].values()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
