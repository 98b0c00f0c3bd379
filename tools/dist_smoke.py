"""Smoke test of the checkpoint build: the built folder, copied outside the source tree, run with an empty environment.

    .venv/bin/python tools/dist_smoke.py [dist/docexam] [--keep]

What a checkpoint laptop has is the folder and nothing else: no Python, no source tree, no tesseract. So the folder
is copied to a temporary directory, and every command runs there with ``env -i`` semantics: only ``HOME`` and the
XDG folders (pointing into the temporary directory, so the case store is the copy's own), ``PATH`` naming an empty
folder (no tesseract; the built-in ``ocrb`` engine must do), and ``QT_QPA_PLATFORM=offscreen`` for the GUI. Checks:

1. ``--version`` and ``engines --json``: the version, the built-in model found inside the copy, tesseract reported
   missing with the empty PATH and found (when this machine has it) with the system's PATH;
2. ``read --json`` on a sample's IR capture: the MRZ found, TD3, valid;
3. ``exercise generate`` writes a reference specimen (the app's own renderer, with the fonts the folder carries), then
   ``compare`` on the sample pair: the genuine TD3 gives no alarm (exit 0), the photo substitution a portrait alarm
   in visible, UV and IR (exit 1);
4. ``gui --sample --startup-time --quit-after 0`` offscreen: exit 0, the window shown, the sample case made in the
   default case store, which lies in the user data folder ($XDG_DATA_HOME/docexam), outside the application folder;
5. ``case create``, ``read --case`` (a capture with its reading), ``case export``, ``case import`` into a second
   database, ``case show`` there (the capture and its finding arrived) and ``case verify`` (images and trails hold);
   then the application folder is replaced by a fresh copy (an update) and the default store's cases are still there;
6. where the machine allows a mount namespace (root on Linux), with /usr/share/fonts hidden: ``exercise generate``
   renders a reference with the OCR-B and DejaVu fonts the folder carries, ``compare`` finds the genuine TD1 clean,
   and ``case report`` embeds DejaVu in the PDF. Elsewhere the check says it was not run;
7. with an account: a signed-in examiner's ``case report`` is signed inside the PDF (pyHanko) and beside it, ``case
   verify-report`` accepts it, and refuses it once bytes are appended.

Prints each step's wall time; exits 1 with the failing step and its output on any failure. ``tests/packaging/``
runs the same checks under pytest when ``DOCEXAM_DIST`` names a built folder (``make dist`` sets it).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # docexam.__version__, when run by a Python without docexam installed
DEFAULT_DIST = ROOT / "dist" / "docexam"
SAMPLES = "_internal/samples/specimens"
TIMEOUT_S = 300


class SmokeFailure(AssertionError):
    """A check of the built folder failed; the message says which and shows the command's output."""


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        tail = lambda s: "\n".join(s.strip().splitlines()[-15:])  # noqa: E731
        return (f"`docexam {' '.join(self.args)}` exited {self.returncode} after {self.seconds:.1f} s\n"
                f"--- stdout (end) ---\n{tail(self.stdout)}\n--- stderr (end) ---\n{tail(self.stderr)}")


@dataclass
class App:
    """A copy of the built folder in a temporary directory, and the empty environment it runs in."""

    folder: Path  # the copied docexam/ folder
    work: Path  # the temporary directory: home, XDG folders, outputs
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def exe(self) -> Path:
        return self.folder / "docexam"

    @property
    def samples(self) -> Path:
        return self.folder / SAMPLES

    @property
    def data_home(self) -> Path:
        return self.work / "home" / ".local" / "share"

    def env(self, *, gui: bool = False, system_path: bool = False) -> dict[str, str]:
        home = self.work / "home"
        env = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(self.data_home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            # No tesseract on a checkpoint laptop: an empty folder, not the system's /usr/bin.
            "PATH": "/usr/local/bin:/usr/bin:/bin" if system_path else str(self.work / "empty-bin"),
        }
        if gui:
            env["QT_QPA_PLATFORM"] = "offscreen"
            env["XDG_RUNTIME_DIR"] = str(self.work / "runtime")
        return env

    def run(self, *args: str, expect: int | tuple[int, ...] = 0, gui: bool = False, system_path: bool = False,
            figure: str | None = None, without_system_fonts: bool = False, env: dict[str, str] | None = None) -> Run:
        cmd = [str(self.exe), *args]
        if without_system_fonts:  # in a mount namespace of its own, an empty folder over /usr/share/fonts
            empty = self.work / "no-fonts"
            empty.mkdir(exist_ok=True)
            cmd = [shutil.which("unshare") or "unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
                   f'{shutil.which("mount") or "mount"} --bind "$1" /usr/share/fonts && shift && exec "$@"', "sh",
                   str(empty), *cmd]
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=self.work,
                               env={**self.env(gui=gui, system_path=system_path), **(env or {})}, timeout=TIMEOUT_S,
                               stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise SmokeFailure(f"`docexam {' '.join(args)}` did not finish within {TIMEOUT_S} s") from e
        except OSError as e:
            raise SmokeFailure(f"cannot start {self.exe}: {e}") from e
        r = Run(list(args), p.returncode, p.stdout, p.stderr, time.perf_counter() - t0)
        if figure:
            self.figures[figure] = r.seconds
        codes = (expect,) if isinstance(expect, int) else expect
        if r.returncode not in codes:
            raise SmokeFailure(f"expected exit status {' or '.join(map(str, codes))}: {r.describe()}")
        return r


def is_fresh(dist: Path = DEFAULT_DIST, root: Path = ROOT) -> tuple[bool, str]:
    """Whether the built executable is newer than every source file it was built from."""
    exe = dist / "docexam"
    if not exe.is_file():
        return False, f"{exe} does not exist"
    built = exe.stat().st_mtime
    sources = [root / "docexam.spec", *(root / "docexam").rglob("*.py"), *(root / "docexam" / "locale").rglob("*.mo"),
               *(root / "resources").rglob("*"),
               *(p for p in (root / "samples").rglob("*") if p.is_file())]
    newer = [p for p in sources if p.is_file() and p.stat().st_mtime > built]
    if newer:
        return False, (f"{exe} is older than {len(newer)} source file(s), e.g. {newer[0].relative_to(root)}: "
                       "run make dist")
    return True, ""


def copy_app(dist: Path, work: Path) -> App:
    if not (dist / "docexam").is_file():
        raise SmokeFailure(f"{dist / 'docexam'} is missing: build it with `make dist`")
    if ROOT in work.resolve().parents:
        raise SmokeFailure(f"the copy must lie outside the source tree, not in {work}")
    (work / "empty-bin").mkdir(parents=True, exist_ok=True)
    (work / "runtime").mkdir(mode=0o700, exist_ok=True)
    (work / "home").mkdir(exist_ok=True)
    folder = work / "app" / "docexam"
    shutil.copytree(dist, folder, symlinks=True)
    return App(folder, work)


# ------------------------------------------------------------------------------------------------------- the checks


def check_version(app: App) -> str:
    r = app.run("--version", figure="--version")
    from docexam import __version__

    if r.stdout.strip() != f"docexam {__version__}":
        raise SmokeFailure(f"--version printed {r.stdout.strip()!r}, expected 'docexam {__version__}'")
    info = json.loads(app.run("engines", "--json", figure="engines").stdout)
    ocrb, tess = info["engines"]["ocrb"], info["engines"]["tesseract"]
    if not info.get("frozen"):
        raise SmokeFailure(f"engines says the build is not frozen: {info}")
    if not ocrb["available"] or not Path(ocrb["model"]).is_relative_to(app.folder):
        raise SmokeFailure(f"the built-in OCR-B model should be found inside {app.folder}: {ocrb}")
    if tess["available"]:
        raise SmokeFailure(f"with an empty PATH tesseract should be reported missing: {tess}")
    said = app.run("engines").stdout
    if "ocrb       built in" not in said or "tesseract  not found" not in said:
        raise SmokeFailure(f"`docexam engines` should name both engines:\n{said}")
    with_system = json.loads(app.run("engines", "--json", system_path=True).stdout)["engines"]["tesseract"]
    if shutil.which("tesseract") and not with_system["available"]:
        raise SmokeFailure(f"this machine has tesseract, but the build does not find it on PATH: {with_system}")
    found = (f"tesseract {with_system['version']} at {with_system['path']}" if with_system["available"]
             else "no tesseract")
    return f"{r.stdout.strip()}; ocrb model in the folder; with the system PATH: {found}"


def check_read(app: App) -> str:
    image = app.samples / "td3-genuine" / "ir.jpg"
    r = app.run("read", "--json", str(image), figure="read one sample")
    result = json.loads(r.stdout.splitlines()[0])
    if not (result.get("found") and result.get("format") == "TD3" and result.get("valid")):
        raise SmokeFailure(f"read should find a valid TD3 MRZ in {image}: {r.describe()}")
    key = json.loads((image.parent / "key.json").read_text(encoding="utf-8"))
    if result["lines"] != key["mrz"]:
        raise SmokeFailure(f"read {result['lines']}, the sample's key says {key['mrz']}")
    return (f"valid TD3 read with {result['engine']} in {result['elapsed_ms']:.0f} ms "
            f"({r.seconds:.2f} s for the process)")


def check_compare(app: App) -> str:
    pack = app.work / "pack"
    app.run("exercise", "generate", "--count", "1", "--seed", "1", "--families", "td3", "--out", str(pack),
            figure="exercise generate (reference)")
    reference = pack / "reference" / "td3"
    fonts = app.folder / "_internal" / "docexam" / "fonts"  # the package's own (docexam.paths.fonts_dir)
    if not (fonts / "OCRB.otf").is_file() or not (fonts / "DejaVuSans.ttf").is_file():
        raise SmokeFailure(f"the folder should carry the OCR-B and DejaVu fonts the renderer draws with, in {fonts}")
    if not any(reference.glob("visible.*")):
        raise SmokeFailure(f"exercise generate wrote no reference specimen in {reference}")
    genuine = app.run("compare", "--json", "--reference", str(reference), "--questioned",
                      str(app.samples / "td3-genuine"), figure="compare genuine")
    g = json.loads(genuine.stdout)
    if g["alarms"]:
        raise SmokeFailure(f"the genuine TD3 should raise no alarm: {g['findings']}")
    forged = app.run("compare", "--json", "--reference", str(reference), "--questioned",
                     str(app.samples / "td3-photo-substitution"), expect=1, figure="compare altered")
    f = json.loads(forged.stdout)
    lights = {x["light"] for x in f["findings"] if x["kind"] == "portrait" and x["score"] >= 0.5}
    if lights != {"visible", "uv", "ir"}:
        raise SmokeFailure(f"the photo substitution should alarm on the portrait in visible, UV and IR, got {lights}: "
                           f"{[(x['kind'], x['light'], x['score']) for x in f['findings']]}")
    return f"genuine: no alarm; photo substitution: portrait alarm in {', '.join(sorted(lights))}"


def check_gui(app: App) -> str:
    r = app.run("gui", "--sample", "--startup-time", "--quit-after", "0", gui=True, figure="gui --sample")
    shown = [x for x in r.stderr.splitlines() if x.startswith("window shown")]
    if not shown:
        raise SmokeFailure(f"the GUI did not report its window shown: {r.describe()}")
    db = app.data_home / "docexam" / "docexam.sqlite"
    if not db.is_file():
        raise SmokeFailure(f"the GUI's sample case should be in the default store {db}, which does not exist")
    if app.folder in db.parents:
        raise SmokeFailure(f"the case store {db} lies inside the application folder")
    cases = [json.loads(x) for x in app.run("case", "list", "--json").stdout.splitlines()]
    if not cases:
        raise SmokeFailure(f"`case list` finds no case in {db} after the GUI opened the sample case")
    return f"{shown[0]}; sample case in {db.relative_to(app.work)}"


def check_cases(app: App) -> str:
    a, b = app.work / "centre-a.sqlite", app.work / "centre-b.sqlite"
    case = json.loads(app.run("case", "create", "--title", "Smoke test: UTO passport", "--json", "--db", str(a)).stdout)
    app.run("read", "--case", str(case["id"]), "--light", "ir", "--db", str(a),
            str(app.samples / "td3-genuine" / "ir.jpg"))
    bundle = app.work / "checkpoint.zip"
    app.run("case", "export", str(case["id"]), "--out", str(bundle), "--db", str(a), figure="case export")
    if not bundle.is_file():
        raise SmokeFailure(f"case export wrote no {bundle}")
    imported = app.run("case", "import", str(bundle), "--db", str(b), figure="case import")
    if "1 added" not in imported.stdout:
        raise SmokeFailure(f"the bundle's case should be added to the second database: {imported.describe()}")
    again = app.run("case", "import", str(bundle), "--db", str(b))
    if "0 added" not in again.stdout:
        raise SmokeFailure(f"importing the same bundle twice should change nothing: {again.describe()}")
    shown = json.loads(app.run("case", "show", case["reference"], "--json", "--db", str(b)).stdout)
    if len(shown["captures"]) != 1 or not any(x["kind"] == "mrz" for x in shown["findings"]):
        raise SmokeFailure(f"the imported case should hold the capture and its MRZ finding: "
                           f"{len(shown['captures'])} capture(s), findings {[x['kind'] for x in shown['findings']]}")
    app.run("case", "verify", "--db", str(b))
    return f"case {case['reference']}: exported ({bundle.stat().st_size:,} bytes), imported, verified"


def check_languages(app: App) -> str:
    """The command line and the report in Azerbaijani and Russian (the .mo catalogues and Babel's data the folder
    ships; docexam.i18n)."""
    helped = app.run("--lang", "ru", "--help").stdout
    if "Технико-криминалистическая экспертиза" not in helped:
        raise SmokeFailure(f"docexam --lang ru --help should be in Russian: {helped[:200]!r}")
    db = app.work / "languages.sqlite"
    case = json.loads(app.run("case", "create", "--title", "Smoke test: Şəki", "--json", "--db", str(db)).stdout)
    out = app.work / "report-az.pdf"
    made = app.run("case", "report", case["reference"], "--out", str(out), "--db", str(db), "--lang", "az",
                   "--bilingual", figure="case report (az, bilingual)")
    if " yazıldı: " not in made.stdout or not out.is_file():
        raise SmokeFailure(f"case report --lang az should write the report and say so in Azerbaijani: {made.describe()}")
    return f"help in Russian, a bilingual Azerbaijani report ({out.stat().st_size:,} bytes)"


def check_signed_report(app: App) -> str:
    """Accounts and the report's signatures (issue 22): a signed-in examiner's report is signed inside the PDF
    (pyHanko, which the folder must carry) and beside it, ``case verify-report`` accepts it, and refuses it once
    changed."""
    db = app.work / "signed.sqlite"
    who = {"DOCEXAM_USER": "Ana Adoro", "DOCEXAM_PASSPHRASE": "smoke passphrase"}
    app.run("user", "add", who["DOCEXAM_USER"], "--role", "administrator", "--db", str(db),
            env={"DOCEXAM_NEW_PASSPHRASE": who["DOCEXAM_PASSPHRASE"]})
    case = json.loads(app.run("case", "create", "--title", "Smoke test: signed", "--json", "--db", str(db),
                              env=who).stdout)
    out = app.work / "signed.pdf"
    made = app.run("case", "report", case["reference"], "--out", str(out), "--db", str(db), env=who,
                   figure="case report (signed)")
    if "signed inside the PDF" not in made.stdout or not out.with_name(out.name + ".sig").is_file():
        raise SmokeFailure(f"a signed-in examiner's report should be signed inside the PDF and beside it: "
                           f"{made.describe()}")
    checked = app.run("case", "verify-report", str(out), "--json", "--db", str(db), figure="case verify-report")
    found = json.loads(checked.stdout)
    if not found["ok"] or (found["signer"] or {}).get("owner") != who["DOCEXAM_USER"]:
        raise SmokeFailure(f"case verify-report should accept the report signed by {who['DOCEXAM_USER']}: "
                           f"{checked.describe()}")
    out.write_bytes(out.read_bytes() + b"%%EOF\n")
    changed = app.run("case", "verify-report", str(out), "--db", str(db), expect=1)
    if "changed after it was signed" not in changed.stderr:
        raise SmokeFailure(f"a report changed after signing should be refused: {changed.describe()}")
    return f"report signed inside the PDF ({out.stat().st_size:,} bytes), verified, refused once changed"


def check_update(app: App, dist: Path) -> str:
    """Replace the application folder by a fresh copy, as an update does: the cases stay (they are not in it)."""
    app.run("case", "create", "--title", "Smoke test: made before the update")  # in the default store
    before = app.run("case", "list", "--json").stdout.splitlines()
    shutil.rmtree(app.folder)
    shutil.copytree(dist, app.folder, symlinks=True)
    after = app.run("case", "list", "--json").stdout.splitlines()
    if not before or after != before:
        raise SmokeFailure(f"after replacing the application folder the cases changed: {before} -> {after}")
    app.run("case", "verify")
    return f"{len(after)} case(s) kept across the folder's replacement"


def can_hide_system_fonts() -> bool:
    """Whether this machine lets a process mount over /usr/share/fonts in a namespace of its own (root, Linux)."""
    if not (shutil.which("unshare") and shutil.which("mount") and Path("/usr/share/fonts").is_dir()):
        return False
    r = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True, timeout=30)
    return r.returncode == 0


def check_without_system_fonts(app: App) -> str:
    """A laptop without Debian's font packages: the specimen renderer (a reference for ``compare``) and the PDF report
    draw with the fonts the folder carries. /usr/share/fonts is hidden behind an empty folder for these commands."""
    if not can_hide_system_fonts():
        raise NotRun("hiding /usr/share/fonts needs `unshare -m` (root on Linux)")
    pack = app.work / "pack-no-fonts"
    hidden = dict(without_system_fonts=True)
    app.run("exercise", "generate", "--count", "1", "--seed", "3", "--families", "td1", "--out", str(pack), **hidden)
    r = app.run("compare", "--json", "--reference", str(pack / "reference" / "td1"), "--questioned",
                str(app.samples / "td1-genuine"), **hidden)
    if json.loads(r.stdout)["alarms"]:
        raise SmokeFailure(f"the genuine TD1 against a reference rendered without system fonts alarmed: "
                           f"{r.stdout[:500]}")
    db = app.work / "no-fonts.sqlite"
    # Arabic and Chinese in the title: the shaper (uharfbuzz) and the CJK fallback font must be in the folder too.
    title = "Report without system fonts \u062c\u0648\u0627\u0632 \u0633\u0641\u0631 \u738b\u5c0f\u660e"
    case = json.loads(app.run("case", "create", "--title", title, "--json", "--db", str(db), **hidden).stdout)
    app.run("read", "--case", str(case["id"]), "--light", "ir", "--db", str(db),
            str(app.samples / "td1-genuine" / "ir.jpg"), **hidden)
    pdf = app.work / "report.pdf"
    app.run("case", "report", str(case["id"]), "--out", str(pdf), "--db", str(db), **hidden)
    fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+((?:DejaVu|WenQuanYi)[A-Za-z]+)", pdf.read_bytes()))
    if not {b"DejaVuSansBook", b"WenQuanYiMicroHei"} <= fonts:
        raise SmokeFailure(f"the report should embed the DejaVu and WenQuanYi fonts the folder carries, it has {fonts}")
    try:
        import pypdf  # the tests' reader, not in the folder
    except ImportError:
        pass
    else:
        text = "".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())  # spaces by a run's edge vary
        if title.replace(" ", "") not in text or "TEXTNOTDRAWN" in text:
            raise SmokeFailure(f"the report should draw its Arabic and Chinese title as entered, shaped: {text[:400]}")
    return (f"reference rendered, genuine TD1 compared without alarm, PDF report with "
            f"{', '.join(sorted(f.decode() for f in fonts))}")


class NotRun(Exception):
    """A check this machine cannot make; said, and counted neither as passed nor as failed."""


CHECKS = [("--version and engines", check_version), ("read a sample", check_read),
          ("compare a sample pair", check_compare), ("GUI offscreen on the sample case", check_gui),
          ("case export and import", check_cases), ("without the system's fonts", check_without_system_fonts),
          ("in Azerbaijani and Russian", check_languages), ("a signed report", check_signed_report)]


def folder_mb(path: Path) -> float:
    return sum(p.lstat().st_size for p in path.rglob("*")) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dist", nargs="?", default=str(DEFAULT_DIST), help="the built folder (default dist/docexam)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy and print where it is")
    args = ap.parse_args()
    dist = Path(args.dist).resolve()
    work = Path(tempfile.mkdtemp(prefix="docexam-smoke-"))
    failed = not_run = 0
    try:
        try:
            app = copy_app(dist, work)
        except SmokeFailure as e:
            print(f"FAIL copying the folder: {e}", file=sys.stderr)
            return 1
        print(f"docexam checkpoint build smoke test: {dist} ({folder_mb(dist):.0f} MB) copied to {app.folder}")
        for name, check in [*CHECKS, ("update keeps the cases", lambda a: check_update(a, dist))]:
            t0 = time.perf_counter()
            try:
                said = check(app)
            except SmokeFailure as e:
                failed += 1
                print(f"  FAIL {name}: {e}", file=sys.stderr)
                continue
            except NotRun as e:
                not_run += 1
                print(f"  NOT RUN {name}: {e}")
                continue
            except Exception as e:  # noqa: BLE001 - a check's own bug or unexpected output: a failure, with its reason
                failed += 1
                print(f"  FAIL {name}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            print(f"  ok   {name} ({time.perf_counter() - t0:.1f} s): {said}")
        print("  timings (wall time of each process): "
              + ", ".join(f"{k} {v:.2f} s" for k, v in app.figures.items()))
        passed = len(CHECKS) + 1 - failed - not_run
        print(f"{passed} passed, {failed} failed" + (f", {not_run} not run" if not_run else ""))
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
