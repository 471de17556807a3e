"""One reader per table: the same rows as an Excel table and as a UDF's range give the
same figures, or the same message about the same row (issue 10).

The table stands at A1 on its sheet, so its sheet rows and the range's rows (header = 1)
have the same numbers; only the place differs: "Tabellen 'Beloeb' (ark 'Ark', række 3)"
against "beloeb, række 3".
"""

import re

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from invest_xl.errors import InvestXLError
from invest_xl.savings.refund import RefundRule
from invest_xl.workbook import contract
from invest_xl.workbook.budget_reader import amounts_from_rows
from invest_xl.workbook.savings_reader import benefit_line, intake_from_rows, price_index_from_rows
from invest_xl.workbook.tables import read_table

from .excel_server import call


def _table_workbook(schema, grid):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ark"
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"
    last = openpyxl.utils.get_column_letter(len(grid[0]))
    sheet.add_table(Table(displayName=schema.name, ref=f"A1:{last}{len(grid)}"))
    return workbook


def _reason(message: str) -> tuple[str, str]:
    """(row number, what is wrong) of a message from either path."""
    match = re.match(r"^(?:Tabellen '[^']+' \(ark 'Ark', række (\d+)\)|[a-z_]+, række (\d+)): (.*?)\.?$", message)
    assert match, message
    return (match[1] or match[2], match[3])


AMOUNT_HEADER = ["Sag", "År", "Art", "Status", "Beløb"]
GOOD_AMOUNTS = [AMOUNT_HEADER, [1, 2020, "investering i indsats", "Budget", "1,5"],
                [1, 2020, "Besparelse på forsørgelse", "budget", -0.5],
                [2, 2021, "udgift", "BUDGET", "-"], [2, 2021, "besparelse", "Budget", 2.25]]
BAD_AMOUNTS = [
    [AMOUNT_HEADER, [1, 2020, "udgifter", "Budget", 1.0]],
    [AMOUNT_HEADER, [1, 2020, "investering", "Budget", 1.0], [1, 1889, "investering", "Budget", 1.0]],
    [AMOUNT_HEADER, [1, 2020, "investering", "Budget", 1.0], [1, 2020, "Investering", "budget", 2.0]],
    [AMOUNT_HEADER, [1, 2020, "investering", "Resultatet", 1.0]],
    [AMOUNT_HEADER, [1, 2020, "investering", "Budget", "3.079"]],
]


def test_amounts_read_as_a_table_and_as_a_range_give_the_same_portfolio():
    amounts = amounts_from_rows(read_table(_table_workbook(contract.AMOUNTS, GOOD_AMOUNTS), contract.AMOUNTS))
    # by hand: 2020 A = 1,5 and B = -0,5; 2021 A = 0 ("-"), B = 2,25
    assert sorted((a.case, a.year, a.kind, a.mio_kr) for a in amounts) == [
        (1, 2020, "besparelse", -0.5), (1, 2020, "investering", 1.5),
        (2, 2021, "besparelse", 2.25), (2, 2021, "investering", 0.0)]
    assert call("invest_portfolio", GOOD_AMOUNTS, None) == [
        ["År", 2020, 2021], ["Investering i indsats (A)", 1.5, 0.0],
        ["Besparelse på forsørgelse (B)", -0.5, 2.25], ["I alt (A+B)", 1.0, 2.25]]


@pytest.mark.parametrize("grid", BAD_AMOUNTS)
def test_bad_amount_rows_get_the_same_message_from_the_table_and_the_range(grid):
    with pytest.raises(InvestXLError) as error:
        amounts_from_rows(read_table(_table_workbook(contract.AMOUNTS, grid), contract.AMOUNTS))
    [[cell]] = call("invest_portfolio", grid, None)
    assert _reason(cell) == _reason(error.value.message)


FTE_HEADER = ["Ydelse", "År", "Fuldtidspersoner", "Uger", "Bruttoudgift", "Refusion"]
GOOD_FTE = [FTE_HEADER, ["kontanthjælp", 2020, 6, None, 120_900, "30 %"],
            ["kontanthjælp", 2021, None, 520, 120_900, 0.3]]
BAD_FTE = [
    [FTE_HEADER, ["kontanthjælp", 2020, 6, 52, 120_900, 0.3]],
    [FTE_HEADER, ["kontanthjælp", 2020, "seks", None, 120_900, 0.3]],
    [FTE_HEADER, ["kontanthjælp", 2020, 6, None, 120_900, "130 %"]],
]
LINES = contract.FTE_REDUCTIONS.without("case")


def test_fte_lines_read_as_a_table_and_as_a_range_give_the_same_saving():
    lines = [benefit_line(r) for r in read_table(_table_workbook(LINES, GOOD_FTE), LINES)]
    # by hand: 6 FTE and 520 weeks / 52 = 10 FTE at 120.900 kr. x (1 - 30 %) = 84.630 kr. each
    assert [(line.year, line.fte, line.net_per_fte_kr) for line in lines] == [
        (2020, 6.0, pytest.approx(84_630.0)), (2021, 10.0, pytest.approx(84_630.0))]
    rows = call("invest_fte_savings", GOOD_FTE, [[2020]], [[2]], None, None)
    saving = next(row for row in rows if row[0] == "Besparelse på forsørgelse (kr.)")
    assert saving[1:] == [pytest.approx(-6 * 84_630.0), pytest.approx(-10 * 84_630.0)]


@pytest.mark.parametrize("grid", BAD_FTE)
def test_bad_fte_rows_get_the_same_message_from_the_table_and_the_range(grid):
    with pytest.raises(InvestXLError) as error:
        [benefit_line(r) for r in read_table(_table_workbook(LINES, grid), LINES)]
    [[cell]] = call("invest_fte_savings", grid, [[2020]], [[2]], None, None)
    assert _reason(cell) == _reason(error.value.message)


INTAKE = contract.INTAKE.without("case")
BAD_INTAKE = [[["År", "Måned", "Personer"], [2020, 13, 5]],
              [["År", "Måned", "Personer"], [2020, 1, 5], [2020, 1, 6]],
              [["År", "Måned", "Personer"], [2020, 1, -5]]]
WEEKS, TARGET, INTERVENTION = [[0], [10], [20]], [[1.0], [0.7], [0.7]], [[1.0], [0.4], [0.4]]


@pytest.mark.parametrize("grid", BAD_INTAKE)
def test_bad_intake_rows_get_the_same_message_from_the_table_and_the_range(grid):
    with pytest.raises(InvestXLError) as error:
        intake_from_rows(read_table(_table_workbook(INTAKE, grid), INTAKE))
    [[cell]] = call("invest_savings", WEEKS, TARGET, INTERVENTION, grid, [[52_000]], [[0]], [[2020]],
                    [[1]], None, None)
    assert _reason(cell) == _reason(error.value.message)


INDEX_HEADER = ["År", "Satsregulering", "Pris- og lønindeks"]
BAD_INDEX = [[INDEX_HEADER, [2020, 100, 100], [2020, 101, 101]],
             [INDEX_HEADER, [2020, None, None]],
             [INDEX_HEADER, [2020, 0, 100]]]


@pytest.mark.parametrize("grid", BAD_INDEX)
def test_bad_index_rows_get_the_same_message_from_the_table_and_the_range(grid):
    with pytest.raises(InvestXLError) as error:
        price_index_from_rows(read_table(_table_workbook(contract.PRICE_INDEX, grid), contract.PRICE_INDEX))
    [[cell]] = call("invest_price_level", [[1000]], [[2020]], [[2020]], grid, None)
    assert _reason(cell) == _reason(error.value.message)


def test_an_index_read_as_a_table_and_as_a_range_converts_alike():
    grid = [INDEX_HEADER, [2020, "100,0", 100], [2021, 101.5, "102,3"]]
    index = price_index_from_rows(read_table(_table_workbook(contract.PRICE_INDEX, grid), contract.PRICE_INDEX))
    assert index.convert(1000.0, 2020, 2021, "pl") == pytest.approx(1023.0)
    assert call("invest_price_level", [[1000]], [[2020]], [[2021]], grid, [["sats"]]) == [[pytest.approx(1015.0)]]


@pytest.mark.parametrize("word", ["trappe", "Trappen", "refusionstrappe", "staircase"])
def test_every_staircase_word_works_in_the_workbook_and_in_a_cell(word):
    assert contract.parse_refund(word) == "trappe"
    flat = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[1]], [[52_000]], [[0.8]], [[2020]],
                [[1]], None, None)
    stairs = call("invest_savings", WEEKS, TARGET, INTERVENTION, [[1]], [[52_000]], [[word]], [[2020]],
                  [[1]], None, None)
    # one entrant a month; the gap begins in spell week 10, where the staircase refunds
    # 40 % (weeks 5-26) and 30 % (weeks 27-52): the municipality keeps more than with 80 %
    net_flat = next(r for r in flat if r[0] == "Besparelse netto (kr.)")[1]
    net_stairs = next(r for r in stairs if r[0] == "Besparelse netto (kr.)")[1]
    assert net_stairs < net_flat < 0
    assert RefundRule.staircase(0).refund_shares(30)[[0, 4, 26]].tolist() == [0.8, 0.4, 0.3]
