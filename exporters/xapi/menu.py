"""The course menu of an xAPI package with several modules: the launch page of the course activity.

Its links carry the launch parameters on to each module, with ``activity_id`` set to that module's IRI.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from lxml.html import builder as E

from .. import identifiers
from ..bundle import ExportOptions, ModuleBundle
from ..content import RUNTIME_DIR, launch_path
from ..manifest_common import course_title
from .manifest import COURSE_MENU


def course_menu(bundles: Sequence[ModuleBundle], options: ExportOptions) -> dict[str, bytes]:
    if len(bundles) < 2:
        return {}
    title = course_title(bundles, options)
    items = [
        E.LI(
            E.A(
                bundle.module.title,
                href=launch_path(bundle.module.id),
                **{"data-activity-id": identifiers.module_iri(options.activity_base, bundle.module.id)},
            ),
            E.P(bundle.module.summary),
        )
        for bundle in bundles
    ]
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.LINK(rel="stylesheet", href=f"{RUNTIME_DIR}/style.css"),
            E.SCRIPT(src=f"{RUNTIME_DIR}/course.js", defer="defer"),
        ),
        E.BODY(E.MAIN(E.H1(title), E.UL(*items, **{"class": "course-menu"}), id="player")),
        lang="en",
    )
    html = b"<!DOCTYPE html>\n" + etree.tostring(page, method="html", encoding="utf-8") + b"\n"
    from ..content import runtime_files

    return {COURSE_MENU: html, **runtime_files(("course.js",))}
