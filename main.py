"""Box Login's entry point (composition root). Replaced by the command-line work."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run Box Login."""
    print("Box Login is being set up.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
