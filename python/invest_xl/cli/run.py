"""Running the command line: parse, run the command, and turn every error into a message."""

from __future__ import annotations

import errno
import sys

from invest_xl.cli.output import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNEXPECTED, tolerant_output
from invest_xl.cli.parser import build_parser
from invest_xl.errors import InvestXLError


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input, 1 unexpected)."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    tolerant_output(json_wanted="--json" in argv)
    try:
        args = build_parser().parse_args(argv)
        code = args.run(args)
        sys.stdout.flush()  # a full disk shows here, not after we have said all went well
        return code
    except InvestXLError as error:
        print(f"Fejl: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) has gone; nothing more to say
        return EXIT_OK
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            if debug:
                raise
            return _unexpected(error)
        print("Fejl: udskriften kan ikke skrives: der er ikke plads på drevet.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        if debug:
            raise
        return _unexpected(error)


def _unexpected(error: Exception) -> int:
    print(f"Uventet fejl ({type(error).__name__}: {error}). Kør igen med --debug for "
          "detaljer, og meld fejlen til udviklerne.", file=sys.stderr)
    return EXIT_UNEXPECTED

