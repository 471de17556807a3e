"""The commands on a budget workbook: followup, report, savings, and the catalogue's peers."""

from __future__ import annotations

from pathlib import Path

from invest_xl import labels
from invest_xl.cli.output import EXIT_OK, to_json
from invest_xl.errors import InvestXLError
from invest_xl.formatting import danish_number, short_number


def _on_budget(command):
    """Run `command(args, budget_path)` on the given workbook, or on the bundled sample."""
    def run(args) -> int:
        if args.budget:
            return command(args, Path(args.budget))
        from invest_xl.sample.budget import bundled_sample

        with bundled_sample() as sample:
            return command(args, sample)
    return run


@_on_budget
def followup(args, budget_path: Path) -> int:
    # imported here, so that `curves` and `fit` start without the budget modules
    from invest_xl.budget.booking import booking_comparison, portfolio_prudence
    from invest_xl.budget.checks import booking_check, stated_total_mismatches
    from invest_xl.budget.portfolio import budget_totals, followup_totals
    from invest_xl.jobs import add_catalogue_sheets, default_output_path, sample_leftovers_in, write_followup

    output = Path(args.output) if args.output else default_output_path(budget_path)
    budget, _, written = write_followup(budget_path, output, args.previous)
    notes = [] if args.budget is None else sample_leftovers_in(budget_path, budget)
    if args.catalogue:
        add_catalogue_sheets(Path(written))
    budget_cols, followup_cols = budget_totals(budget), followup_totals(budget)
    mismatches = stated_total_mismatches(budget)
    booked, prudence, check = booking_comparison(budget), portfolio_prudence(budget), booking_check(budget)
    if args.json:
        print(to_json({
            "input": str(budget_path), "output": str(written),
            "unit": budget.settings.unit, "price_level": budget.settings.price_level,
            "cases": [{"number": c.number, "name": c.name} for c in budget.cases],
            "budget": budget_cols.as_dict(), "followup": followup_cols.as_dict(),
            "prudence": prudence.as_dict(), "booked": None if booked is None else booked.as_dict(),
            "checks": [m.as_dict() for m in mismatches], "notes": notes,
            "booking_check": None if check is None else check.as_dict(),
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(budget.cases)} investeringscases, {budget.settings.price_level}, "
          f"{budget.settings.unit} (- betyder indtægt/mindreforbrug).")
    second = sorted({budget.second_status(y) for y in budget.years})
    for heading, totals in (("Budget", budget_cols), ("/".join(second), followup_cols)):
        _print_totals(heading, totals)
    _print_booking(prudence, booked)
    if mismatches:
        print(f"{labels.CHECK_TITLE}: {len(mismatches)} afvigelse(r):")
        for mismatch in mismatches:
            print(f"  {mismatch.message}")
    else:
        print(f"{labels.CHECK_TITLE}: {labels.CHECK_NONE}")
    if check is not None:
        print(f"  {check.message}")
    for note in notes:
        print(note)
    if args.previous:
        print(f"Ændringer siden den tidligere opfølgning: se arket {labels.CHANGES_SHEET}.")
    print(f"Opfølgningen er skrevet til {written}")
    return EXIT_OK


@_on_budget
def report(args, budget_path: Path) -> int:
    from invest_xl.budget.checks import stated_total_mismatches

    from invest_xl.jobs import default_report_path, write_report

    output = Path(args.output) if args.output else default_report_path(budget_path)
    budget, _, written = write_report(budget_path, output)
    mismatches = stated_total_mismatches(budget)
    print(f"Rapporten ({len(budget.cases)} investeringscases, {budget.settings.price_level}, "
          f"{budget.settings.unit}) er skrevet til {written}")
    if mismatches:
        print(f"{labels.CHECK_TITLE}: {len(mismatches)} afvigelse(r); se rapporten.")
    return EXIT_OK


def _print_totals(heading: str, totals) -> None:
    """One column kind's totals per year (A, B, A+B) and over the period, mio. kr."""
    print(f"{heading}:")
    year, investment, saving, net = labels.CLI_TOTALS_COLUMNS
    print(f"{year:<8}{investment:>18}{saving:>18}{net:>16}")
    for year, a, b, net in zip(totals.years, totals.investment, totals.saving, totals.net):
        print(f"{year:<8}{danish_number(a):>18}{danish_number(b):>18}{danish_number(net):>16}")
    print(f"{labels.PERIOD_TOTAL:<8}{danish_number(sum(totals.investment)):>18}"
          f"{danish_number(sum(totals.saving)):>18}{danish_number(totals.period_net):>16}")


def _print_booking(prudence, booked) -> None:
    """The potential, the share and the booked total; per year the booked amounts beside B."""
    share = "ikke angivet" if prudence.share is None else f"{short_number(prudence.share * 100)} %"
    total = prudence.booked_total_mio_kr
    print(labels.CLI_PRUDENCE_LINE.format(potential=danish_number(prudence.potential_mio_kr), share=share,
                                          booked_total="-" if total is None else f"{danish_number(total)} mio. kr."))
    if booked is None:
        return
    print(f"{labels.BOOKING_TITLE}:")
    print("".join(f"{t:<8}" if i == 0 else f"{t:>16}" for i, t in enumerate(labels.CLI_BOOKING_COLUMNS)))
    for row in zip(booked.years, booked.booked_mio_kr, booked.expected_saving_mio_kr, booked.difference_mio_kr,
                   booked.expected_net_mio_kr, booked.accumulated_difference_mio_kr):
        print(f"{row[0]:<8}" + "".join(f"{danish_number(v):>16}" for v in row[1:]))


def _select_cases(savings, wanted: str | None):
    """All cases, or the one whose number or name (or unique part of it) is `wanted`."""
    from invest_xl.formatting import fold

    if wanted is None:
        return savings
    exact = [s for s in savings if str(s.number) == wanted.strip() or fold(s.name) == fold(wanted)]
    partial = [s for s in savings if fold(wanted) and fold(wanted) in fold(s.name)]
    found = exact or partial
    if len(found) != 1:
        known = ", ".join(f"{s.number}. {s.name}" for s in savings)
        reason = "passer på flere sager" if found else "findes ikke"
        raise InvestXLError(f"sagen '{wanted}' {reason}; skriv sagens nummer eller navn: {known}")
    return found


def _kr(value: float) -> str:
    return danish_number(value, 0)


@_on_budget
def savings(args, budget_path: Path) -> int:
    from invest_xl.jobs import read_savings

    budget, _, savings = read_savings(budget_path)
    chosen = _select_cases(savings, args.case)
    if args.json:
        print(to_json({"input": str(budget_path), "unit": "kr.",
                          "price_level": budget.settings.price_level,
                          "sign": "negative = saving or income",
                          "cases": [s.as_dict() for s in chosen]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Besparelser pr. budgetår i kr., {budget.settings.price_level} "
          "(- betyder indtægt/mindreforbrug).")
    for result in chosen:
        booked, expected = result.booked, result.expected
        print()
        share = (f"forsigtighed {danish_number(result.prudence.share * 100, 0)} %" if result.prudence
                 else "forsigtighed for porteføljen")
        print(f"Sag {result.number}: {result.name} (metode: {result.method}; {share})")
        print("".join(f"{title:<8}" if i == 0 else f"{title:>18}"
                      for i, title in enumerate(labels.CLI_SAVINGS_COLUMNS)))
        none = labels.CLI_NOT_BOOKED
        for i, year in enumerate(result.years):
            print(f"{year:<8}{_kr(result.investment_kr[i]):>18}{_kr(result.potential_kr[i]):>18}"
                  f"{_kr(result.prudence.booked[i]) if booked else none:>18}"
                  f"{_kr(booked.net_kr[i]) if booked else none:>18}"
                  f"{_kr(booked.accumulated_net_kr[i]) if booked else none:>18}{_kr(expected.net_kr[i]):>18}")
        print(f"{labels.PERIOD_TOTAL:<8}{_kr(expected.period_investment_kr):>18}"
              f"{_kr(sum(result.potential_kr)):>18}"
              f"{_kr(result.prudence.period_booked) if booked else none:>18}"
              f"{_kr(booked.period_net_kr) if booked else none:>18}{'':>18}{_kr(expected.period_net_kr):>18}")
        booked_payback = (booked.payback_year or 'ikke i perioden') if booked else none
        print(f"Tilbagebetalt (akkumuleret netto under 0): bogført {booked_payback}, "
              f"potentiale {expected.payback_year or 'ikke i perioden'}")
        for note in result.notes:
            print(f"  {note}")
        band = getattr(result.detail, "saving_low_kr", ())
        for year, saving, low, high in zip(result.years, result.potential_kr, band,
                                           getattr(result.detail, "saving_high_kr", ())):
            print("  " + labels.CLI_SAVINGS_BAND.format(year=year, saving=_kr(saving), low=_kr(low), high=_kr(high)))
        if band:
            print(f"  {labels.CLI_SAVINGS_BAND_RULE}")
    return EXIT_OK


def peers(args) -> int:
    from invest_xl.catalogue.build import load_catalogue
    from invest_xl.catalogue.peers import INDICATORS, group_key, indicators

    catalogue = load_catalogue()
    groups = catalogue["groups"]
    chosen = [group_key(args.group)] if args.group else list(groups)
    if args.json:
        print(to_json({"unit": "mio. kr.", "groups": {name: groups[name] for name in chosen}},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for name in chosen:
        group = groups[name]
        print(f"{name}: {group['label']} ({len(group['cases'])} cases)")
        print(f"  {'Mål':<50}{'Antal':>6}{'Median':>10}{'Nedre kv.':>11}{'Øvre kv.':>10}")
        for key, stat in group["indicators"].items():
            shown = [danish_number(stat[k], 3) if stat[k] is not None else "-"
                     for k in ("median", "q1", "q3")]
            print(f"  {INDICATORS[key]:<50}{stat['count']:>6}{shown[0]:>10}{shown[1]:>11}{shown[2]:>10}")
        if args.group:
            print(f"  {'Nr.':<5}{'Jobcenter':<18}{'Investering':>12}{'Effekt':>10}{'Netto':>10}"
                  f"{'Pr. krone':>11}")
            for number in group["cases"]:
                case = catalogue["cases"][number - 1]
                values = indicators(case)
                row = [values["investering"], case["effect_mio_kr"]["total"], values["netto"],
                       values["effekt_pr_krone"]]
                text = [danish_number(v, 3) if v is not None else "-" for v in row]
                print(f"  {number:<5}{case['jobcenter']:<18}{text[0]:>12}{text[1]:>10}{text[2]:>10}"
                      f"{text[3]:>11}")
        print()
    print("Beløb i mio. kr.; '-' = ikke angivet i kataloget. Kilde: Erfaringsudvikling mellem "
          "kommuner om investeringstankegang (87 cases).")
    return EXIT_OK

