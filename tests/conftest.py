import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

#: The reference day of every date-dependent test, so results do not drift with the calendar.
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="session")
def corpus_truth() -> dict:
    path = CORPUS / "truth.json"
    if not path.exists():
        pytest.fail(f"the peer corpus is missing: {path} (CI and developers have ../shared beside the repo)")
    return json.loads(path.read_text(encoding="utf-8"))
