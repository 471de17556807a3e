"""Build the workbooks shipped in xlsx/ from the package's data, reproducibly.

    python scripts/build_workbooks.py            # writes xlsx/budget_2020-2023.xlsx
                                                 # xlsx/fte_eksempel_lejre.xlsx (the FTE example)
                                                 # and xlsx/budget_2020-2023.xlsm (buttons, UDFs)

Never edit the shipped workbooks by hand: change the data or the code and run this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from invest_xl.excel.macro_workbook import MACRO_WORKBOOK_NAME, write_macro_workbook
from invest_xl.sample.budget import (FTE_EXAMPLE_WORKBOOK_NAME, SAMPLE_WORKBOOK_NAME,
                                     write_fte_example_workbook, write_sample_workbook)

REPO = Path(__file__).resolve().parent.parent
XLSX = REPO / "xlsx"


def udf_module():
    """udfs/invest_xl_udfs.py, imported as Excel's "Import Python UDFs" would find it."""
    sys.path.insert(0, str(REPO / "udfs"))
    import invest_xl_udfs

    return invest_xl_udfs


def main() -> int:
    written = write_sample_workbook(XLSX / SAMPLE_WORKBOOK_NAME)
    print(f"wrote {written}")
    written = write_fte_example_workbook(XLSX / FTE_EXAMPLE_WORKBOOK_NAME)
    print(f"wrote {written}")
    written = write_macro_workbook(XLSX / MACRO_WORKBOOK_NAME, udf_module())
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
