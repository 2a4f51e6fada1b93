"""Package integrity: referenced files present, nothing escaping the package, nothing from the network."""

from __future__ import annotations

import io
import zipfile

import pytest

from exporters import ExportError, MissingMediaError, ModuleBundle, check_package, export_package
from exporters.package import integrity_problems, read_zip
from tests.exporters.fixtures import MODULE, QUIZ, quiz_bundle


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def files() -> dict[str, bytes]:
    return read_zip(export_package("scorm2004", [quiz_bundle()]))


def test_a_file_listed_in_the_manifest_must_be_in_the_package(files: dict[str, bytes]) -> None:
    del files["runtime/player.js"]
    problems = check_package(_zip(files)).problems
    assert "manifest: runtime/player.js is not in the package" in problems
    assert "fixture-opening/index.html: ../runtime/player.js is not in the package" in problems


def test_media_used_by_a_page_must_be_in_the_package(files: dict[str, bytes]) -> None:
    del files["fixture-opening/media/dot.png"]
    assert (
        "fixture-opening/data.js: media/dot.png is not in the package" in check_package(_zip(files)).problems
    )


def test_no_entry_may_escape_the_package(files: dict[str, bytes]) -> None:
    problems = integrity_problems({**files, "../outside.js": b"", "/etc/passwd": b""}, [])
    assert "../outside.js: path escapes the package or has an empty segment" in problems
    assert "/etc/passwd: absolute or non-portable path" in problems
    assert "manifest: ../secret.txt points outside the package" in integrity_problems(
        files, ["../secret.txt"]
    )


def test_nothing_may_load_from_the_network(files: dict[str, bytes]) -> None:
    files["fixture-opening/index.html"] = files["fixture-opening/index.html"].replace(
        b"</head>", b'<script src="https://cdn.example/lib.js"></script></head>'
    )
    problems = check_package(_zip(files)).problems
    assert problems == ("fixture-opening/index.html: loads https://cdn.example/lib.js from the network",)


def test_links_to_the_web_are_allowed(files: dict[str, bytes]) -> None:
    assert b"https://example.org/guide" in files["fixture-opening/data.js"]
    assert check_package(_zip(files)).problems == ()


def test_a_module_without_its_media_bytes_is_not_exported() -> None:
    with pytest.raises(MissingMediaError, match="media/dot.png"):
        export_package("scorm12", [ModuleBundle(MODULE, QUIZ, {})])


def test_a_module_cannot_appear_twice() -> None:
    with pytest.raises(ExportError, match="twice"):
        export_package("scorm12", [quiz_bundle(), quiz_bundle()])


def test_check_reports_unreadable_and_unknown_packages() -> None:
    assert not check_package(b"not a zip").is_valid
    report = check_package(_zip({"index.html": b"<p>hi</p>"}))
    assert report.format_name is None and "no imsmanifest.xml" in report.problems[0]
