"""The files every package holds: the runtime, and per module its launch page, data script and media."""

from __future__ import annotations

from importlib import resources

from lxml import etree
from lxml.html import builder as E

from .bundle import ExportOptions, ModuleBundle
from .errors import MissingMediaError
from .runtime_data import runtime_config, runtime_config_script

RUNTIME_DIR = "runtime"
LIBRARY_SCRIPTS = ("scoring.js", "suspend.js", "review.js")  # loaded before the tracker
PLAYER_SCRIPT = "player.js"  # loaded last: it starts the module


def runtime_files(tracker_scripts: tuple[str, ...]) -> dict[str, bytes]:
    """Return the shared runtime files (scripts and style) under ``runtime/``."""
    names = ("style.css", *LIBRARY_SCRIPTS, PLAYER_SCRIPT, *tracker_scripts)
    folder = resources.files(__package__).joinpath(RUNTIME_DIR)
    return {f"{RUNTIME_DIR}/{name}": folder.joinpath(name).read_bytes() for name in names}


def launch_page(title: str, tracker_scripts: tuple[str, ...]) -> bytes:
    """Return the module's launch page: no inline script, nothing from the network."""
    scripts = [
        "data.js",
        *(f"../{RUNTIME_DIR}/{name}" for name in (*LIBRARY_SCRIPTS, *tracker_scripts, PLAYER_SCRIPT)),
    ]
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.LINK(rel="stylesheet", href=f"../{RUNTIME_DIR}/style.css"),
            *(E.SCRIPT(src=src, defer="defer") for src in scripts),
        ),
        E.BODY(
            E.A("Skip to content", href="#player", **{"class": "skip-link"}),
            E.MAIN(E.P("Loading…"), id="player", tabindex="-1", **{"aria-live": "polite"}),
        ),
        lang="en",
    )
    return b"<!DOCTYPE html>\n" + etree.tostring(page, method="html", encoding="utf-8") + b"\n"


def module_files(
    bundle: ModuleBundle,
    format_name: str,
    suspend_limit: int,
    tracker_scripts: tuple[str, ...],
    options: ExportOptions,
) -> dict[str, bytes]:
    """Return a module's files under ``<module id>/``: launch page, data script, media."""
    module = bundle.module
    files = {
        f"{module.id}/index.html": launch_page(module.title, tracker_scripts),
        f"{module.id}/data.js": runtime_config_script(
            runtime_config(bundle, format_name, suspend_limit, options)
        ),
    }
    for media in module.media:
        content = bundle.media.get(media.sha256)
        if content is None:
            raise MissingMediaError(module.id, media.path, media.sha256)
        files[f"{module.id}/{media.path}"] = content
    return files


def launch_path(module_id: str) -> str:
    return f"{module_id}/index.html"
