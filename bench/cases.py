"""Case list and keyword search benchmark, run by hand (not part of the tests).

    .venv/bin/python bench/cases.py                          # SQLite; PostgreSQL too if TEST_DATABASE_URL is set
    .venv/bin/python bench/cases.py --sizes 10000,100000 --backends sqlite --runs 100

For each backend it builds one database and grows it to each size in turn
(10k, 100k, 1M cases by default; each case has one respondent, one note and
one assigned officer), then times requests end to end through the Flask test
client, signed in as the demo supervisor (who sees every case of the agency):

- list all: GET /cases/                                (the default page: newest 50, no filter)
- list:     GET /cases/?status=filed                  (first page, 50 rows)
- list p2:  the next page of it (keyset cursor)
- kw3:      GET /cases/?q=監視器    (3 characters, in about 1% of case summaries)
- kw3 rare: GET /cases/?q=翡翠灣    (3 characters, in the notes of exactly 20 cases)
- kw2:      GET /cases/?q=底價      (2 characters, about 8% of titles)
- kw2 rare: GET /cases/?q=翡翠      (2 characters, in the notes of 20 cases)
- kw1:      GET /cases/?q=資        (1 character, in most summaries)
- kw1 rare: GET /cases/?q=翡        (1 character, in the notes of 20 cases)
- kw3+status: GET /cases/?q=監視器&status=draft

Rows are written in bulk (executemany on SQLite, COPY on PostgreSQL) inside
incidents.search.index.bulk_load, which rebuilds the search index once per step.
WARNING: on PostgreSQL the database at TEST_DATABASE_URL is emptied.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from accounts.models import Agency, Unit, User
from core.extensions import db
from core.roc_date import ROC_EPOCH_OFFSET
from home.demo import seed_demo
from incidents.models import Incident
from incidents.search import index as search_index
from tests.helpers import login, make_app, reset_schema, upgrade_to_head

PASSWORD = "benchmark-password"
CHUNK = 20_000
COMMON_KEYWORD = "監視器"
RARE_KEYWORD = "翡翠灣"
RARE_HITS = 20
SHORT_KEYWORD = "底價"
COMMON_CHARACTER = "資"

UNITS = ("採購科", "總務科", "人事室", "資訊室", "會計室", "秘書室", "工務課", "地政課", "稅務科", "警備隊")
ROLES = ("技士", "科員", "約僱人員", "專員", "課長", "辦事員", "技正", "稽查員")
VERBS = ("洩漏", "交付", "擅自提供", "以通訊軟體傳送", "口頭透露", "影印外流")
OBJECTS = (
    "工程底價",
    "評選委員名單",
    "民眾個人資料",
    "檢舉人身分",
    "人事考評資料",
    "都市計畫草案",
    "查稅資料",
    "巡邏勤務表",
    "招標文件",
    "會議紀錄",
    "戶籍資料",
    "車籍資料",
)
RECIPIENTS = ("廠商", "民意代表", "媒體記者", "親友", "仲介業者", "地方人士", "不明人士", "前同事")
SUMMARY_PARTS = (
    "經民眾檢舉後調閱系統查詢紀錄，",
    "當事人於訊問時否認犯行，",
    "本室比對電子郵件往來紀錄，",
    "相關公文已簽請機關首長核示，",
    "查詢紀錄顯示非因公務需要，",
    "涉案資料已由資訊室保全，",
    "廠商負責人供稱曾收受資料，",
    "另發現疑似違反個人資料保護法情事，",
    "案經函請地檢署參處，",
    "目前持續蒐集相關事證中。",
)
NOTE_PARTS = (
    "約談當事人製作談話紀錄",
    "調取門禁與電腦操作日誌",
    "函請廠商提供往來資料",
    "與人事室確認任職期間",
    "檢視公文流程與簽核紀錄",
    "陳報首長並研議後續處理",
)
KINDS = ("general_official_secret", "personal_data", "procurement", "commercial_secret", "classified")
SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴周"
GIVEN = "志明淑芬家豪怡君建宏雅婷俊傑佳蓉冠宇欣怡"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


class Seeder:
    """Appends synthetic cases (with a respondent, a note and an assignment) to the demo agency."""

    def __init__(self, app: Flask, seed: int = 20261126) -> None:
        self.app = app
        self.random = random.Random(seed)
        with app.app_context():
            agency = db.session.scalar(sa.select(Agency).where(Agency.code == "DEMO"))
            assert agency is not None
            self.agency_id = agency.id
            self.unit_ids = list(db.session.scalars(sa.select(Unit.id).where(Unit.agency_id == agency.id)))
            self.officer_ids = list(
                db.session.scalars(sa.select(User.id).where(User.username.in_(("officer", "officer2"))))
            )
            self.dialect = db.engine.dialect.name
            # seed-demo opens a few cases of its own: the synthetic ones come after them.
            self.base = db.session.scalar(sa.select(sa.func.max(Incident.id))) or 0
        self.count = 0

    def _rare_ids(self, target: int) -> set[int]:
        # Exactly RARE_HITS cases at every size: spread over the whole id range, re-chosen per step
        # among the rows being added so the total stays RARE_HITS (case numbers 1..target).
        step = max(1, target // RARE_HITS)
        return {step * k for k in range(1, RARE_HITS + 1)}

    def rows(self, first: int, last: int, rare: set[int]) -> Iterator[tuple[tuple, tuple, tuple, tuple]]:
        """Synthetic cases number ``first`` to ``last`` (ids follow the demo cases)."""
        r = self.random
        start = datetime(2021, 1, 1, tzinfo=UTC)
        for number in range(first, last + 1):
            case_id = self.base + number
            # Ids grow with time: created_at increases with id (about 40 s apart at 1M).
            created = start + timedelta(seconds=case_id * 40 + r.randint(0, 30))
            reported = (created - timedelta(days=r.randint(0, 20))).date()
            act_start = reported - timedelta(days=r.randint(1, 300))
            obj = r.choice(OBJECTS)
            title = f"{r.choice(UNITS)}{r.choice(ROLES)}{r.choice(VERBS)}{obj}予{r.choice(RECIPIENTS)}"
            parts = r.sample(SUMMARY_PARTS, 4)
            if r.random() < 0.01:
                parts.insert(1, f"現場{COMMON_KEYWORD}畫面顯示其曾進入檔案室，")
            summary = "".join(parts)
            status = "filed" if r.random() < 0.7 else "draft"
            kinds = r.sample(KINDS, r.randint(1, 2))
            facts = json.dumps({"information": {"kinds": kinds}, "act": {"conducts": ["disclose"]}})
            roc_year = created.year - ROC_EPOCH_OFFSET
            incident = (
                case_id,
                self.agency_id,
                r.choice(self.unit_ids),
                roc_year,
                case_id,
                f"DEMO-{roc_year}-{case_id:07d}",
                title,
                summary,
                "whistleblower_report",
                reported,
                reported,
                act_start,
                None,
                facts,
                "general_official_secret",
                False,
                None,
                status,
                self.officer_ids[0],
                created,
                created,
                1,
            )
            officer = self.officer_ids[case_id % len(self.officer_ids)]
            name = r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)
            respondent = (case_id, name, "", r.choice(ROLES), "{}", created)
            body = "、".join(r.sample(NOTE_PARTS, 2)) + "。"
            if number in rare:
                body = f"當事人稱資料係於{RARE_KEYWORD}餐敘時交付。" + body
            note = (case_id, officer, created.date(), body, created)
            yield incident, respondent, note, (case_id, officer, created)

    def grow_to(self, target: int) -> float:
        """Add cases up to ``target``; returns the seconds taken (index rebuild included)."""
        began = time.perf_counter()
        # Move the rare keyword: clear it from existing notes, then place it on RARE_HITS ids of the new range.
        rare = self._rare_ids(target)
        with self.app.app_context(), db.engine.begin() as connection, search_index.bulk_load(connection):
            if self.count:
                connection.execute(
                    sa.text("UPDATE note SET body = replace(body, :old, :new) WHERE body LIKE :pattern"),
                    {"old": RARE_KEYWORD, "new": "海邊", "pattern": f"%{RARE_KEYWORD}%"},
                )
            for low in range(self.count + 1, target + 1, CHUNK):
                high = min(target, low + CHUNK - 1)
                batch = list(self.rows(low, high, rare))
                self._insert(connection, batch)
            if self.count:
                # Old rows that now fall on a rare id get the keyword (the new range got it already).
                for number in sorted(i for i in rare if i <= self.count):
                    connection.execute(
                        sa.text("UPDATE note SET body = :prefix || body WHERE incident_id = :id"),
                        {"prefix": f"當事人稱資料係於{RARE_KEYWORD}餐敘時交付。", "id": self.base + number},
                    )
        self.count = target
        with self.app.app_context():
            self._analyze()
        return time.perf_counter() - began

    def _insert(self, connection: sa.Connection, batch: list) -> None:
        incidents = [row[0] for row in batch]
        respondents = [row[1] for row in batch]
        notes = [row[2] for row in batch]
        assignments = [row[3] for row in batch]
        tables = (
            (
                "incident",
                "id, agency_id, unit_id, roc_year, serial, case_number, title, summary, source, reported_date, "
                "discovered_date, act_start, act_end, facts, classification, cyber_security_incident, cyber_aware_at, "
                "status, created_by_id, created_at, updated_at, version",
                incidents,
            ),
            ("respondent", "incident_id, name, national_id, position, facts, created_at", respondents),
            ("note", "incident_id, author_id, note_date, body, created_at", notes),
            ("incident_assignment", "incident_id, user_id, assigned_at", assignments),
        )
        if self.dialect == "sqlite":
            for table, columns, rows in tables:
                marks = ", ".join("?" * len(columns.split(",")))
                converted = [tuple(_sqlite_value(value) for value in row) for row in rows]
                connection.exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({marks})", converted)
        else:
            raw = connection.connection.driver_connection
            with raw.cursor() as cursor:
                for table, columns, rows in tables:
                    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)

    def _analyze(self) -> None:
        if self.dialect == "postgresql":
            # Cases were written with explicit ids: move the sequence past them.
            db.session.execute(
                sa.text("SELECT setval(pg_get_serial_sequence('incident', 'id'), (SELECT max(id) FROM incident))")
            )
            db.session.commit()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        # SQLite: no ANALYZE. The application never runs it, so the planner works as in production,
        # without statistics (autovacuum does analyze PostgreSQL in production).
        db.engine.dispose()


def _sqlite_value(value: object) -> object:
    # The storage formats SQLAlchemy uses for SQLite (UTC timestamps are stored naive).
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def timed(client: FlaskClient, url: str, runs: int) -> tuple[float, float]:
    """Median and p95 in milliseconds of ``runs`` requests, after a few warm-up requests."""
    for _ in range(5):
        client.get(url).get_data()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        response.get_data()  # the whole body: a streamed response (CSV) is produced while it is read
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), percentile(samples, 0.95)


def result_rows(client: FlaskClient, url: str) -> int:
    html = client.get(url).get_data(as_text=True)
    return html.count('<td><a href="/cases/')


def measure(app: Flask, runs: int) -> dict[str, tuple[float, float, int]]:
    client = app.test_client()
    assert login(client, "supervisor", PASSWORD).status_code == 302
    urls: dict[str, str] = {
        "list all": "/cases/",
        "list": "/cases/?status=filed",
        "kw3": f"/cases/?q={COMMON_KEYWORD}",
        "kw3 rare": f"/cases/?q={RARE_KEYWORD}",
        "kw2": f"/cases/?q={SHORT_KEYWORD}",
        "kw2 rare": f"/cases/?q={RARE_KEYWORD[:2]}",
        "kw1": f"/cases/?q={COMMON_CHARACTER}",
        "kw1 rare": f"/cases/?q={RARE_KEYWORD[0]}",
        "kw3+status": f"/cases/?q={COMMON_KEYWORD}&status=draft",
    }
    # The second page of the list: follow the page's own next link.
    first = client.get(urls["list"]).get_data(as_text=True)
    marker = 'rel="next"'
    if marker in first:
        href = first[: first.index(marker)].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        urls["list p2"] = href
    results = {}
    for label, url in urls.items():
        median, p95 = timed(client, url, runs)
        results[label] = (median, p95, result_rows(client, url))
    return results


def make_database(backend: str, folder: str) -> Flask:
    if backend == "sqlite":
        app = make_app(f"sqlite:///{folder}/bench.sqlite3")
    else:
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            raise SystemExit("TEST_DATABASE_URL is not set")
        app = make_app(url)
        reset_schema(app)
    upgrade_to_head(app)
    with app.app_context():
        seed_demo(PASSWORD)
        db.session.commit()
        db.engine.dispose()
    return app


def run(backend: str, sizes: list[int], runs: int, report: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        app = make_database(backend, folder)
        seeder = Seeder(app)
        for size in sizes:
            seconds = seeder.grow_to(size)
            report(f"\n{backend} {size:,} cases (seeded in {seconds:.0f} s)")
            for label, (median, p95, rows) in measure(app, runs).items():
                report(f"  {label:<11} p50 {median:7.1f} ms   p95 {p95:7.1f} ms   rows {rows}")
        if backend == "sqlite":
            size_mb = Path(folder, "bench.sqlite3").stat().st_size / 2**20
            report(f"  (SQLite file {size_mb:.0f} MiB)")
        with app.app_context():
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    for backend in args.backends.split(","):
        run(backend, sizes, args.runs, lambda line: print(line, flush=True))


if __name__ == "__main__":
    main()
