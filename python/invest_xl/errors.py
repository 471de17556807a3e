"""The one error type users see: a short Danish message, never a traceback."""


class InvestXLError(Exception):
    """Bad input or an impossible request, told in the user's terms (Danish).

    Everything in invest_xl that rejects input raises this (or a subclass), so the
    command line can print the message and exit 2, and a UDF can return it as text.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
