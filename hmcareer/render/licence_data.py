"""A state's licence steps as JSON: shared by the licence views (licence.py) and by the paths, match and switch
documents (machine.py, moving_data.py), which import this and not licence.py (that imports machine.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # JSON output of paths, match and switch need not import the licence queries
    from ..licensing import LicenceStep, StateSteps


def step_record(step: LicenceStep) -> dict[str, Any]:
    return {"kind": step.kind, "label": step.label, "short": step.short, "text": step.text, "status": step.status,
            "status_label": step.status_label, "sources": [s.id for s in step.sources]}


def steps_record(s: StateSteps) -> dict[str, Any]:
    """A state's steps as JSON: part of the `licence` document and of paths, match, switch and certs with --state."""
    return {"code": s.code, "name": s.name, "board": step_record(s.board), "board_url": s.board_url,
            "steps": [step_record(step) for step in s.steps], "compiled": s.compiled}


def licence_state(steps: StateSteps | None) -> dict[str, Any] | None:
    """`licence_state` of a document: the state's steps, or None when no state was asked for."""
    return steps_record(steps) if steps is not None else None


def in_state(step: Any, steps: StateSteps | None) -> dict[str, Any]:
    """With a state: a path step's `state_reading`, what the state asks at that step (licensing.state_reading), or None
    for a step the state does not set; without a state, nothing (the document is as it was)."""
    if steps is None:
        return {}
    from ..licensing import state_reading

    own = state_reading(step, steps)
    return {"state_reading": None if own is None else {"kind": own.step.kind, "label": own.label, "reading": own.reading,
                                                      "short": own.step.short, "status": own.step.status,
                                                      "status_label": own.step.status_label}}
