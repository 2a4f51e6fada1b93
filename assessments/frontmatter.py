"""YAML front matter with the source position of every top-level key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DELIMITER = "---"


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based, in the whole file
    col: int  # 1-based


@dataclass
class FrontMatter:
    values: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, Position] = field(default_factory=dict)  # where each key is written
    positions: dict[str, Position] = field(default_factory=dict)  # where each value starts
    items: dict[str, list[Position]] = field(default_factory=dict)  # list values: where each item starts
    start: Position = field(default_factory=lambda: Position(1, 1))
    node: Any = None  # the YAML node, for formats that need positions below the top level
    duplicates: list[tuple[str, Position]] = field(default_factory=list)  # keys written twice

    def at(self, key: str) -> Position:
        """Return where the value of ``key`` is written (or the start of the front matter)."""
        return self.positions.get(key) or self.start

    def item_at(self, key: str, index: int) -> Position:
        items = self.items.get(key, [])
        return items[index] if index < len(items) else self.at(key)


@dataclass
class Document:
    """A source file split into its front matter and its body."""

    front_matter: FrontMatter | None
    body: str
    body_line: int  # 0-based line of the body's first line in the whole file
    error: tuple[str, Position] | None = None


def split(text: str) -> Document:
    """Split a file into front matter and body, parsing the YAML with positions."""
    if not (text.startswith(DELIMITER + "\n") or text.startswith(DELIMITER + "\r\n")):
        return Document(
            None, text, 0, ("the file must start with front matter between --- lines", Position(1, 1))
        )
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (DELIMITER, "..."):
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            front_matter, error = parse_yaml_mapping(yaml_text, line_offset=1)
            return Document(front_matter, body, index + 1, error)
    return Document(None, "", len(lines), ("the front matter is not closed with a --- line", Position(1, 1)))


def parse_yaml_mapping(
    text: str, *, line_offset: int = 0
) -> tuple[FrontMatter | None, tuple[str, Position] | None]:
    """Parse a YAML mapping, recording positions; return (front matter, error)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and (mark is None or mark.index >= len(text.rstrip())):
            mark = error.context_mark  # the problem is "end of file": point at what was left open
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        return None, (f"invalid YAML: {error.problem or error}", Position(line, col))
    finally:
        loader.dispose()
    start = Position(1, 1)  # the opening --- of front matter, or the first line of a YAML file
    if data is None:
        return FrontMatter(start=start), None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return None, ("expected 'name: value' lines", start)
    result = FrontMatter(values=data, start=start, node=node)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in result.keys:
            result.duplicates.append((key, _position(key_node, line_offset)))
        result.keys[key] = _position(key_node, line_offset)
        result.positions[key] = _position(value_node, line_offset)
        if isinstance(value_node, yaml.SequenceNode):
            result.items[key] = [_position(item, line_offset) for item in value_node.value]
    return result, None


def _position(node: yaml.Node, line_offset: int) -> Position:
    return Position(node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
