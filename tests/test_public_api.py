from __future__ import annotations

import inspect
import subprocess
import sys
from importlib import resources

import pytest

import sanctionscreen as ss


def test_all_is_sorted_and_complete() -> None:
    assert list(ss.__all__) == sorted(ss.__all__)
    for name in ss.__all__:
        assert hasattr(ss, name), name


def test_every_public_name_is_documented() -> None:
    for name in ss.__all__:
        if name == "__version__":
            continue
        obj = getattr(ss, name)
        assert inspect.getdoc(obj), name
        if inspect.isclass(obj):
            for member_name, member in vars(obj).items():
                if member_name.startswith("_") or not callable(member):
                    continue
                assert inspect.getdoc(member), f"{name}.{member_name}"


def test_errors_share_one_root() -> None:
    for name in ss.__all__:
        obj = getattr(ss, name)
        if inspect.isclass(obj) and issubclass(obj, Exception) and not issubclass(obj, Warning):
            assert issubclass(obj, ss.SanctionScreenError), name


def test_package_is_typed() -> None:
    assert resources.files("sanctionscreen").joinpath("py.typed").is_file()


def test_import_reads_no_data() -> None:
    code = (
        "import sanctionscreen, sanctionscreen._data as d; "
        "print(d.read_table.cache_info().currsize, d.manifest.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


def test_imported_from_the_installed_package_when_ci_asks() -> None:
    import os

    if not os.environ.get("SANCTIONSCREEN_EXPECT_INSTALLED"):
        return
    assert "site-packages" in ss.__file__, ss.__file__


def test_import_loads_the_screening_modules_only_when_a_name_is_used() -> None:
    code = (
        "import sys, sanctionscreen as ss; "
        "before = {m for m in sys.modules if m.startswith(('sanctionscreen.', 'pandas'))}; "
        "ss.Screener; "
        "after = {m for m in sys.modules if m.startswith('sanctionscreen.')}; "
        "print(sorted(before)); print('sanctionscreen.screener' in after)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, used = out.stdout.splitlines()
    for heavy in ("batch", "matching", "screener", "checks", "pandas", "rates"):
        assert heavy not in loaded, loaded
    assert used == "True"


def test_lazy_names_are_the_defining_objects() -> None:
    from sanctionscreen.models import Shipment
    from sanctionscreen.screener import Screener

    assert ss.Shipment is Shipment
    assert ss.Screener is Screener
    assert "Screener" in dir(ss)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = ss.Nope  # type: ignore[attr-defined]
