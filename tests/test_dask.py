"""Screening a Dask DataFrame on a small local cluster gives the one-process records."""

from __future__ import annotations

import warnings

import pytest

from sanctionscreen import Screener
from sanctionscreen.batch import CSV_COLUMNS

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

ROWS = [
    {
        "id": "A1",
        "exporter": "Example Pvt Ltd",
        "exporter_country": "India",
        "consignee": "OOO Sertal",
        "consignee_country": "Russia",
        "destination": "Russia",
        "description": "Microcontrollers",
        "hs_code": "8542.31",
        "value": "1000",
        "currency": "USD",
        "date": "2023-03-10",
    },
    {
        "id": "A2",
        "exporter": "Example Pvt Ltd",
        "exporter_country": "India",
        "consignee": "Buyer",
        "consignee_country": "Atlantis",
        "destination": "Chile",
        "description": "",
        "hs_code": "",
        "value": "",
        "currency": "",
        "date": "",
    },
    {
        "id": "A3",
        "exporter": "TSMD Global Pvt. Ltd.",
        "exporter_country": "India",
        "consignee": "Buyer LLC",
        "consignee_country": "Kyrgyzstan",
        "destination": "Kyrgyzstan",
        "description": "Telecom parts",
        "hs_code": "851762",
        "value": "Rs 8,200 crore",
        "currency": "",
        "date": "2023-03-24",
    },
] * 4


def test_a_local_cluster_gives_the_same_records_as_one_process() -> None:
    from sanctionscreen.dask import screen_dataframe

    frame = pandas.DataFrame(ROWS, dtype=str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = Screener().screen_many(frame)
    with (
        # A random dashboard port: the default (8787) may be taken on a shared machine.
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        result = screen_dataframe(dd.from_pandas(frame, npartitions=3)).compute()
    assert list(result.columns) == list(CSV_COLUMNS)
    assert list(result["row"]) == list(range(1, len(ROWS) + 1))
    records = result.astype(str).to_dict("records")
    assert records == [
        {key: str(value) for key, value in outcome.csv_row().items()} for outcome in expected
    ]
    assert list(result["status"]).count("error") == 4


def test_nothing_is_read_or_screened_before_compute() -> None:
    from sanctionscreen.dask import screen_dataframe

    reads: list[int] = []

    def part(number: int) -> object:
        reads.append(number)
        return pandas.DataFrame(ROWS[number * 4 : number * 4 + 4], dtype=str)

    dask = pytest.importorskip("dask")
    parts = [dask.delayed(part)(number) for number in range(3)]
    meta = pandas.DataFrame({column: pandas.Series(dtype=object) for column in ROWS[0]})
    frame = dd.from_delayed(parts, meta=meta, verify_meta=False)
    result = screen_dataframe(frame)
    assert reads == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        computed = result.compute(scheduler="synchronous")
    assert sorted(reads) == [0, 1, 2]  # each partition read once, for screening and counting
    assert list(computed["row"]) == list(range(1, len(ROWS) + 1))
