"""Savings per budget year, kr. (saving negative): the curve method, the FTE method,
refund rules, prudence, price levels, and every case by its method."""

from invest_xl.savings.cases import (CaseSavings, FteInput, SavingsInputs, all_case_savings, case_savings,
                                     expected_amounts_mio_kr, with_expected_amounts)
from invest_xl.savings.curve_method import (CurveInput, CurveSavings, curve_input_savings, curve_savings,
                                            weekly_shares)
from invest_xl.savings.fte_method import BenefitLine, FteSavings, fte_savings
from invest_xl.savings.price_levels import INDEX_KINDS, PriceIndex, price_level_year
from invest_xl.savings.prudence import PrudenceResult, prudence
from invest_xl.savings.refund import RefundRule, net_unit_cost_kr, refund_rule
from invest_xl.savings.yearly import YearlyResult, yearly_result
