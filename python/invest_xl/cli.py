"""The command line: parse, call the library, print. Errors become a message and exit 2.

`invest-xl followup [BUDGET.xlsx] [-o OUT.xlsx] [--json]` writes the follow-up workbook.
`invest-xl curves SPELLS.(csv|parquet|xlsx) [--cutoff DATE] [--by PERIOD] [--grid ...]
[--json]` (or `curves --counts COUNTS.(csv|parquet)`) prints Kaplan-Meier survival curves;
`invest-xl fit POINTS.csv [--cohort N] [--horizon WEEKS] [--json]` fits the parametric families to a published curve.
`invest-xl savings [BUDGET.xlsx] [--case NAME] [--json]` prints every case's savings per
budget year by its method (budget, curves or FTE), with potential, prudence and payback.
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
from invest_xl.formatting import danish_date, danish_number, percent, short_number
from invest_xl.budget.portfolio import budget_totals, followup_totals

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
    from invest_xl.jobs import default_output_path, write_followup

    output = Path(args.output) if args.output else default_output_path(budget_path)
    budget, _, written = write_followup(budget_path, output)
    budget_cols, followup_cols = budget_totals(budget), followup_totals(budget)
    mismatches = stated_total_mismatches(budget)
    if args.json:
        print(_json({
            "input": str(budget_path), "output": str(written),
            "unit": budget.settings.unit, "price_level": budget.settings.price_level,
            "cases": [{"number": c.number, "name": c.name} for c in budget.cases],
            "budget": budget_cols.as_dict(), "followup": followup_cols.as_dict(),
            "checks": [m.as_dict() for m in mismatches],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(budget.cases)} investeringscases, {budget.settings.price_level}, "
          f"{budget.settings.unit} (- betyder indtægt/mindreforbrug).")
    second = sorted({budget.second_status(y) for y in budget.years})
    for heading, totals in (("Budget", budget_cols), ("/".join(second), followup_cols)):
        _print_totals(heading, totals)
    if mismatches:
        print(f"{labels.CHECK_TITLE}: {len(mismatches)} afvigelse(r):")
        for mismatch in mismatches:
            print(f"  {mismatch.message}")
    else:
        print(f"{labels.CHECK_TITLE}: {labels.CHECK_NONE}")
    print(f"Opfølgningen er skrevet til {written}")
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


def _print_curve(curve) -> None:
    print("".join(f"{title:>{width}}" for title, width in zip(labels.CLI_CURVE_COLUMNS, (6, 10, 10, 10))))
    for i, week in enumerate(curve.weeks):
        mark = " *" if curve.extrapolated[i] else ""
        band = (f"{percent(curve.lower[i]):>10}{percent(curve.upper[i]):>10}"
                if curve.lower is not None else f"{'':>20}")
        print(f"{short_number(week):>6}{percent(curve.share[i]):>10}{band}{mark}")


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
        spells = read_spells(args.spells)
        cutoff = to_date(args.cutoff, "--cutoff") if args.cutoff else spells.last_date
        gap = 1 if args.gap is None else (None if args.gap < 0 else args.gap)
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
        _print_curve(curve)
    return EXIT_OK


def _fit(args) -> int:
    import numpy as np

    from invest_xl.survival.curve import check_horizon
    from invest_xl.survival.fitting import fit_points
    from invest_xl.survival.points import read_points

    check_horizon(args.horizon, "--horizon")
    points = read_points(args.points, cohort_size=args.cohort)
    report = fit_points(points.weeks, points.share, points.cohort_size, label=points.label)
    best = report.best
    curve = best.curve(np.arange(0, args.horizon + 1, dtype=float))
    if args.json:
        print(_json({"input": str(args.points), **report.to_dict(),
                          "curve": curve.to_dict()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Tilpasning af {points.label} ({len(points)} punkter til uge "
          f"{short_number(points.last_observed_week)}): {report.method_label}")
    for note in report.notes:
        print(f"Bemærk: {note}")
    print(f"\n{'Fordeling':<32}{'log-likelihood':>16}{'AIC':>12}  Parametre")
    for fit in sorted(report.fits, key=lambda f: f.aic):
        params = ", ".join(f"{k}={danish_number(v, 4)}" for k, v in fit.params.items())
        print(f"{fit.family.label:<32}{danish_number(fit.log_likelihood):>16}{danish_number(fit.aic):>12}  {params}")
    print(f"\nValgt efter AIC: {best.family.label}. Kurve med 95 %-bånd "
          f"(* = fremskrevet efter uge {short_number(points.last_observed_week)}):")
    _print_curve(curve)
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
        print(f"Sag {result.number}: {result.name} (metode: {result.method}; "
              f"forsigtighed {danish_number(result.prudence.share * 100, 0)} %)")
        print("".join(f"{title:<8}" if i == 0 else f"{title:>14}"
                      for i, title in enumerate(labels.CLI_SAVINGS_COLUMNS)))
        for i, year in enumerate(result.years):
            print(f"{year:<8}{_kr(result.investment_kr[i]):>14}{_kr(result.prudence.potential[i]):>14}"
                  f"{_kr(result.prudence.booked[i]):>14}{_kr(booked.net_kr[i]):>14}"
                  f"{_kr(booked.accumulated_net_kr[i]):>14}{_kr(expected.net_kr[i]):>14}")
        print(f"{labels.PERIOD_TOTAL:<8}{_kr(booked.period_investment_kr):>14}"
              f"{_kr(result.prudence.period_potential):>14}{_kr(result.prudence.period_booked):>14}"
              f"{_kr(booked.period_net_kr):>14}{'':>14}{_kr(expected.period_net_kr):>14}")
        print(f"Tilbagebetalt (akkumuleret netto under 0): bogført {booked.payback_year or 'ikke i perioden'}, "
              f"forventet {expected.payback_year or 'ikke i perioden'}")
        for note in result.notes:
            print(f"  {note}")
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
    followup.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    followup.set_defaults(run=_followup)

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
    fit.add_argument("points", help="CSV med kolonnerne week, share (eller uge, andel)")
    fit.add_argument("--cohort", type=float, help="kohortestørrelse (antal personer)")
    fit.add_argument("--horizon", type=int, default=52, help="kurven vises til denne uge (standard 52)")
    fit.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    fit.set_defaults(run=_fit)

    savings = commands.add_parser("savings", help="besparelser pr. budgetår efter hver sags metode")
    savings.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                   "uden den bruges eksemplet")
    savings.add_argument("--case", help="kun denne sag (nummer eller navn)")
    savings.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    savings.set_defaults(run=_savings)
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
