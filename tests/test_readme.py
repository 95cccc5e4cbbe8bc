"""The README's tour is run and its printed output compared, so the README stays true."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_tour_prints_what_the_readme_shows() -> None:
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    text = README.read_text(encoding="utf-8")
    tour = text[text.index("## A short tour") :]
    code, shown = re.findall(r"```(?:python)?\n(.*?)```", tour, flags=re.S)[:2]
    buffer = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, "README.md", "exec"), namespace)
    assert buffer.getvalue().strip() == shown.strip()
    # The goods and party examples run on the tour's namespace and print what they show.
    for heading in ("### Goods", "### Money", "### Party screening"):
        section = text[text.index(heading) :]
        code, shown = re.findall(r"```(?:python)?\n(.*?)```", section, flags=re.S)[:2]
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "README.md", "exec"), namespace)
        assert buffer.getvalue().strip() == shown.strip()


def test_newcomer_commands_come_first() -> None:
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    head = README.read_text(encoding="utf-8")[:600]
    assert "examples/india_russia_electronics.py" in head
    assert "python -m pytest" in head
