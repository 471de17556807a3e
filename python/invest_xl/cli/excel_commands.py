"""The commands that bring invest-xl into Excel: new, install, serve."""

from __future__ import annotations

from pathlib import Path

from invest_xl.cli.output import EXIT_OK


def new(args) -> int:
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


def install(args) -> int:
    from invest_xl.jobs import install_into_workbook

    written = install_into_workbook(Path(args.workbook), args.output)
    print(f"invest-xl er lagt ind i {written}: arket 'invest-xl' med knapperne Opdater opfølgning og "
          "Opdater kurver, det skjulte ark xlwings.conf, xlwings' VBA-modul og de tabeller, der manglede.")
    print("Åbn filen i Excel, aktivér makroer, og kør ImportPythonUDFs én gang (Udvikler > Makroer).")
    return EXIT_OK


def serve(args) -> int:
    from invest_xl.excel.server import serve

    serve(args.host, args.port, args.certs)
    return EXIT_OK

