"""Every sample module, compiled from content/, exports in every format to a valid, whole package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from courses import build_content, list_modules
from exporters import EXPORT_FORMATS, check_package, default_schema_dir, export_package, load_bundles

CONTENT = Path(__file__).resolve().parents[2] / "content"
SCHEMAS = default_schema_dir()


@pytest.fixture
def sample_modules(session: Any) -> list[str]:
    report = build_content(session, CONTENT)
    assert not report.errors, report.errors
    session.commit()
    return [published.info.module_id for published in list_modules(session)]


@pytest.mark.parametrize("format_name", sorted(EXPORT_FORMATS))
def test_every_sample_module_exports_to_a_valid_package(
    session: Any, sample_modules: list[str], format_name: str
) -> None:
    if not SCHEMAS.is_dir():
        pytest.skip(f"official schemas not found at {SCHEMAS}: manifests cannot be validated")
    assert len(sample_modules) >= 6
    bundles = load_bundles(session, sample_modules)
    for bundle in bundles:
        report = check_package(export_package(format_name, [bundle]))
        assert (report.format_name, report.schema_checked, report.problems) == (format_name, True, ()), (
            bundle.module.id
        )
    course = check_package(export_package(format_name, bundles))
    assert course.problems == ()


def test_elearn_export_writes_and_checks_a_package(
    app: Any, session: Any, sample_modules: list[str], tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    output = tmp_path / "course.zip"
    result = runner.invoke(
        args=["export", "--format", "scorm2004", "call-opening", "active-listening", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "2 module(s)" in result.output
    first = output.read_bytes()
    runner.invoke(
        args=["export", "--format", "scorm2004", "call-opening", "active-listening", "-o", str(output)]
    )
    assert output.read_bytes() == first
    checked = runner.invoke(args=["export", "--check", str(output)])
    assert checked.exit_code == 0, checked.output
    assert "valid SCORM 2004 4th Edition package" in checked.output


def test_elearn_export_reports_unknown_modules_and_broken_packages(
    app: Any, session: Any, sample_modules: list[str], tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["export", "--format", "scorm12", "no-such-module", "-o", str(tmp_path / "x.zip")]
    )
    assert result.exit_code != 0 and "no published module 'no-such-module'" in result.output
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    checked = runner.invoke(args=["export", "--check", str(broken)])
    assert checked.exit_code != 0
    assert "no imsmanifest.xml, cmi5.xml or tincan.xml" in checked.output
