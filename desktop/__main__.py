"""`python -m desktop` is the same as the `energodesk` command."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # The packaged desk starts the batch renderer's child (spawn) through this entry: let it.
    multiprocessing.freeze_support()
    sys.exit(main())
