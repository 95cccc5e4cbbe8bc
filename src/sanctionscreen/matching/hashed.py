"""A read-only table from text keys to positions, kept as two flat arrays.

For key sets of hundreds of thousands (every whole list name with one letter deleted),
a dict of strings costs about 150 bytes a key and must rebuild every string when a saved
index is loaded. Here each key is reduced to a stable 64-bit hash (the same in every
process, unlike :func:`hash`) and the (hash, position) pairs are sorted into two arrays:
12 bytes a pair, loaded as one block. Two keys with the same hash only add a candidate,
which the comparison then scores like any other, so a collision cannot hide a match.
Most keys looked up are in no name: a bitmap of the hashes present (a byte for every key
filed, at least 128 KiB) answers most of those before the binary search.
"""

from __future__ import annotations

import bisect
import zlib
from array import array

__all__ = ["HashedTable", "pack", "stable_hash"]

# Bits of the presence bitmap's index, taken from the top of the hash: about eight bits
# per key, so that a key absent finds its bit clear nine times in ten or more.
_MIN_BITS, _MAX_BITS = 20, 32


def stable_hash(key: str) -> int:
    """Return a 64-bit hash of ``key`` that is the same in every process and version."""
    raw = key.encode("utf-8", "surrogatepass")
    return (zlib.crc32(raw) << 32) | zlib.adler32(raw)


def pack(key: str, position: int) -> int:
    """Return one number for a (key, position) pair: the key's hash above the position.

    Such numbers sort as the pairs' hashes would, at a third of a tuple's memory
    (millions of pairs for a large list); positions must be below 2**32.
    """
    return (stable_hash(key) << 32) | position


class HashedTable:
    """Positions filed under text keys, looked up by the keys' stable hashes.

    Built from the numbers :func:`pack` makes of (key, position) pairs, which it sorts
    in place.
    """

    def __init__(self, numbers: list[int]) -> None:
        numbers.sort()
        self._hashes = array("Q", (number >> 32 for number in numbers))
        self._values = array("I", (number & 0xFFFFFFFF for number in numbers))
        self._shift = 64 - min(_MAX_BITS, max(_MIN_BITS, (8 * len(self._hashes)).bit_length()))
        self._present = bytearray(1 << (61 - self._shift))
        for hashed in self._hashes:
            bit = hashed >> self._shift
            self._present[bit >> 3] |= 1 << (bit & 7)

    def __len__(self) -> int:
        return len(self._hashes)

    def get(self, key: str) -> list[int]:
        """Return the positions filed under ``key`` (and any key of the same hash)."""
        hashed = stable_hash(key)
        bit = hashed >> self._shift
        if not self._present[bit >> 3] & (1 << (bit & 7)):
            return []
        hashes = self._hashes
        start = bisect.bisect_left(hashes, hashed)
        end = start
        while end < len(hashes) and hashes[end] == hashed:
            end += 1
        return self._values[start:end].tolist()
