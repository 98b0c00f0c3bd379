"""The workstation's state, Qt-free: what is open, which light, how it is viewed, what is selected.

The GUI (:mod:`docexam.gui`) draws this state and changes it through its methods; every change is announced by a
`psygnal <https://psygnal.readthedocs.io>`_ signal, the way napari's core models tell its Qt layer. So the
behaviour (zoom limits, locked panes, selecting a finding zooms to it, a verdict reaches the audit trail) is
tested without Qt, and the widgets stay thin.
"""

from docexam.workbench.state import (
    Adjustment,
    CaptureInfo,
    Channel,
    CompareMode,
    CompareState,
    ViewState,
    Workbench,
)

__all__ = ["Adjustment", "CaptureInfo", "Channel", "CompareMode", "CompareState", "ViewState", "Workbench"]
