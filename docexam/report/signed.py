"""A case's report as the examiner hands it on (issue 22): the PDF written, signed inside by the signed-in examiner
(:mod:`docexam.report.pdfsign`), and the detached ``FILE.pdf.sig`` beside it over the signed PDF
(:func:`docexam.store.trust.sign_report`). The command line (``docexam case report``) and the workstation's Export
PDF report both call :func:`write_signed_report`, so a report is signed the same way whichever made it. Nobody
signed in (a store without accounts): the report is written unsigned, as before."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docexam.report.pdf import ReportInfo, write_report

if TYPE_CHECKING:
    from docexam.store import Store


@dataclass(frozen=True)
class SignedReport:
    """A report written: the PDF as it stands (``info``, signed or not), who signed it inside the PDF (``signer``,
    the signed-in examiner; None when unsigned), the detached signature's file (None when unsigned), whether the case was
    issued, whether the store keeps accounts, and the case's verdict (empty: none yet)."""

    info: ReportInfo
    signer: str | None
    signature: Path | None
    issued: bool
    accounts: bool
    verdict: str

    @property
    def signed(self) -> bool:
        return self.signer is not None or self.signature is not None

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.info.path), "pages": self.info.pages, "sha256": self.info.sha256,
                "size": self.info.size, "signer": self.signer,
                "signature": None if self.signature is None else str(self.signature), "issued": self.issued,
                "accounts": self.accounts, "verdict": self.verdict}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SignedReport:
        info = ReportInfo(Path(d["path"]), int(d["pages"]), str(d["sha256"]), int(d["size"]))
        return cls(info, d.get("signer"), None if d.get("signature") is None else Path(d["signature"]),
                   bool(d.get("issued")), bool(d.get("accounts")), str(d.get("verdict") or ""))


def write_signed_report(store: Store, case: int | str, out: str | os.PathLike, *, language: str | None = None,
                        bilingual: bool = False) -> SignedReport:
    """Write the PDF report of ``case`` to ``out`` (:func:`docexam.report.write_report`) and, when someone is signed
    in to ``store`` with a key, sign it inside the PDF and then beside it (``out.sig``, over the signed PDF's bytes).
    Errors are those of the writing and signing (ReportWriteError, ReportSignatureError, OSError)."""
    from docexam.report.pdfsign import sign_report_file
    from docexam.store.trust import sign_report

    info = write_report(store, case, out, language=language, bilingual=bilingual)
    verdict = store.show(case).case.verdict or ""
    issued, accounts = store.review(case).issued, store.has_accounts()
    embedded = sign_report_file(store, info, case, language=language)
    info = embedded or info
    signature = sign_report(store, info.path)
    return SignedReport(info, store.actor if embedded is not None else None, signature, issued, accounts, verdict)
