"""Reports (Qt-free): the PDF report of an examination case, written from the case store by the command line
(``docexam case report``) and the workstation alike."""

from docexam.report.pdf import ReportInfo, ReportWriteError, finding_quad, write_report

__all__ = ["ReportInfo", "ReportWriteError", "finding_quad", "write_report"]
