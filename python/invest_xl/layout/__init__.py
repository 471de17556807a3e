"""Sheets described once (`model.SheetLayout`): the follow-up and the curve sheet, and
their two renderers, openpyxl for files and xlwings for the open workbook."""

from invest_xl.layout.booking import booking_block
from invest_xl.layout.curve_sheet import RESULT_SHEET as CURVE_SHEET, curves_layout
from invest_xl.layout.followup import followup_layout
from invest_xl.layout.model import CellStyle, ChartSeries, ChartSpec, LayoutCell, SheetLayout
