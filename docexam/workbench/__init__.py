"""The workstation's state, Qt-free: what is open, which light, how it is viewed, what is selected.

The GUI (:mod:`docexam.gui`) draws this state and changes it through its methods; every change is announced by a
`psygnal <https://psygnal.readthedocs.io>`_ signal, the way napari's core models tell its Qt layer. So the
behaviour (zoom limits, locked panes, selecting a finding zooms to it, a verdict reaches the audit trail) is
tested without Qt, and the widgets stay thin.

One module per concern: :mod:`~docexam.workbench.adjust` (brightness, contrast, gamma, channel),
:mod:`~docexam.workbench.view` (zoom and pan), :mod:`~docexam.workbench.comparison` (comparison mode and its
settings), :mod:`~docexam.workbench.caseview` (the open case read from the store) and
:mod:`~docexam.workbench.state` (the :class:`Workbench` session that holds them).
"""

from docexam.workbench.adjust import Adjustment, Channel
from docexam.workbench.caseview import CaptureInfo
from docexam.workbench.comparison import CompareMode, CompareState
from docexam.workbench.state import Workbench
from docexam.workbench.view import ViewState

__all__ = ["Adjustment", "CaptureInfo", "Channel", "CompareMode", "CompareState", "ViewState", "Workbench"]
