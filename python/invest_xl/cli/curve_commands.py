"""The commands on survival curves: curves (Kaplan-Meier), fit (extrapolation), backtest."""

from __future__ import annotations

from invest_xl.cli.output import EXIT_OK, to_json
from invest_xl.errors import InvestXLError
from invest_xl.formatting import danish_date, danish_number, short_number
from invest_xl.survival.report_text import print_backtest, print_curve, print_fit, print_fit_table


def curves(args) -> int:
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
        print(to_json({"input": str(source),
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


def fit(args) -> int:
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.points import read_points
    from invest_xl.survival.wide_table import looks_wide

    if looks_wide(args.points):
        return fit_table(args)
    points = read_points(args.points, cohort_size=args.cohort)
    reference = (None if args.reference is None
                 else read_points(args.reference, cohort_size=args.reference_cohort))
    result = extrapolate(points, args.horizon, family=args.family, reference=reference)
    if args.json:
        print(to_json({"input": str(args.points), **result.to_dict()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print_fit(points, result)
    return EXIT_OK


def fit_table(args) -> int:
    from invest_xl.survival.extrapolation import extrapolate
    from invest_xl.survival.wide_table import find_row, read_wide_table

    rows = read_wide_table(args.points)
    reference = None if args.reference is None else find_row(rows, args.reference)
    if reference is not None and args.reference_cohort is not None:
        reference.cohort_size = float(args.reference_cohort)
    results = [extrapolate(row, args.horizon, family=args.family,
                           reference=None if row is reference else reference) for row in rows]
    if args.json:
        print(to_json({"input": str(args.points), "reference": None if reference is None else reference.label,
                          "results": [{"row": r.observed.label, **r.to_dict()} for r in results]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print_fit_table(results)
    return EXIT_OK


def backtest(args) -> int:
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
        print(to_json({"input": str(args.table), "summary": summary(points),
                          "points": [p.to_dict() for p in points]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print_backtest(points, summary(points))
    return EXIT_OK

