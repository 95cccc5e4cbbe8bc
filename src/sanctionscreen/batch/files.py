"""Reading rows from CSV and JSON-lines files, strictly: a bad line is reported, not skipped.

Rows come out as mappings of column name to text, numbered from 1 (the first data row;
in a CSV file that is line 2); blank lines are not rows. A line that cannot be a row
(wrong number of fields, JSON that is not an object) comes out as a :class:`BadRow`, so
the runner reports it and goes on. Problems with the whole file (not UTF-8, no header,
required or mapped columns missing) raise :class:`~sanctionscreen.errors.DataError`
naming the file and the line.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs

from ..errors import DataError
from .records import ColumnMap

__all__ = ["FILE_FORMATS", "BadRow", "read_rows"]

FILE_FORMATS = ("csv", "jsonl")
_MAX_CELL = 16 * 1024 * 1024
MAX_LINE = 2 * _MAX_CELL
"""The longest line read as a row; a longer one is one bad row, read past without keeping it."""
# What a line too long to keep is read as (no file holds this character).
_TOO_LONG = "\ufdd0line too long\n"


@attrs.frozen
class BadRow:
    """A line that cannot be read as a row, and why."""

    message: str
    value: str = ""


def detect_file_format(path: Path) -> str:
    """Return "jsonl" for .jsonl/.ndjson/.json files, else "csv"."""
    return "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv"


def read_rows(
    path: str | os.PathLike[str], *, format: str | None = None, columns: ColumnMap | None = None
) -> Iterator[dict[str, str] | BadRow]:
    """Yield the rows of a CSV or JSON-lines file, and a :class:`BadRow` for each bad line."""
    path = Path(path)
    kind = format or detect_file_format(path)
    if kind not in FILE_FORMATS:
        raise DataError(f"{path}: unknown format {kind!r}; known: {', '.join(FILE_FORMATS)}")
    try:
        handle = path.open(encoding="utf-8-sig", errors="strict", newline="")
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    line = _LineCounter()
    limit = csv.field_size_limit()
    # Cells longer than csv's default limit (128 KiB) are read, then refused by the row's
    # checks with a message naming the column, instead of stopping the whole file.
    csv.field_size_limit(max(limit, _MAX_CELL))
    try:
        with handle:
            if kind == "csv":
                yield from _csv_rows(path, handle, columns or ColumnMap(), line)
            else:
                yield from _jsonl_rows(handle, line)
    except UnicodeDecodeError as exc:
        where = _bad_byte_line(path)
        raise DataError(f"{path}, line {where}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DataError(f"{path}, line {line.number}: {exc}") from None
    finally:
        csv.field_size_limit(limit)


def _bounded_lines(handle: object) -> Iterator[str]:
    """Yield the file's lines; one longer than :data:`MAX_LINE` is read past, not held.

    In its place comes a marker line that the readers turn into one bad row: a line of
    millions of cells would otherwise be parsed into a list of millions of strings.
    """
    readline = handle.readline  # type: ignore[attr-defined]
    while True:
        text: str = readline(MAX_LINE + 1)
        if not text:
            return
        if len(text) > MAX_LINE and not text.endswith("\n"):
            while text and not text.endswith("\n"):
                text = readline(MAX_LINE)
            yield _TOO_LONG
            continue
        yield text


def _bad_byte_line(path: Path) -> int:
    """Find the line of the first byte that is not UTF-8 (the decoder reads ahead)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1
    return 0


class _LineCounter:
    """The line a reader has reached, for messages about the whole file."""

    def __init__(self) -> None:
        self.number = 0


def _csv_rows(
    path: Path, handle: object, columns: ColumnMap, line: _LineCounter
) -> Iterator[dict[str, str] | BadRow]:
    reader = csv.reader(_bounded_lines(handle))
    header = next(reader, None)
    line.number = reader.line_num
    if not header:
        raise DataError(f"{path}: empty file, no header")
    header = [name.strip() for name in header]
    repeated = sorted({name for name in header if header.count(name) > 1 and name})
    if repeated:
        raise DataError(f"{path}: repeated columns {repeated}")
    missing = columns.missing(header)
    if missing:
        raise DataError(f"{path}: missing columns {missing}; the header has {header}")
    for fields in reader:
        line.number = reader.line_num
        if not fields:
            continue  # a blank line is not a row
        if fields == [_TOO_LONG.rstrip("\n")]:
            yield BadRow(f"is longer than {MAX_LINE:,} characters")
            continue
        if not any(field.strip() for field in fields):
            yield BadRow("has only empty fields")
            continue
        if len(fields) != len(header):
            yield BadRow(
                f"has {len(fields)} fields, the header has {len(header)}", ",".join(fields)
            )
            continue
        yield dict(zip(header, fields, strict=True))


def _jsonl_rows(handle: object, line: _LineCounter) -> Iterator[dict[str, str] | BadRow]:
    for text in _bounded_lines(handle):
        line.number += 1
        text = str(text).strip()
        if not text:
            continue
        if text == _TOO_LONG:
            yield BadRow(f"is longer than {MAX_LINE:,} characters")
            continue
        try:
            value = json.loads(text, parse_float=Decimal)
        except ValueError as exc:
            yield BadRow(f"is not JSON ({str(exc).split(':')[0]})", text[:200])
            continue
        except RecursionError:
            yield BadRow("is JSON nested too deeply", text[:200])
            continue
        if not isinstance(value, dict):
            yield BadRow("is not a JSON object", text[:200])
            continue
        yield {str(k): "" if v is None else str(v) for k, v in value.items()}
