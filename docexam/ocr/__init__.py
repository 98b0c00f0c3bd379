"""OCR engines for MRZ lines: the built-in OCR-B recogniser and the tesseract adapter."""
