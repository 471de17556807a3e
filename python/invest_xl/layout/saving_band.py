"""The note beside a kurver case's expected saving: the period's saving and its band.

"besparelse 1,2 mio. kr. (0,8–1,6), kurvernes bånd": the curve method's net saving over
the budget period (`CurveSavings.saving_kr`, summed, mio. kr., shown as a positive amount
saved) with the low and high from the curves' bands (`saving_low_kr`/`saving_high_kr`,
see savings/curve_method.py). One helper, so the follow-up sheet (or any other sheet)
places it with one call under a case's block.
"""

from __future__ import annotations

from invest_xl import labels
from invest_xl.formatting import danish_number

KR_PER_MIO_KR = 1_000_000.0


def saving_band_note(case_savings, decimals: int = 1) -> str | None:
    """The note for one case (`savings.cases.CaseSavings`), or None when it has no band
    (not the curve method)."""
    detail = case_savings.detail
    if not getattr(detail, "saving_low_kr", ()):
        return None

    def mio(values) -> str:
        return danish_number(-sum(values) / KR_PER_MIO_KR, decimals)
    return labels.FOLLOWUP_SAVING_BAND.format(saving=mio(detail.saving_kr), low=mio(detail.saving_low_kr),
                                              high=mio(detail.saving_high_kr))


def saving_band_notes(savings) -> dict[int, str]:
    """{case number: its note} for the cases of `savings` (`CaseSavings`) that have a band."""
    notes = {case.number: saving_band_note(case) for case in savings}
    return {number: note for number, note in notes.items() if note is not None}


def with_saving_band(summary: str, note: str | None) -> str:
    """A case block's summary line with the note appended as a sentence (unchanged without one)."""
    return summary if note is None else f"{summary} {labels.FOLLOWUP_SAVING_BAND_SENTENCE.format(note=note)}"
