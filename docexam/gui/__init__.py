"""The PySide6 workstation: thin widgets over the Qt-free state in :mod:`docexam.workbench`; the only package that imports Qt."""
