"""A real spreadsheet program recalculates the follow-up: its totals equal Python's."""

import pytest

from invest_xl.budget.model import Amount, Budget
from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.workbook.files import save_atomically
from invest_xl.budget.portfolio import budget_totals, followup_totals
from invest_xl.sample.budget import sample_budget
from invest_xl.jobs import write_followup
from spreadsheet import NO_LIBREOFFICE, recalculated_values, soffice

pytestmark = pytest.mark.skipif(soffice() is None, reason=NO_LIBREOFFICE)


def _with_followup_figures(base: Budget) -> Budget:
    """The sample plus realized and expected figures, so both columns carry numbers."""
    extra = []
    base = Budget(base.cases, tuple(a for a in base.amounts if a.status == "Budget"), base.settings)
    for amount in base.amounts:
        if amount.kind in ("investering", "besparelse"):
            status = "Realiseret" if amount.year == 2020 else "Forventet"
            extra.append(Amount(amount.case, amount.year, amount.kind, status,
                                round(amount.mio_kr * 1.07 + 0.011 * amount.case, 3)))
    settings = base.settings.__class__(closed_years=frozenset({2020}))
    return Budget(base.cases, base.amounts + tuple(extra), settings)


def test_libreoffice_recalculates_every_total_to_the_python_total(tmp_path):
    budget = _with_followup_figures(sample_budget())
    source = save_atomically(budget_workbook(budget), tmp_path / "budget.xlsx")
    _, layout, written = write_followup(source, tmp_path / "opfoelgning.xlsx")
    values = recalculated_values(written, tmp_path, "Opfølgning")

    errors = {k: v for k, v in values.items() if isinstance(v, str) and v.startswith("#")}
    assert errors == {}
    formulas = [c.address for c in layout.cells if c.formula]
    assert all(isinstance(values[a], (int, float)) for a in formulas)

    for key, totals in (("budget", budget_totals(budget)), ("followup", followup_totals(budget))):
        for i, year in enumerate(totals.years):
            assert values[layout.anchors[f"investment_{key}_{year}"]] == pytest.approx(totals.investment[i], abs=1e-9)
            assert values[layout.anchors[f"saving_{key}_{year}"]] == pytest.approx(totals.saving[i], abs=1e-9)
            assert values[layout.anchors[f"net_{key}_{year}"]] == pytest.approx(totals.net[i], abs=1e-9)
            for case, nets in totals.case_net.items():
                assert values[layout.anchors[f"case{case}_{key}_{year}"]] == pytest.approx(nets[i], abs=1e-9)
        assert values[layout.anchors[f"period_net_{key}"]] == pytest.approx(totals.period_net, abs=1e-9)
    for i, year in enumerate(budget.years):
        assert values[layout.anchors[f"cases_total_budget_{year}"]] == pytest.approx(
            budget_totals(budget).net[i], abs=1e-9)


def test_libreoffice_gives_seed_002_net_per_year_on_the_sample(sample_path, tmp_path):
    _, layout, written = write_followup(sample_path, tmp_path / "out.xlsx")
    values = recalculated_values(written, tmp_path, "Opfølgning")
    nets = [round(values[layout.anchors[f"net_budget_{y}"]], 3) for y in (2020, 2021, 2022, 2023)]
    assert nets == [-1.629, -6.765, -13.358, -18.208]
    # the sample's illustrative Realiseret 2020 (data file): investments 2,925 + 1,562 +
    # 0,405 + 0,250 + 1,158 = 6,300, savings -2,162 - 0,380 - 1,322 - 0,919 - 1,915 = -6,698
    assert values[layout.anchors["net_followup_2020"]] == pytest.approx(6.300 - 6.698, abs=1e-9)


def test_libreoffice_gives_the_fte_example_its_computed_expected_net(fte_example_path, tmp_path):
    _, layout, written = write_followup(fte_example_path, tmp_path / "out.xlsx")
    values = recalculated_values(written, tmp_path, "Opfølgning")
    # FTE method, after Lejre: 75 persons x 4 weeks x 2.325 kr. = 697.500 kr. saved a
    # year, against 450.000 kr. invested: net -247.500 kr. expected in every open year
    for year in (2020, 2021, 2022, 2023):
        assert values[layout.anchors[f"case1_followup_{year}"]] == pytest.approx(-0.2475, abs=1e-9)


def test_nothing_entered_stays_empty_and_a_partial_total_is_marked(tmp_path):
    base = sample_budget()
    # only the Budget figures, and one Forventet figure: case 1's 2021 saving
    amounts = tuple(a for a in base.amounts if a.status == "Budget") + (
        Amount(1, 2021, "besparelse", "Forventet", -4.0),)
    budget = Budget(base.cases, amounts, base.settings.__class__())
    source = save_atomically(budget_workbook(budget), tmp_path / "budget.xlsx")
    _, layout, written = write_followup(source, tmp_path / "opfoelgning.xlsx")
    values = recalculated_values(written, tmp_path, "Opfølgning")
    assert values[layout.anchors["case2_followup_2021"]] in (None, "")
    assert values[layout.anchors["net_followup_2022"]] in (None, "")
    assert values[layout.anchors["investment_followup_2021"]] in (None, "")
    assert values[layout.anchors["saving_followup_2021"]] == pytest.approx(-4.0)
    assert values[layout.anchors["case1_followup_2021"]] == pytest.approx(-4.0)
    styles = {c.address: c.style for c in layout.cells}
    assert styles[layout.anchors["case1_followup_2021"]].number_format.endswith('" *"')
    assert styles[layout.anchors["net_followup_2021"]].number_format.endswith('" *"')
    assert styles[layout.anchors["case1_budget_2021"]].number_format == "#,##0.000;-#,##0.000;0.000"
