"""``flask cases …``: list cases from the command line, and rebuild the search index.

The command line is for the server's operators, who can read the database
anyway: it is not scoped to a user, unlike the web pages.
"""

from __future__ import annotations

import json

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from accounts.models import Agency
from core.extensions import db
from incidents.csv_export import STATUS_LABELS
from incidents.models import CaseStatus, Incident
from incidents.search import CaseFilter, iter_incidents
from incidents.search import index as search_index

cases_cli = AppGroup("cases", help="查詢案件與維護搜尋索引。")


def _as_json(incident: Incident) -> dict[str, object]:
    return {
        "case_number": incident.case_number,
        "title": incident.title,
        "status": incident.status.value,
        "classification": incident.classification.value,
        "agency": incident.agency.code,
        "unit": incident.unit.name if incident.unit else None,
        "reported_date": incident.reported_date.isoformat() if incident.reported_date else None,
        "assignees": sorted(assignment.user.username for assignment in incident.assignments),
    }


@cases_cli.command("list")
@click.option("--agency", "agency_code", default=None, help="只列此機關代碼的案件。")
@click.option("--status", type=click.Choice([status.value for status in CaseStatus]), default=None, help="案件狀態。")
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "ids"]),
    default="table",
    show_default=True,
    help="table：表格；json：JSON 陣列；ids：每行一個案件編號。",
)
def list_cases(agency_code: str | None, status: str | None, output: str) -> None:
    """列出案件（新到舊）。"""
    agency_id = None
    if agency_code:
        agency_id = db.session.scalar(sa.select(Agency.id).where(Agency.code == agency_code.upper()))
        if agency_id is None:
            raise click.ClickException(f"找不到機關代碼 {agency_code}。")
    criteria = CaseFilter(agency_id=agency_id, status=CaseStatus(status) if status else None)
    incidents = iter_incidents(sa.select(Incident), criteria)
    if output == "json":
        # Streamed element by element, so a large list does not have to fit in memory as one string.
        click.echo("[", nl=False)
        for index, incident in enumerate(incidents):
            prefix = "," if index else ""
            click.echo(prefix + "\n  " + json.dumps(_as_json(incident), ensure_ascii=False), nl=False)
        click.echo("\n]")
    elif output == "ids":
        for incident in incidents:
            click.echo(incident.case_number)
    else:
        click.echo("案件編號\t狀態\t受理日期\t案由")
        for incident in incidents:
            reported = incident.reported_date.isoformat() if incident.reported_date else "-"
            click.echo(f"{incident.case_number}\t{STATUS_LABELS[incident.status]}\t{reported}\t{incident.title}")


@cases_cli.command("reindex")
@click.option("--check", is_flag=True, help="只檢查索引是否與案件一致，不重建。")
def reindex(check: bool) -> None:
    """重建 SQLite 的關鍵字搜尋索引（PostgreSQL 的索引不需重建）。"""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        click.echo("PostgreSQL 的 pg_trgm 索引隨資料自動更新，不需重建。")
        return
    missing = search_index.SQLITE_TRIGGERS - search_index.sqlite_triggers(connection)
    if missing:
        click.echo(f"警告：缺少觸發程序 {', '.join(sorted(missing))}，索引不會隨資料更新；請檢查資料庫移轉。", err=True)
    if check:
        stale = search_index.out_of_step(connection)
        click.echo(f"索引與案件不一致的案件數：{len(stale)}")
        if stale or missing:
            raise SystemExit(1)
        return
    count = search_index.rebuild(connection)
    db.session.commit()
    click.echo(f"已重建搜尋索引（{count} 件案件）。")
