"""The budget workbook: safe files, cells and Excel tables read by the contract's schemas,
one reader per table (for a file, the open workbook and a UDF's range alike), the
budget writer, and part-level package editing (`ooxml`)."""

from invest_xl.workbook import contract
from invest_xl.workbook.budget_reader import amounts_from_rows, budget_from_workbook, read_budget
from invest_xl.workbook.curve_tables import curves_by_case
from invest_xl.workbook.files import open_workbook, save_atomically, save_bytes_atomically
from invest_xl.workbook.savings_reader import (benefit_line, intake_from_rows, price_index_from_rows,
                                               read_savings_inputs)
from invest_xl.workbook.tables import TableError, TableSchema, read_range, read_table
