"""The command line's parser, in Danish: subcommands, options, and argparse's own words."""

from __future__ import annotations

import argparse
import re
import sys

from invest_xl.cli import budget_commands, curve_commands, excel_commands
from invest_xl.errors import InvestXLError

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
    followup.set_defaults(run=budget_commands.followup)

    peers = commands.add_parser("peers", help="andre kommuners investeringscases pr. målgruppe")
    peers.add_argument("--group", help="kun denne kategori (fx sygedagpenge, kontanthjælp, alle)")
    peers.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    peers.set_defaults(run=budget_commands.peers)
    report = commands.add_parser("report", help="opfølgningen som PDF til udvalget (via LibreOffice)")
    report.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                  "uden den bruges eksemplet")
    report.add_argument("-o", "--output", help="PDF-fil (standard: NAVN-rapport.pdf)")
    report.set_defaults(run=budget_commands.report)

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
    curves.set_defaults(run=curve_commands.curves)

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
    fit.set_defaults(run=curve_commands.fit)

    check = commands.add_parser("backtest", help="efterprøv fremskrivningerne på komplette kurver")
    check.add_argument("table", help="bred tabel (.csv/.xlsx): én række pr. periode, kolonnerne 0 uger, 4 uger, ...")
    check.add_argument("--cut", default="13,26", help="ugerne kurverne skæres i (standard 13,26)")
    check.add_argument("--reference", help="rækken der fremskrives i forhold til (fx \"Gennemsnit 2017-2019\")")
    check.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    check.set_defaults(run=curve_commands.backtest)

    savings = commands.add_parser("savings", help="besparelser pr. budgetår efter hver sags metode")
    savings.add_argument("budget", nargs="?", help="budgetprojektmappe (.xlsx/.xlsm); "
                                                   "uden den bruges eksemplet")
    savings.add_argument("--case", help="kun denne sag (nummer eller navn)")
    savings.add_argument("--json", action="store_true", help="tal i fuld præcision som JSON")
    savings.set_defaults(run=budget_commands.savings)

    new = commands.add_parser("new", help="skriv en ny, tom budgetprojektmappe klar til at udfylde")
    new.add_argument("budget", help="den nye projektmappe (.xlsx)")
    new.add_argument("--years", help="budgetårene, fx 2024-2027 (standard: de næste fire år)")
    new.add_argument("--cases", type=int, default=5, help="antal tomme rækker til sager (standard 5)")
    new.add_argument("--xlsm", action="store_true", help="med knapper og funktioner (.xlsm)")
    new.set_defaults(run=excel_commands.new)

    install = commands.add_parser("install", help="læg knapper, funktioner og tabeller ind i en "
                                                  "eksisterende projektmappe")
    install.add_argument("workbook", help="projektmappen (.xlsx); den ændres ikke")
    install.add_argument("-o", "--output", help="den nye .xlsm (standard: samme navn med .xlsm)")
    install.set_defaults(run=excel_commands.install)
    serve = commands.add_parser("serve", help="Excel-funktionerne og knapperne via xlwings Server "
                                              "(kræver pip install \"invest-xl[server]\")")
    serve.add_argument("--host", default="127.0.0.1", help="adressen der lyttes på (standard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="porten (standard 8000)")
    serve.add_argument("--certs", help="mappe med NAVN.pem og NAVN-key.pem (mkcert): HTTPS")
    serve.set_defaults(run=excel_commands.serve)
    return parser

