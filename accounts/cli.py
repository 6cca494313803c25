"""``flask users …`` and ``flask agencies …`` for administrators and scripts."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from accounts import access_changes, services
from accounts.models import Agency, Role, Unit, User
from core.extensions import db
from core.services import ServiceError

users_cli = AppGroup("users", help="管理使用者帳號。")
agencies_cli = AppGroup("agencies", help="管理機關與單位。")

ROLE_CHOICE = click.Choice([role.value for role in Role])


def _fail(error: ServiceError) -> None:
    db.session.rollback()
    for field, messages in error.field_errors.items():
        for message in messages:
            click.echo(f"錯誤（{field or '表單'}）：{message}", err=True)
    raise SystemExit(1)


@agencies_cli.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--unit", "units", multiple=True, help="單位名稱，可重複指定。")
def create_agency(code: str, name: str, units: tuple[str, ...]) -> None:
    """建立機關 CODE（2–6 個英文大寫字母）與其單位。"""
    try:
        agency = services.create_agency(code, name, units)
    except ServiceError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"已建立機關 {agency.code} {agency.name}（{len(agency.units)} 個單位）。")


@agencies_cli.command("list")
def list_agencies() -> None:
    """列出機關與單位。"""
    for agency in db.session.scalars(sa.select(Agency).order_by(Agency.code)):
        click.echo(f"{agency.code}\t{agency.name}\t{'、'.join(unit.name for unit in agency.units)}")


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="姓名。")
@click.option("--agency", "agency_code", required=True, help="機關代碼。")
@click.option("--unit", "unit_name", default=None, help="單位名稱。")
@click.option("--role", "roles", multiple=True, required=True, type=ROLE_CHOICE, help="角色，可重複指定。")
@click.password_option("--password", prompt="密碼", confirmation_prompt="再次輸入密碼", help="未指定時會提示輸入。")
def create_user(
    username: str, display_name: str, agency_code: str, unit_name: str | None, roles: tuple[str, ...], password: str
) -> None:
    """建立使用者帳號 USERNAME。"""
    agency = db.session.scalar(sa.select(Agency).where(Agency.code == agency_code.upper()))
    if agency is None:
        raise click.ClickException(f"找不到機關代碼 {agency_code}；請先以 flask agencies create 建立。")
    unit = None
    if unit_name:
        unit = db.session.scalar(sa.select(Unit).where(Unit.agency_id == agency.id, Unit.name == unit_name))
        if unit is None:
            raise click.ClickException(f"機關 {agency.code} 沒有名為「{unit_name}」的單位。")
    try:
        # Through access_changes so that the agency's auditors see it too (applied at once: the command line).
        outcome = access_changes.create_account(
            None,
            username=username,
            display_name=display_name,
            agency=agency,
            unit=unit,
            roles={Role(role) for role in roles},
            password=password,
            client_address="cli",
        )
    except ServiceError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"已建立帳號 {outcome.username}（{', '.join(sorted(roles))}）。")


@users_cli.command("set-password")
@click.argument("username")
@click.password_option("--password", prompt="新密碼", confirmation_prompt="再次輸入新密碼", help="未指定時會提示輸入。")
def set_password(username: str, password: str) -> None:
    """重設帳號 USERNAME 的密碼（立即生效，並列入該機關稽核人員的帳號權限異動紀錄）。"""
    user = db.session.scalar(sa.select(User).where(User.username == services.normalize_username(username)))
    if user is None:
        raise click.ClickException(f"找不到帳號 {username}。")
    try:
        access_changes.set_password_from_command_line(user, password)
    except ServiceError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"已重設帳號 {user.username} 的密碼；該帳號的登入狀態都已失效。")


@users_cli.command("list")
def list_users() -> None:
    """列出所有帳號。"""
    for user in db.session.scalars(sa.select(User).order_by(User.username)):
        state = "啟用" if user.is_enabled else "停用"
        roles = ",".join(sorted(role.value for role in user.roles))
        click.echo(f"{user.username}\t{user.display_name}\t{user.agency.code}\t{roles}\t{state}")
