"""The report's own PDF signature (issue 22): made with the examiner's key, checked against the store's trust list
alone, and refused when the PDF was changed, its signer is unknown or revoked."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from docexam.report import write_report
from docexam.report.pdfsign import (
    FIELD,
    REASON_DRAFT,
    REASON_ISSUED,
    EmbeddedSignature,
    ReportCheck,
    certificate,
    read_signature,
    sign_pdf,
    sign_report_file,
    verify_report,
)
from docexam.store import Store, trust
from docexam.store.accounts import add_user
from docexam.store.review import issue, review, submit
from docexam.store.signing import KeyKind, SigningKey, key_id

ADMIN, EXAMINER, REVIEWER, OTHER = "Ana Adoro", "Eli Examo", "Rev Ida", "Ote Examo"
PASS = {ADMIN: "admin passphrase", EXAMINER: "examiner passphrase", REVIEWER: "reviewer passphrase",
        OTHER: "other examiner passphrase"}


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    """One store for the module: an administrator, two examiners and a reviewer (Argon2 is slow on purpose)."""
    path = tmp_path_factory.mktemp("pdfsign") / "cases.sqlite"
    with Store.open(path, actor="installer") as s:
        add_user(s, ADMIN, "administrator", PASS[ADMIN])
        add_user(s, EXAMINER, "examiner", PASS[EXAMINER])
        add_user(s, OTHER, "examiner", PASS[OTHER])
        add_user(s, REVIEWER, "reviewer", PASS[REVIEWER])
    return f"sqlite:///{path}"


def signed_in(url, name) -> Store:
    return Store.open(url, user=name, passphrase=PASS[name])


@pytest.fixture(scope="module")
def issued_report(url, tmp_path_factory):
    """An issued case's report, signed by its examiner: (path, the examiner's key id)."""
    out = tmp_path_factory.mktemp("issued") / "report.pdf"
    with signed_in(url, EXAMINER) as ex, signed_in(url, REVIEWER) as rv:
        case = ex.create_case("Passport UTO, border post 4")
        ex.set_verdict(case.id, "counterfeit", note="offset print, no intaglio")
        submit(ex, case.id)
        review(rv, case.id, agree=True, comment=None)
        issue(ex, case.id)
        info = write_report(ex, case.id, out)
        signed = sign_report_file(ex, info, case.id)
        assert signed is not None and signed.path == out and signed.size == out.stat().st_size > info.size
        trust.sign_report(ex, out)  # the detached signature, over the signed PDF, as `case report` writes it
        return out, ex.session.key.key_id


def test_an_issued_report_is_signed_inside_the_pdf_and_verifies(url, issued_report):
    path, kid = issued_report
    found = read_signature(path.read_bytes())
    assert found is not None and found.field == FIELD and found.key_id == kid and found.subject == EXAMINER
    assert found.intact and not found.modified and found.reason == REASON_ISSUED and not found.draft
    assert found.signed_at is not None and found.signed_at[:4] >= "2024"
    with Store.open(url) as s:
        check = verify_report(s, path)
    assert check.ok and check.problems == () and check.notes == ()
    assert check.signer.owner == EXAMINER and check.detached.key_id == kid == check.signer.key_id
    assert ReportCheck.from_dict(json.loads(json.dumps(check.to_dict()))) == check
    assert EmbeddedSignature.from_dict(found.to_dict()) == found


def test_the_signature_box_says_who_signed_and_reviewed_at_the_report_end(issued_report):
    path, _ = issued_report
    reader = pypdf.PdfReader(path)
    last = reader.pages[-1]
    widgets = [a.get_object() for a in last.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1 and widgets[0]["/T"] == FIELD
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert x2 - x1 > 300 and 20 < y2 - y1 < 50 and y1 >= 17 * 72 / 25.4  # above the footer's rule
    appearance = widgets[0]["/AP"]["/N"].get_object()
    assert appearance["/Resources"]["/XObject"]  # the box fpdf2 drew, with its text
    text = "".join(page.extract_text() for page in reader.pages)
    assert "DRAFT" not in text


def test_one_byte_changed_in_the_pdf_is_refused(url, issued_report, tmp_path):
    path, _ = issued_report
    body = bytearray(path.read_bytes())
    for at in (200, len(body) // 3):  # inside the signed range: a page's content, then the middle of the file
        changed = bytearray(body)
        changed[at] ^= 0x01
        (tmp_path / "changed.pdf").write_bytes(changed)
        (tmp_path / "changed.pdf.sig").write_bytes(path.with_name(path.name + ".sig").read_bytes())
        with Store.open(url) as s:
            check = verify_report(s, tmp_path / "changed.pdf")
        assert not check.ok and check.signer is None
        assert any("changed after it was signed" in p or "cannot be read" in p for p in check.problems), check.problems


def test_an_update_appended_after_signing_is_reported_as_a_modification(url, issued_report, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    path, _ = issued_report
    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()))
    writer.root["/Lang"] = generic.TextStringObject("az")  # a reader-visible change, as an incremental update
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    altered = tmp_path / "updated.pdf"
    altered.write_bytes(out.getvalue())
    found = read_signature(altered.read_bytes())
    assert found.intact and found.modified and found.updates == 1 and found.change
    with Store.open(url) as s:
        check = verify_report(s, altered)
    assert not check.ok
    assert any("1 update appended to the signed report" in p for p in check.problems), check.problems
    assert any("no detached signature beside it" in n for n in check.notes)


def test_bytes_appended_after_the_signed_end_are_reported_as_a_modification(url, issued_report, tmp_path):
    path, _ = issued_report
    altered = tmp_path / "appended.pdf"
    altered.write_bytes(path.read_bytes() + b"% a comment, outside any revision\n")
    found = read_signature(altered.read_bytes())
    assert found.intact and found.modified and found.updates == 0
    with Store.open(url) as s:
        check = verify_report(s, altered)
    assert not check.ok
    assert any("bytes appended after the signed report" in p for p in check.problems), check.problems


def test_a_signer_not_on_the_trust_list_is_refused(url, issued_report, tmp_path):
    path, _ = issued_report
    private = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization as ser

    raw = private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    stranger = SigningKey(key_id(raw), "Mal Forja", KeyKind.EXAMINER, private)
    unsigned = tmp_path / "stranger.pdf"
    with signed_in(url, EXAMINER) as ex:
        case = ex.create_case("Passport UTO, another")
        info = write_report(ex, case.id, unsigned)
    unsigned.write_bytes(sign_pdf(info.path.read_bytes(), stranger, station="elsewhere"))
    found = read_signature(unsigned.read_bytes())
    assert found.intact and not found.modified and found.key_id == stranger.key_id and found.subject == "Mal Forja"
    with Store.open(url) as s:
        check = verify_report(s, unsigned)
    assert not check.ok and check.signer is None
    assert any("not on this store's trust list" in p and "Mal Forja" in p for p in check.problems), check.problems


def test_a_draft_is_signed_as_a_draft(url, tmp_path):
    out = tmp_path / "draft.pdf"
    with signed_in(url, OTHER) as ex:
        case = ex.create_case("Passport UTO, draft")
        signed = sign_report_file(ex, write_report(ex, case.id, out), case.id, language="ru")
    assert signed is not None
    found = read_signature(out.read_bytes())
    assert found.reason == REASON_DRAFT and found.draft and found.intact and found.subject == OTHER
    with Store.open(url) as s:
        check = verify_report(s, out)
    assert check.ok and check.signer.owner == OTHER
    assert any("no detached signature" in n for n in check.notes)


def test_a_revoked_signer_is_refused(url, tmp_path):
    out = tmp_path / "revoked.pdf"
    with signed_in(url, OTHER) as ex:
        case = ex.create_case("Passport UTO, before the revocation")
        sign_report_file(ex, write_report(ex, case.id, out), case.id)
        kid = ex.session.key.key_id
    with signed_in(url, ADMIN) as admin:
        trust.revoke(admin, kid[:16], reason="laptop stolen")
    with Store.open(url) as s:
        check = verify_report(s, out)
    assert not check.ok and check.signer is None
    assert any("revoked" in p and "laptop stolen" in p for p in check.problems), check.problems


def test_a_pdf_without_any_signature_is_refused(url, tmp_path):
    out = tmp_path / "plain.pdf"
    with signed_in(url, EXAMINER) as ex:
        case = ex.create_case("Passport UTO, unsigned")
        write_report(ex, case.id, out)
    with Store.open(url) as s:
        check = verify_report(s, out)
    assert not check.ok and check.embedded is None and check.signer is None and check.detached is None
    assert any("no readable signature" in p for p in check.problems), check.problems


def test_the_certificate_is_made_once_per_key_and_names_the_examiner_and_station():
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID, NameOID

    private = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization as ser

    raw = private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    key = SigningKey(key_id(raw), "Eli Examo", KeyKind.EXAMINER, private)
    der = certificate(key, station="checkpoint-7")
    assert certificate(key, station="checkpoint-7") is der
    cert = x509.load_der_x509_certificate(der)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Eli Examo"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "checkpoint-7"
    usage = cert.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
    assert usage.digital_signature and not usage.key_cert_sign
    assert cert.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw) == raw
