"""Cross-file checks once every file is compiled: duplicate ids and references to unknown ids."""

from __future__ import annotations

from collections.abc import Iterable

from assessments.diagnostics import ERROR, Diagnostic, did_you_mean
from courses.kinds.base import Fragment

TARGET_NAMES = {"competency": "competency", "quiz": "quiz", "module": "module"}


def link(fragments: Iterable[Fragment]) -> list[Diagnostic]:
    """Report ids defined twice and references to ids nobody defines."""
    fragments = list(fragments)
    diagnostics: list[Diagnostic] = []
    defined: dict[str, dict[str, tuple[str, int]]] = {}
    for fragment in fragments:
        for definition in fragment.definitions:
            ids = defined.setdefault(definition.target, {})
            if definition.id in ids:
                first_path, first_line = ids[definition.id]
                diagnostics.append(
                    Diagnostic(
                        fragment.relative,
                        definition.line,
                        definition.col,
                        ERROR,
                        f'duplicate {definition.target} id "{definition.id}"',
                        f"also defined in {first_path} on line {first_line}",
                    )
                )
            else:
                ids[definition.id] = (fragment.relative, definition.line)
    for fragment in fragments:
        for reference in fragment.references:
            known = defined.get(reference.target, {})
            if reference.id not in known:
                diagnostics.append(
                    Diagnostic(
                        fragment.relative,
                        reference.line,
                        reference.col,
                        ERROR,
                        f'unknown {TARGET_NAMES.get(reference.target, reference.target)} "{reference.id}"',
                        did_you_mean(reference.id, known),
                    )
                )
    return diagnostics
