"""Reading list files safely: size caps, strict decoding, CSV with line numbers, safe XML."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import ListFormatError, ListTooLargeError, UnsafeXMLError, ValidationError
from ..geography.places import resolve_place
from .model import ListEntry, SourceFile

# The largest official files are tens of megabytes (the full CSL, the EU FSF XML);
# OpenSanctions exports reach a few hundred. Larger input is refused, not read.
DEFAULT_MAX_BYTES = 1 << 30


def _refuse_large(path: Path, max_bytes: int) -> None:
    """Refuse a file that is missing, unreadable or over ``max_bytes`` before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ListFormatError(path, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise ListTooLargeError(path, f"{size:,} bytes is over the cap of {max_bytes:,}")


def read_file(path: Path, *, max_bytes: int) -> tuple[bytes, SourceFile]:
    """Return a file's bytes and provenance, refusing files over ``max_bytes``."""
    _refuse_large(path, max_bytes)
    raw = path.read_bytes()
    if len(raw) > max_bytes:  # the file grew while we looked
        raise ListTooLargeError(path, f"{len(raw):,} bytes is over the cap of {max_bytes:,}")
    return raw, SourceFile(path.name, hashlib.sha256(raw).hexdigest(), len(raw))


class StreamedFile:
    """A UTF-8 list file read line by line, for files too large to hold whole.

    Memory stays bounded by what the caller keeps, not by the file: lines are decoded
    one at a time, the sha256 is computed as they pass, and :attr:`source` is known
    once they have all been read. The same refusals as :func:`read_file`,
    :func:`decode` and :func:`csv_rows` apply, naming the line: over ``max_bytes``, not
    UTF-8, a line over :data:`MAX_LINE` characters.
    """

    def __init__(self, path: Path, *, max_bytes: int) -> None:
        _refuse_large(path, max_bytes)
        self.path = path
        self._max_bytes = max_bytes
        self._source: SourceFile | None = None

    def lines(self) -> Iterator[str]:
        """Yield each line as text, line ending kept (what :mod:`csv` expects)."""
        digest, size, path = hashlib.sha256(), 0, self.path
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                size += len(raw)
                if size > self._max_bytes:  # the file grew while we read it
                    raise ListTooLargeError(path, f"over the cap of {self._max_bytes:,} bytes")
                digest.update(raw)
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    where = f"{exc.reason} at byte {exc.start} of the line"
                    raise ListFormatError(path, f"not UTF-8 ({where})", line=number) from None
                if len(text) > MAX_LINE + 2:  # the line ending does not count
                    limit = f"a line longer than {MAX_LINE:,} characters"
                    raise ListFormatError(path, limit, line=number)
                yield text
        self._source = SourceFile(path.name, digest.hexdigest(), size)

    @property
    def source(self) -> SourceFile:
        """The file's name, sha256 and size, once :meth:`lines` has read it through."""
        if self._source is None:
            raise RuntimeError(f"{self.path} has not been read through yet")
        return self._source


def decode(raw: bytes, path: Path, notes: list[str], *, fallback: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM); use ``fallback`` only if given, and say so.

    The fallback (Windows-1252 for OFAC's and BIS's older files) is for files written
    wholly in it. A file that is UTF-8 but for some bytes is refused, naming the line:
    read as Windows-1252 its Cyrillic or Arabic names would turn to mojibake and match
    nothing. So is a byte the fallback does not define.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        where = f"{exc.reason} at byte {exc.start}"
        if fallback is None:
            raise ListFormatError(path, f"not UTF-8 ({where})", line=line) from None
        if _UTF8_SEQUENCE.search(raw):
            raise ListFormatError(
                path, f"mostly UTF-8 but not valid UTF-8 ({where}): a damaged file?", line=line
            ) from None
    try:
        text = raw.decode(fallback)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ListFormatError(
            path, f"neither UTF-8 nor {fallback} (byte {raw[exc.start]:#04x})", line=line
        ) from None
    notes.append(f"{path.name}: not UTF-8, decoded as {fallback}")
    return text


MAX_LINE = 1 << 20
"""The longest line (in characters) a list file may have: a record is far shorter."""


def _refuse_long_lines(text: str, path: Path) -> None:
    start, number = 0, 1
    while True:
        end = text.find("\n", start)
        if (len(text) if end < 0 else end) - start > MAX_LINE:
            raise ListFormatError(path, f"a line longer than {MAX_LINE:,} characters", line=number)
        if end < 0:
            return
        start, number = end + 1, number + 1


# A lead byte and its continuation bytes: text in a non-Latin script written in UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def csv_rows(
    text: str | Iterable[str], path: Path, *, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` for each CSV record, with errors naming the line.

    ``text`` is the whole file or its lines (:meth:`StreamedFile.lines`). A line over
    :data:`MAX_LINE` characters is refused before it is parsed: one line of millions of
    empty cells would otherwise take gigabytes as a list of cells.
    """
    if isinstance(text, str):
        _refuse_long_lines(text, path)
        text = io.StringIO(text, newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = f"malformed CSV: {exc}"
            if "unexpected end of data" in str(exc):
                reason += " (the file ends inside a quoted field: truncated?)"
            raise ListFormatError(path, reason, line=reader.line_num) from None
        if any("\x00" in cell for cell in row):
            raise ListFormatError(
                path, "NUL byte in a cell: binary or corrupt file", line=reader.line_num
            )
        yield reader.line_num, row


class CsvTable:
    """A CSV file with a header row, read as ``(line number, {column: stripped cell})``.

    Blank records are skipped; a record repeating the header (files joined with
    ``cat``) is skipped and counted in ``repeated_headers``; a record with the wrong
    number of cells is an error naming its line, never padded or cut.
    """

    def __init__(
        self,
        text: str | Iterable[str],
        path: Path,
        *,
        delimiter: str = ",",
        lower_header: bool = False,
    ) -> None:
        self.path = path
        self._rows = csv_rows(text, path, delimiter=delimiter)
        try:
            _, header = next(self._rows)
        except StopIteration:
            raise ListFormatError(path, "empty file") from None
        self.header = [cell.strip().lower() for cell in header] if lower_header else header
        self._raw_header = header
        self.repeated_headers = 0

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield each data record with its line number."""
        width = len(self.header)
        for line, cells in self._rows:
            if cells == self._raw_header:
                self.repeated_headers += 1
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                raise ListFormatError(
                    self.path, f"expected {width} columns, found {len(cells)}", line=line
                )
            yield line, {key: value.strip() for key, value in zip(self.header, cells, strict=True)}

    def note_repeated_headers(self, notes: list[str]) -> None:
        """Record in ``notes`` how many repeated header lines were skipped, if any."""
        if self.repeated_headers:
            notes.append(f"skipped {self.repeated_headers} repeated header line(s)")


def unique_entries(
    path: Path, numbered: Iterable[tuple[int | None, ListEntry]], *, label: str = "id"
) -> list[ListEntry]:
    """Collect entries, refusing an id seen twice (a match must name one entry).

    ``numbered`` pairs each entry with its line (None where the format has no lines
    worth citing, as in XML); ``label`` is what the format calls an id.
    """
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for line, entry in numbered:
        if entry.id in seen:
            raise ListFormatError(path, f"{label} {entry.id!r} appears twice", line=line)
        seen.add(entry.id)
        entries.append(entry)
    return entries


def parse_xml(raw: bytes, path: Path) -> Any:
    """Parse XML refusing DTDs, entity declarations and external references."""
    try:
        return SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXMLError(
            path, f"refused unsafe XML ({type(exc).__name__}): DTDs and entities are not allowed"
        ) from None
    except SafeET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ListFormatError(path, f"malformed XML: {exc}", line=line) from None


def parse_date(
    text: str | None, path: Path, line: int | None, *formats: str
) -> datetime.date | None:
    """Parse a date in one of ``formats`` (ISO by default); empty text is None."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    for fmt in formats or ("%Y-%m-%d",):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ListFormatError(path, f"not a date: {value!r}", line=line)


def _resolve(text: str) -> str | None:
    # OFAC writes regions as "Region: Crimea"; a region resolves to its country.
    place = text.strip()
    if place.lower().startswith("region:"):
        place = place[len("region:") :].strip()
    try:
        return resolve_place(place, field="country").country
    except ValidationError:
        return None


class CountryResolver:
    """Resolves published country names, collecting the ones it cannot resolve."""

    def __init__(self) -> None:
        self.unresolved: dict[str, int] = {}
        self._cache: dict[str, str | None] = {}

    def __call__(self, text: str | None) -> str | None:
        """Return ISO alpha-2 for ``text``, or None (and remember it) when unknown."""
        if text is None or not text.strip():
            return None
        if text not in self._cache:
            self._cache[text] = _resolve(text)
        code = self._cache[text]
        if code is None:
            self.unresolved[text] = self.unresolved.get(text, 0) + 1
        return code

    def note(self) -> list[str]:
        """Return a note listing what could not be resolved, if anything."""
        if not self.unresolved:
            return []
        shown = "; ".join(f"{text!r} ({count})" for text, count in sorted(self.unresolved.items()))
        return [f"countries not resolved to ISO codes, kept as text: {shown}"]
