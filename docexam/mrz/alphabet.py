"""The characters an MRZ is written in: the OCR-B subset of Doc 9303 Part 3, 4.4 (Figure 4), capital letters, digits
and the filler ``<`` (Part 3, 4.10).

The one home of the alphabet: the check digits give these characters their values, the corrector chooses among them,
tesseract is restricted to them, and the built-in recogniser's classes are numbered in :data:`MRZ_ALPHABET`'s order.
"""

from __future__ import annotations

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
#: Fills the positions a field's data leave empty, and separates name components (Part 3, 4.6 and 4.10).
FILLER = "<"
#: Every MRZ character, letters first: the order of the built-in recogniser's output classes (docexam.ocr.ocrb).
MRZ_ALPHABET = LETTERS + DIGITS + FILLER

__all__ = ["DIGITS", "FILLER", "LETTERS", "MRZ_ALPHABET"]
