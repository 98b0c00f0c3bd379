"""Regenerate the bundled specimen samples and the contact sheet in docs/.

    .venv/bin/python samples/specimens/make_samples.py

Writes, beside this script, four documents in the exercise-pack layout ({visible,uv,ir}.jpg and key.json): a genuine
TD3 passport page and TD1 card, and one altered document of each family, captured as an easy flatbed scan at 200 dpi
and stored as JPEG (quality 92) to keep the repository small (packs from `docexam exercise generate` are PNG);
and docs/specimens-contact-sheet.jpg. Everything is seeded: running it again writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from docexam.lights import LIGHTS  # noqa: E402
from docexam.specimens import FAMILIES, Kind, alter, random_specimen, render  # noqa: E402
from docexam.specimens.capture import capture, sample_conditions  # noqa: E402
from docexam.specimens.design import REFERENCE_DPI  # noqa: E402
from docexam.specimens.forgery import VERDICT  # noqa: E402
from docexam.verdicts import ExerciseVerdict  # noqa: E402

TODAY = dt.date(2026, 11, 28)
SAMPLES = [
    ("td3-genuine", "td3", 101, None),
    ("td3-photo-substitution", "td3", 102, Kind.PHOTO_SUBSTITUTION),
    ("td1-genuine", "td1", 201, None),
    ("td1-viz-alteration", "td1", 202, Kind.VIZ_ALTERATION),
]


def main(out: Path = HERE, docs: Path = ROOT / "docs") -> int:
    sheet_rows = []
    for name, fam, seed, kind in SAMPLES:
        specimen = random_specimen(FAMILIES[fam], seed, today=TODAY)
        alterations = []
        if kind:
            specimen, alteration = alter(specimen, kind, seed=seed, difficulty="easy")
            alterations.append(alteration.to_key())
        images = render(specimen)
        conditions = sample_conditions(seed=seed, difficulty="easy")
        conditions = type(conditions)(**(conditions.to_dict() | {"dpi": 200, "noise_sigma": min(conditions.noise_sigma, 1.5)}))
        shot = capture({k.value: v for k, v in images.items()}, conditions, reference_dpi=REFERENCE_DPI, seed=seed)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for light, img in shot.images.items():
            ok, buf = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 92])
            assert ok
            (folder / f"{light}.jpg").write_bytes(buf.tobytes())
        key = {"id": name, "family": fam, "design": FAMILIES[fam].design, "mrz": list(specimen.mrz), "viz": specimen.viz, "data": specimen.data.to_dict(),
               "capture": conditions.to_dict() | {"reference_dpi": REFERENCE_DPI, "stored_as": "JPEG quality 92",
                                                  "homographies": {k: np.asarray(v, float).tolist() for k, v in shot.homographies.items()}},
               "alterations": alterations, "verdict": VERDICT[kind] if kind else ExerciseVerdict.GENUINE}
        (folder / "key.json").write_text(json.dumps(key, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        # Contact sheet row: the three lights of the flat rendering, 100 px per 25.4 mm.
        thumbs = [cv2.resize(images[light], None, fx=1 / 3, fy=1 / 3, interpolation=cv2.INTER_AREA) for light in LIGHTS]
        row = np.concatenate([np.pad(t, ((6, 6), (6, 6), (0, 0)), constant_values=255) for t in thumbs], axis=1)
        cv2.putText(row, f"{name}", (12, row.shape[0] - 10), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (200, 0, 0), 1, cv2.LINE_AA)
        sheet_rows.append(row)
    width = max(r.shape[1] for r in sheet_rows)
    sheet = np.concatenate([np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0)), constant_values=255) for r in sheet_rows])
    docs.mkdir(exist_ok=True)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    assert ok
    (docs / "specimens-contact-sheet.jpg").write_bytes(buf.tobytes())
    print(f"wrote {len(SAMPLES)} samples to {out} and {docs / 'specimens-contact-sheet.jpg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
