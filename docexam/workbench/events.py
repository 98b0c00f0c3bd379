"""How the workstation's state announces its changes: one style for every state object.

Each state object is a dataclass whose fields are its state, with ``events``, a psygnal
:class:`~psygnal.SignalGroup` holding one signal per field (napari's and psygnal's evented dataclasses). A field's
signal emits ``(new, old)`` after the field changed, and only when it changed (so widgets bound both ways do not
loop). A widget connects to the field it mirrors (``adjust.events.gamma.connect(...)``), or to the whole group for
any change (``adjust.events.connect(...)``; the callback may take the :class:`~psygnal.EmissionInfo`, whose
``signal.name`` is the field). Every field is checked in ``__setattr__`` before it changes (a ``ValueError`` with
the allowed range), so a direct assignment is as safe as a setter.

The :class:`~docexam.workbench.state.Workbench` keeps the same shape with a declared group, because a case opened
is announced whole (case, comparison, selection, light) even when one of them is unchanged.
"""

from __future__ import annotations

from typing import Any


def set_together(state: Any, **values: Any) -> None:
    """Set several fields of evented ``state``, then announce each one that changed: a listener sees the whole
    change, never half of it (a zoom with the old centre). The values are checked as they are set; if one is
    refused, the fields set before it keep their new values, so check them all first."""
    old = {name: getattr(state, name) for name in values}
    with state.events.blocked():
        for name, value in values.items():
            setattr(state, name, value)
    for name in values:
        new = getattr(state, name)
        if new != old[name]:
            state.events[name].emit(new, old[name])
