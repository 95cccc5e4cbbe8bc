"""Write src/sanctionscreen/data/chinese_romanization.csv: each pinyin syllable's Wade-Giles form.

Run by hand to refresh the table (``pip install pypinyin``, then
``python tools/make_chinese_romanization.py``). The syllables are those pypinyin (MIT)
reads in Unicode's Unihan data; each is written in Wade-Giles by the system's rules
below (Giles, *A Chinese-English Dictionary*, 1912, as tabulated in the Library of
Congress pinyin conversion tables). pypinyin's own Wade-Giles style is compared and
its disagreements printed: it writes some finals wrongly ("ai" as "ei", "tie" as
"t'oeh"). The package does not need pypinyin: it reads the table this writes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

TABLE = Path(__file__).resolve().parent.parent / "src" / "sanctionscreen" / "data"
TABLE = TABLE / "chinese_romanization.csv"

# Initials, longest first; "y" and "w" start syllables written alike in both systems.
# fmt: off
_INITIALS = (
    ("zh", "ch"), ("ch", "ch'"), ("sh", "sh"), ("b", "p"), ("p", "p'"), ("m", "m"),
    ("f", "f"), ("d", "t"), ("t", "t'"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k'"),
    ("h", "h"), ("j", "ch"), ("q", "ch'"), ("x", "hs"), ("r", "j"), ("z", "ts"),
    ("c", "ts'"), ("s", "s"),
)
# Whole syllables the initial-and-final rules do not give.
_SYLLABLES = {
    "zi": "tzu", "ci": "tz'u", "si": "ssu", "zhi": "chih", "chi": "ch'ih", "shi": "shih",
    "ri": "jih", "er": "erh", "e": "o", "ge": "ko", "ke": "k'o", "he": "ho", "yi": "i",
    "you": "yu", "ye": "yeh", "yan": "yen", "yong": "yung", "yu": "yü", "yue": "yüeh",
    "yuan": "yüan", "yun": "yün", "gui": "kuei", "kui": "k'uei", "zhuo": "cho",
    "chuo": "ch'o", "ruo": "jo", "duo": "to", "tuo": "t'o", "nuo": "no", "luo": "lo",
    "zuo": "tso", "cuo": "ts'o", "suo": "so", "lüe": "lüeh", "nüe": "nüeh",
}
# fmt: on


def wade_giles(syllable: str) -> str:
    """Write a toneless pinyin syllable in Wade-Giles."""
    if syllable in _SYLLABLES:
        return _SYLLABLES[syllable]
    if syllable[0] in "yw":
        return syllable
    initial, final = "", syllable
    for pinyin, wade in _INITIALS:
        if syllable.startswith(pinyin):
            initial, final = wade, syllable[len(pinyin) :]
            if pinyin in ("j", "q", "x") and final.startswith("u"):
                final = "ü" + final[1:]  # "ju" is "chü"
            break
    if final.endswith("ong"):
        final = final[:-3] + "ung"
    elif final.endswith("ian"):
        final = final[:-3] + "ien"
    elif final in ("ie", "üe", "ue"):
        final = {"ie": "ieh"}.get(final, "üeh")
    return initial + final


def main() -> int:
    syllables: set[str] = set()
    disagreements = []
    for codepoint in pinyin_dict:
        character = chr(codepoint)
        plain = lazy_pinyin(character, style=Style.NORMAL, v_to_u=True)[0]
        if not plain.isalpha() or plain == character or plain in syllables:
            continue
        syllables.add(plain)
        theirs = lazy_pinyin(character, style=Style.WADEGILES)[0].replace("v", "ü")
        if theirs.replace("`", "'") != wade_giles(plain):
            disagreements.append(f"{plain}: {wade_giles(plain)} (pypinyin: {theirs})")
    with TABLE.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["pinyin", "wade_giles"])
        writer.writerows((s, wade_giles(s)) for s in sorted(syllables))
    print(f"{len(syllables)} syllables written to {TABLE}")
    print("pypinyin writes otherwise:", "; ".join(disagreements) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
