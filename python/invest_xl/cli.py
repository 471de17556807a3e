"""The command line: parse, call the library, print. Errors become a message and exit 2.

`invest-xl followup [BUDGET.xlsx] [-o OUT.xlsx] [--json]` writes the follow-up workbook.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from invest_xl import labels
from invest_xl.checks import stated_total_mismatches
from invest_xl.errors import InvestXLError
from invest_xl.labels import danish_number
from invest_xl.portfolio import budget_totals, followup_totals

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same way as our own (exit 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        raise InvestXLError(f"ugyldige argumenter: {message}")


def _followup(args) -> int:
    from invest_xl.sample import sample_workbook_path
    from invest_xl.workbook import default_output_path, write_followup

    budget_path = Path(args.budget) if args.budget else sample_workbook_path()
    output = Path(args.output) if args.output else default_output_path(budget_path)
    budget, _, written = write_followup(budget_path, output)
    budget_cols, followup_cols = budget_totals(budget), followup_totals(budget)
    mismatches = stated_total_mismatches(budget)
    if args.json:
        print(json.dumps({
            "input": str(budget_path), "output": str(written),
            "unit": budget.settings.unit, "price_level": budget.settings.price_level,
            "cases": [{"number": c.number, "name": c.name} for c in budget.cases],
            "budget": budget_cols.as_dict(), "followup": followup_cols.as_dict(),
            "checks": [m.as_dict() for m in mismatches],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(budget.cases)} investeringscases, {budget.settings.price_level}, "
          f"{budget.settings.unit} (- betyder indtægt/mindreforbrug). Budget:")
    print(f"{'År':<8}{'Investering (A)':>18}{'Besparelse (B)':>18}{'I alt (A+B)':>16}")
    rows = zip(budget_cols.years, budget_cols.investment, budget_cols.saving, budget_cols.net)
    for year, a, b, net in rows:
        print(f"{year:<8}{danish_number(a):>18}{danish_number(b):>18}{danish_number(net):>16}")
    print(f"{labels.PERIOD_TOTAL:<8}{danish_number(sum(budget_cols.investment)):>18}"
          f"{danish_number(sum(budget_cols.saving)):>18}{danish_number(budget_cols.period_net):>16}")
    if mismatches:
        print(f"{labels.CHECK_TITLE}: {len(mismatches)} afvigelse(r):")
        for mismatch in mismatches:
            print(f"  {mismatch.message}")
    else:
        print(f"{labels.CHECK_TITLE}: {labels.CHECK_NONE}")
    print(f"Opfølgningen er skrevet til {written}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="invest-xl",
                     description="Opfølgning på investeringscases på beskæftigelsesområdet.")
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved fejl")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    followup = commands.add_parser("followup", help="skriv opfølgningsarket for en budgetprojektmappe")
    followup.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                    "uden den bruges eksemplet")
    followup.add_argument("-o", "--output", help="uddatafil (standard: NAVN-opfoelgning.xlsx)")
    followup.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    followup.set_defaults(run=_followup)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input, 1 unexpected)."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except InvestXLError as error:
        print(f"Fejl: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        if debug:
            raise
        print(f"Uventet fejl ({type(error).__name__}: {error}). Kør igen med --debug for "
              "detaljer, og meld fejlen til udviklerne.", file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
