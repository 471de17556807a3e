"""The budget: cases and their amounts per year (mio. kr., negative = saving), portfolio
totals (A, B, A+B) and the check of stated totals against their parts."""

from invest_xl.budget.checks import Mismatch, stated_total_mismatches
from invest_xl.budget.model import (BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, STATUSES, Amount, Budget,
                                    Case, Settings)
from invest_xl.budget.portfolio import (ColumnTotals, amounts_figure, amounts_totals, amounts_years,
                                        budget_totals, followup_totals)
