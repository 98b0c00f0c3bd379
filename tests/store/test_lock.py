"""Images are decoded and hashed before a change takes the database's write lock: a large scan decoding for seconds
must not hold up every other writer (the busy timeout would end them). How long a second writer waits is a figure of
bench/store_lock_bench.py, not timed here."""

from __future__ import annotations

import pytest
from sqlalchemy import event

import docexam.imageio
from docexam.store import Store
from tests.store.conftest import reading


def impatient(store: Store) -> Store:
    """``store`` with writers that give up at once when another holds the write lock (SQLite busy timeout 0,
    PostgreSQL lock timeout 1 ms), so a lock held by someone else is an error, not a wait."""

    @event.listens_for(store.engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 0" if store.engine.dialect.name == "sqlite" else "SET lock_timeout = 1")
        cur.close()
        if store.engine.dialect.name != "sqlite":
            dbapi_conn.commit()

    store.engine.dispose()  # the connections opened before are made again, with the setting
    return store


@pytest.mark.parametrize("operation", ["attach", "record_reading", "record_comparison"])
def test_other_writers_write_while_an_image_decodes(store, store_url, images, monkeypatch, operation):
    case = store.create_case("a large scan")
    other = impatient(Store.open(store_url, actor="colleague"))
    elsewhere = other.create_case("another case")
    real = docexam.imageio.load_images
    written = []

    def decoding(path, *args, **kwargs):
        # While the scan decodes, a colleague writes to another case and to this very case.
        other.add_note(elsewhere.id, f"written while {path.name} decoded")
        other.add_note(case.id, f"written while {path.name} decoded")
        written.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(docexam.imageio, "load_images", decoding)
    try:
        if operation == "attach":
            store.attach(case.id, images["ir"], light="ir")
        elif operation == "record_reading":
            store.record_reading(case.id, images["visible"], reading("WETOR OSO", "VANSEN QUIMA", "R03753663"))
        else:
            findings = [{"kind": "portrait", "light": light, "bbox": [1, 2, 3, 4], "score": 0.5, "region": "portrait",
                         "detail": "photo", "alarm": False} for light in ("visible", "uv")]
            store.record_comparison(case.id, {k: images[k] for k in ("visible", "uv")}, {"alarms": 0}, findings)
    finally:
        other.close()
    assert written  # the hook ran, and every write it made went through
    shown = store.show(case.id).to_dict()
    assert shown["case"]["notes"].count("written while") == len(written)
    assert shown["captures"] and store.verify().ok
