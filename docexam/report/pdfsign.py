"""The report's own PDF signature (issue 22): a PAdES signature in the PDF, made with the examiner's Ed25519 key and
checked against the store's trust list.

A report written by a signed-in examiner is signed twice: inside the PDF (this module, with pyHanko), which any PDF
reader shows and which survives the file being handed on alone, and by the detached ``FILE.pdf.sig`` beside it
(:func:`docexam.store.trust.sign_report`, over the signed PDF's bytes).

The signature is a CMS ``SignedData`` (PAdES baseline B-B, ETSI EN 319 142-1: ``ETSI.CAdES.detached``, SHA-512 as
RFC 8419 pairs with Ed25519) over the PDF's byte range. Its certificate is self-signed, made here with
``cryptography`` from the examiner's key (subject: the examiner and the station; key usage: digital signature and
non-repudiation). It carries no trust of its own: who signed is decided by the key alone, which must be on the
store's trust list and not revoked (:func:`docexam.store.trust.trusted_signer`); no X.509 chain is built and nothing is
fetched (no network at run time).

Where the report's last page has room below its content, the signature's field is a small box there saying who
signed, who reviewed and whether the case was issued (drawn with fpdf2 in the report's language, the same DejaVu as
the report); otherwise the field is invisible. A draft (a case not issued) is signed as a draft: its signature's
reason and its box say so.

pyHanko and its dependencies take about half a second to import: they are imported here, inside the functions, so
that nothing starting the command line or the workstation loads them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docexam.errors import DocexamError
from docexam.i18n import N_, Translator, _, ngettext

if TYPE_CHECKING:
    from docexam.report.pdf import ReportInfo
    from docexam.store import Store
    from docexam.store.signing import SigningKey, TrustedKey

#: The signature field docexam makes (and looks for first when checking).
FIELD = "docexam"
#: What the signature's /Reason says: a code, read back by the check (a PDF reader shows it as it is; the box says it
#: in the report's language).
REASON_ISSUED = "docexam-report-issued"
REASON_DRAFT = "docexam-report-draft-not-issued"
#: The visible box: its size, its gap below the content, and the lowest it may end on an A4 page (the rule of
#: docexam.report.pdf's footer is 17 mm above the bottom).
BOX_W_MM, BOX_H_MM, BOX_GAP_MM = 130.0, 10.0, 3.0
_PAGE_H_MM, _CONTENT_BOTTOM_MM, _LEFT_MM = 297.0, 297.0 - 19.0, 15.0
_PT_PER_MM = 72 / 25.4
#: How long the self-signed certificate says it is valid (the trust list, not the certificate, decides).
_CERT_YEARS = 10

_SIGNED_ISSUED = N_("Signed digitally by {signer} (key {key}...) at {station}; reviewed by {reviewer}; issued {when}")
_SIGNED_DRAFT = N_("Signed digitally by {signer} (key {key}...) at {station}; DRAFT - NOT ISSUED")


#: What pyHanko's and asn1crypto's parsers raise on a malformed (damaged or altered) PDF or CMS structure besides
#: their own errors.
_MALFORMED = (ValueError, KeyError, TypeError, IndexError, AttributeError, EOFError, OverflowError)


class ReportSignatureError(DocexamError, ValueError):
    """A report's embedded signature cannot be made or read; the message says why."""


# --- signing ----------------------------------------------------------------------------------------------------

_certificates: dict[tuple[str, str, str], bytes] = {}


def certificate(key: SigningKey, *, station: str) -> bytes:
    """The self-signed X.509 certificate (DER) of ``key`` as the signer at ``station``; made once per key, owner and
    station in a process."""
    cached = _certificates.get((key.key_id, key.owner, station))
    if cached is not None:
        return cached
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, key.owner[:64]),
                      x509.NameAttribute(NameOID.USER_ID, key.owner[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, (station or "unknown")[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "docexam")])
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.private.public_key())
            .serial_number(int(key.key_id[:30], 16) | 1).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * _CERT_YEARS))
            .add_extension(usage, critical=True)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key.private, None))  # Ed25519 signs without a separate digest
    der = _certificates[(key.key_id, key.owner, station)] = cert.public_bytes(ser.Encoding.DER)
    return der


@dataclass(frozen=True)
class Stamp:
    """What the visible box says: who signed, where, who reviewed, and whether the case was issued."""

    signer: str
    key_id: str
    station: str
    issued: bool
    reviewer: str | None = None
    issued_at: str | None = None

    def text(self, words: Translator) -> str:
        if self.issued:
            return words.gettext(_SIGNED_ISSUED).format(signer=self.signer, key=self.key_id[:12], station=self.station,
                                                        reviewer=self.reviewer or "-", when=_when(self.issued_at, words))
        return words.gettext(_SIGNED_DRAFT).format(signer=self.signer, key=self.key_id[:12], station=self.station)


def _when(at: str | None, words: Translator) -> str:
    if not at:
        return "-"
    try:
        value = dt.datetime.fromisoformat(at)
    except ValueError:
        return at[:16]
    return words.datetime(value if value.tzinfo else value.replace(tzinfo=dt.UTC), utc=True)


def _stamp_page(text: str, *, font_dir: Path | None) -> bytes:
    """A one-page PDF the size of the box, with ``text`` in it (fpdf2, the report's DejaVu): the box's appearance."""
    from fpdf import FPDF

    from docexam.report.pdf import DEJAVU_DIR

    folder = font_dir or DEJAVU_DIR
    page = FPDF(unit="mm", format=(BOX_W_MM, BOX_H_MM))
    page.set_margins(2.5, 1.5, 2.5)
    page.set_auto_page_break(False)
    page.add_page()
    if (folder / "DejaVuSans.ttf").is_file():
        page.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
        page.set_font("DejaVu", size=7.5)
    else:
        page.set_font("helvetica", size=7.5)
        text = text.encode("latin-1", "replace").decode("latin-1")
    page.set_draw_color(120, 120, 120)
    page.set_line_width(0.3)
    page.rect(0.3, 0.3, BOX_W_MM - 0.6, BOX_H_MM - 0.6)
    page.set_xy(2.5, 1.5)
    page.multi_cell(BOX_W_MM - 5, 3.4, text, align="L")
    return bytes(page.output())


def sign_pdf(body: bytes, key: SigningKey, *, station: str, stamp: Stamp | None = None, box_top_mm: float | None = None,
             words: Translator | None = None, font_dir: Path | None = None) -> bytes:
    """``body`` (a PDF) with a PAdES signature by ``key`` appended as an incremental update.

    With ``stamp`` and ``box_top_mm`` (where on the last page the box may start, mm from the top) the field is the
    visible box at the report's end when it fits above the page's footer; else it is invisible."""
    from asn1crypto import algos, keys, x509
    from cryptography.hazmat.primitives import serialization as ser
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = x509.Certificate.load(certificate(key, station=station))
    private = keys.PrivateKeyInfo.load(key.private.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8,
                                                                 ser.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=cert, signing_key=private,
                                  cert_registry=SimpleCertificateStore.from_certs([cert]),
                                  signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "ed25519"}))
    meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha512",
                                        subfilter=fields.SigSeedSubFilter.PADES, name=key.owner, location=station,
                                        reason=REASON_ISSUED if stamp is None or stamp.issued else REASON_DRAFT)
    spec, style = fields.SigFieldSpec(FIELD), None
    if stamp is not None and box_top_mm is not None and box_top_mm + BOX_GAP_MM + BOX_H_MM <= _CONTENT_BOTTOM_MM:
        top = box_top_mm + BOX_GAP_MM
        spec = fields.SigFieldSpec(FIELD, on_page=-1, box=(
            round(_LEFT_MM * _PT_PER_MM), round((_PAGE_H_MM - top - BOX_H_MM) * _PT_PER_MM),
            round((_LEFT_MM + BOX_W_MM) * _PT_PER_MM), round((_PAGE_H_MM - top) * _PT_PER_MM)))
        style = _stamp_style(_stamp_page(stamp.text(words or Translator()), font_dir=font_dir))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(body))
        out = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec).sign_pdf(writer)
    except (PdfError, ValueError) as e:
        raise ReportSignatureError(_("the report could not be signed: {error}").format(error=e)) from e
    return bytes(out.getvalue())


def _stamp_style(page: bytes) -> Any:
    """A pyHanko stamp style whose appearance is ``page`` (a one-page PDF) filling the field's box."""
    from pyhanko.pdf_utils import content, layout
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class _Page(content.PdfContent):  # pyHanko's ImportedPdfPage reads a file; this reads the bytes made above
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(page)), page_ix=0)
            self.resources.xobject["/DocexamBox"] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return b"/DocexamBox Do"

    fill = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN,
                                      margins=layout.Margins(), inner_content_scaling=layout.InnerScaling.STRETCH_FILL)
    return StaticStampStyle(background=_Page(), border_width=0, background_layout=fill, background_opacity=1.0)


def sign_report_file(store: Store, info: ReportInfo, case: int | str, *, language: str | None = None
                     ) -> ReportInfo | None:
    """Sign the report just written (``info``, of ``case``) inside the PDF with the signed-in examiner's key, the file
    replaced whole; the report as signed (its new SHA-256 and size). None, and nothing changed, when nobody is
    signed in."""
    import hashlib

    from docexam.report.pdf import _write_atomically

    key = store.session.key if store.session is not None else None
    if key is None:
        return None
    review = store.review(case)
    stamp = Stamp(key.owner, key.key_id, store.origin, review.issued, review.reviewed_by, review.issued_at)
    body = sign_pdf(info.path.read_bytes(), key, station=store.origin, stamp=stamp, box_top_mm=info.end_mm,
                    words=Translator(language))
    _write_atomically(body, info.path)
    return replace(info, sha256=hashlib.sha256(body).hexdigest(), size=len(body))


# --- checking ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmbeddedSignature:
    """A report's embedded signature as read: the key that made it (id and raw public key, hex), the subject its
    certificate names, when it says it signed, its reason, whether it holds over the bytes it covers (``intact``),
    and whether the file was changed after it (``modified``: ``updates`` incremental updates appended, or bytes
    after its end; ``change`` says what pyHanko's difference analysis found)."""

    field: str
    key_id: str
    public_key: str
    subject: str
    signed_at: str | None
    reason: str | None
    intact: bool
    modified: bool
    updates: int = 0
    change: str | None = None

    @property
    def draft(self) -> bool:
        return self.reason == REASON_DRAFT

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in self.__dataclass_fields__}, "draft": self.draft}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EmbeddedSignature:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs a tampered file's analysis at ERROR with a traceback; the check says it in its own words."""
    log = logging.getLogger("pyhanko")
    level, log.level = log.level, logging.CRITICAL + 1
    try:
        yield
    finally:
        log.setLevel(level)


def read_signature(body: bytes) -> EmbeddedSignature | None:
    """The embedded signature of a PDF (docexam's field, else the first), checked for integrity only (no trust
    decision: :func:`verify_report` makes it); None when the PDF has none. ReportSignatureError when the PDF or its
    signature cannot be read (a damaged or altered file)."""
    import hashlib

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DiffResult
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        with _quiet_pyhanko():
            reader = PdfFileReader(io.BytesIO(body))
            found = reader.embedded_signatures
            if not found:
                return None
            sig = next((s for s in found if s.field_name == FIELD), found[0])
            sig.compute_integrity_info()
            cert = sig.signer_cert
            digest_ok, signature_ok = validate_sig_integrity(sig.signer_info, cert, "data", sig.compute_digest())
            public = cert.public_key["public_key"].native
    except (PdfError, SignatureValidationError, *_MALFORMED) as e:
        raise ReportSignatureError(_("the report's PDF or its signature cannot be read ({error}): it is damaged or "
                                     "was altered").format(error=str(e) or type(e).__name__)) from None
    if cert.public_key.algorithm != "ed25519" or not isinstance(public, bytes) or len(public) != 32:
        raise ReportSignatureError(_("the report is signed with a key that is not a docexam (Ed25519) key"))
    updates = reader.xrefs.total_revisions - 1 - sig.signed_revision
    diff = sig.diff_result
    change = None
    if updates > 0:
        change = (diff.modification_level.name.lower() if isinstance(diff, DiffResult) else str(diff) or "other")
    modified = sig.coverage != SignatureCoverageLevel.ENTIRE_FILE
    when = sig.self_reported_timestamp
    reason = sig.sig_object.get("/Reason")
    return EmbeddedSignature(
        field=str(sig.field_name), key_id=hashlib.sha256(public).hexdigest(), public_key=public.hex(),
        subject=str(cert.subject.native.get("common_name", "")), signed_at=when.isoformat() if when else None,
        reason=str(reason) if reason is not None else None, intact=bool(digest_ok and signature_ok),
        modified=modified, updates=max(updates, 0), change=change)


@dataclass(frozen=True)
class ReportCheck:
    """What ``docexam case verify-report`` found: the embedded signature and its signer on the trust list, the
    detached signature's signer, what is wrong (``problems``: the report is not accepted) and what is only said
    (``notes``)."""

    path: Path
    embedded: EmbeddedSignature | None
    signer: TrustedKey | None
    detached: TrustedKey | None
    problems: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and (self.signer is not None or self.detached is not None)

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "ok": self.ok,
                "embedded": self.embedded.to_dict() if self.embedded else None,
                "signer": self.signer.to_dict() if self.signer else None,
                "detached": self.detached.to_dict() if self.detached else None,
                "problems": list(self.problems), "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportCheck:
        from docexam.store.signing import TrustedKey

        return cls(Path(d["path"]), EmbeddedSignature.from_dict(d["embedded"]) if d.get("embedded") else None,
                   TrustedKey.from_dict(d["signer"]) if d.get("signer") else None,
                   TrustedKey.from_dict(d["detached"]) if d.get("detached") else None,
                   tuple(d.get("problems", ())), tuple(d.get("notes", ())))


def verify_report(store: Store, path: str | Path) -> ReportCheck:
    """Check the report at ``path``: its embedded signature (intact, by a key on ``store``'s trust list and not
    revoked, the file not changed after it) and its detached signature beside it, each where present; at least one
    must be there. Nothing is fetched: the trust list decides, not a certificate chain."""
    from docexam.store.trust import TrustError, check_report, signature_path, trusted_signer

    path = Path(path)
    problems: list[str] = []
    notes: list[str] = []
    try:
        body = path.read_bytes()
    except OSError as e:
        raise ReportSignatureError(_("cannot read the report {path}: {reason}").format(
            path=path, reason=e.strerror or e)) from None
    embedded: EmbeddedSignature | None = None
    signer: TrustedKey | None = None
    try:
        embedded = read_signature(body)
    except ReportSignatureError as e:
        problems.append(str(e))
    if embedded is not None:
        try:
            signer = trusted_signer(store, embedded.key_id, embedded.subject or "?")
        except TrustError as e:
            problems.append(str(e))
        if not embedded.intact:
            problems.append(_("its embedded signature does not match the report: the PDF was changed after it was "
                              "signed"))
            signer = None
        elif embedded.modified:
            if embedded.updates:
                problems.append(ngettext(
                    "the PDF was changed after it was signed: {n} update appended to the signed report ({change})",
                    "the PDF was changed after it was signed: {n} updates appended to the signed report ({change})",
                    embedded.updates).format(n=embedded.updates, change=embedded.change))
            else:
                problems.append(_("the PDF was changed after it was signed: bytes appended after the signed report"))
    detached: TrustedKey | None = None
    try:
        detached = check_report(store, path)
    except TrustError as e:
        if embedded is not None and not signature_path(path).exists():
            notes.append(_("no detached signature beside it ({error})").format(error=e))
        else:
            problems.append(str(e))
    if embedded is None and detached is None and not problems:
        problems.append(_("the report carries no signature"))
    if embedded is None and not problems:
        notes.append(_("the PDF has no embedded signature (a report signed before docexam signed inside the PDF)"))
    if signer is not None and detached is not None and signer.key_id != detached.key_id:
        problems.append(_("the embedded and the detached signature are by different keys"))
    return ReportCheck(path, embedded, signer, detached, tuple(problems), tuple(notes))
