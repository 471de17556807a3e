"""invest-xl's Excel functions (UDFs) and button macros, for xlwings.

Every function here is a thin shell: its decorators say how Excel's ranges arrive
(2-D, error values as text), its docstring's first line is Excel's help (Danish, as
the users read it), and its body converts the arguments (`invest_xl.excel.arguments`),
calls the package, and arranges the result (`invest_xl.excel.results`). A bad
argument answers with a short Danish text naming the argument (`answers_in_cell`).
All names share the prefix INVEST_ so they group in Excel's function list; Excel
shows them in capitals (Office.js) or as written here (classic "Import Python UDFs"),
and matches them regardless of case.
"""

import xlwings as xw

from invest_xl import budget, savings, survival, workbook
from invest_xl.excel import arguments as args
from invest_xl.excel import buttons, results
from invest_xl.excel.cell_errors import answers_in_cell
from invest_xl.workbook import contract
from invest_xl.catalogue import build as catalogue_build
from invest_xl.catalogue import peers as catalogue_peers

RANGE = {"ndim": 2, "err_to_str": True}
VALUE = {"err_to_str": True}
BEST = "best"
FAMILY_CHOICES = (BEST, *survival.FAMILIES_BY_NAME)
EXTRAPOLATION_DEFAULT = "none"
HORIZON_DEFAULT_WEEKS = 52


def _fit(weeks, shares, cohort, family, names=("uger", "andele")):
    weeks_name, shares_name = names
    report = args.about(shares_name, survival.fit_points, args.vector(weeks, weeks_name),
                        args.vector(shares, shares_name), args.optional_number(cohort, "kohorte"))
    chosen = args.choice(family, "familie", FAMILY_CHOICES, default=BEST)
    return report, (report.best if chosen == BEST else report[chosen])


BELOEB_DOC = ("Beløbstabellen med overskrifter: Sag, År, Art, Status, Beløb, eller bred: "
              "Sag, Art, Status, 2020, 2021, ...")


@xw.func
@xw.arg("beloeb", doc=BELOEB_DOC, **RANGE)
@xw.arg("status", doc="Budget, Realiseret eller Forventet for alle år (tom = Budget), eller én status pr. år "
                      "i en række, fx Realiseret for lukkede år og Forventet for resten", **RANGE)
@answers_in_cell
def invest_portfolio(beloeb, status=None):
    """Samlet oversigt pr. år: investering (A), besparelse (B) og I alt (A+B), mio. kr.

    Spills a 4-row table: År, then A, B and A+B per year (budget.portfolio.amounts_totals).
    """
    amounts = workbook.amounts_from_rows(args.table_rows(beloeb, "beloeb", contract.AMOUNTS))
    status_of_year = args.status_per_year(status, "status", contract.parse_status, budget.amounts_years(amounts),
                                          default=budget.BUDGET)
    return results.portfolio_rows(budget.amounts_totals(amounts, status_of_year))


@xw.func
@xw.arg("beloeb", doc=BELOEB_DOC, **RANGE)
@xw.arg("sag", doc="Sagens nummer (kolonnen Sag)", **VALUE)
@xw.arg("aar", doc="Budgetåret, fx 2021", **VALUE)
@xw.arg("art", doc="investering, besparelse eller i alt", **VALUE)
@xw.arg("status", doc="Budget, Realiseret eller Forventet (tom = Budget)", **VALUE)
@answers_in_cell
def invest_amount(beloeb, sag, aar, art, status=None):
    """Ét beløb fra beløbstabellen: sag, år, art og status (et tal, der mangler, er 0).

    Reads the range by the table's one reader (long or wide); budget.portfolio.amounts_figure.
    """
    amounts = workbook.amounts_from_rows(args.table_rows(beloeb, "beloeb", contract.AMOUNTS))
    return args.about("beloeb", budget.amounts_figure, amounts, args.whole_number(sag, "sag"),
                      args.whole_number(aar, "aar"), args.parsed(art, "art", contract.parse_kind),
                      args.parsed(status, "status", contract.parse_status, default=budget.BUDGET))


@xw.func
@xw.arg("uger", doc="Ugerne efter start (0, 4, 8, ...), én kolonne", **RANGE)
@xw.arg("andele", doc="Andel stadig på ydelse i hver uge (% eller 0-1), samme længde", **RANGE)
@xw.arg("kohorte", doc="Antal personer kurven bygger på (valgfri)", **VALUE)
@xw.arg("ved_uger", doc="Hele uger kurven ønskes i, lineært mellem punkterne (tom = punkternes uger)",
        **RANGE)
@answers_in_cell
def invest_curve(uger, andele, kohorte=None, ved_uger=None):
    """Kurve fra publicerede punkter: andel på ydelse (0-1) i punkternes eller de ønskede uger.

    Spills a column; shares in % become 0-1 (points.points_curve checks the points);
    other weeks are read off savings.weekly_shares (linear between the points).
    """
    curve = survival.points_curve(args.vector(uger, "uger"), args.vector(andele, "andele"),
                                  args.optional_number(kohorte, "kohorte"))
    if args.omitted(ved_uger):
        return results.column(curve.share)
    weekly, last = savings.weekly_shares(curve)
    return results.column(weekly[args.weeks_up_to(ved_uger, "ved_uger", last)])


@xw.func
@xw.arg("uger", doc="Ugerne for de publicerede punkter (0, 4, 8, ...)", **RANGE)
@xw.arg("andele", doc="Andel stadig på ydelse i hver uge (% eller 0-1)", **RANGE)
@xw.arg("ved_uger", doc="Ugerne kurven ønskes i (også efter sidste punkt: fremskrivning)", **RANGE)
@xw.arg("familie", doc="best (modelgennemsnit efter AIC) eller en fordeling, fx weibull; med reference: "
        "best, ph eller po", **VALUE)
@xw.arg("kohorte", doc="Antal personer kurven bygger på (valgfri; giver grupperet likelihood)", **VALUE)
@xw.arg("ref_uger", doc="Referencekurvens uger (valgfri): fremskriv i forhold til en fuld kurve", **RANGE)
@xw.arg("ref_andele", doc="Referencekurvens andele (% eller 0-1), samme længde som ref_uger", **RANGE)
@xw.arg("ref_kohorte", doc="Antal personer referencekurven bygger på (valgfri)", **VALUE)
@answers_in_cell
def invest_fit_curve(uger, andele, ved_uger, familie=None, kohorte=None, ref_uger=None, ref_andele=None,
                     ref_kohorte=None):
    """Tilpasset kurve: andel på ydelse (0-1) i de ønskede uger, også fremskrevet.

    Spills a column at `ved_uger`, as `invest-xl fit` (survival.extrapolate: the model
    average for best, a named family, or relative to the reference when one is given).
    """
    at_weeks = args.numbers(ved_uger, "ved_uger")
    result = _extrapolated(uger, andele, kohorte, familie, (ref_uger, ref_andele, ref_kohorte), at_weeks)
    return results.column(args.about("ved_uger", result.survival_at, at_weeks))


def _extrapolated(weeks, shares, cohort, family, reference_cells, at_weeks=()):
    observed = args.about("andele", survival.points_curve, args.vector(weeks, "uger"),
                          args.vector(shares, "andele"), args.optional_number(cohort, "kohorte"))
    ref_weeks, ref_shares, ref_cohort = reference_cells
    reference = None
    if args.omitted(ref_weeks) != args.omitted(ref_shares):
        raise args.ArgumentError("ref_andele", "giv både ref_uger og ref_andele, eller ingen af dem")
    if not args.omitted(ref_weeks):
        reference = args.about("ref_andele", survival.points_curve, args.vector(ref_weeks, "ref_uger"),
                               args.vector(ref_shares, "ref_andele"), args.optional_number(ref_cohort, "ref_kohorte"))
    chosen = args.choice(family, "familie", (*FAMILY_CHOICES, *survival.RELATIVE_MODELS), default=BEST)
    return args.about("familie", survival.extrapolate_at, observed, at_weeks, family=chosen, reference=reference)


@xw.func
@xw.arg("uger", doc="Ugerne for de publicerede punkter (0, 4, 8, ...)", **RANGE)
@xw.arg("andele", doc="Andel stadig på ydelse i hver uge (% eller 0-1)", **RANGE)
@xw.arg("kohorte", doc="Antal personer kurven bygger på (valgfri)", **VALUE)
@xw.arg("familie", doc="Fordelingen der markeres som valgt (tom = best, laveste AIC)", **VALUE)
@xw.arg("horisont", doc="Uge fremskrivningens advarsler gælder (tom = 52)", **VALUE)
@answers_in_cell
def invest_fit_summary(uger, andele, kohorte=None, familie=None, horisont=None):
    """Oversigt over tilpassede fordelinger: fordeling, parametre, AIC, den valgte og advarsler.

    Spills a table with one row per family, lowest AIC first, then a row per plausibility
    warning for extrapolating to `horisont` (as `invest-xl fit`).
    """
    report, fit = _fit(uger, andele, kohorte, familie)
    horizon = args.optional_number(horisont, "horisont")
    result = _extrapolated(uger, andele, kohorte, familie, (None, None, None),
                           [HORIZON_DEFAULT_WEEKS if horizon is None else horizon])
    return results.fit_summary_rows(report, fit.name, result.warnings)


@xw.func
@xw.arg("forloeb", doc="Forløb med overskrifter: person, ydelse, start, slut, gruppe", **RANGE)
@xw.arg("skaeringsdato", doc="Skæringsdato: forløb uden slut før den er igangværende", **VALUE)
@xw.arg("gruppe", doc="Én gruppe (giver også konfidensbånd); tom = alle grupper", **VALUE)
@xw.arg("tilbagefald_mdr", doc="Tilbagefald inden for så mange måneder er samme forløb (tom = 1)",
        **VALUE)
@answers_in_cell
def invest_kaplan_meier(forloeb, skaeringsdato, gruppe=None, tilbagefald_mdr=None):
    """Kaplan-Meier-kurve fra forløb på det publicerede ugegitter (0, 4, 8, ... 52).

    Spills Uge and one column per group; with a group, Uge | Andel | Nedre | Øvre.
    """
    cutoff = args.date(skaeringsdato, "skaeringsdato")
    gap = args.whole_number(tilbagefald_mdr, "tilbagefald_mdr", default=1)
    spells = survival.merge_returns(survival.read_spells(args.table(forloeb, "forloeb", min_columns=3)), gap)
    estimates = survival.spell_curves(spells, cutoff)
    if not args.omitted(gruppe):
        wanted = args.choice(gruppe, "gruppe", [e.group for e in estimates])
        return results.band_rows(next(e for e in estimates if e.group == wanted).curve())
    weeks = survival.grid_weeks("published", max(e.last_observed_week for e in estimates))
    return results.kaplan_meier_rows([e.curve(weeks) for e in estimates], weeks)


@xw.func
@xw.arg("uger_ref", doc="Ugerne for referencekurven (målgruppe eller basis)", **RANGE)
@xw.arg("andele_ref", doc="Referencekurvens andele på ydelse (% eller 0-1)", **RANGE)
@xw.arg("uger_ny", doc="Ugerne for den anden kurve (indsatsgruppe eller indeværende år)", **RANGE)
@xw.arg("andele_ny", doc="Den anden kurves andele på ydelse (% eller 0-1)", **RANGE)
@xw.arg("horisont", doc="Antal uger efter start der tælles med (tom = 52)", **VALUE)
@xw.arg("familie", doc="Fremskrivning med fordelingen: best (laveste AIC) eller fx weibull", **VALUE)
@answers_in_cell
def invest_weeks_saved(uger_ref, andele_ref, uger_ny, andele_ny, horisont=None, familie=None):
    """Sparede ydelsesuger pr. deltager mellem to kurver, med 95 %-interval (3 celler).

    Area between the curves up to the horizon (areas.published_area_between): value,
    lower, upper; each curve as INVEST_FIT_CURVE reports it (best = the model average),
    else the points; without a band the reason stands in the second cell.
    """
    horizon = survival.check_horizon(args.positive_number(horisont, "horisont", default=52.0), "horisont")
    chosen = args.choice(familie, "familie", FAMILY_CHOICES, default=BEST)
    reference = args.about("andele_ref", survival.points_curve, args.vector(uger_ref, "uger_ref"),
                           args.vector(andele_ref, "andele_ref"), label="andele_ref")
    other = args.about("andele_ny", survival.points_curve, args.vector(uger_ny, "uger_ny"),
                       args.vector(andele_ny, "andele_ny"), label="andele_ny")
    return results.area_row(survival.published_area_between(reference, other, horizon, family=chosen))


@xw.func
@xw.arg("brutto_kr", doc="Bruttoudgift pr. fuldtidsperson pr. år, kr.", **VALUE)
@xw.arg("refusion", doc="Statens refusion som andel (fx 30 % eller 0,3)", **VALUE)
@answers_in_cell
def invest_net_unit_cost(brutto_kr, refusion):
    """Nettoenhedspris: bruttoudgift pr. fuldtidsperson x (1 - refusion), kr. pr. år."""
    return savings.net_unit_cost_kr(args.number(brutto_kr, "brutto_kr"), args.share(refusion, "refusion"))


@xw.func
@xw.arg("beloeb", doc="Beløbet der skal omregnes", **VALUE)
@xw.arg("fra_aar", doc="Prisniveauet beløbet står i: et år eller en tekst som 2020 p/l", **VALUE)
@xw.arg("til_aar", doc="Prisniveauet der ønskes (fx det løbende års priser)", **VALUE)
@xw.arg("indeks", doc="Indekstabel med overskrift: År, og kolonnerne sats og/eller pl", **RANGE)
@xw.arg("art", doc="Indekset: pl (pris og løn, tom) eller sats (satsregulering)", **VALUE)
@answers_in_cell
def invest_price_level(beloeb, fra_aar, til_aar, indeks, art=None):
    """Omregn et beløb fra ét pris- og lønniveau til et andet med et indeks."""
    kind = args.parsed(art, "art", contract.parse_index_kind, default="pl")
    index = workbook.price_index_from_rows(args.table_rows(indeks, "indeks", contract.PRICE_INDEX))
    return args.about("indeks", index.convert, args.number(beloeb, "beloeb"),
                      args.year(fra_aar, "fra_aar", savings.price_level_year),
                      args.year(til_aar, "til_aar", savings.price_level_year), kind)


@xw.func
@xw.arg("uger", doc="Ugerne for begge kurvers punkter (0, 4, 8, ...)", **RANGE)
@xw.arg("andele_maal", doc="Målgruppens andele på ydelse (% eller 0-1)", **RANGE)
@xw.arg("andele_indsats", doc="Indsatsgruppens andele på ydelse (% eller 0-1); må være kortere",
        **RANGE)
@xw.arg("tilgang", doc="Personer der starter pr. måned: ét tal, eller År | Måned | Personer", **RANGE)
@xw.arg("brutto_kr", doc="Bruttoudgift pr. fuldtidsperson pr. år, kr.", **VALUE)
@xw.arg("refusion", doc="Refusion som andel (fx 30 %), eller ordet trappe (2016-trappen)", **VALUE)
@xw.arg("foerste_aar", doc="Første budgetår, fx 2020", **VALUE)
@xw.arg("antal_aar", doc="Antal budgetår (tom = 4)", **VALUE)
@xw.arg("fremskrivning", doc="Efter sidste observerede uge: ingen, fasthold, aftag eller model (tom = ingen)",
        **VALUE)
@xw.arg("fade_uger", doc="Kun for aftag: antal uger forskellen aftager lineært over", **VALUE)
@answers_in_cell
def invest_savings(uger, andele_maal, andele_indsats, tilgang, brutto_kr, refusion, foerste_aar,
                   antal_aar=None, fremskrivning=None, fade_uger=None):
    """Besparelse pr. budgetår efter kurvemetoden: sparede uger, fuldtidspersoner, kr.

    Spills a row per line over the years (savings.curve_savings; saving in kr. negative).
    """
    week_cells = args.vector(uger, "uger")
    intervention_shares = args.vector(andele_indsats, "andele_indsats")
    budget_years = args.years(foerste_aar, antal_aar, "foerste_aar", "antal_aar")
    kind = args.parsed(fremskrivning, "fremskrivning", contract.parse_extrapolation,
                       default=EXTRAPOLATION_DEFAULT)
    data = savings.CurveInput(
        target=args.about("andele_maal", survival.points_curve, week_cells,
                          args.vector(andele_maal, "andele_maal")),
        intervention=args.about("andele_indsats", survival.points_curve,
                                week_cells[:len(intervention_shares)], intervention_shares),
        intake=args.intake(tilgang, "tilgang", budget_years),
        gross_per_fte_kr=args.number(brutto_kr, "brutto_kr"),
        refund=args.about("refusion", savings.refund_rule, args.parsed(refusion, "refusion", contract.parse_refund)),
        extrapolation=kind,
        fade_weeks=args.whole_number(fade_uger, "fade_uger") if kind == "fade" else None)
    result = args.about("fremskrivning", savings.curve_input_savings, data, budget_years)
    return results.curve_savings_rows(result)


@xw.func
@xw.arg("reduktioner", doc="Færre fuldtidspersoner: Ydelse | År | Fuldtidspersoner | Brutto kr. | Refusion",
        **RANGE)
@xw.arg("foerste_aar", doc="Første budgetår, fx 2020", **VALUE)
@xw.arg("antal_aar", doc="Antal budgetår (tom = 4)", **VALUE)
@xw.arg("overgange", doc="Overgange til anden ydelse i samme form (valgfri)", **RANGE)
@xw.arg("investering_kr", doc="Investeringen pr. år i kr., én række eller kolonne (valgfri)", **RANGE)
@answers_in_cell
def invest_fte_savings(reduktioner, foerste_aar, antal_aar=None, overgange=None, investering_kr=None):
    """Besparelse pr. budgetår efter fuldtidspersonmetoden: investering, besparelse, netto (kr.).

    Spills a row per line over the years (fte_method.fte_savings; saving negative).
    """
    budget_years = args.years(foerste_aar, antal_aar, "foerste_aar", "antal_aar")
    lines = contract.FTE_REDUCTIONS.without("case")
    reductions = [workbook.benefit_line(row) for row in args.table_rows(reduktioner, "reduktioner", lines)]
    transitions = ([] if args.omitted(overgange) else
                   [workbook.benefit_line(row) for row in args.table_rows(overgange, "overgange", lines)])
    investment = None if args.omitted(investering_kr) else args.per_year(investering_kr, "investering_kr",
                                                                           budget_years)
    result = savings.fte_savings(budget_years, reductions, transitions, investment)
    return results.fte_savings_rows(result)


@xw.script
def invest_refresh_followup(book: xw.Book = None):
    """Opdater opfølgning: skriv opfølgningsarket på ny ud fra budgettabellerne."""
    buttons.run_button(book, buttons.refresh_followup)


@xw.script
def invest_refresh_curves(book: xw.Book = None):
    """Opdater kurver: tilpas kurverne i Kurvepunkter og tegn tabeller og diagrammer på ny."""
    buttons.run_button(book, buttons.refresh_curves)


@xw.func
@xw.arg("kategori", doc="Målgruppe: dagpenge, kontanthjælp, uddannelseshjælp, sygedagpenge, "
                        "jobafklaring, fleksjob, integration, bred, andet eller alle", **VALUE)
@xw.arg("maal", doc="Statistik og mål, fx 'median effekt pr. krone', 'antal investering', "
                    "'nedre kvartil netto', 'øvre kvartil investering pr. helårsperson'", **VALUE)
@answers_in_cell
def invest_peers(kategori, maal):
    """Andre kommuners investeringscases: én statistik for en målgruppe (mio. kr.).

    One value from the national catalogue (invest_xl.catalogue.peers.peer_value).
    """
    return catalogue_peers.peer_value(catalogue_build.load_catalogue()["groups"],
                                      args.text(kategori, "kategori"), args.text(maal, "maal"),
                                      missing="ingen cases med dette mål")


@xw.func
@xw.arg("investering", doc="Den foreslåede investering i alt, mio. kr.", **VALUE)
@xw.arg("effekt", doc="Den forventede effekt i alt, mio. kr.", **VALUE)
@xw.arg("kategori", doc="Målgruppen, der sammenlignes med (fx sygedagpenge, alle)", **VALUE)
@answers_in_cell
def invest_peer_position(investering, effekt, kategori):
    """Hvor den foreslåede case ligger blandt andre kommuners: percentil og en sætning.

    Spills one row: the percentile (0-100) and the Danish sentence (peers.peer_position).
    """
    catalogue = catalogue_build.load_catalogue()
    position = catalogue_peers.peer_position(
        catalogue["groups"], catalogue["cases"], args.positive_number(investering, "investering"),
        args.number(effekt, "effekt"), args.text(kategori, "kategori"))
    return [[position["percentile"], position["sentence"]]]
