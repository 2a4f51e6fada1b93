"""YAML front matter with positions (defined in ``assessments.frontmatter``, which the quiz format shares)."""

from __future__ import annotations

from assessments.frontmatter import Document, FrontMatter, Position, parse_yaml_mapping, split

__all__ = ["Document", "FrontMatter", "Position", "parse_yaml_mapping", "split"]
