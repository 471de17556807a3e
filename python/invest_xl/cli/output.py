"""What the command line writes: exit codes, valid JSON, output a console can show."""

from __future__ import annotations

import json
import math
import sys

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


def _finite(data):
    """`data` with every infinite or NaN float as None: --json is always valid JSON."""
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def to_json(data, **options) -> str:
    """`data` as JSON text; infinite or NaN numbers become null."""
    return json.dumps(_finite(data), allow_nan=False, **options)


def tolerant_output(json_wanted: bool) -> None:
    """A case name the console's code page cannot show (Windows redirects in cp1252) must
    not stop the run: JSON is written as UTF-8, as JSON is; text shows such a letter as '?'."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if json_wanted and stream is sys.stdout:
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass  # not a text stream we may change (a test's capture, a closed pipe)

