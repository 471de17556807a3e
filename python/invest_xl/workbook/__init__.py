"""The budget workbook: safe files, cells and Excel tables read by the contract's schemas,
one reader per table (for a file, the open workbook and a UDF's range alike), the
budget writer, and part-level package editing (`ooxml`).

The names below are imported on first use (PEP 562): reading a date from a cell
(`cells`) does not load openpyxl.
"""

from importlib import import_module

_WHERE = {
    "contract": None,
    "amounts_from_rows": "budget_reader", "budget_from_workbook": "budget_reader",
    "read_budget": "budget_reader", "curves_by_case": "curve_tables",
    "open_workbook": "files", "save_atomically": "files", "save_bytes_atomically": "files",
    "benefit_line": "savings_reader", "intake_from_rows": "savings_reader",
    "price_index_from_rows": "savings_reader", "read_savings_inputs": "savings_reader",
    "TableError": "tables", "TableSchema": "tables", "read_range": "tables",
    "read_table": "tables",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'invest_xl.workbook' has no attribute '{name}'")
    module = _WHERE[name]
    value = (import_module(f"invest_xl.workbook.{name}") if module is None
             else getattr(import_module(f"invest_xl.workbook.{module}"), name))
    globals()[name] = value
    return value
