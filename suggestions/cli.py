"""``flask suggest FACTS.json``: run the suggestion engine from the command line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click
from flask.cli import with_appcontext

from core.clock import taipei_today
from core.roc_date import RocDateError, parse_date
from provisions.catalogue import CatalogueEmptyError, stored_catalogue
from statutes.engine.evaluation import evaluate
from statutes.engine.facts import FactsError, facts_from_json
from statutes.engine.report_text import format_result_text
from statutes.engine.result import result_to_json


@click.command("suggest")
@click.argument("facts_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", "as_of", default=None, help="評估基準日（YYYY-MM-DD 或民國日期；預設為事實檔所載或今天）。")
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="text", show_default=True)
@with_appcontext
def suggest_command(facts_file: Path, as_of: str | None, output: str) -> None:
    """依事實檔（statutes/engine/facts.schema.json 格式）列出可能適用之條文與處理途徑。"""
    try:
        document = json.loads(facts_file.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"事實檔不是有效的 JSON：{error}") from None
    try:
        facts = facts_from_json(document)
    except FactsError as error:
        raise click.ClickException("事實檔不符合格式：\n" + "\n".join(error.problems)) from None
    try:
        today = parse_date(as_of) if as_of else taipei_today()
    except RocDateError as error:
        raise click.BadParameter(str(error), param_hint="--as-of") from None
    if as_of:
        facts = replace(facts, evaluation_date=today)
    try:
        result = evaluate(facts, stored_catalogue(), today=today)
    except CatalogueEmptyError as error:
        raise click.ClickException(str(error)) from None
    if output == "json":
        click.echo(json.dumps(result_to_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(format_result_text(result))
