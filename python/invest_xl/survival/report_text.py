"""The command line's printouts of curves, fits and back-tests (text for humans).

`invest-xl curves`, `fit` and `backtest` call these after the library; `--json` comes
from the same result objects' `to_dict`. Danish words from labels, numbers from formatting.
"""

from __future__ import annotations

from invest_xl import labels
from invest_xl.formatting import danish_number, percent, short_number


def print_curve(curve) -> None:
    """Week, share and band, one line a week; * marks an extrapolated week."""
    print("".join(f"{title:>{width}}" for title, width in zip(labels.CLI_CURVE_COLUMNS, (6, 10, 10, 10))))
    for i, week in enumerate(curve.weeks):
        mark = " *" if curve.extrapolated[i] else ""
        band = (f"{percent(curve.lower[i]):>10}{percent(curve.upper[i]):>10}"
                if curve.lower is not None else f"{'':>20}")
        print(f"{short_number(week):>6}{percent(curve.share[i]):>10}{band}{mark}")


def print_fit(points, result) -> None:
    """One curve's fit (`extrapolation.Extrapolated`): the families, the curve, the warnings."""
    report = result.report
    print(f"Tilpasning af {points.label} ({len(points)} punkter til uge "
          f"{short_number(points.last_observed_week)}): {report.method_label}")
    for note in report.notes:
        print(f"Bemærk: {note}")
    print(f"\n{'Fordeling':<40}{'log-likelihood':>16}{'AIC':>12}  Parametre")
    for fit in sorted(report.fits, key=lambda f: f.aic):
        name = fit.family.label if hasattr(fit, "family") else fit.label
        params = ", ".join(f"{k}={danish_number(v, 4)}" for k, v in fit.to_dict()["params"].items())
        print(f"{name:<40}{danish_number(fit.log_likelihood):>16}{danish_number(fit.aic):>12}  {params}")
    print(f"\n{result.curve.notes[0]}. Kurve med 95 %-bånd "
          f"(* = fremskrevet efter uge {short_number(points.last_observed_week)}):")
    print_curve(result.curve)
    for warning in result.warnings:
        print(f"{labels.WARNING}: {warning}")


def print_fit_table(results) -> None:
    """Every row of a wide table: its curve at the horizon with the band, and its warnings."""
    for result in results:
        curve = result.curve
        print(f"{result.observed.label} (til uge {short_number(result.observed.last_observed_week)}): "
              f"{curve.notes[0]}")
        print(f"  uge {short_number(curve.weeks[-1])}: {percent(curve.share[-1])} % "
              f"(95 %-bånd {percent(curve.lower[-1])}-{percent(curve.upper[-1])} %)")
        for warning in result.warnings:
            print(f"  {labels.WARNING}: {warning}")


def print_backtest(points, lines) -> None:
    """The back-test's points (`backtest.backtest`) and its summary lines (`backtest.summary`)."""
    print("".join(f"{t:<22}" if i == 0 else f"{t:>10}" for i, t in enumerate(labels.CLI_BACKTEST_COLUMNS)))
    for p in points:
        print(f"{p.row[:21]:<22}{short_number(p.cut):>10}{p.method:>10}{short_number(p.week):>10}"
              f"{percent(p.truth):>10}{percent(p.share):>10}{danish_number(p.error_points, 1):>10}"
              f"{'ja' if p.covered else 'nej':>10}")
    print()
    for line in lines:
        print(f"{line['method']:<10} skåret i uge {short_number(line['cut'])}: {line['weeks']} uger, "
              f"gns. |fejl| {danish_number(line['mean_abs_error_points'], 1)} point, største "
              f"{danish_number(line['max_abs_error_points'], 1)}, båndet dækker "
              f"{danish_number(line['coverage'] * 100, 0)} %")
