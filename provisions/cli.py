"""``flask statutes …``: load the catalogue, import official data, show a provision."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from core.clock import taipei_today
from core.extensions import db
from core.roc_date import RocDateError, format_roc, parse_date
from provisions import queries
from provisions.importing import describe_changes, import_open_data
from provisions.models import StatuteImport
from provisions.store import DATA_DIRECTORY, read_data_files, save_laws
from statutes.catalogue.describe import describe_penalty
from statutes.catalogue.model import cite_article
from statutes.catalogue.serialization import penalty_from_dict
from statutes.importing.changes import ChangeError
from statutes.importing.opendata import OpenDataError

statutes_cli = AppGroup("statutes", help="法規資料：載入、匯入官方資料、查詢條文。")


@statutes_cli.command("load")
@click.option(
    "--directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DATA_DIRECTORY,
    show_default=True,
    help="法規資料檔（每部法規一個 JSON）所在資料夾。",
)
def load_command(directory: Path) -> None:
    """把專案內的法規資料檔載入資料庫（可重複執行）。"""
    try:
        laws = read_data_files(directory)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    report = save_laws(laws, kind="catalogue", source=str(directory))
    db.session.commit()
    click.echo(f"已載入 {len(laws)} 部法規：{report.summary()}。")


@statutes_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--include-new-articles", is_flag=True, help="也加入目錄尚未收錄的條文（預設只比對已收錄的條文）。")
@click.option("--add-law", "add_laws", multiple=True, metavar="PCODE", help="把目錄尚未收錄的這部法規整部加入。")
def import_command(path: Path, include_new_articles: bool, add_laws: tuple[str, ...]) -> None:
    """匯入全國法規資料庫 Open API 的資料（ZIP，或其中的 ChLaw.json / ChOrder.json，或舊版單一法規 JSON）。

    依條文比對：文字修正且最新異動日期較新者新增版本；同一異動日期內的文字更正記為編修；
    只有換行或空白不同者不算變更。可重複執行。檔案有誤時不匯入任何資料。
    """

    def progress(done: int, total: int) -> None:
        if total >= 20 and (done == total or done % max(1, total // 20) == 0):
            click.echo(f"  讀取中 {done}/{total} 部法規…", err=True)

    try:
        result = import_open_data(
            path,
            include_new_articles=include_new_articles,
            add_laws=frozenset(code.upper() for code in add_laws),
            progress=progress,
        )
    except (OpenDataError, ChangeError) as error:
        db.session.rollback()
        raise click.ClickException(f"{error}（未匯入任何資料）") from None
    if result.report.changed:
        db.session.add(
            StatuteImport(
                kind="open_data", source=str(path)[:255], summary=result.report.summary(), changes=result.report.changes
            )
        )
    db.session.commit()
    for changes in result.laws:
        for line in describe_changes(changes):
            click.echo(line)
    for line in result.stale:
        click.echo(line)
    skipped = f"檔案中另有 {result.skipped_laws} 部未收錄，略過"
    click.echo(f"比對 {len(result.laws)} 部法規（{skipped}）：{result.report.summary()}。")


@statutes_cli.command("show")
@click.argument("law")
@click.argument("article")
@click.option("--on", "on_text", default=None, help="適用日期（2026-01-01 或 115/01/01；預設今天）。")
def show_command(law: str, article: str, on_text: str | None) -> None:
    """印出法規 LAW 第 ARTICLE 條在某日適用的條文與施行期間。"""
    try:
        day = parse_date(on_text) if on_text else taipei_today()
    except RocDateError as error:
        raise click.BadParameter(str(error), param_hint="--on") from None
    found = queries.lookup_article(f"{law} {article}", day)
    if found is None:
        raise click.ClickException(
            f"{format_roc(day)}（{day}）沒有適用的「{law}」第 {article} 條（請確認法規名稱與條號）。"
        )
    provision, version = found
    end = f"至{format_roc(version.effective_to)}（{version.effective_to}）止" if version.effective_to else "現行有效"
    click.echo(f"{provision.law.name}{cite_article(provision.article)}　{provision.title}".rstrip())
    click.echo(f"施行期間：{format_roc(version.effective_from)}（{version.effective_from}）起，{end}")
    if not version.verified:
        click.echo("注意：本版本文字未經官方資料核對。")
    click.echo("")
    click.echo(version.text)
    lines = [(penalty["paragraph"], describe_penalty(penalty_from_dict(penalty))) for penalty in version.penalties]
    if any(words for _, words in lines):
        click.echo("")
        click.echo("刑度：")
        for paragraph, words in lines:
            if words:
                click.echo(f"  第{paragraph}項：{words}")
