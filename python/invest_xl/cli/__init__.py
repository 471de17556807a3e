"""The command line: parse, call the library, print. Errors become a message and exit 2.

`parser` builds the Danish argparse parser; `budget_commands`, `curve_commands` and
`excel_commands` hold one function per subcommand; `run.main` is the entry point.


`invest-xl followup [BUDGET.xlsx] [-o OUT.xlsx] [--json]` writes the follow-up workbook.
`invest-xl report [BUDGET.xlsx] [-o REPORT.pdf]` prints the follow-up to PDF with LibreOffice.
`invest-xl curves SPELLS.(csv|parquet|xlsx) [--cutoff DATE] [--by PERIOD] [--grid ...]
[--json]` (or `curves --counts COUNTS.(csv|parquet)`) prints Kaplan-Meier survival curves;
`invest-xl fit POINTS.csv [--cohort N] [--reference REF.csv [--reference-cohort M]] [--family F]
[--horizon WEEKS] [--json]` extrapolates a published curve (model average, a family, or relative to a
reference); `fit TABLE.csv [--reference ROW]` does every row of a published wide table.
`invest-xl backtest TABLE.csv [--cut 13,26]` cuts the complete rows and checks each method.
`invest-xl savings [BUDGET.xlsx] [--case NAME] [--json]` prints every case's savings per
budget year by its method (budget, curves or FTE), with potential, prudence and payback.
`invest-xl new BUDGET.xlsx [--years 2024-2027] [--cases N]` writes an empty budget workbook;
`invest-xl install WORKBOOK.xlsx [-o WORKBOOK.xlsm]` brings the buttons, functions and tables into one.
`invest-xl peers [--group CATEGORY] [--json]` prints the national catalogue's peer
statistics per target-group category (see docs/catalogue.md).
`invest-xl serve [--host H] [--port P] [--certs DIR]` serves the Excel functions and
buttons to the Office.js add-in through xlwings Server (excel/server.py).
"""

from invest_xl.cli.parser import build_parser
from invest_xl.cli.run import main

__all__ = ["build_parser", "main"]
