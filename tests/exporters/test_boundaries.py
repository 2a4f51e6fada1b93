"""The exporters are a domain package: no Flask, and the app reaches them only through ``exporters``."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_exporters_loads_no_web_framework() -> None:
    program = (
        "import sys, exporters\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'flask_login', 'wtforms', 'app'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
