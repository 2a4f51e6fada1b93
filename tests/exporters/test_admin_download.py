"""The admin download of packages: admins only, a checked zip, clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from courses import build_content
from exporters import check_package

CONTENT = Path(__file__).resolve().parents[2] / "content"


def publish(session: Any) -> None:
    assert not build_content(session, CONTENT).errors
    session.commit()


def test_an_admin_downloads_a_package_of_several_modules(client: Any, auth: Any, session: Any) -> None:
    publish(session)
    auth.login_as("admin")
    page = client.get("/admin/exports/")
    assert page.status_code == 200
    assert 'value="call-opening"' in page.get_data(as_text=True)
    response = client.get(
        "/admin/exports/download",
        query_string=[
            ("format", "scorm12"),
            ("module", "call-opening"),
            ("module", "call-closing"),
            ("status_mode", "passed-failed"),
        ],
    )
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert 'filename="course-scorm12.zip"' in response.headers["Content-Disposition"]
    report = check_package(response.data)
    assert (report.format_name, report.problems) == ("scorm12", ())
    again = client.get(
        "/admin/exports/download",
        query_string=[("format", "scorm12"), ("module", "call-opening"), ("module", "call-closing")],
    )
    assert again.data == response.data


def test_the_download_explains_what_is_missing(client: Any, auth: Any, session: Any) -> None:
    publish(session)
    auth.login_as("admin")
    no_module = client.get("/admin/exports/download", query_string={"format": "cmi5"})
    assert no_module.status_code == 400 and "Choose at least one module." in no_module.get_data(as_text=True)
    unknown = client.get("/admin/exports/download", query_string={"format": "cmi5", "module": "nope"})
    assert unknown.status_code == 400 and "no published module" in unknown.get_data(as_text=True)
    bad_format = client.get(
        "/admin/exports/download", query_string={"format": "aicc", "module": "call-opening"}
    )
    assert bad_format.status_code == 400


def test_only_admins_may_download(client: Any, auth: Any) -> None:
    auth.login_as("mentor")
    assert client.get("/admin/exports/").status_code == 403
    assert client.get("/admin/exports/download?format=scorm12&module=call-opening").status_code == 403
