"""The fonts travel with the package (docexam/fonts/): every font the code names is the package's copy, unmodified,
with its licence; a missing one is a clear error; and a copy of the package as a wheel installs it renders a
specimen with the system's fonts out of reach."""

import ast
import fnmatch
import hashlib
import importlib
import os
import pickle
import shutil
import subprocess
import sys
import tomllib

import numpy as np
import pytest

from docexam import paths
from docexam.errors import DocexamError, FontMissingError
from tests.conftest import ROOT

FONTS = ROOT / "docexam" / "fonts"

#: Every font the package ships, byte for byte the file Debian 12 installs (fonts-ocr-b 0.3~dfsg1-1, fonts-dejavu-core
#: and fonts-dejavu-extra 2.37-6): a different file would change every rendered specimen and report.
SHIPPED = {
    "OCRB.otf": "84558d47dbc19bb5887cc7b72ed62c64534fd00f0b569d28e6dc63b71fe27707",
    "DejaVuSans.ttf": "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
    "DejaVuSans-Bold.ttf": "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96",
    "DejaVuSans-Oblique.ttf": "eef1a593cc0a4654f147fd1aa9a11e7d327eb8be6f3a35099182db6aeb5d28fe",
    "DejaVuSansMono.ttf": "0f5db4f1749979d961019838b160bec74abdf7f9eca69553fe1aa856bbff49a4",
    "DejaVuSansMono-Bold.ttf": "2964f6dac8e6e9d71613928340f17bf868e9ea51692cca333c79e74962f02233",
    "DejaVuSerif.ttf": "13e61509f5c81d7c3132810f4f903e3523df89c802bf6e0674621e8f659cdfe1",
    "DejaVuSerif-Bold.ttf": "e2fd85eba2de65ac270d1cdb1685e252eb827f600850cf62af2d20c41b22e945",
    "DejaVuSansCondensed.ttf": "2d8aa290adcf1ebcbb35f63e57cf32941b012eaab4b65096b904112cf3bac972",
    "DejaVuSansCondensed-Bold.ttf": "6d2f2481e2aae944e8411cc5be515c69503ff7f5db52f2c67bcbe5d4de6bec13",
}
LICENCES = {"LICENSE-OCR-B.txt": ["OCRB.otf"], "LICENSE-DejaVu.txt": [n for n in SHIPPED if n.startswith("DejaVu")]}
#: Fonts docexam may name that the package leaves out on purpose (docexam/fonts/README.md says why): the report's CJK
#: fallback, and the OCR-B cuts only the recogniser's training simulator draws with.
OPTIONAL = {"wqy-microhei.ttc", "OCRBS.otf", "OCRBL.otf"}


def _string(node: ast.expr, constants: dict[str, str]) -> str:
    """The text of a font path as a module writes it: a literal, a module-level string constant, or a sum of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _string(node.left, constants) + _string(node.right, constants)
    raise AssertionError(f"font_file with a path computed at run time: {ast.unparse(node)}")


def font_file_calls() -> list[tuple[str, str, bool]]:
    """Every ``font_file(...)`` in docexam/: (module, the system path named, whether the font is required)."""
    calls = []
    for path in sorted((ROOT / "docexam").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                     if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "font_file":
                required = next((k.value.value for k in node.keywords if k.arg == "required"), True)
                calls.append((str(path.relative_to(ROOT)), _string(node.args[0], constants), required))
    return calls


def test_the_package_ships_exactly_the_fonts_listed_unmodified():
    fonts = {p.name for p in FONTS.iterdir() if p.suffix in (".otf", ".ttf", ".ttc")}
    assert fonts == set(SHIPPED)
    for name, digest in SHIPPED.items():
        assert hashlib.sha256((FONTS / name).read_bytes()).hexdigest() == digest, f"{name} is not the file it was"


def test_every_font_the_code_names_resolves_to_the_package_copy():
    calls = font_file_calls()
    named = {os.path.basename(system) for _, system, _ in calls}
    assert {"OCRB.otf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= named, calls  # the renderer's, at least
    for module, system, required in calls:
        name = os.path.basename(system)
        assert required == (name not in OPTIONAL), f"{module}: {name} should be required={name not in OPTIONAL}"
        if required:
            assert paths.font_file(system) == str(FONTS / name), f"{module} names {system}"


def test_no_module_names_a_system_font_folder_but_through_font_file():
    """A ``/usr/share/fonts`` path in docexam/ is only ever the argument of font_file (or the folder it is made from)."""
    calls = font_file_calls()
    for path in sorted((ROOT / "docexam").rglob("*.py")):
        module = str(path.relative_to(ROOT))
        through = [system for m, system, _ in calls if m == module]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "/usr/share/fonts" in node.value:
                assert any(system.startswith(node.value) for system in through), \
                    f"{module}:{node.lineno} names {node.value} without font_file"


def test_the_renderer_and_the_report_draw_with_the_package_fonts():
    from docexam.report import pdf

    render = importlib.import_module("docexam.specimens.render")  # the package exports the function of that name
    for font in (render.OCRB, render.SANS, render.SANS_BOLD, *render.FONTS.values()):
        assert os.path.dirname(font) == str(FONTS)
    assert pdf.DEJAVU_DIR == FONTS
    assert all((FONTS / name).is_file() for name in pdf._DEJAVU_FILES.values())


def test_the_package_copy_wins_over_a_system_font(tmp_path):
    system = tmp_path / "usr" / "DejaVuSans.ttf"
    system.parent.mkdir()
    system.write_bytes(b"another DejaVu Sans")
    assert paths.font_file(str(system)) == str(FONTS / "DejaVuSans.ttf")


def test_a_font_the_package_leaves_out_comes_from_the_bundle_then_the_system(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    system = tmp_path / "usr" / "wqy-microhei.ttc"
    system.parent.mkdir()
    system.write_bytes(b"system font")
    assert paths.font_file(str(system)) == str(system)
    (tmp_path / "bundle" / "fonts").mkdir(parents=True)
    (tmp_path / "bundle" / "fonts" / "wqy-microhei.ttc").write_bytes(b"bundled font")
    assert paths.font_file(str(system)) == str(tmp_path / "bundle" / "fonts" / "wqy-microhei.ttc")


def test_a_missing_font_is_a_clear_error_and_an_optional_one_is_not(tmp_path):
    missing = str(tmp_path / "NoSuchFont.ttf")
    with pytest.raises(FontMissingError) as caught:
        paths.font_file(missing)
    err = caught.value
    assert isinstance(err, FileNotFoundError) and isinstance(err, DocexamError)
    assert err.name == "NoSuchFont.ttf" and err.system_path == missing
    assert "NoSuchFont.ttf" in str(err) and missing in str(err) and "reinstall docexam" in str(err)
    again = pickle.loads(pickle.dumps(err))  # as it crosses from a worker process
    assert type(again) is FontMissingError and str(again) == str(err)
    assert paths.font_file(missing, required=False) == missing


def test_exercise_generate_says_which_font_is_missing(monkeypatch, tmp_path, capsys):
    from docexam import cli

    def no_fonts(system_path, *, required=True):
        raise FontMissingError(os.path.basename(system_path), system_path, str(tmp_path))

    monkeypatch.setattr(paths, "font_file", no_fonts)
    for module in [m for m in sys.modules if m.startswith("docexam.specimens")]:
        monkeypatch.delitem(sys.modules, module)  # imported afresh, as in a new process
    assert cli.main(["exercise", "generate", "--count", "1", "--seed", "1", "--out", str(tmp_path / "pack")]) == 2
    err = capsys.readouterr().err
    assert "docexam exercise generate: the font OCRB.otf is missing" in err and "reinstall docexam" in err
    assert not (tmp_path / "pack").exists()


def test_the_licences_and_the_readme_are_shipped():
    ocrb = (FONTS / "LICENSE-OCR-B.txt").read_text(encoding="utf-8")
    assert "Matthew Skala" in ocrb and "public domain" in ocrb
    dejavu = (FONTS / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in dejavu and "Arev Fonts Copyright" in dejavu and "DejaVu changes are in public domain" in dejavu
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    for licence, fonts in LICENCES.items():
        assert licence in readme
        for name in fonts:
            assert name in readme, f"docexam/fonts/README.md says nothing of {name}"
    assert sorted(n for fonts in LICENCES.values() for n in fonts) == sorted(SHIPPED)
    assert "wqy-microhei" in readme  # why the CJK font is not shipped


def wheel_files() -> list[str]:
    """The package's files a wheel carries: its modules and what pyproject.toml declares as package data."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["docexam"]
    package = ROOT / "docexam"
    return sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (p.suffix == ".py" or any(fnmatch.fnmatch(str(p.relative_to(package)), g) for g in globs)))


def test_the_wheel_carries_the_fonts_and_their_licences():
    carried = set(wheel_files())
    for name in [*SHIPPED, *LICENCES, "README.md"]:
        assert f"fonts/{name}" in carried, f"pyproject.toml's package-data leaves out fonts/{name}"


#: Run in a fresh interpreter on a copy of the package laid out as a wheel installs it: /usr/share/fonts looks empty
#: (os.stat says nothing is there, and opening anything there fails), then a reference specimen is rendered.
RENDER_WITHOUT_SYSTEM_FONTS = r"""
import hashlib, importlib, os, sys
from pathlib import Path

HIDDEN = "/usr/share/fonts/"
_stat = os.stat
def stat(path, *args, **kwargs):
    if os.fspath(path).startswith(HIDDEN):
        raise FileNotFoundError(2, "hidden by the test", os.fspath(path))
    return _stat(path, *args, **kwargs)
os.stat = stat
def no_system_fonts(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(HIDDEN):
        raise PermissionError(f"the test hides {args[0]}")
sys.addaudithook(no_system_fonts)

import numpy as np

import docexam
assert Path(docexam.__file__).parent == Path(sys.argv[1]), docexam.__file__  # the copy, not the checkout
from docexam.report import pdf
from docexam.specimens import render
from docexam.specimens.exercise import reference_specimen

fonts = importlib.import_module("docexam.specimens.render")
for font in (fonts.OCRB, *fonts.FONTS.values(), str(pdf.DEJAVU_DIR / "DejaVuSans.ttf")):
    assert font.startswith(sys.argv[1] + "/fonts/"), font
images = render(reference_specimen("td1"), dpi=100)
for light in sorted(images):
    print(light.value, hashlib.sha256(np.ascontiguousarray(images[light]).tobytes()).hexdigest())
"""


def render_hashes() -> list[str]:
    from docexam.specimens import render
    from docexam.specimens.exercise import reference_specimen

    images = render(reference_specimen("td1"), dpi=100)
    return [f"{light.value} {hashlib.sha256(np.ascontiguousarray(images[light]).tobytes()).hexdigest()}"
            for light in sorted(images)]


def install_copy(tmp_path):
    """The package's files as a wheel installs them, in ``tmp_path/site/docexam`` (no repository beside them)."""
    site = tmp_path / "site"
    for rel in wheel_files():
        (site / "docexam" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "docexam" / rel, site / "docexam" / rel)
    return site


def test_an_installed_copy_renders_a_specimen_without_the_system_fonts(tmp_path):
    site = install_copy(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    r = subprocess.run([sys.executable, "-c", RENDER_WITHOUT_SYSTEM_FONTS, str(site / "docexam")], cwd=tmp_path,
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split("\n")[:-1] == render_hashes(), "the copy renders other pixels than the checkout"


def test_an_installed_copy_renders_with_usr_share_fonts_hidden(tmp_path):
    """The same, with /usr/share/fonts really empty: an empty folder mounted over it in a mount namespace of the
    subprocess's own (root on Linux, as CI runs; tools/dist_smoke.py does the same for the checkpoint build)."""
    if not (shutil.which("unshare") and subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                                                       capture_output=True).returncode == 0):
        pytest.skip("hiding /usr/share/fonts needs `unshare -m` (root on Linux)")
    site = install_copy(tmp_path)
    (tmp_path / "empty").mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    hide = 'mount --bind "$1" /usr/share/fonts && shift && exec "$@"'
    r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", hide, "sh", str(tmp_path / "empty"),
                        sys.executable, "-c", "import os, sys; assert not os.listdir('/usr/share/fonts'); "
                        "exec(sys.argv.pop(1))", RENDER_WITHOUT_SYSTEM_FONTS, str(site / "docexam")],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split("\n")[:-1] == render_hashes()
