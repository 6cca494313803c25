"""Case search (incidents/search/): keywords, filters, sorting and keyset pages.

Every test runs on SQLite and on PostgreSQL (the ``app`` fixture), so the
trigram paths (FTS5 on SQLite, pg_trgm on PostgreSQL) and the short-keyword
fallback must give the same answers.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts.models import User
from core.extensions import db
from core.models import utcnow
from incidents.models import CaseStatus, Incident, Note
from incidents.search import CaseFilter, InvalidCursorError, Sort, iter_incidents, search_page, window
from incidents.search import index as search_index
from incidents.search import keyword as search_keyword
from incidents.services import notes
from incidents.services.access import visible_incidents
from incidents.services.facts import EMPTY_CASE_FACTS
from tests.helpers import make_app
from tests.incidents.helpers import Cast, make_incident

# title, summary, note bodies (the ``cast`` fixture adds its own case, CAST_CASE)
CAST_CASE = ("洩漏工程底價予廠商", "承辦人員疑將工程底價告知投標廠商。", ())
CORPUS = {
    "bid": ("洩漏工程底價予廠商", "承辦人員疑將工程底價以通訊軟體告知投標廠商。", ()),
    "lost": ("遺失機密公文", "公文內含採購評選委員名單，於搭乘捷運時遺失。", ()),
    "note": ("個人資料外洩", "戶政系統查詢紀錄異常。", ("約談時坦承曾將底價告知友人", "調閱監視器畫面")),
    "latin": ("Email 誤寄 ABC Corp 報價單", "寄件備份顯示收件人為外部信箱。", ()),
    "percent": ("預算執行率100%之簽呈外流", "附件檔名為 plan_v2.docx。", ()),
    # One-character fields: no trigram of their own without the index's padding.
    "short": ("鑰", "", ("印", "遺失印鑑")),
}
KEYWORDS = [
    "底價",  # 2 characters: fallback (title, summary and a note)
    "價",  # 1 character
    "工程底價",  # 4 characters: trigram index
    "底價予",  # 3 characters
    "底價告知",  # only in a note and a summary
    "監視器",  # only in a note
    "abc corp",  # Latin letters, any case, with a space
    "ABC",
    "100%",  # LIKE wildcards are literal
    "%",
    "_v2",
    "v",
    "廠商承辦",  # the end of one field and the start of the next: no match
    "商承",
    "商",  # the last character of a title
    "廠商",  # the last two characters of a title
    "鑰",  # a whole one-character title
    "印",  # a whole one-character note, and inside another
    "印鑑",  # the end of the last note
    "Co",  # Latin, any case, 2 characters
    "翡",  # nowhere
    "不存在的關鍵字",
    '"底價"',  # quotes are literal too
]


def expected_hits(keyword: str) -> set[str]:
    """The reference: a case-insensitive (ASCII) substring of the title, the summary or one note."""
    needle = keyword.lower()
    return {
        name
        for name, (title, summary, bodies) in {**CORPUS, "cast": CAST_CASE}.items()
        if any(needle in text.lower() for text in (title, summary, *bodies))
    }


@pytest.fixture
def corpus(app: Flask, cast: Cast) -> dict[str, int]:
    ids = {}
    for name, (title, summary, bodies) in CORPUS.items():
        incident_id = make_incident(app, cast.id("officer"), title=title, summary=summary)
        with app.app_context():
            actor = db.session.get(User, cast.id("officer"))
            incident = db.session.get(Incident, incident_id)
            for body in bodies:
                notes.add_note(actor, incident, note_date=date(2025, 3, 10), body=body)
            db.session.commit()
        ids[name] = incident_id
    return ids


def found(app: Flask, user_id: int, criteria: CaseFilter, **options) -> list[int]:
    """Ids of every match, following the pages to the end."""
    with app.app_context():
        user = db.session.get(User, user_id)
        return [incident.id for incident in iter_incidents(visible_incidents(user), criteria, **options)]


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_keyword_finds_substrings_of_title_summary_and_notes(app, cast, corpus, keyword):
    names_by_id = {incident_id: name for name, incident_id in {**corpus, "cast": cast.incident_id}.items()}
    hits = found(app, cast.id("supervisor"), CaseFilter(keyword=keyword))
    assert sorted(hits, reverse=True) == hits
    assert {names_by_id[i] for i in hits} == expected_hits(keyword)


@pytest.mark.parametrize("keyword", ["底價", "價", "印", "工程底價", "底價告知", "評選委員", "不存在的關鍵字", "翡"])
def test_searching_in_id_windows_finds_the_same_cases(app, cast, corpus, monkeypatch, keyword):
    """PostgreSQL searches keywords in widening windows of ids (newest first); 1–2 characters
    start by scanning and go on with the index unless the keyword is dense (both forced here)."""
    everything = found(app, cast.id("supervisor"), CaseFilter(keyword=keyword), sort=Sort.CASE_NUMBER)
    assert set(everything) == {corpus.get(name, cast.incident_id) for name in expected_hits(keyword)}
    monkeypatch.setattr(window, "WINDOW_IDS_PER_ROW", 1)
    monkeypatch.setattr(window, "WINDOW_GROWTH", 2)
    monkeypatch.setattr(window, "SCAN_IDS_PER_ROW", 1)
    for cheap_matches, dense_share in ((0, 0.0), (1000, 2.0)):
        monkeypatch.setattr(window, "CHEAP_MATCHES", cheap_matches)
        monkeypatch.setattr(window, "DENSE_SHARE", dense_share)
        for batch in (1, 2, 50):
            windowed = found(app, cast.id("supervisor"), CaseFilter(keyword=keyword), batch=batch)
            assert windowed == sorted(everything, reverse=True)


@pytest.mark.parametrize("keyword", ["底價", "價", "商", "廠商", "鑰", "印鑑", "co", "v", "%", "商承", "翡"])
def test_short_keywords_give_the_same_cases_from_the_index_and_from_a_scan(app, cast, corpus, monkeypatch, keyword):
    """SQLite answers 1–2 characters from the trigrams that start with them, unless the keyword is
    common among the newest cases or starts too many trigrams; then it scans. Both give the reference."""
    names_by_id = {incident_id: name for name, incident_id in {**corpus, "cast": cast.incident_id}.items()}
    for most_terms, dense_hits in ((search_keyword.MAX_SHORT_KEYWORD_TERMS, 1000), (0, 1000), (1000, 1)):
        monkeypatch.setattr(search_keyword, "MAX_SHORT_KEYWORD_TERMS", most_terms)
        monkeypatch.setattr(search_keyword, "DENSE_PROBE_HITS", dense_hits)
        for sort in Sort:
            hits = found(app, cast.id("supervisor"), CaseFilter(keyword=keyword), sort=sort, batch=2)
            assert {names_by_id[i] for i in hits} == expected_hits(keyword), (most_terms, dense_hits, sort)


def test_the_trigram_range_of_a_short_keyword_ends_at_the_next_code_point():
    after = search_keyword._after_prefix
    assert after("ab") == "ac"
    assert after("底") == chr(ord("底") + 1)
    assert after("a\ud7ff") == "a\ue000"  # surrogates cannot be encoded in a query
    assert after("a\U0010ffff") is None  # nothing above the last code point: no upper bound


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_answers_short_keywords_from_the_index(app, cast, corpus, monkeypatch):
    with app.app_context():
        connection = db.session.connection()
        bid = search_keyword.plan_keyword("底價", connection)
        # The trigrams after 底價 in the corpus: 底價予, 底價以, 底價告, and 底價 + the padding.
        assert bid.uses_fts and bid.fts_match.count(" OR ") >= 2
        assert search_keyword.plan_keyword("翡", connection).absent
        assert search_keyword.plan_keyword("印", connection).uses_fts
        assert not search_keyword.plan_keyword("Σσ", connection).uses_fts  # FTS5 and LIKE fold Greek differently
        # Common among the newest cases (here: in 3 of them): scanned for, newest first.
        monkeypatch.setattr(search_keyword, "DENSE_PROBE_HITS", 3)
        assert not search_keyword.plan_keyword("底價", connection).uses_fts
        monkeypatch.setattr(search_keyword, "DENSE_PROBE_HITS", 4)
        assert search_keyword.plan_keyword("底價", connection).uses_fts
        monkeypatch.setattr(search_keyword, "MAX_SHORT_KEYWORD_TERMS", 2)
        assert not search_keyword.plan_keyword("底價", connection).uses_fts


def test_keyword_whitespace_is_collapsed(app, cast, corpus):
    assert found(app, cast.id("supervisor"), CaseFilter(keyword="  abc \n corp ")) == [corpus["latin"]]


def test_a_note_added_later_is_searchable_and_the_index_stays_in_step(app, cast, corpus):
    criteria = CaseFilter(keyword="翡翠灣餐敘")
    assert found(app, cast.id("supervisor"), criteria) == []
    with app.app_context():
        incident = db.session.get(Incident, corpus["lost"])
        notes.add_note(
            db.session.get(User, cast.id("officer")), incident, note_date=date(2025, 3, 12), body="稱於翡翠灣餐敘"
        )
        db.session.commit()
    assert found(app, cast.id("supervisor"), criteria) == [corpus["lost"]]
    assert found(app, cast.id("supervisor"), CaseFilter(keyword="翡翠")) == [corpus["lost"]]
    with app.app_context():
        # Changed and removed by any means (here plain ORM, no service): the triggers follow.
        note = db.session.scalar(sa.select(Note).where(Note.body == "稱於翡翠灣餐敘"))
        note.body = "稱於淡水餐敘"
        db.session.get(Incident, corpus["bid"]).title = "洩漏評選委員名單"
        db.session.delete(db.session.get(Incident, corpus["percent"]))
        db.session.commit()
        assert search_index.out_of_step(db.session.connection()) == []
    assert found(app, cast.id("supervisor"), criteria) == []
    assert found(app, cast.id("supervisor"), CaseFilter(keyword="淡水餐敘")) == [corpus["lost"]]
    assert corpus["bid"] not in found(app, cast.id("supervisor"), CaseFilter(keyword="工程底價予"))
    assert found(app, cast.id("supervisor"), CaseFilter(keyword="評選委員名單")) == [corpus["lost"], corpus["bid"]]
    assert found(app, cast.id("supervisor"), CaseFilter(keyword="plan_v2")) == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_index_has_its_triggers_and_answers_from_fts(app, cast, corpus):
    with app.app_context():
        connection = db.session.connection()
        assert search_index.sqlite_triggers(connection) == search_index.SQLITE_TRIGGERS
        assert search_index.out_of_step(connection) == []
        assert search_index.rebuild(connection) == len(CORPUS) + 1
        assert search_index.out_of_step(connection) == []
        rows = connection.exec_driver_sql(
            "SELECT rowid FROM incident_search WHERE incident_search MATCH '\"底價告知\"' ORDER BY rowid"
        ).scalars()
        assert list(rows) == [cast.incident_id, corpus["note"]]


def test_keyword_search_never_shows_a_case_the_user_may_not_see(app, cast, corpus):
    # officer2 is assigned to nothing; the other agency's supervisor sees only their agency.
    for username in ("officer2", "zz-supervisor", "admin"):
        assert found(app, cast.id(username), CaseFilter(keyword="底價")) == []
        assert found(app, cast.id(username), CaseFilter(keyword="工程底價")) == []
    assert set(found(app, cast.id("officer"), CaseFilter(keyword="底價"))) == {
        cast.incident_id,
        corpus["bid"],
        corpus["note"],
    }


# --- filters -------------------------------------------------------------------------------------


def _update(app: Flask, incident_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(sa.update(Incident).where(Incident.id == incident_id).values(**values))
        db.session.commit()


def _facts(*kinds: str) -> dict:
    facts = copy.deepcopy(EMPTY_CASE_FACTS)
    facts["information"]["kinds"] = list(kinds)
    return facts


def test_filters(app, cast):
    officer = cast.id("officer")
    old = make_incident(app, officer, title="舊草稿", now=utcnow() - timedelta(days=45))
    filed = make_incident(
        app,
        officer,
        title="已立案",
        filed=True,
        reported_date=date(2025, 3, 5),
        discovered_date=date(2025, 3, 1),
        act_start=date(2025, 1, 10),
        act_end=date(2025, 2, 10),
        facts=_facts("procurement", "personal_data"),
    )
    other = make_incident(
        app,
        officer,
        title="另一案",
        assignee_ids=[cast.id("officer2")],
        reported_date=date(2025, 6, 1),
        act_start=date(2025, 5, 1),
        facts=_facts("classified"),
    )
    with app.app_context():
        units = {unit.name: unit.id for unit in db.session.get(User, officer).agency.units}
    _update(app, other, unit_id=units["第二科"])
    everyone = {cast.incident_id, old, filed, other}
    supervisor = cast.id("supervisor")

    def ids(**criteria) -> set[int]:
        return set(found(app, supervisor, CaseFilter(**criteria)))

    assert ids() == everyone
    assert ids(status=CaseStatus.FILED) == {filed}
    assert ids(status=CaseStatus.DRAFT) == everyone - {filed}
    assert ids(unit_id=units["第二科"]) == {other}
    assert ids(information_kind="procurement") == {filed}
    assert ids(information_kind="personal_data") == {filed}
    assert ids(information_kind="classified") == {other}
    assert ids(information_kind="trade_secret") == set()
    assert ids(assignee_id=cast.id("officer2")) == {other}
    assert ids(assignee_id=officer) == everyone
    assert ids(overdue=True) == {old}
    assert ids(reported_from=date(2025, 3, 5), reported_to=date(2025, 3, 5)) == {filed}
    assert ids(reported_from=date(2025, 3, 6)) == {other}
    assert ids(discovered_to=date(2025, 3, 3)) == {filed}
    # The act period overlaps the range; a single-day act (no end) counts on its start day.
    # (The cast's case: act started 2025-02-20, no end.)
    assert ids(act_from=date(2025, 2, 10), act_to=date(2025, 2, 28)) == {filed, cast.incident_id}
    assert ids(act_from=date(2025, 2, 11), act_to=date(2025, 4, 30)) == {cast.incident_id}
    assert ids(act_from=date(2025, 5, 1)) == {other}
    assert ids(act_to=date(2025, 1, 10)) == {filed}
    assert ids(agency_id=cast.other_agency_id) == set()
    assert ids(status=CaseStatus.DRAFT, keyword="另一") == {other}
    assert ids(status=CaseStatus.FILED, keyword="另一案") == set()


def test_information_kind_reads_the_json_array_not_the_text(app, cast):
    facts = _facts("classified")
    facts["recipient"]["kind"] = "vendor"
    incident = make_incident(app, cast.id("officer"), title="pending_classification", facts=facts)
    assert found(app, cast.id("supervisor"), CaseFilter(information_kind="pending_classification")) == []
    assert found(app, cast.id("supervisor"), CaseFilter(information_kind="classified")) == [incident]


# --- sorting and pages ---------------------------------------------------------------------------


@pytest.fixture
def seven_cases(app, cast) -> list[int]:
    reported = [date(2025, 1, 3), None, date(2025, 1, 1), date(2025, 1, 3), None, date(2025, 1, 2)]
    ids = [cast.incident_id]
    ids += [
        make_incident(app, cast.id("officer"), title=f"第{n}案", reported_date=day) for n, day in enumerate(reported)
    ]
    return ids


def _sorted_ids(app: Flask, sort: Sort) -> list[int]:
    with app.app_context():
        rows = db.session.execute(sa.select(Incident.id, Incident.roc_year, Incident.serial, Incident.reported_date))
        rows = list(rows)
    if sort is Sort.CASE_NUMBER:
        return [row.id for row in sorted(rows, key=lambda row: (row.roc_year, row.serial, row.id))]
    if sort is Sort.REPORTED:
        dated = sorted((row for row in rows if row.reported_date), key=lambda row: (row.reported_date, row.id))
        undated = sorted((row.id for row in rows if not row.reported_date), reverse=True)
        return [row.id for row in reversed(dated)] + undated
    return sorted((row.id for row in rows), reverse=True)


@pytest.mark.parametrize("sort", list(Sort))
def test_pages_follow_the_sort_without_gaps_or_repeats(app, cast, seven_cases, sort):
    assert found(app, cast.id("supervisor"), CaseFilter(), sort=sort, batch=2) == _sorted_ids(app, sort)


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("keyword", ["", "案", "第1案"])
def test_pages_stay_stable_when_cases_are_added_meanwhile(app, cast, seven_cases, sort, keyword):
    supervisor = cast.id("supervisor")
    criteria = CaseFilter(keyword=keyword)
    before = found(app, supervisor, criteria, sort=sort)
    with app.app_context():
        query = visible_incidents(db.session.get(User, supervisor))
        first = search_page(query, criteria, sort=sort, limit=2)
    # New cases arrive between page 1 and page 2, sorting before, among and after the rows shown.
    for day in (date(2024, 12, 31), date(2025, 1, 2), date(2025, 1, 4), None):
        make_incident(app, cast.id("officer"), title="新進第1案", reported_date=day)
    shown = [incident.id for incident in first.incidents]
    after = first.next_cursor
    while after:
        with app.app_context():
            query = visible_incidents(db.session.get(User, supervisor))
            page = search_page(query, criteria, sort=sort, after=after, limit=2)
            shown += [incident.id for incident in page.incidents]
            after = page.next_cursor
    assert len(shown) == len(set(shown)), "a case was shown twice"
    assert [i for i in shown if i in before] == before, "a case was skipped or moved"


def test_a_cursor_from_elsewhere_is_refused(app, cast, seven_cases):
    with app.app_context():
        query = visible_incidents(db.session.get(User, cast.id("supervisor")))
        cursor = search_page(query, CaseFilter(), sort=Sort.NEWEST, limit=2).next_cursor
        assert cursor
        for bad in ("not-a-cursor", "W10", "WyJuZXdlc3QiLCJ4Il0", cursor + "x"):
            with pytest.raises(InvalidCursorError):
                search_page(query, CaseFilter(), after=bad)
        with pytest.raises(InvalidCursorError):
            search_page(query, CaseFilter(), sort=Sort.CASE_NUMBER, after=cursor)


# --- PostgreSQL: the locale pg_trgm needs -----------------------------------------------------


def test_postgres_database_has_a_utf8_ctype_and_pg_trgm_reads_chinese(postgres_at_head):
    """pg_trgm takes only letters and digits as word characters, as the database's LC_CTYPE
    defines them: under the C locale Chinese characters are not letters, no trigram is made and
    a Chinese ILIKE cannot use the index. The databases are therefore created with C.UTF-8."""
    app = make_app(postgres_at_head)
    with app.app_context():
        connection = db.session.connection()
        ctype = connection.exec_driver_sql(
            "SELECT datctype FROM pg_database WHERE datname = current_database()"
        ).scalar_one()
        assert ctype.lower().replace("-", "").endswith("utf8"), ctype
        assert connection.exec_driver_sql("SELECT show_trgm('洩漏底價')").scalar_one()
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")

        def plan(statement: str) -> str:
            explained = connection.execute(sa.text("EXPLAIN " + statement), {"pattern": "%底價予%"})
            return "\n".join(explained.scalars())

        incident_plan = plan("SELECT id FROM incident WHERE title ILIKE :pattern OR summary ILIKE :pattern")
        assert "ix_incident_title_trgm" in incident_plan and "ix_incident_summary_trgm" in incident_plan
        assert "ix_note_body_trgm" in plan("SELECT id FROM note WHERE body ILIKE :pattern")
        # One or two characters: the search_grams indexes (the expression must be the indexed one).
        short = sa.select(Incident.id).where(search_keyword.postgres_indexed_condition("底價"))
        sql = str(short.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
        short_plan = "\n".join(connection.exec_driver_sql("EXPLAIN " + sql).scalars())
        for index in ("ix_incident_title_grams", "ix_incident_summary_grams", "ix_note_body_grams"):
            assert index in short_plan, short_plan
        db.session.rollback()
        db.engine.dispose()
