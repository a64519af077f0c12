"""`python -m zhiku`: the same as the `zhiku` command."""

from zhiku.cli import main

main()
