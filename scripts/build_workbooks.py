"""Build the workbooks shipped in xlsx/ from the package's data, reproducibly.

    python scripts/build_workbooks.py            # writes xlsx/budget_2020-2023.xlsx

Never edit the shipped workbooks by hand: change the data or the code and run this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from invest_xl.sample import SAMPLE_WORKBOOK_NAME, write_sample_workbook

XLSX = Path(__file__).resolve().parent.parent / "xlsx"


def main() -> int:
    written = write_sample_workbook(XLSX / SAMPLE_WORKBOOK_NAME)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
