"""The budget: cases and their amounts per year (mio. kr., negative = saving), portfolio
totals (A, B, A+B), what the budget books (potential, prudence share, Indregnet) and the
checks of stated totals and of the booking."""

from invest_xl.budget.booking import (BookedAmounts, BookingComparison, PortfolioPrudence, booked_amounts,
                                      booking_comparison, portfolio_prudence)

from invest_xl.budget.checks import BookingCheck, Mismatch, booking_check, stated_total_mismatches
from invest_xl.budget.model import (BUDGET, EXPECTED, INVESTMENT, REALIZED, SAVING, STATUSES, Amount, Budget,
                                    Case, Settings)
from invest_xl.budget.portfolio import (ColumnTotals, amounts_figure, amounts_totals, amounts_years,
                                        budget_totals, followup_totals)
