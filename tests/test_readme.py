"""The README's tour is run and its printed output compared, so the README stays true."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from sanctionscreen.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _example(section: str) -> tuple[str, str]:
    """The first Python block of a section and the plain block that shows its output."""
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, flags=re.S)
    position = next(i for i, (language, _) in enumerate(blocks) if language == "python")
    return blocks[position][1], blocks[position + 1][1]


def test_tour_prints_what_the_readme_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    monkeypatch.chdir(README.parent)  # the examples name files from the project root
    text = README.read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    # The tour, then the goods, money, batch and party examples on the tour's namespace.
    for heading in (
        "## A short tour",
        "### Goods",
        "### Money",
        "### Batch screening",
        "### Flags as a table",
        "### Party screening",
    ):
        code, shown = _example(text[text.index(heading) :])
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "README.md", "exec"), namespace)
        assert buffer.getvalue().strip() == shown.strip(), heading


def test_newcomer_commands_come_first() -> None:
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    head = README.read_text(encoding="utf-8")[:600]
    assert "examples/india_russia_electronics.py" in head
    assert "python -m pytest" in head


def test_review_loop_runs_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    pytest.importorskip("sqlalchemy")
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Alert review") :]
    session = re.search(r"```console\n(.*?)```", section, flags=re.S)
    assert session is not None
    examples = README.parent / "examples"
    shutil.copy(examples / "shipments.csv", tmp_path)
    shutil.copytree(examples / "watchlist", tmp_path / "watchlist")
    monkeypatch.chdir(tmp_path)
    steps = re.split(r"^\$ ", session.group(1), flags=re.M)[1:]
    assert len(steps) == 7
    for step in steps:
        command, _, shown = step.partition("\n")
        argv = shlex.split(command)
        assert argv[0] == "sanctionscreen"
        capsys.readouterr()
        main(argv[1:])
        assert capsys.readouterr().out.strip() == shown.strip(), command
