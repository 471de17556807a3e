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

from invest_xl.excel import arguments as args
from invest_xl.excel import buttons as excel_buttons
from invest_xl.excel import results as excel_results
from invest_xl.survival.areas import area_between
from invest_xl.budget.model import STATUSES
from invest_xl.workbook.contract import AMOUNTS, parse_extrapolation
from invest_xl.survival.curve import grid_weeks
from invest_xl.excel.arguments import answers_in_cell
from invest_xl.survival.families import BY_NAME
from invest_xl.survival.fitting import fit_points
from invest_xl.savings.fte_method import fte_savings
from invest_xl.survival.kaplan_meier import spell_curves
from invest_xl.labels import short_number
from invest_xl.survival.points import points_curve
from invest_xl.savings.price_levels import INDEX_KINDS, PriceIndex, price_level_year
from invest_xl.workbook.budget_reader import FIRST_YEAR, LAST_YEAR
from invest_xl.savings.refund import net_unit_cost_kr
from invest_xl.savings.curve_method import FADE, NONE, curve_savings, extrapolation_for, weekly_shares
from invest_xl.survival.spells import merge_returns, read_spells
from invest_xl.catalogue import build as catalogue_build
from invest_xl.catalogue import peers as catalogue_peers

RANGE = {"ndim": 2, "err_to_str": True}
VALUE = {"err_to_str": True}
BEST = "best"
MAX_HORIZON_WEEKS = 5200
FAMILY_CHOICES = (BEST, *BY_NAME)


def _fit(weeks, shares, cohort, family, names=("uger", "andele")):
    weeks_name, shares_name = names
    report = args.about(shares_name, fit_points, args.vector(weeks, weeks_name),
                        args.vector(shares, shares_name), args.optional_number(cohort, "kohorte"))
    chosen = args.choice(family, "familie", FAMILY_CHOICES, default=BEST)
    return report, (report.best if chosen == BEST else report[chosen])


@xw.func
@xw.arg("beloeb", doc="Beløbstabellen med overskrifter: Sag, År, Art, Status, Beløb (mio. kr.)", **RANGE)
@xw.arg("status", doc="Budget, Realiseret eller Forventet (tom = Budget)", **VALUE)
@answers_in_cell
def invest_portfolio(beloeb, status=None):
    """Samlet oversigt pr. år: investering (A), besparelse (B) og I alt (A+B), mio. kr.

    Spills a 4-row table: År, then A, B and A+B per year (portfolio.column_totals).
    """
    rows = args.schema_rows(beloeb, "beloeb", AMOUNTS)
    seen = {}
    for number, row in enumerate(rows, start=2):  # rows counted from the header (1)
        key = (row["case"], row["year"], row["kind"], row["status"])
        if not FIRST_YEAR <= row["year"] <= LAST_YEAR:
            raise args.ArgumentError("beloeb", f"række {number}: året {row['year']} ligger ikke "
                                               f"mellem {FIRST_YEAR} og {LAST_YEAR}")
        if key in seen:
            raise args.ArgumentError("beloeb", f"række {number}: sag {key[0]}, {key[1]}, {key[2]}, "
                                               f"{key[3]} står også i række {seen[key]}")
        seen[key] = number
    chosen = args.choice(status, "status", STATUSES, default=STATUSES[0])
    return excel_results.portfolio_rows(rows, chosen)


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
    curve = points_curve(args.vector(uger, "uger"), args.vector(andele, "andele"),
                         args.optional_number(kohorte, "kohorte"))
    if args.omitted(ved_uger):
        return excel_results.column(curve.share)
    weekly, last = weekly_shares(curve)
    return excel_results.column(weekly[args.weeks_up_to(ved_uger, "ved_uger", last)])


@xw.func
@xw.arg("uger", doc="Ugerne for de publicerede punkter (0, 4, 8, ...)", **RANGE)
@xw.arg("andele", doc="Andel stadig på ydelse i hver uge (% eller 0-1)", **RANGE)
@xw.arg("ved_uger", doc="Ugerne kurven ønskes i (også efter sidste punkt: fremskrivning)", **RANGE)
@xw.arg("familie", doc="best (laveste AIC) eller en fordeling, fx weibull, cure-weibull", **VALUE)
@xw.arg("kohorte", doc="Antal personer kurven bygger på (valgfri; giver grupperet likelihood)", **VALUE)
@answers_in_cell
def invest_fit_curve(uger, andele, ved_uger, familie=None, kohorte=None):
    """Tilpasset kurve: andel på ydelse (0-1) i de ønskede uger, også fremskrevet.

    Spills a column at `ved_uger` (fitting.fit_points; family by AIC or by name).
    """
    _, fit = _fit(uger, andele, kohorte, familie)
    return excel_results.column(args.about("ved_uger", fit.survival_at, args.numbers(ved_uger, "ved_uger")))


@xw.func
@xw.arg("uger", doc="Ugerne for de publicerede punkter (0, 4, 8, ...)", **RANGE)
@xw.arg("andele", doc="Andel stadig på ydelse i hver uge (% eller 0-1)", **RANGE)
@xw.arg("kohorte", doc="Antal personer kurven bygger på (valgfri)", **VALUE)
@xw.arg("familie", doc="Fordelingen der markeres som valgt (tom = best, laveste AIC)", **VALUE)
@answers_in_cell
def invest_fit_summary(uger, andele, kohorte=None, familie=None):
    """Oversigt over tilpassede fordelinger: fordeling, parametre, AIC og den valgte.

    Spills a table with one row per family, lowest AIC first.
    """
    report, fit = _fit(uger, andele, kohorte, familie)
    return excel_results.fit_summary_rows(report, fit.name)


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
    spells = merge_returns(read_spells(args.table(forloeb, "forloeb", min_columns=3)), gap)
    estimates = spell_curves(spells, cutoff)
    if not args.omitted(gruppe):
        wanted = args.choice(gruppe, "gruppe", [e.group for e in estimates])
        return excel_results.band_rows(next(e for e in estimates if e.group == wanted).curve())
    weeks = grid_weeks("published", max(e.last_observed_week for e in estimates))
    return excel_results.kaplan_meier_rows([e.curve(weeks) for e in estimates], weeks)


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

    Area between the fitted curves up to the horizon (areas.area_between): value, lower, upper.
    """
    horizon = args.positive_number(horisont, "horisont", default=52.0)
    if horizon > MAX_HORIZON_WEEKS:
        raise args.ArgumentError("horisont", f"skal være højst {MAX_HORIZON_WEEKS} uger (100 år), "
                                             f"ikke {short_number(horizon)}")
    _, reference = _fit(uger_ref, andele_ref, None, familie, ("uger_ref", "andele_ref"))
    _, other = _fit(uger_ny, andele_ny, None, familie, ("uger_ny", "andele_ny"))
    return excel_results.area_row(area_between(reference, other, horizon))


@xw.func
@xw.arg("brutto_kr", doc="Bruttoudgift pr. fuldtidsperson pr. år, kr.", **VALUE)
@xw.arg("refusion", doc="Statens refusion som andel (fx 30 % eller 0,3)", **VALUE)
@answers_in_cell
def invest_net_unit_cost(brutto_kr, refusion):
    """Nettoenhedspris: bruttoudgift pr. fuldtidsperson x (1 - refusion), kr. pr. år."""
    return net_unit_cost_kr(args.number(brutto_kr, "brutto_kr"), args.share(refusion, "refusion"))


@xw.func
@xw.arg("beloeb", doc="Beløbet der skal omregnes", **VALUE)
@xw.arg("fra_aar", doc="Prisniveauet beløbet står i: et år eller en tekst som 2020 p/l", **VALUE)
@xw.arg("til_aar", doc="Prisniveauet der ønskes (fx det løbende års priser)", **VALUE)
@xw.arg("indeks", doc="Indekstabel med overskrift: År, og kolonnerne sats og/eller pl", **RANGE)
@xw.arg("art", doc="Indekset: pl (pris og løn, tom) eller sats (satsregulering)", **VALUE)
@answers_in_cell
def invest_price_level(beloeb, fra_aar, til_aar, indeks, art=None):
    """Omregn et beløb fra ét pris- og lønniveau til et andet med et indeks."""
    kind = args.choice(art, "art", INDEX_KINDS, default=INDEX_KINDS[-1])
    return PriceIndex(args.index_table(indeks, "indeks", INDEX_KINDS)).convert(
        args.number(beloeb, "beloeb"), args.year(fra_aar, "fra_aar", price_level_year),
        args.year(til_aar, "til_aar", price_level_year), kind)


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
    target = args.about("andele_maal", points_curve, week_cells, args.vector(andele_maal, "andele_maal"))
    intervention_shares = args.vector(andele_indsats, "andele_indsats")
    intervention = args.about("andele_indsats", points_curve, week_cells[:len(intervention_shares)],
                              intervention_shares)
    budget_years = args.years(foerste_aar, antal_aar, "foerste_aar", "antal_aar")
    kind = args.parsed(fremskrivning, "fremskrivning", parse_extrapolation, default=NONE)
    fade = args.whole_number(fade_uger, "fade_uger") if kind == FADE else None
    intake = args.intake(tilgang, "tilgang", budget_years)
    extrapolation = args.about("fremskrivning", extrapolation_for, kind, fade_weeks=fade,
                               target_points=(target.weeks, target.share),
                               intervention_points=(intervention.weeks, intervention.share),
                               years=budget_years,
                               first_entry_year=min((y for y, _, _ in intake), default=None))
    result = curve_savings(weekly_shares(target)[0], weekly_shares(intervention)[0],
                           intake, budget_years,
                           gross_per_fte_kr=args.number(brutto_kr, "brutto_kr"),
                           refund=args.refund_rule(refusion, "refusion"),
                           extrapolation=extrapolation)
    return excel_results.yearly_rows(result.years, [
        ("Sparede ydelsesuger", result.weeks_saved), ("Fuldtidspersoner", result.fte_saved),
        ("Besparelse brutto (kr.)", result.gross_saving_kr), ("Besparelse netto (kr.)", result.saving_kr)])


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
    investment = None if args.omitted(investering_kr) else args.numbers(investering_kr, "investering_kr")
    if investment is not None and len(investment) != len(budget_years):
        raise args.ArgumentError("investering_kr", f"skal have én værdi pr. budgetår "
                                                   f"({len(budget_years)}), ikke {len(investment)}")
    transitions = [] if args.omitted(overgange) else args.benefit_lines(overgange, "overgange")
    result = fte_savings(budget_years, args.benefit_lines(reduktioner, "reduktioner"), transitions,
                         investment)
    return excel_results.yearly_rows(result.years, [
        ("Investering (kr.)", result.investment_kr),
        ("Færre fuldtidspersoner", result.reduction_fte),
        ("Besparelse på forsørgelse (kr.)", result.reduction_saving_kr),
        ("Merudgift ved overgange (kr.)", result.transition_cost_kr),
        ("Netto (kr.)", result.yearly.net_kr)])


@xw.script
def invest_refresh_followup(book: xw.Book = None):
    """Opdater opfølgning: skriv opfølgningsarket på ny ud fra budgettabellerne."""
    excel_buttons.run_button(book, excel_buttons.refresh_followup)


@xw.script
def invest_refresh_curves(book: xw.Book = None):
    """Opdater kurver: tilpas kurverne i Kurvepunkter og tegn tabeller og diagrammer på ny."""
    excel_buttons.run_button(book, excel_buttons.refresh_curves)


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
