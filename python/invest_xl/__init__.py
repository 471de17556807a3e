"""invest-xl: follow-up of municipal labour-market investment cases in Excel."""

__version__ = "0.1.0"
