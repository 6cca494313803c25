"""Read-only queries behind the statute browser."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core.database import in_integer_range
from core.extensions import db
from provisions.models import StatuteLaw, StatuteProvision, StatuteVersion
from statutes.catalogue.model import article_sort_key, normalize_article

# "刑法 132"、"中華民國刑法第115條之1"、"國家安全法 5-1"
ARTICLE_QUERY = re.compile(r"^(?P<law>.*?)\s*第?\s*(?P<article>\d+(?:\s*(?:-|之)\s*\d+)?)\s*條?(?:之(?P<sub>\d+))?\s*$")


def all_laws() -> list[tuple[StatuteLaw, int]]:
    """Every law with its number of provisions, by name."""
    count = sa.func.count(StatuteProvision.id)
    rows = db.session.execute(
        sa.select(StatuteLaw, count)
        .outerjoin(StatuteLaw.provisions)
        .group_by(StatuteLaw.pcode)
        .order_by(StatuteLaw.name)
    )
    return [(law, number) for law, number in rows]


def get_law(pcode: str) -> StatuteLaw | None:
    return db.session.get(StatuteLaw, pcode)


def provisions_of(pcode: str) -> list[StatuteProvision]:
    return list(
        db.session.scalars(
            sa.select(StatuteProvision)
            .where(StatuteProvision.law_pcode == pcode)
            .options(selectinload(StatuteProvision.versions))
            .order_by(StatuteProvision.article_number, StatuteProvision.article_sub, StatuteProvision.id)
        )
    )


def get_provision(provision_id: str) -> StatuteProvision | None:
    return db.session.get(StatuteProvision, provision_id, options=[selectinload(StatuteProvision.versions)])


def version_on(provision: StatuteProvision, day: date) -> StatuteVersion | None:
    return next(
        (
            version
            for version in provision.versions
            if version.effective_from <= day and (version.effective_to is None or day <= version.effective_to)
        ),
        None,
    )


def find_law(name_or_code: str) -> StatuteLaw | None:
    """A law by PCode, full name, or a name that contains the words typed (刑法 → 中華民國刑法)."""
    text = name_or_code.strip()
    if not text:
        return None
    law = db.session.get(StatuteLaw, text.upper())
    if law is not None:
        return law
    candidates = db.session.scalars(sa.select(StatuteLaw).where(StatuteLaw.name.contains(text))).all()
    exact = [law for law in candidates if law.name == text]
    if exact:
        return exact[0]
    # Prefer the shortest name: 刑法 → 中華民國刑法 rather than 中華民國刑法施行法.
    return min(candidates, key=lambda law: len(law.name), default=None)


def lookup_article(query: str, day: date) -> tuple[StatuteProvision, StatuteVersion] | None:
    """'刑法 132' → the provision numbered so on ``day`` and its version then, if any."""
    match = ARTICLE_QUERY.match(query.strip())
    if not match or not match["law"]:
        return None
    law = find_law(match["law"])
    if law is None:
        return None
    raw = match["article"].replace(" ", "") + (f"-{match['sub']}" if match["sub"] else "")
    try:
        number, sub = article_sort_key(normalize_article(raw))
    except ValueError:
        return None
    if not (in_integer_range(number) and in_integer_range(sub)):  # no such article, and the database cannot compare it
        return None
    for provision in db.session.scalars(
        sa.select(StatuteProvision)
        .where(
            StatuteProvision.law_pcode == law.pcode,
            StatuteProvision.article_number == number,
            StatuteProvision.article_sub == sub,
        )
        .options(selectinload(StatuteProvision.versions))
    ):
        version = version_on(provision, day)
        if version is not None:
            return provision, version
    return None


def search_text(keyword: str, limit: int = 100) -> list[tuple[StatuteProvision, StatuteVersion]]:
    """Versions whose text contains ``keyword`` (any length, Chinese substrings included)."""
    pattern = "%" + keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.session.execute(
        sa.select(StatuteProvision, StatuteVersion)
        .join(StatuteVersion.provision)
        .where(StatuteVersion.text.like(pattern, escape="\\"))
        .order_by(
            StatuteProvision.law_pcode,
            StatuteProvision.article_number,
            StatuteProvision.article_sub,
            StatuteVersion.effective_from,
        )
        .limit(limit)
    )
    return [(provision, version) for provision, version in rows]
