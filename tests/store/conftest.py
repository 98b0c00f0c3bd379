"""Fixtures of the case store's tests: a store on each backend, sample images, readings, row counts."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from docexam.store import Store
from docexam.store.schema import metadata
from tests.conftest import ROOT

SPECIMEN = ROOT / "samples" / "specimens" / "td3-genuine"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """A SQLAlchemy URL of a database with no case: a new SQLite file, or a PostgreSQL database of the test's own
    already holding docexam's schema (postgres_store_url)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/cases.sqlite"
    return request.getfixturevalue("postgres_store_url")


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path) -> str:
    """A SQLAlchemy URL of an empty database, no schema yet: a new SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/cases.sqlite"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    s = Store.open(store_url, actor="tester")
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path}/only.sqlite", actor="tester")
    yield s
    s.close()


@pytest.fixture
def images(tmp_path) -> dict[str, Path]:
    """Temporary copies of the genuine TD3 specimen's captures: {"ir": path, "visible": path, "uv": path}."""
    folder = tmp_path / "images"
    folder.mkdir()
    return {light: Path(shutil.copy(SPECIMEN / f"{light}.jpg", folder / f"{light}.jpg")) for light in ("ir", "visible", "uv")}


def make_png(path: Path, seed: int, size: tuple[int, int] = (48, 32)) -> Path:
    """A small PNG whose bytes differ with ``seed`` (noise), quick to attach."""
    rng = random.Random(seed)
    img = Image.frombytes("L", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1])))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path


def reading(surname: str, given: str, number: str, state: str = "UTO", birth: str = "1994-06-22",
            expiry: str = "2036-04-30", confidence: float = 0.9731) -> dict:
    """A reading shaped like one object of ``docexam read --json``."""
    line1 = f"P<{state}{surname.replace(' ', '<')}<<{given.replace(' ', '<')}".ljust(44, "<")[:44]
    line2 = f"{number.ljust(9, '<')}0{state}{birth[2:4]}{birth[5:7]}{birth[8:10]}0M{expiry[2:4]}{expiry[5:7]}{expiry[8:10]}0".ljust(43, "<") + "0"
    return {
        "path": "read.jpg", "found": True, "engine": "ocrb", "elapsed_ms": 12.5, "format": "td3", "valid": True,
        "lines": [line1, line2],
        "fields": {"document_code": "P", "issuing_state": state, "surname": surname, "given_names": given,
                   "document_number": number, "nationality": state, "birth_date": birth, "expiry_date": expiry,
                   "sex": "M"},
        "checks": {"document_number": True, "birth_date": True, "expiry_date": True, "composite": True},
        "errors": [], "warnings": [], "confidence": confidence,
    }


def row_counts(store: Store) -> dict[str, int]:
    """The number of rows of every table of the schema."""
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in metadata.sorted_tables}


def table_rows(store: Store, table, *, drop=("id", "case_id", "document_id", "capture_id")) -> list[dict]:
    """A table's rows without the database-local integer ids, sorted, for comparing two databases."""
    with store.engine.connect() as conn:
        rows = [{k: v for k, v in r.items() if k not in drop} for r in conn.execute(select(table)).mappings()]
    for r in rows:
        for k, v in r.items():
            if isinstance(v, memoryview):
                r[k] = bytes(v)
    return sorted(rows, key=lambda r: repr(sorted(r.items())))
