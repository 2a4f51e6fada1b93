"""Security headers on every response."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.wrappers import Response

# No inline script and no inline style anywhere: every script and style sheet is a file served by us
# (Bootstrap's too), and charts and bars size themselves with SVG attributes, not style="…".
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        # Package previews embed our own pages in a frame; nobody else may frame us.
        "frame-ancestors 'self'",
        "frame-src 'self'",
    ]
)


def init_app(app: Flask) -> None:
    app.config.setdefault("HSTS_SECONDS", 31536000)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        if request.blueprint != "xapi" and not request.path.startswith("/xapi"):
            headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure and app.config["HSTS_SECONDS"]:
            headers.setdefault(
                "Strict-Transport-Security", f"max-age={app.config['HSTS_SECONDS']}; includeSubDomains"
            )
        return response
