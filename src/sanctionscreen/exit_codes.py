"""The command line's exit codes: each answers one question on its own.

- 0: all went well, and nothing was flagged (``screen``) or matched (``match``);
- 1: something was flagged or matched, or a list could not be updated;
- 2: a usage error, or a file that could not be read at all: nothing was screened;
- 4, added to 0 or 1: some rows of the screened file could not be read (written out as
  error records, the other rows screened): 4 "some rows unreadable, nothing flagged",
  5 "some rows unreadable, something flagged".
"""

from __future__ import annotations

__all__ = [
    "EXIT_BAD_ROWS",
    "EXIT_CODES",
    "EXIT_FLAGGED",
    "EXIT_OK",
    "EXIT_TABLE",
    "EXIT_USAGE",
]

EXIT_OK = 0
EXIT_FLAGGED = 1
EXIT_USAGE = 2
EXIT_BAD_ROWS = 4
EXIT_CODES = {
    EXIT_OK: "screened: nothing flagged (match: no match)",
    EXIT_FLAGGED: "something flagged at --min-severity or above (match: a match; lists update: "
    "a list not updated)",
    EXIT_USAGE: "usage error, or a file that could not be read at all: nothing screened",
    EXIT_BAD_ROWS: "some rows could not be read (written as error records), nothing flagged",
    EXIT_BAD_ROWS | EXIT_FLAGGED: "some rows could not be read, and something flagged",
}
"""What each exit code of the command line means; 4 is a bit added to 0 or 1."""
EXIT_TABLE = "exit codes:\n" + "\n".join(f"  {code}  {text}" for code, text in EXIT_CODES.items())
