from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(name: str) -> str:
    """Run an example script as a user would; return what it prints."""
    script = EXAMPLES / name
    if not script.exists():
        pytest.skip("examples/ is not beside the tests")
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    ).stdout


def test_mission_example_runs_and_flags_the_story() -> None:
    out = _run("india_russia_electronics.py")
    assert "<ScreeningResult id='IN-RU-0001' risk=CRITICAL" in out
    assert "SANCTIONED_PARTY: The consignee 'ООО «Тесткомплект»' matches" in out
    assert "SANCTIONED_PARTY: The exporter 'Innovio Ventures' matches 'Innovio Ventures'" in out
    assert "EMBARGOED_DESTINATION: Russia (RU)" in out
    assert "SANCTIONED_PARTY: The end user 'AO Mikron' matches" in out
    assert "SANCTIONED_PARTY: The exporter 'TSMD Global Pvt. Ltd.' matches" in out
    assert "TRANSSHIPMENT_COUNTRY: Kyrgyzstan (KG)" in out
    assert "DESTINATION_MISMATCH" in out
    assert "Sevastopol (UA-40)" in out
    assert "HIGH_PRIORITY_ITEM: Line 2 ('Microcontrollers, STM32 series')" in out
    assert "HS_DESCRIPTION_MISMATCH: Line 3 ('Plastic parts: XC7A35T-1CPG236C')" in out
    assert "CRITICAL DIVERSION_RISK: Russia (RU), the destination and consignee country" in out
    assert "DIVERSION_RISK: Kyrgyzstan (KG)" in out
    assert "DIVERSION_RISK: Sevastopol (UA-40), found in the consignee address" in out
    assert "<ScreeningResult id='IN-DE-0004' risk=INFO" in out
    assert "3 of 4 shipments need review" in out


def test_rupee_example_reproduces_the_figures_and_the_error() -> None:
    out = _run("rupee_figures.py")
    assert "the currency is ambiguous: INR (India, Bhutan), LKR (Sri Lanka)" in out
    assert "INR 82,000,000,000 = USD 996,372,366.96 at 82.2985 INR per USD" in out
    assert "The reported $976,650 is 1,020 times too small" in out
    assert "82 million rupees, by contrast: INR 82,000,000 = USD 996,372.37" in out


def test_notebook_is_small_has_no_outputs_and_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util
    import json

    notebook = EXAMPLES / "batch_screening.ipynb"
    if not notebook.exists():
        pytest.skip("examples/ is not beside the tests")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert notebook.stat().st_size < 20_000
    pytest.importorskip("pandas")
    monkeypatch.chdir(EXAMPLES)
    namespace: dict[str, object] = {}
    charts = importlib.util.find_spec("matplotlib") is not None
    for cell in code:
        source = "".join(cell["source"])
        if ".charts(" in source and not charts:
            continue  # the chart needs matplotlib; the other cells still run
        if "ReviewStore" in source and importlib.util.find_spec("sqlalchemy") is None:
            continue  # the review store needs its extra
        exec(compile(source, "batch_screening.ipynb", "exec"), namespace)
    report = namespace["report"]
    assert len(report) == 12  # type: ignore[arg-type]
    assert [e.field for e in report.errors] == ["destination"]  # type: ignore[attr-defined]
    if "store" in namespace:
        assert namespace["store"].verify() > 0  # type: ignore[attr-defined]
