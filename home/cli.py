"""``flask seed-demo``: the demo agency, its accounts and a few cases."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from accounts.models import User
from core.extensions import db
from core.services import ServiceError
from home.demo import seed_demo

ROLE_NAMES = {"officer": "承辦人", "supervisor": "主管", "auditor": "稽核", "admin": "系統管理者"}


@click.command("seed-demo")
@with_appcontext
@click.option("--password", default=None, help="所有示範帳號使用此密碼（至少 12 字元）；未指定時產生隨機密碼。")
@click.option("--if-empty", is_flag=True, help="只在資料庫還沒有任何帳號時建立（供 ./run 使用）。")
def seed_demo_command(password: str | None, if_empty: bool) -> None:
    """建立示範機關、兩個單位與每種角色各一個示範帳號（可重複執行）。"""
    if if_empty and db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        return
    try:
        accounts = seed_demo(password)
    except ServiceError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo("示範帳號 / demo accounts:")
    for account in accounts:
        shown = account.password if account.password else "（已存在，密碼未變更 / unchanged）"
        click.echo(f"  {account.username:<11} {ROLE_NAMES[account.role.value]:<6} 密碼: {shown}")
