"""A matcher's index saved on disk: built once per list version and code, then loaded.

Building the index of the SDN list costs seconds of CPU (every name normalized and filed
under about a million keys); loading a saved copy a fraction of a second. The file's
name is a key (:func:`index_key`) over everything the index is made of: the content of
every list entry (not only the source files' hashes, so a list filtered in Python gets an
index of its own), the package version and a hash of the package's code and data
manifest. Anything changed gives another key, so a stale index is never read; old files
are simply left behind for the user to clear.

The file is a pickle behind a header that carries its sha256: a truncated or damaged file
is noticed and rebuilt. Unpickling admits only this package's classes and a few plain
standard-library types, so a file planted in the cache folder cannot run arbitrary code
through the usual pickle gadgets; the folder should still be one only its user can write.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import tempfile
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .._caching import lru_cache
from .._version import __version__
from ..lists.model import SanctionsList
from ..lists.update import default_cache_dir

__all__ = ["MIN_SAVED_NAMES", "default_index_dir", "index_key", "load_index", "save_index"]

logger = logging.getLogger(__name__)

# Below this many names the index builds faster than a saved copy is read and checked.
MIN_SAVED_NAMES = 2_000
# Bumped when the layout of what is saved changes in a way the code hash would not show.
_FORMAT = b"sanctionscreen-index/1"
# What unpickling may construct besides this package's own classes.
_STANDARD = {
    ("datetime", "date"),
    ("collections", "OrderedDict"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
}


def default_index_dir() -> Path:
    """Return where saved indexes go by default: ``indexes/`` in the user's cache folder."""
    return default_cache_dir() / "indexes"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Hash every module of the package and the data manifest (which hashes each table)."""
    digest = hashlib.sha256()
    root = resources.files("sanctionscreen")
    files: list[tuple[str, Traversable]] = []
    pending: list[tuple[str, Traversable]] = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        for item in folder.iterdir():
            if item.is_dir() and item.name != "__pycache__":
                pending.append((f"{prefix}{item.name}/", item))
            elif item.name.endswith(".py") or item.name == "MANIFEST.json":
                files.append((prefix + item.name, item))
    for name, item in sorted(files, key=lambda pair: pair[0]):
        digest.update(name.encode())
        digest.update(hashlib.sha256(item.read_bytes()).digest())
    return digest.hexdigest()


def index_key(lists: Sequence[SanctionsList]) -> str:
    """Return the key naming the saved index of ``lists``: content, code and version."""
    digest = hashlib.sha256(_FORMAT + b"\0" + __version__.encode() + b"\0")
    digest.update(_code_digest().encode())
    for item in lists:
        # An entry's repr lists every field, so it changes whenever the entry does.
        digest.update(b"\0list\0" + item.name.encode())
        digest.update(repr(item.entries).encode())
    return digest.hexdigest()


class _Unpickler(pickle.Unpickler):
    """Refuses every global outside this package and a short list of plain types."""

    def find_class(self, module: str, name: str) -> object:
        if module.startswith("sanctionscreen.") or (module, name) in _STANDARD:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a saved index may not refer to {module}.{name}")


def load_index(path: Path) -> object | None:
    """Return what :func:`save_index` wrote to ``path``, or None if absent or damaged.

    A damaged file (truncated, edited, from another format) is logged and ignored, so
    the caller builds the index again and overwrites it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        logger.warning("saved index %s unreadable (%s): building it again", path, exc)
        return None
    header, _, payload = raw.partition(b"\n")
    magic, _, expected = header.partition(b" ")
    if magic != _FORMAT or hashlib.sha256(payload).hexdigest().encode() != expected:
        logger.warning("saved index %s is damaged or of another format: building it again", path)
        return None
    try:
        loaded: object = _Unpickler(io.BytesIO(payload)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as exc:
        logger.warning("saved index %s not loaded (%s): building it again", path, exc)
        return None
    return loaded


def save_index(path: Path, state: object) -> None:
    """Write ``state`` to ``path`` whole or not at all (a temporary file, then renamed).

    A folder that cannot be written is logged, not raised: the index is only a cache.
    """
    payload = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    header = _FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            handle.write(header)
            handle.write(payload)
        os.replace(temporary, path)
    except OSError as exc:
        logger.warning("index not saved to %s (%s)", path, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
