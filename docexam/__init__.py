"""docexam: forensic examination of travel documents.

The package is importable without Qt: only :mod:`docexam.gui` imports PySide6.
"""

__version__ = "0.1.0"
