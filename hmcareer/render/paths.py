"""The path to each role: required steps nested one under another, optional ones beside them.

`path_tree` and `step_label` are shared with fit.py, which marks each step for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from rich.tree import Tree

from ..models import Role
from ..query import PathsReport, ResolvedStep
from .human import Human


def step_label(h: Human, s: ResolvedStep, licence_state: Any = None) -> Text:
    """A step, its detail, how long it takes and its notes; with `licence_state` (licensing.StateSteps), a step the state
    sets (degree, AIT, exams) reads what that state asks instead of what states in general ask."""
    from ..licensing import state_reading

    own = state_reading(s, licence_state)
    if own is not None:
        h.cite(x.id for x in own.step.sources)
        label = Text(f"{s.step}: ", style="cyan") + Text(own.label) + Text(f" - in {licence_state.name}: {own.reading}",
                                                                           style="bold")
    else:
        h.cite(s.sources, s.period)
        label = Text(f"{s.step}: ", style="cyan") + Text(s.label)
    if s.detail and own is None:
        label.append(f" - {s.detail}", style="dim")
    if s.duration:
        label.append(" - how long: ", style="dim")
        label.append_text(h.fact(s.duration))
    for note in s.notes:
        label.append(" - also: ", style="dim")
        label.append_text(h.fact(note))
    return label


def path_tree(h: Human, root: Tree, role: Role, steps: Iterable[Any], label_for: Callable[[Any], Text],
              licence_state: Any = None) -> None:
    """Required steps nest one under the other; optional ones hang beside the step they follow. With `licence_state`
    (licensing.StateSteps), that state's licence steps hang under the licence step."""
    node, extras = root, None
    for item in steps:
        step = item.step if hasattr(item, "status") else item  # a checked step (render.fit) or a plain one
        label = label_for(item)
        if step.optional:
            extras = extras or node.add(Text("optional, any time after this step:", style="dim"))
            extras.add(label)
        else:
            node, extras = node.add(label), None
            if licence_state is not None and step.step == "licence":
                from .licence import licence_block

                head, *lines = licence_block(h, licence_state)
                branch = node.add(head)
                for line in lines:
                    branch.add(line)
    target = node.add(Text(f"role: {role.title}", style="bold green"))
    for f in role.ladder:
        target.add(Text("then: ", style="dim") + h.fact(f))


def show_paths(h: Human, result: PathsReport) -> None:
    for p in result.paths:
        tree = Tree(Text(f"Path to {p.role.title}", style="bold"), guide_style="dim")
        path_tree(h, tree, p.role, p.steps, lambda s: step_label(h, s, result.licence_state), result.licence_state)
        h.print_tree(tree)
        if result.licence_state is not None:
            from .licence import state_glossary

            state_glossary(h, result.licence_state)
        h.line()

