"""`python -m invest_xl.cli`: the command line in its own process."""

import sys

from invest_xl.cli.run import main

sys.exit(main())
