"""Errors are values: a UDF answers a bad argument with a short Danish text in its cell.

`answers_in_cell` wraps every Excel function: an `InvestXLError` becomes its message
(it names the argument), anything else a short notice and a log entry with the
traceback for the developers. A UDF never raises: over xlwings Server a 500 would make
Excel retry and show #VALUE!.
"""

from __future__ import annotations

import functools
import logging

from invest_xl.errors import InvestXLError

logger = logging.getLogger(__name__)

UNEXPECTED = "Uventet fejl i {function} ({kind}); meld fejlen til udviklerne"


def answers_in_cell(function):
    """Decorate a UDF so that a bad argument becomes its cell's text, never a traceback.

    The signature is kept for xlwings.
    """

    @functools.wraps(function)
    def wrapper(*args):
        try:
            return function(*args)
        except InvestXLError as error:
            return error.message
        except Exception as error:  # a bug must still not show a traceback in a cell
            logger.exception("UDF %s failed", function.__name__)
            return UNEXPECTED.format(function=function.__name__.upper(), kind=type(error).__name__)

    return wrapper
