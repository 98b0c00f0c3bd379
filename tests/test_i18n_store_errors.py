"""The case store's refusals reach the examiner in the examiner's language (issue 23): every message a raise in
docexam/store carries is marked for translation, but for the programmer errors listed below with their reason; the
command line prints them translated."""

from __future__ import annotations

import re
import textwrap

import pytest

from docexam.cli import main
from docexam.store import Store, trust
from docexam.store.accounts import add_user
from docexam.store.bundle import export_cases
from tests.conftest import ROOT
from tests.i18n_scan import allowed, unmarked_messages

#: The modules of docexam/store whose every refusal is marked: every one.
MARKED_MODULES = ("accounts", "audit", "bundle", "db", "grants", "library", "records", "reference_bundle", "review",
                  "schema", "signing", "store", "trust", "verify")
MARKING = {"_", "ngettext", "gettext"}
#: Messages left in English on purpose, by module and the start of the message, with why.
PROGRAMMER_ERRORS: dict[tuple[str, str], str] = {
    ("store", "a region must be "): "a reference's regions are built by code (docexam.workbench, docexam.references), "
                                    "never typed by an examiner",
    ("store", "finding "): "the evidence images of findings are passed by the code that made the comparison",
    ("store", "evidence image "): "the evidence images of findings are passed by the code that made the comparison",
    ("bundle", "name at least one case to export"): "docexam case export and the workstation always name one",
    ("reference_bundle", "name at least one reference to export"): "docexam reference export and the workstation "
                                                                   "always name one",
    ("verify", "a verify that found problems leaves no checkpoint"): "the store records a checkpoint only after a "
                                                                      "verify that found none",
}
#: Not a phrase: a file name given as an example (``e.g. DIR/cases.dxb``), and the member's name before the detail
#: of a malformed manifest (``manifest.json: {what}``; the details of a manifest's structure, found only in a damaged
#: or forged bundle, stay English).
NOT_A_PHRASE = re.compile(r"^[\w.-]+\.(dxb|zip|sqlite|json)$|^manifest\.json[: ]*$")


def _phrase(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}[ ,.:;()'!?-]+[A-Za-z]{2,}", text)) and not NOT_A_PHRASE.match(text.strip())


def unmarked_refusals(source: str, module: str = "<module>") -> list[str]:
    """Each message of a ``raise X(...)`` (and of an exception's ``super().__init__(...)``) with words in it that no
    marking call holds, as ``module:line text``, but the :data:`PROGRAMMER_ERRORS` of ``module``."""
    hits = unmarked_messages(source, module, marking=MARKING, is_phrase=_phrase)
    return [hit for hit in hits if not allowed(hit, module, PROGRAMMER_ERRORS)]


@pytest.mark.parametrize("module", MARKED_MODULES)
def test_every_refusal_of_the_store_is_marked(module):
    path = ROOT / "docexam" / "store" / f"{module}.py"
    assert unmarked_refusals(path.read_text(encoding="utf-8"), module) == []


def test_the_refusal_check_catches_a_message_nobody_marked():
    source = textwrap.dedent('''
        class Refused(Exception):
            def __init__(self, path):
                super().__init__(f"bundle {path} refused")
        def check(x):
            if not x:
                raise ValueError(_("say why the key is revoked"))
            raise TrustError(f"{x} is not a key id: give its first 8 digits")
        def other(x):
            raise KeyError(x)
    ''')
    assert unmarked_refusals(source, "m") == ["m:4 bundle  refused", "m:8 is not a key id: give its first 8 digits"]


def test_the_allowed_programmer_errors_are_still_raised_as_listed():
    for (module, start), why in PROGRAMMER_ERRORS.items():
        assert why and start in (ROOT / "docexam" / "store" / f"{module}.py").read_text(encoding="utf-8")


def test_a_bundle_from_an_untrusted_station_is_refused_in_azerbaijani(tmp_path, monkeypatch, capsys):
    checkpoint = Store.open(tmp_path / "checkpoint.sqlite", actor="installer")
    add_user(checkpoint, "Oto Ficera", "administrator", "officer passphrase")
    trust.create_key(checkpoint, station=True)
    case = checkpoint.create_case("Passport UTO, border post 4")
    bundle = tmp_path / "b.dxb"
    export_cases(checkpoint, [case.id], bundle)
    checkpoint.close()
    centre = Store.open(tmp_path / "centre.sqlite", actor="installer")
    add_user(centre, "Ana Adoro", "administrator", "admin passphrase")
    centre.close()
    for name in ("DOCEXAM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "centre.sqlite"))
    monkeypatch.setenv("DOCEXAM_USER", "Ana Adoro")
    monkeypatch.setenv("DOCEXAM_PASSPHRASE", "admin passphrase")

    assert main(["--lang", "az", "case", "import", str(bundle)]) == 2
    said = capsys.readouterr().err
    assert f"{bundle} paketi rədd edildi: o Oto Ficera" not in said  # the station, not the officer, signs bundles
    assert "paketi rədd edildi: o " in said and "açarı ilə imzalanıb, bu açar isə bu bazanın etibar siyahısında " \
        "yoxdur" in said and "heç nə idxal edilmədi" in said, said
    assert main(["case", "import", str(bundle)]) == 2  # and in English again without --lang
    said = capsys.readouterr().err
    assert "which is not on this store's trust list" in said and "nothing was imported" in said, said


def test_a_permission_refusal_names_the_action_in_the_language(tmp_path):
    from docexam.i18n import set_language
    from docexam.store.accounts import AccessError

    store = Store.open(tmp_path / "s.sqlite", actor="installer")
    add_user(store, "Ana Adoro", "administrator", "admin passphrase")
    store.session = None
    try:
        set_language("ru")
        with pytest.raises(AccessError, match="войдите, чтобы открывать дела") as ru:
            store.create_case("Passport UTO")
        set_language("en")
        with pytest.raises(AccessError, match="sign in to open cases") as en:
            store.create_case("Passport UTO")
    finally:
        set_language(None)
        store.close()
    assert "DOCEXAM_USER" in str(ru.value) and "DOCEXAM_USER" in str(en.value)


def test_a_revoked_key_is_described_in_the_language_where_a_refusal_says_it_and_in_english_for_verify():
    from docexam.i18n import set_language
    from docexam.store.signing import TrustedKey

    key = TrustedKey.from_dict({"key_id": "ab" * 32, "owner_kind": "station", "owner": "Post Four",
                                "public_key": "cd" * 32, "source": "added", "vouched_by": None,
                                "added_at": "2026-11-01T08:00:00", "added_by": "installer",
                                "revoked_at": "2026-11-02T09:30:00.123", "revoked_by": "Ana Adoro",
                                "revoke_reason": "laptop lost"})
    english = ("the key abababababab... of Post Four (station) was revoked on 2026-11-02T09:30:00 by Ana Adoro: "
               "laptop lost")
    try:
        set_language("ru")
        assert key.refusal() == english
        assert key.refusal(translated=True) == ("ключ abababababab... владельца Post Four (station) отозван "
                                                "2026-11-02T09:30:00, отозвал: Ana Adoro: laptop lost")
    finally:
        set_language(None)
    assert key.refusal(translated=True) == english
