from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_mission_example_runs_and_flags_the_story() -> None:
    script = EXAMPLES / "india_russia_electronics.py"
    if not script.exists():
        pytest.skip("examples/ is not beside the tests")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "<ScreeningResult id='IN-RU-0001' risk=CRITICAL" in out
    assert "SANCTIONED_PARTY: The consignee 'ООО «Сертал»' matches 'OOO Sertal'" in out
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
    script = EXAMPLES / "rupee_figures.py"
    if not script.exists():
        pytest.skip("examples/ is not beside the tests")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "the currency is ambiguous: INR (India, Bhutan), LKR (Sri Lanka)" in out
    assert "INR 82,000,000,000 = USD 996,372,366.96 at 82.2985 INR per USD" in out
    assert "The reported $976,650 is 1,020 times too small" in out
    assert "82 million rupees, by contrast: INR 82,000,000 = USD 996,372.37" in out
