"""The command line: parse, call the library, print. Errors become a message and exit 2.

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

from __future__ import annotations

import argparse
import errno
import json
import math
import re
import sys
from pathlib import Path

from invest_xl import labels
from invest_xl.budget.checks import stated_total_mismatches
from invest_xl.errors import InvestXLError
from invest_xl.formatting import danish_date, danish_number, short_number
from invest_xl.budget.booking import booking_comparison, portfolio_prudence
from invest_xl.budget.checks import booking_check
from invest_xl.budget.portfolio import budget_totals, followup_totals
from invest_xl.survival.report_text import print_backtest, print_curve, print_fit, print_fit_table

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


# argparse's own words, in Danish: its messages reach the user on a mistyped command.
_ARGPARSE_DANISH = (
    (r"the following arguments are required: (.*)", r"disse mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukendte argumenter: \1"),
    (r"invalid (?:int|float) value: (.*)", r"\1 er ikke et tal"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"\1 kendes ikke (vælg en af \2)"),
    (r"ambiguous option: (.*) could match (.*)", r"\1 kan betyde \2"),
    (r"expected one argument", r"mangler en værdi"),
    (r"ignored explicit argument (.*)", r"\1 kan ikke gives her"),
)
_HELP_DANISH = (("usage: ", "brug: "), ("positional arguments:", "argumenter:"),
                ("options:", "tilvalg:"), ("show this help message and exit", "vis denne hjælp"))


def _danish_help(text: str) -> str:
    for english, danish in _HELP_DANISH:
        text = text.replace(english, danish)
    return text


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same way as our own (exit 2), in Danish."""

    def format_usage(self) -> str:
        return _danish_help(super().format_usage())

    def format_help(self) -> str:
        return _danish_help(super().format_help())

    def error(self, message: str):
        self.print_usage(sys.stderr)
        for english, danish in _ARGPARSE_DANISH:
            message = re.sub(english, danish, message)
        raise InvestXLError(f"ugyldige argumenter: {message}")


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
def _followup(args, budget_path: Path) -> int:
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
        print(_json({
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


def _peers(args) -> int:
    from invest_xl.catalogue.build import load_catalogue
    from invest_xl.catalogue.peers import INDICATORS, group_key, indicators

    catalogue = load_catalogue()
    groups = catalogue["groups"]
    chosen = [group_key(args.group)] if args.group else list(groups)
    if args.json:
        print(_json({"unit": "mio. kr.", "groups": {name: groups[name] for name in chosen}},
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


@_on_budget
def _report(args, budget_path: Path) -> int:
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


def _curves(args) -> int:
    from invest_xl.survival.kaplan_meier import spell_curves
    from invest_xl.survival.spells import as_date, merge_returns, read_spells, to_date

    if (args.spells is None) == (args.counts is None):
        raise InvestXLError("giv enten en forløbsfil eller --counts TÆLLINGER (ikke begge)")
    baseline = None
    if args.baseline:
        try:
            first, last = (int(part) for part in args.baseline.split("-"))
        except ValueError:
            raise InvestXLError(f"--baseline skal være to år som 2017-2019 "
                                f"(fik '{args.baseline}')") from None
        baseline = (first, last)
    if args.counts is not None:
        from invest_xl.survival.counts import counts_curves, read_counts

        if args.cutoff or args.gap is not None:
            raise InvestXLError("--cutoff og --gap gælder forløb; tællingerne er allerede "
                                "talt ved en skæringsdato")
        estimates = counts_curves(read_counts(args.counts), by=args.by, baseline=baseline)
        cutoff, gap, source = None, None, args.counts
    else:
        from invest_xl.survival.counts import counts_curves
        from invest_xl.survival.duckdb_spells import file_counts

        gap = 1 if args.gap is None else (None if args.gap < 0 else args.gap)
        # DuckDB on the file; where it is unsure, the precise reader words the message
        fast = file_counts(args.spells, args.cutoff, gap)
        if fast is not None:
            counts, cutoff = fast
            estimates = counts_curves(counts, by=args.by, baseline=baseline)
        else:
            spells = read_spells(args.spells)
            cutoff = to_date(args.cutoff, "--cutoff") if args.cutoff else spells.last_date
            estimates = spell_curves(merge_returns(spells, gap), cutoff, by=args.by,
                                     baseline=baseline)
        source = args.spells
    curves = [estimate.curve(grid=args.grid) for estimate in estimates]
    if args.json:
        print(_json({"input": str(source),
                          "cutoff": None if cutoff is None else str(as_date(cutoff)),
                          "merge_gap_months": gap, "by": args.by, "grid": args.grid,
                          "curves": [c.to_dict() for c in curves]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if cutoff is None:
        print(f"Overlevelseskurver (Kaplan-Meier, 95 %-bånd) fra tællingerne i {source}:")
    else:
        print(f"Overlevelseskurver (Kaplan-Meier, 95 %-bånd), skæringsdato {danish_date(as_date(cutoff))}:")
    for curve in curves:
        print(f"\n{curve.label}: {short_number(curve.cohort_size)} forløb, observeret til uge "
              f"{danish_number(curve.last_observed_week, 1)}")
        print_curve(curve)
    return EXIT_OK


def _fit(args) -> int:
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.points import read_points
    from invest_xl.survival.wide_table import looks_wide

    if looks_wide(args.points):
        return _fit_table(args)
    points = read_points(args.points, cohort_size=args.cohort)
    reference = (None if args.reference is None
                 else read_points(args.reference, cohort_size=args.reference_cohort))
    result = extrapolate(points, args.horizon, family=args.family, reference=reference)
    if args.json:
        print(_json({"input": str(args.points), **result.to_dict()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print_fit(points, result)
    return EXIT_OK


def _fit_table(args) -> int:
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.wide_table import find_row, read_wide_table

    rows = read_wide_table(args.points)
    reference = None if args.reference is None else find_row(rows, args.reference)
    if reference is not None and args.reference_cohort is not None:
        reference.cohort_size = float(args.reference_cohort)
    results = [extrapolate(row, args.horizon, family=args.family,
                           reference=None if row is reference else reference) for row in rows]
    if args.json:
        print(_json({"input": str(args.points), "reference": None if reference is None else reference.label,
                          "results": [{"row": r.observed.label, **r.to_dict()} for r in results]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print_fit_table(results)
    return EXIT_OK


def _backtest(args) -> int:
    from invest_xl.survival.backtest import backtest, summary
    from invest_xl.survival.wide_table import find_row, read_wide_table

    try:
        cuts = [float(c.replace(",", ".")) for c in args.cut.split(";" if ";" in args.cut else ",")]
    except ValueError:
        raise InvestXLError(f"--cut skal være uger adskilt af komma, fx 13,26 (fik {args.cut})") from None
    rows = read_wide_table(args.table)
    reference = None if args.reference is None else find_row(rows, args.reference)
    points = backtest(rows, cuts, reference=reference)
    if args.json:
        print(_json({"input": str(args.table), "summary": summary(points),
                          "points": [p.to_dict() for p in points]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print_backtest(points, summary(points))
    return EXIT_OK


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
def _savings(args, budget_path: Path) -> int:
    from invest_xl.jobs import read_savings

    budget, _, savings = read_savings(budget_path)
    chosen = _select_cases(savings, args.case)
    if args.json:
        print(_json({"input": str(budget_path), "unit": "kr.",
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


def _new(args) -> int:
    from invest_xl.workbook.template import budget_years, write_new_budget

    years = budget_years(args.years)
    if args.xlsm:
        from invest_xl.jobs import new_macro_budget

        written = new_macro_budget(Path(args.budget), years, args.cases)
    else:
        written = write_new_budget(Path(args.budget), years, args.cases)
    print(f"Ny budgetprojektmappe for {years[0]}-{years[-1]} med plads til {args.cases} sager: {written}")
    print("Udfyld Sager, Beløb og Indstillinger (se arket Vejledning), og kør derefter "
          f"invest-xl followup {written.name}")
    return EXIT_OK


def _install(args) -> int:
    from invest_xl.jobs import install_into_workbook

    written = install_into_workbook(Path(args.workbook), args.output)
    print(f"invest-xl er lagt ind i {written}: arket 'invest-xl' med knapperne Opdater opfølgning og "
          "Opdater kurver, det skjulte ark xlwings.conf, xlwings' VBA-modul og de tabeller, der manglede.")
    print("Åbn filen i Excel, aktivér makroer, og kør ImportPythonUDFs én gang (Udvikler > Makroer).")
    return EXIT_OK


def _serve(args) -> int:
    from invest_xl.excel.server import serve

    serve(args.host, args.port, args.certs)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="invest-xl",
                     description="Opfølgning på investeringscases på beskæftigelsesområdet.")
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved fejl")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True,
                                     parser_class=_Parser)

    followup = commands.add_parser("followup", help="skriv opfølgningsarket for en budgetprojektmappe")
    followup.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                    "uden den bruges eksemplet")
    followup.add_argument("-o", "--output", help="uddatafil (standard: NAVN-opfoelgning.xlsx)")
    followup.add_argument("--previous", help="en tidligere opfølgning (skrevet af invest-xl): "
                                             "tilføj arket Ændringer")
    followup.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    followup.add_argument("--catalogue", action="store_true",
                          help="tilføj arkene Katalog og Sammenligning (de 87 kommunale cases)")
    followup.set_defaults(run=_followup)

    peers = commands.add_parser("peers", help="andre kommuners investeringscases pr. målgruppe")
    peers.add_argument("--group", help="kun denne kategori (fx sygedagpenge, kontanthjælp, alle)")
    peers.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    peers.set_defaults(run=_peers)
    report = commands.add_parser("report", help="opfølgningen som PDF til udvalget (via LibreOffice)")
    report.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                  "uden den bruges eksemplet")
    report.add_argument("-o", "--output", help="PDF-fil (standard: NAVN-rapport.pdf)")
    report.set_defaults(run=_report)

    curves = commands.add_parser("curves", help="overlevelseskurver (Kaplan-Meier) fra forløb")
    curves.add_argument("spells", nargs="?", help="forløb som .csv, .parquet eller .xlsx "
                                                  "(person, ydelse, start, slut, gruppe)")
    curves.add_argument("--counts", help="i stedet for forløb: tællinger som .csv eller .parquet "
                                         "(gruppe, kohorte, dag, udgange, censurerede)")
    curves.add_argument("--cutoff", help="skæringsdato (standard: seneste dato i data)")
    curves.add_argument("--by", choices=["year", "half", "quarter", "month"],
                        help="kohorter efter indgangsperiode")
    curves.add_argument("--grid", choices=["published", "weekly"], default="published",
                        help="uger 0, 4, 8, 13, ..., 52 (standard) eller hver uge")
    curves.add_argument("--gap", type=int, default=None,
                        help="tilbagefald til samme ydelse inden for så mange måneder tæller "
                             "som samme forløb (standard 1; -1 = ingen sammenlægning)")
    curves.add_argument("--baseline", help="tilføj en samlet basiskurve for indgangsår, fx 2017-2019")
    curves.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    curves.set_defaults(run=_curves)

    fit = commands.add_parser("fit", help="tilpas fordelinger til en publiceret kurve")
    fit.add_argument("points", help="CSV med kolonnerne week, share (eller uge, andel), eller en bred "
                                    "tabel (.csv/.xlsx: én række pr. periode, kolonnerne 0 uger, 4 uger, ...)")
    fit.add_argument("--cohort", type=float, help="kohortestørrelse (antal personer)")
    fit.add_argument("--reference", help="referencekurve: CSV med punkter, eller en rækkes navn i en bred "
                                         "tabel (fx \"Gennemsnit 2017-2019\"); fremskriv i forhold til den")
    fit.add_argument("--reference-cohort", type=float, help="referencekurvens kohortestørrelse")
    fit.add_argument("--family", default="best", help="best (modelgennemsnit med AIC-vægte), en fordeling "
                                                      "(fx weibull) eller med reference proportional-hazards "
                                                      "/ proportional-odds")
    fit.add_argument("--horizon", type=int, default=52, help="kurven vises til denne uge (standard 52)")
    fit.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    fit.set_defaults(run=_fit)

    check = commands.add_parser("backtest", help="efterprøv fremskrivningerne på komplette kurver")
    check.add_argument("table", help="bred tabel (.csv/.xlsx): én række pr. periode, kolonnerne 0 uger, 4 uger, ...")
    check.add_argument("--cut", default="13,26", help="ugerne kurverne skæres i (standard 13,26)")
    check.add_argument("--reference", help="rækken der fremskrives i forhold til (fx \"Gennemsnit 2017-2019\")")
    check.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    check.set_defaults(run=_backtest)

    savings = commands.add_parser("savings", help="besparelser pr. budgetår efter hver sags metode")
    savings.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                   "uden den bruges eksemplet")
    savings.add_argument("--case", help="kun denne sag (nummer eller navn)")
    savings.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    savings.set_defaults(run=_savings)

    new = commands.add_parser("new", help="skriv en ny, tom budgetprojektmappe klar til at udfylde")
    new.add_argument("budget", help="den nye projektmappe (.xlsx)")
    new.add_argument("--years", help="budgetårene, fx 2024-2027 (standard: de næste fire år)")
    new.add_argument("--cases", type=int, default=5, help="antal tomme rækker til sager (standard 5)")
    new.add_argument("--xlsm", action="store_true", help="med knapper og funktioner (.xlsm)")
    new.set_defaults(run=_new)

    install = commands.add_parser("install", help="læg knapper, funktioner og tabeller ind i en "
                                                  "eksisterende projektmappe")
    install.add_argument("workbook", help="projektmappen (.xlsx); den ændres ikke")
    install.add_argument("-o", "--output", help="den nye .xlsm (standard: samme navn med .xlsm)")
    install.set_defaults(run=_install)
    serve = commands.add_parser("serve", help="Excel-funktionerne og knapperne via xlwings Server "
                                              "(kræver pip install \"invest-xl[server]\")")
    serve.add_argument("--host", default="127.0.0.1", help="adressen der lyttes på (standard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="porten (standard 8000)")
    serve.add_argument("--certs", help="mappe med NAVN.pem og NAVN-key.pem (mkcert): HTTPS")
    serve.set_defaults(run=_serve)
    return parser


def _finite(data):
    """`data` with every infinite or NaN float as None: --json is always valid JSON."""
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return data


def _json(data, **options) -> str:
    return json.dumps(_finite(data), allow_nan=False, **options)


def _tolerant_output(json_wanted: bool) -> None:
    """A case name the console's code page cannot show (Windows redirects in cp1252) must
    not stop the run: JSON is written as UTF-8, as JSON is; text shows such a letter as '?'."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if json_wanted and stream is sys.stdout:
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass  # not a text stream we may change (a test's capture, a closed pipe)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input, 1 unexpected)."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    _tolerant_output(json_wanted="--json" in argv)
    try:
        args = build_parser().parse_args(argv)
        code = args.run(args)
        sys.stdout.flush()  # a full disk shows here, not after we have said all went well
        return code
    except InvestXLError as error:
        print(f"Fejl: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) has gone; nothing more to say
        return EXIT_OK
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            if debug:
                raise
            return _unexpected(error)
        print("Fejl: udskriften kan ikke skrives: der er ikke plads på drevet.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        if debug:
            raise
        return _unexpected(error)


def _unexpected(error: Exception) -> int:
    print(f"Uventet fejl ({type(error).__name__}: {error}). Kør igen med --debug for "
          "detaljer, og meld fejlen til udviklerne.", file=sys.stderr)
    return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
