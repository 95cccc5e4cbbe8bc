"""The review store, on SQLite and PostgreSQL: alerts, decisions that stick, re-screening on
list changes, an audit log that shows tampering, and a store that refuses what is not its."""

from __future__ import annotations

import csv
import hashlib
import io
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import attrs
import pytest

import sanctionscreen as ss
from sanctionscreen.batch import BatchReport
from sanctionscreen.cli import main
from sanctionscreen.errors import (
    AuditError,
    DecisionConflictError,
    StoreSchemaError,
    UnknownAlertError,
)

sqlalchemy = pytest.importorskip("sqlalchemy")

from sanctionscreen.names import normalize_name  # noqa: E402
from sanctionscreen.review import ReviewStore  # noqa: E402
from sanctionscreen.review.database import database_url  # noqa: E402
from sanctionscreen.review.schema import MIGRATIONS, SCHEMA_VERSION, STORE_MARK  # noqa: E402

HEADER = (
    "id,date,exporter,exporter_country,consignee,consignee_country,origin,destination,"
    "transit,description,hs_code,value,currency\n"
)
ROWS = (
    "S1,2023-03-10,Example Electronics Pvt Ltd,India,ООО «Сертал»,Russia,India,Russia,,"
    "Microcontrollers,8542.31,1250000,USD\n"
    "S2,2023-04-08,Example Pvt Ltd,India,Buyer,Chile,India,Chile,,Cotton T-shirts,6109.10,,\n"
    "S3,2023-04-07,Only an exporter\n"
)


@pytest.fixture(scope="module")
def screener() -> ss.Screener:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ss.Screener()


@pytest.fixture
def report(screener: ss.Screener, tmp_path: Path) -> BatchReport:
    path = tmp_path / "register.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return screener.screen_file(path, keep_results=False)


def _sertal(store: ReviewStore) -> ss.review.Alert:
    return next(a for a in store.alerts() if a.entry_id == "SSL-026")


def test_screenings_raise_alerts_and_a_batch_resumes_without_duplicates(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        first = store.record_outcomes(report, lists=screener.lists, batch="b1")
        assert (first.recorded, first.skipped) == (2, 0)  # the unreadable row is not
        again = store.record_outcomes(report, lists=screener.lists, batch="b1")
        assert (again.recorded, again.skipped, again.alerts) == (0, 2, 0)
        alerts = store.alerts()
        assert len(alerts) == first.alerts
        party = _sertal(store)
        assert (party.status, party.party, party.role, party.shipment_id) == (
            "open",
            "ООО «Сертал»",
            "consignee",
            "S1",
        )
        assert (party.matched_name, party.score, party.severity) == ("OOO Sertal", 1.0, "CRITICAL")
        # Serious flags that are not party matches are alerts too: from HIGH by default.
        others = {a.code for a in alerts if a.entry_id is None}
        assert "EMBARGOED_DESTINATION" in others
        assert all(ss.Severity[a.severity] >= ss.Severity.HIGH for a in alerts if not a.entry_id)
        assert store.verify() > len(alerts)


def test_a_false_positive_sticks_while_the_entry_is_unchanged(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        decided = store.decide(
            _sertal(store).id, "false_positive", reviewer="asha", reason="another company"
        )
        assert decided.status == "false_positive"
        assert decided.reviewer == "asha"
        summary = store.record_outcomes(report, lists=screener.lists, batch="b2")
        assert summary.suppressed == 1
        repeat = [a for a in store.alerts() if a.entry_id == "SSL-026"][-1]
        assert repeat.status == "suppressed"
        assert repeat.suppressed_by == decided.events[-1].id
        assert f"the false-positive decision on alert {decided.id}" in repeat.cause
        # The entry changes (an address added): the alert reopens and says what changed.
        sample = screener.lists[0]
        entries = tuple(
            attrs.evolve(e, remarks=(e.remarks or "") + " New address.") if e.id == "SSL-026" else e
            for e in sample.entries
        )
        changed = ss.Screener([attrs.evolve(sample, entries=entries)])
        store.record_outcomes(report, lists=changed.lists, batch="b3")
        latest = [a for a in store.alerts() if a.entry_id == "SSL-026"][-1]
        assert latest.status == "open"
        assert "reopened: the entry changed" in latest.cause
        assert "(remarks changed)" in latest.cause
        cleared = store.allowlist()  # the decision, for a screener without a store
        assert len(cleared) == 1
        assert cleared.find(normalize_name("ООО «Сертал»"), "SSL-026", sample.name) is not None


def test_four_eyes_need_a_second_reviewer(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url, four_eyes=True) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        alert = _sertal(store)
        pending = store.decide(alert.id, "true_match", reviewer="asha", reason="same INN")
        assert pending.status == "awaiting_second_review"
        assert pending.needs_review
        with pytest.raises(DecisionConflictError, match="someone other than asha"):
            store.confirm(alert.id, reviewer="asha", reason="sure")
        with pytest.raises(DecisionConflictError, match="awaiting_second_review"):
            store.decide(alert.id, "false_positive", reviewer="bo", reason="no")
        done = store.confirm(alert.id, reviewer="bo", reason="checked the INN")
        assert done.status == "true_match"
    with pytest.raises(ss.ValidationError, match="created with four_eyes=true"):
        ReviewStore(store_url, four_eyes=False)


def test_two_reviewers_at_once_one_decision_wins(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        alert_id = _sertal(store).id
    reviewers = [ReviewStore(store_url), ReviewStore(store_url)]
    start = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def decide(index: int, outcome: str) -> None:
        start.wait()
        try:
            outcomes[index] = reviewers[index].decide(
                alert_id, outcome, reviewer=f"r{index}", reason="seen it", seen=0
            )
        except DecisionConflictError as exc:
            outcomes[index] = exc

    threads = [
        threading.Thread(target=decide, args=(0, "true_match")),
        threading.Thread(target=decide, args=(1, "false_positive")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in reviewers:
        store.close()
    conflicts = [o for o in outcomes if isinstance(o, DecisionConflictError)]
    assert len(conflicts) == 1
    assert "changed since you saw it" in str(conflicts[0])
    with ReviewStore(store_url) as store:
        final = store.alert(alert_id)
        assert len(final.events) == 1
        assert final.status in ("true_match", "false_positive")
        assert store.verify() > 0


def test_bad_requests_get_typed_errors(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        alert_id = _sertal(store).id
        with pytest.raises(UnknownAlertError, match="no alert 99999"):
            store.decide(99999, "escalate", reviewer="asha", reason="x")
        with pytest.raises(LookupError):
            store.alert(99999)
        with pytest.raises(ss.ValidationError, match="reason"):
            store.decide(alert_id, "false_positive", reviewer="asha", reason="  ")
        with pytest.raises(ss.ValidationError, match="outcome"):
            store.decide(alert_id, "cleared", reviewer="asha", reason="x")
        escalated = store.decide(alert_id, "escalate", reviewer="asha", reason="ask legal")
        assert escalated.status == "escalated"
        assert len(store.alert(alert_id).events) == 1  # refused requests wrote nothing


def test_a_newer_store_is_refused(store_url: str) -> None:
    with ReviewStore(store_url) as store:
        url = store.url
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'"
        )
    engine.dispose()
    with pytest.raises(StoreSchemaError, match="upgrade sanctionscreen"):
        ReviewStore(store_url)


def test_an_old_store_migrates_forward(store_url: str) -> None:
    url = database_url(store_url)
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:  # a store as version 1 of the schema left it
        MIGRATIONS[0](connection)
        connection.execute(
            sqlalchemy.text("INSERT INTO meta (key, value) VALUES (:k1, :v1), (:k2, :v2)"),
            {"k1": "store", "v1": STORE_MARK, "k2": "schema_version", "v2": "1"},
        )
    engine.dispose()
    with ReviewStore(store_url) as store:
        assert store.alerts() == []
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as connection:
        indexes = sqlalchemy.inspect(connection).get_indexes("alerts")
        version = connection.exec_driver_sql(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).scalar()
    engine.dispose()
    assert {index["name"] for index in indexes} >= {"alerts_by_entry", "alerts_by_party"}
    assert version == str(SCHEMA_VERSION)


def test_a_database_that_is_not_a_store_is_refused_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    with pytest.raises(StoreSchemaError, match="not a sanctionscreen review store"):
        ReviewStore(other)
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 100, encoding="utf-8")
    with pytest.raises(StoreSchemaError, match="cannot be read as a database"):
        ReviewStore(text)
    assert text.read_text(encoding="utf-8") == "not a database at all\n" * 100


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        ("UPDATE alerts SET message = 'nothing to see' WHERE id = 1", "was changed after"),
        ("DELETE FROM alert_events", "is gone"),
        ("UPDATE audit_log SET at = '2020-01-01' WHERE seq = 2", "the entry was changed"),
        ("DELETE FROM audit_log WHERE seq = 3", "audit entry 3 is missing"),
        (
            "INSERT INTO entries (digest, list_name, entry_id, content) "
            "VALUES ('x', 'L', 'E', '{}')",
            "entry x is in the store but not in the audit log",
        ),
        ("UPDATE screenings SET risk = 'NONE'", "was changed after"),
    ],
)
def test_the_audit_log_shows_tampering(
    store_url: str, screener: ss.Screener, report: BatchReport, statement: str, found: str
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        store.decide(_sertal(store).id, "escalate", reviewer="asha", reason="ask legal")
        checked = store.verify()
        engine = sqlalchemy.create_engine(store.url)
        with engine.begin() as connection:
            connection.exec_driver_sql(statement)
        engine.dispose()
        with pytest.raises(AuditError, match=found):
            store.verify()
    assert checked > 10


def test_a_list_change_rescreens_only_what_changed(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    old = screener.lists[0]
    sertal = next(e for e in old.entries if e.id == "SSL-026")
    exporter = attrs.evolve(
        sertal, id="NEW-1", name="Example Electronics Private Limited", aliases=(), countries=()
    )
    new_entries = (*(e for e in old.entries if e.id != "SSL-026"), exporter)
    new = attrs.evolve(old, entries=new_entries)
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        summary = store.rescreen(old, new)
        assert (summary.change.added, summary.change.removed) == (("NEW-1",), ("SSL-026",))
        assert summary.parties == 4  # two shipments' distinct parties
        # The exporter matches the new entry; the other exporter possibly does (a review).
        assert (summary.alerts, summary.closed) == (2, 1)
        raised = {a.party: a for a in store.alerts() if a.source == "rescreen"}
        assert set(raised) == {"Example Electronics Pvt Ltd", "Example Pvt Ltd"}
        assert (
            raised["Example Electronics Pvt Ltd"].severity,
            raised["Example Pvt Ltd"].severity,
        ) == (
            "CRITICAL",
            "ELEVATED",
        )
        raised = raised["Example Electronics Pvt Ltd"]
        assert (raised.entry_id, raised.status) == ("NEW-1", "open")
        assert "entry NEW-1 added to the list" in raised.cause
        closed = _sertal(store)
        assert closed.status == "closed"
        assert "removed from the list" in closed.events[-1].reason
        again = store.rescreen(old, new)  # the same change twice raises nothing new
        assert (again.alerts, again.closed) == (0, 0)
        assert store.verify() > 0


_RECORDER = """
import sys, warnings
warnings.simplefilter("ignore")
import sanctionscreen as ss
from sanctionscreen.review import ReviewStore

screener = ss.Screener()
store = ReviewStore(sys.argv[1])
screener.screen_file(sys.argv[2], progress=store.recording(lists=screener.lists, batch="big"))
"""


def test_a_killed_recording_leaves_whole_shipments_and_resumes(
    store_url: str, screener: ss.Screener, tmp_path: Path
) -> None:
    register = tmp_path / "big.csv"
    good = ROWS.splitlines()[:2]
    lines = [f"R{n}{line[2:]}" for n in range(2500) for line in good]
    register.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    ReviewStore(store_url).close()  # created before the race, so the child only records
    engine = sqlalchemy.create_engine(database_url(store_url))
    child = subprocess.Popen([sys.executable, "-c", _RECORDER, store_url, str(register)])
    try:
        recorded = 0
        deadline = time.monotonic() + 120
        while recorded == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            with engine.connect() as connection:
                recorded = connection.exec_driver_sql("SELECT count(*) FROM screenings").scalar()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the recording finished before it was killed"
    with engine.connect() as connection:
        recorded = connection.exec_driver_sql("SELECT count(*) FROM screenings").scalar()
        lonely = connection.exec_driver_sql(
            "SELECT count(*) FROM screenings s WHERE NOT EXISTS "
            "(SELECT 1 FROM sightings g WHERE g.screening_id = s.id)"
        ).scalar()
    engine.dispose()
    assert 0 < recorded < len(lines)
    assert recorded % 500 == 0  # whole chunks, each shipment whole
    assert lonely == 0
    with ReviewStore(store_url) as store:
        assert store.verify() > recorded
        rest = screener.screen_file(register, keep_results=False)
        summary = store.record_outcomes(rest, lists=screener.lists, batch="big")
        assert (summary.skipped, summary.recorded) == (recorded, len(lines) - recorded)
        assert store.verify() > len(lines)


def test_the_review_loop_from_the_command_line(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(HEADER + ROWS, encoding="utf-8")
    quiet = ["--no-progress"]
    assert main(["screen", str(register), "--store", store_url, *quiet]) == 5
    capsys.readouterr()
    assert main(["review", "list", store_url]) == 0
    listed = capsys.readouterr().out
    line = next(row for row in listed.splitlines() if "SSL-026" in row)
    alert = line.split()[0]
    assert "open" in line
    assert "'ООО «Сертал»' ~ sanctionscreen sample list SSL-026 (1.00)" in line
    decide = ["review", "decide", store_url, alert, "--outcome", "false_positive"]
    assert main([*decide, "--reviewer", "asha", "--reason", "another company"]) == 0
    assert main([*decide, "--reviewer", "bo", "--reason", "again"]) == 2  # already decided
    assert "already false_positive by asha" in capsys.readouterr().err
    assert main(["review", "show", store_url, alert]) == 0
    shown = capsys.readouterr().out
    assert '"reason": "another company"' in shown
    assert "list entry:" in shown
    # Screened again (the same file resumes its batch; another name is a new batch).
    assert main(["screen", str(register), "--store", store_url, "--batch", "again", *quiet]) == 5
    capsys.readouterr()
    assert main(["review", "list", store_url, "--status", "suppressed"]) == 0
    assert "SSL-026" in capsys.readouterr().out
    out = tmp_path / "alerts.csv"
    assert main(["review", "export", store_url, "--status", "all", "--out", str(out)]) == 0
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {row["status"] for row in exported} >= {"open", "false_positive", "suppressed"}
    assert main(["review", "verify", store_url]) == 0
    assert "audit log verified" in capsys.readouterr().out
    assert main(["review", "decide", store_url, "99999", "--outcome", "escalate",
                 "--reviewer", "asha", "--reason", "x"]) == 2  # fmt: skip
    assert "no alert 99999" in capsys.readouterr().err


def test_rescreen_from_the_command_line(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = tmp_path / "old" / "watchlist.csv"  # two versions of one list
    new = tmp_path / "new" / "watchlist.csv"
    head = "id,name,aliases,country,kind,list\n"
    old.write_text(head + "L1,Rostec,,RU,organization,sanctions\n", encoding="utf-8")
    new.write_text(
        head + "L1,Rostec,,RU,organization,sanctions\n"
        "L2,Example Electronics Private Limited,,IN,organization,sanctions\n",
        encoding="utf-8",
    )
    register = tmp_path / "register.csv"
    register.write_text(HEADER + ROWS, encoding="utf-8")
    assert main(["screen", str(register), "--list", str(old), "--store", store_url,
                 "--no-progress"]) == 5  # fmt: skip
    capsys.readouterr()
    assert main(["review", "rescreen", store_url, "--old", str(old), "--new", str(new)]) == 1
    said = capsys.readouterr().out
    assert "1 added, 0 changed, 0 removed" in said
    assert "2 new alert(s)" in said  # the exporter, and the other one as a possible match
    assert main(["review", "rescreen", store_url]) == 2  # neither --old/--new nor --cached


def test_a_shipment_meeting_known_and_new_parties_verifies(
    store_url: str, screener: ss.Screener, tmp_path: Path
) -> None:
    # The new exporter gets a higher id than the consignee met before: the sightings are
    # recorded, and read back by verify(), in one order whatever the shipment's order.
    later = (
        "S9,2023-05-01,Zeta Components Pvt Ltd,India,ООО «Сертал»,Russia,India,Russia,,"
        "Chips,8542.31,10,USD\n"
    )
    register = tmp_path / "register.csv"
    register.write_text(HEADER + ROWS + later, encoding="utf-8")
    with ReviewStore(store_url) as store:
        store.record_outcomes(
            screener.screen_file(register, keep_results=False), lists=screener.lists, batch="b"
        )
        assert store.verify() > 0


def test_each_single_record_is_kept(store_url: str, screener: ss.Screener) -> None:
    shipment = ss.Shipment(exporter="Example Pvt Ltd", consignee="AO Mikron")
    with ReviewStore(store_url) as store:
        for _ in range(2):
            assert store.record(screener.screen(shipment), lists=screener.lists).recorded == 1
        assert len([a for a in store.alerts() if a.entry_id == "SSL-020"]) == 2


def test_an_entry_listed_again_alerts_again(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    old = screener.lists[0]
    without = attrs.evolve(old, entries=tuple(e for e in old.entries if e.id != "SSL-026"))
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        assert store.rescreen(old, without).closed == 1
        back = store.rescreen(without, old)
        assert back.alerts == 1
        assert [a.status for a in store.alerts() if a.entry_id == "SSL-026"] == ["closed", "open"]


def test_the_allowlist_holds_only_standing_decisions(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        first = _sertal(store)
        store.decide(first.id, "false_positive", reviewer="asha", reason="another company")
        assert store.allowlist(screener.lists).find(
            normalize_name("ООО «Сертал»"), "SSL-026", screener.lists[0].name
        ).reason == "another company"  # fmt: skip
        sample = screener.lists[0]
        entries = tuple(
            attrs.evolve(e, remarks="changed") if e.id == "SSL-026" else e for e in sample.entries
        )
        assert len(store.allowlist([attrs.evolve(sample, entries=entries)])) == 0
        # A later alert on the same pair decided a true match overrides the false positive.
        store.record_outcomes(report, lists=[attrs.evolve(sample, entries=entries)], batch="b2")
        reopened = [a for a in store.alerts() if a.entry_id == "SSL-026"][-1]
        store.decide(reopened.id, "true_match", reviewer="bo", reason="same INN after all")
        assert len(store.allowlist()) == 0


def test_reading_commands_never_create_or_change_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "revews.db"
    for command in ("list", "verify", "export"):
        assert main(["review", command, str(typo)]) == 2
        assert "no review store there" in capsys.readouterr().err
    assert not typo.exists()
    assert main(["review", "list", str(tmp_path / "no" / "such" / "r.db")]) == 2
    assert "no such folder" in capsys.readouterr().err
    with pytest.raises(StoreSchemaError, match="no review store"):
        ReviewStore(typo, create=False)


def test_four_eyes_from_the_command_line_and_a_second_reviewer_who_disagrees(
    tmp_path: Path, screener: ss.Screener, report: BatchReport, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "reviews.db")
    assert main(["review", "init", path, "--four-eyes"]) == 0
    with ReviewStore(path) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        alert = _sertal(store)
        store.decide(alert.id, "false_positive", reviewer="asha", reason="another company")
        with pytest.raises(DecisionConflictError, match="someone other than asha"):
            store.confirm(alert.id, reviewer="ASHA ", reason="still me")
        with pytest.raises(DecisionConflictError, match="has 1 event"):
            store.decide(alert.id, "escalate", reviewer="bo", reason="x", seen=3)
        disagreed = store.decide(alert.id, "escalate", reviewer="bo", reason="the INN matches")
        assert disagreed.status == "escalated"
        assert disagreed.decision()["decided_by"] == "bo"


def test_export_is_spreadsheet_safe_and_says_who_decided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(HEADER + "=S1" + ROWS.splitlines()[0][2:] + "\n", encoding="utf-8")
    path = str(tmp_path / "reviews.db")
    main(["screen", str(register), "--store", path, "--no-progress"])
    with ReviewStore(path) as store:
        alert = _sertal(store)
        store.decide(alert.id, "false_positive", reviewer="asha", reason="another company")
    out = tmp_path / "alerts.csv"
    assert main(["review", "export", path, "--status", "ALL", "--out", str(out)]) == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    decided = rows[str(alert.id)]
    assert (decided["shipment_id"], decided["decision"], decided["decided_by"]) == (
        "'=S1",
        "false_positive",
        "asha",
    )
    assert decided["decision_reason"] == "another company"
    assert main(["review", "export", path, "--out", str(tmp_path / "no" / "x.csv")]) == 2
    assert main(["review", "list", path, "--status", "closd"]) == 2
    assert "unknown" in capsys.readouterr().err


def test_a_noted_head_catches_a_log_cut_short(
    store_url: str, screener: ss.Screener, report: BatchReport
) -> None:
    with ReviewStore(store_url) as store:
        store.record_outcomes(report, lists=screener.lists, batch="b1")
        alert = _sertal(store)
        store.decide(alert.id, "false_positive", reviewer="asha", reason="another company")
        store.verify()
        noted = store.head
        assert noted is not None
        engine = sqlalchemy.create_engine(store.url)
        with engine.begin() as connection:  # the newest decision and its entry, removed
            last = int(noted.split(":")[0])
            connection.exec_driver_sql(f"DELETE FROM audit_log WHERE seq = {last}")
            connection.exec_driver_sql("DELETE FROM alert_events")
        engine.dispose()
        assert store.verify() == last - 1  # a chain alone cannot tell
        with pytest.raises(AuditError, match="newest entries were removed"):
            store.verify(head=noted)


def test_postgres_urls_are_accepted_as_written() -> None:
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_the_same_file_against_other_lists_is_a_batch_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(HEADER + ROWS, encoding="utf-8")
    watchlist = tmp_path / "watchlist.csv"
    watchlist.write_text(
        "id,name,aliases,country,kind,list\nW1,Example Pvt Ltd,,IN,organization,sanctions\n",
        encoding="utf-8",
    )
    path = str(tmp_path / "reviews.db")
    args = ["screen", str(register), "--store", path, "--no-progress"]
    main(args)
    assert "recorded in" in capsys.readouterr().err
    main([*args, "--list", str(watchlist)])
    said = capsys.readouterr().err
    assert ": 2 shipment(s), 0 already there" in said
    main([*args, "--list", str(watchlist)])  # the same file and lists: resumed, nothing new
    assert ": 0 shipment(s), 2 already there" in capsys.readouterr().err
    with ReviewStore(path) as store:
        assert any(a.entry_id == "W1" for a in store.alerts())
