"""`python -m wismo` is the `wismo` command."""

import sys

from .cli import main

sys.exit(main())
