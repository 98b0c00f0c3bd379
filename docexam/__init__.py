"""docexam: forensic examination of travel documents.

The package is importable without Qt: only :mod:`docexam.gui` imports PySide6.
"""

import os

# numpy's OpenBLAS starts a thread per core for every matrix product. The OCR-B recogniser's products are small
# (a line's cells through a 600x256 layer), and on a 2-core laptop the threads cost far more than they save:
# measured 14 ms instead of 0.3 ms per line while another process is busy. Takes effect when docexam is imported
# before numpy (the command line); a caller that wants BLAS threads sets the variable first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
