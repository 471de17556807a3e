"""Catalogue of bad budget workbooks: each gives one exact Danish message (CLI: exit 2).

The budget is a small fixed one (two cases, 2020-2021) so the rows named below are stable:
Sager rows 2-3, Beloeb rows 2-9 (case 1 in rows 2-5), Indstillinger rows 2-6.
"""

import datetime as dt

import pytest
from openpyxl.worksheet.table import Table

from invest_xl.budget.model import BUDGET, Amount, Budget, Case, Settings
from invest_xl.workbook.budget_writer import budget_workbook
from invest_xl.cli import main
from invest_xl.errors import InvestXLError
from invest_xl.workbook.budget_reader import budget_from_workbook

SMALL = Budget(
    cases=(Case(1, "Koordineret indsats", 300, 60), Case(2, "Jobsøgningsnetværk", 534, 40)),
    amounts=tuple(Amount(case, year, kind, BUDGET, value)
                  for case, rows in ((1, ((3.079, 3.079), (-2.703, -4.655))),
                                     (2, ((0.25, 0.25), (-1.313, -2.626))))
                  for kind, values in zip(("investering", "besparelse"), rows)
                  for year, value in zip((2020, 2021), values)),
    settings=Settings(prudence_share=0.5),
)
A = "Tabellen 'Beloeb' (ark 'Beløb', række {row}): "
S = "Tabellen 'Sager' (ark 'Sager', række {row}): "
I = "Tabellen 'Indstillinger' (ark 'Indstillinger', række {row}): "


def _set(sheet, cell, value):
    def edit(workbook):
        workbook[sheet][cell] = value
    return edit


def _clear_rows(sheet, first, last):
    def edit(workbook):
        for row in workbook[sheet].iter_rows(min_row=first, max_row=last):
            for cell in row:
                cell.value = None
    return edit


def _drop_table(sheet, name):
    def edit(workbook):
        del workbook[sheet].tables[name]
    return edit


def _edits(*edits):
    def edit(workbook):
        for one in edits:
            one(workbook)
    return edit


def _archive_table(name):
    """A second amounts table on an archive sheet, named so that it folds to 'Beloeb'."""
    def edit(workbook):
        sheet = workbook.create_sheet("Arkiv")
        for column, header in enumerate(("Sag", "År", "Art", "Status", "Beløb"), start=1):
            sheet.cell(1, column, header)
        for column, value in enumerate((1, 2019, "investering", "Budget", 9.9), start=1):
            sheet.cell(2, column, value)
        sheet.add_table(Table(displayName=name, ref="A1:E2"))
    return edit


CLOSED = "Tabellen 'Beloeb' (ark 'Beløb', række {row}): året 2020 "
CATALOGUE = [
    ("empty cases table", _clear_rows("Sager", 2, 3),
     "Tabellen 'Sager' er tom: den skal have mindst én sag."),
    ("empty amounts table", _clear_rows("Beløb", 2, 9),
     "Tabellen 'Beloeb' er tom: den skal have mindst ét beløb."),
    ("missing cases table", _drop_table("Sager", "Sager"),
     "Projektmappen har ingen tabel med navnet 'Sager'. Opret den som en Excel-tabel "
     "(Indsæt > Tabel) med kolonnerne: Nr, Navn, Målgruppe, Indsatsgruppe, Metode, Forsigtighed, Bemærkning."),
    ("missing amounts table", _drop_table("Beløb", "Beloeb"),
     "Projektmappen har ingen tabel med navnet 'Beloeb'. Opret den som en Excel-tabel "
     "(Indsæt > Tabel) med kolonnerne: Sag, År, Art, Status, Beløb."),
    ("missing column Nr", _set("Sager", "A1", "ID"), "Tabellen 'Sager' (ark 'Sager') mangler kolonnen 'Nr'."),
    ("missing column Navn", _set("Sager", "B1", "Beskrivelse"), "Tabellen 'Sager' (ark 'Sager') mangler kolonnen 'Navn'."),
    ("missing column Sag", _set("Beløb", "A1", "Case"), "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'Sag'."),
    ("missing column År", _set("Beløb", "B1", "Periode"), "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'År'."),
    ("missing column Art", _set("Beløb", "C1", "Slags"), "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'Art'."),
    ("missing column Status", _set("Beløb", "D1", "Tilstand"), "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'Status'."),
    ("missing column Beløb", _set("Beløb", "E1", "Kroner"), "Tabellen 'Beloeb' (ark 'Beløb') mangler kolonnen 'Beløb'."),
    ("column twice", _set("Beløb", "E1", "År"), "Tabellen 'Beloeb' (ark 'Beløb') har kolonnen 'År' mere end én gang."),
    ("duplicate case number", _set("Sager", "A3", 1), S.format(row=3) + "sag nr. 1 findes også i række 2."),
    ("duplicate case name", _set("Sager", "B3", "KOORDINERET  indsats"),
     S.format(row=3) + "navnet 'KOORDINERET  indsats' findes også i række 2."),
    ("case number zero", _set("Sager", "A2", 0), S.format(row=2) + "sagsnummeret skal være et positivt helt tal, ikke 0."),
    ("case number fraction", _set("Sager", "A2", 1.5), S.format(row=2) + "kolonnen 'Nr': 1,5 er ikke et helt tal."),
    ("blank case name", _set("Sager", "B2", "  "), S.format(row=2) + "kolonnen 'Navn' er tom."),
    ("negative group", _set("Sager", "C2", -300), S.format(row=2) + "kolonnen 'Målgruppe': -300 er negativ; en gruppestørrelse kan ikke være negativ."),
    ("group as text", _set("Sager", "D2", "tres"), S.format(row=2) + "kolonnen 'Indsatsgruppe': 'tres' er ikke et tal."),
    ("intervention above target", _set("Sager", "D2", 400),
     S.format(row=2) + "indsatsgruppen (400) er større end målgruppen (300)."),
    ("year as text", _set("Beløb", "B2", "tyve-tyve"), A.format(row=2) + "kolonnen 'År': 'tyve-tyve' er ikke et tal."),
    ("year with decimals", _set("Beløb", "B2", "2020,5"), A.format(row=2) + "kolonnen 'År': 2020,5 er ikke et helt tal."),
    ("year out of range", _set("Beløb", "B2", 3020), A.format(row=2) + "året 3020 ligger ikke mellem 1990 og 2100."),
    ("year as a date", _set("Beløb", "B2", dt.datetime(2020, 1, 1)),
     A.format(row=2) + "kolonnen 'År': 01-01-2020 er ikke et tal."),
    ("amount as words", _set("Beløb", "E2", "tre komma nul"), A.format(row=2) + "kolonnen 'Beløb': 'tre komma nul' er ikke et tal."),
    ("amount #N/A", _set("Beløb", "E2", "#N/A"), A.format(row=2) + "kolonnen 'Beløb': fejlværdien #N/A."),
    ("amount #DIV/0!", _set("Beløb", "E3", "#DIV/0!"), A.format(row=3) + "kolonnen 'Beløb': fejlværdien #DIV/0!."),
    ("amount #VALUE!", _set("Beløb", "E3", "#VALUE!"), A.format(row=3) + "kolonnen 'Beløb': fejlværdien #VALUE!."),
    ("amount huge", _set("Beløb", "E2", 1e13), A.format(row=2) + "kolonnen 'Beløb': 10000000000000 er urimeligt stort."),
    ("amount NaN text", _set("Beløb", "E2", "NaN"), A.format(row=2) + "kolonnen 'Beløb': 'NaN' er ikke et tal."),
    ("amount infinity text", _set("Beløb", "E2", "inf"), A.format(row=2) + "kolonnen 'Beløb': 'inf' er ikke et tal."),
    ("amount with an ambiguous dot", _set("Beløb", "E2", "3.079"),
     A.format(row=2) + "kolonnen 'Beløb': '3.079' er tvetydigt: punktummet kan være "
     "tusindtalsskilletegn eller decimaltegn; skriv 3079 eller 3,079."),
    ("amount percent", _set("Beløb", "E2", "5%"), A.format(row=2) + "kolonnen 'Beløb': '5%' er en procent; skriv tallet uden %."),
    ("amount boolean", _set("Beløb", "E2", True), A.format(row=2) + "kolonnen 'Beløb': SAND er ikke et tal."),
    ("amount blank", _set("Beløb", "E2", None), A.format(row=2) + "kolonnen 'Beløb' er tom."),
    ("amount as a date", _set("Beløb", "E2", dt.datetime(2020, 3, 1)),
     A.format(row=2) + "kolonnen 'Beløb': 01-03-2020 er ikke et tal."),
    ("unknown kind", _set("Beløb", "C2", "gevinst"),
     A.format(row=2) + "kolonnen 'Art': 'gevinst' er ikke en af investering / besparelse / i alt."),
    ("unknown status", _set("Beløb", "D2", "Skøn"),
     A.format(row=2) + "kolonnen 'Status': 'Skøn' er ikke en af Budget / Realiseret / Forventet."),
    ("blank kind", _set("Beløb", "C2", None), A.format(row=2) + "kolonnen 'Art' er tom."),
    ("unknown case", _set("Beløb", "A2", 7), A.format(row=2) + "sag nr. 7 findes ikke i tabellen 'Sager'."),
    ("duplicate amount row", _set("Beløb", "B3", 2020),
     A.format(row=3) + "sag 1, 2020, investering, Budget står også i række 2."),
    ("case as error value", _set("Beløb", "A2", "#REF!"), A.format(row=2) + "kolonnen 'Sag': fejlværdien #REF!."),
    ("unknown unit", _set("Indstillinger", "B3", "euro"),
     I.format(row=3) + "indstillingen 'Enhed': enheden 'euro' kendes ikke; brug en af mio. kr., 1.000 kr., kr.."),
    ("prudence above 100 %", _set("Indstillinger", "B5", 150),
     I.format(row=5) + "indstillingen 'Forsigtighed': 150 skal være en andel mellem 0 og 1 (eller 0-100 %)."),
    ("prudence negative", _set("Indstillinger", "B5", "-0,5"),
     I.format(row=5) + "indstillingen 'Forsigtighed': -0,5 skal være en andel mellem 0 og 1 (eller 0-100 %)."),
    ("prudence as words", _set("Indstillinger", "B5", "halvdelen"),
     I.format(row=5) + "indstillingen 'Forsigtighed': 'halvdelen' er ikke et tal."),
    ("closed year as words", _set("Indstillinger", "B6", "sidste år"),
     I.format(row=6) + "indstillingen 'Lukkede år': 'sidste' er ikke et år (skriv fx 2020, 2021 eller 2020-2021)."),
    ("closed years reversed", _set("Indstillinger", "B6", "2021-2020"),
     I.format(row=6) + "indstillingen 'Lukkede år': '2021-2020' er ikke et gyldigt år eller interval."),
    # issue 11: no figure dropped, no setting ignored, no table taken for another
    ("misspelt setting", _set("Indstillinger", "A3", "Enhed (beløb)"),
     I.format(row=3) + "indstillingen 'Enhed (beløb)' kendes ikke; de kendte indstillinger er "
     "Prisniveau, Enhed, Kilde, Forsigtighed, Lukkede år, Kommune, Ord for realiseret, Ord for forventet."),
    ("setting given twice", _set("Indstillinger", "A4", "ENHED"),
     I.format(row=4) + "indstillingen 'ENHED' står også i række 3; angiv den kun én gang."),
    ("Realiseret in a year Lukkede år omits", _edits(_set("Beløb", "D2", "Realiseret"),
                                                       _set("Indstillinger", "B6", "2021")),
     CLOSED.format(row=2) + "har status Realiseret, men står ikke i indstillingen 'Lukkede år' "
     "(2021); tilføj 2020 dér, eller ret status til Forventet."),
    ("Forventet in a closed year", _edits(_set("Beløb", "D4", "Forventet"),
                                          _set("Indstillinger", "B6", "2020")),
     CLOSED.format(row=4) + "er lukket (indstillingen 'Lukkede år'), men rækken har status "
     "Forventet; ret status til Realiseret, eller ret 'Lukkede år'."),
    ("Forventet beside Realiseret, Lukkede år empty",
     _edits(_set("Beløb", "D2", "Realiseret"), _set("Beløb", "D4", "Forventet")),
     CLOSED.format(row=4) + "er lukket (række 2 har status Realiseret), men rækken har status "
     "Forventet; ret status til Realiseret, eller ret 'Lukkede år'."),
    ("two amounts tables folding to one name", _archive_table("Beløb"),
     "Tabelnavnet 'Beloeb' er tvetydigt: tabellerne 'Beloeb' (ark 'Beløb') og 'Beløb' (ark 'Arkiv') "
     "læses alle som 'Beloeb' (store/små bogstaver, æ/ae, ø/oe, å/aa og accenter regnes ens); "
     "omdøb eller slet de andre (Tabeldesign > Tabelnavn)."),
    ("bad table ref", lambda wb: setattr(wb["Beløb"].tables["Beloeb"], "ref", "A1:E"),
     "Tabellen 'Beloeb' (ark 'Beløb') har et ugyldigt område 'A1:E'; åbn filen i Excel, ret "
     "tabellens område (Tabeldesign > Tilpas tabelstørrelse), gem og prøv igen."),
]


@pytest.mark.parametrize("edit, message", [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_bad_budget_gives_its_exact_message(edit, message):
    workbook = budget_workbook(SMALL)
    edit(workbook)
    with pytest.raises(InvestXLError) as error:
        budget_from_workbook(workbook)
    assert error.value.message == message


def test_the_small_budget_itself_is_good():
    assert budget_from_workbook(budget_workbook(SMALL)) == SMALL


# openpyxl cannot save a malformed ref; tests/test_every_figure.py writes that file by hand
SAVABLE = [c for c in CATALOGUE if c[0] != "bad table ref"]


@pytest.mark.parametrize("edit, message", [c[1:] for c in SAVABLE], ids=[c[0] for c in SAVABLE])
def test_command_line_prints_the_message_and_exits_2(tmp_path, capsys, edit, message):
    workbook = budget_workbook(SMALL)
    edit(workbook)
    workbook.save(tmp_path / "budget.xlsx")
    assert main(["followup", str(tmp_path / "budget.xlsx"), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert capsys.readouterr().err == f"Fejl: {message}\n"
    assert not (tmp_path / "o.xlsx").exists()


def test_years_out_of_order_are_read_in_order():
    workbook = budget_workbook(SMALL)
    sheet = workbook["Beløb"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=9)]
    for offset, values in enumerate(reversed(rows)):
        for column, value in enumerate(values, start=1):
            sheet.cell(2 + offset, column, value)
    assert budget_from_workbook(workbook).years == [2020, 2021]
    assert set(budget_from_workbook(workbook).amounts) == set(SMALL.amounts)
