"""Model ↔ plain dicts (the JSON data files and the database's JSON columns).

Dates are ISO strings; penalty keys equal to their defaults are left out so
the data files stay short and reviewable.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from statutes.catalogue.model import (
    EditorialVariant,
    FineMode,
    Law,
    Penalty,
    Provision,
    ProvisionVersion,
    VariantKind,
)

_PENALTY_DEFAULTS = {field.name: field.default for field in fields(Penalty)}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def penalty_to_dict(penalty: Penalty) -> dict[str, Any]:
    data: dict[str, Any] = {"paragraph": penalty.paragraph}
    for name, default in _PENALTY_DEFAULTS.items():
        value = getattr(penalty, name)
        if name != "paragraph" and value != default:
            data[name] = (
                list(value) if isinstance(value, tuple) else str(value) if isinstance(value, FineMode) else value
            )
    return data


def penalty_from_dict(data: dict[str, Any]) -> Penalty:
    unknown = set(data) - set(_PENALTY_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown penalty fields: {sorted(unknown)}")
    values = dict(data)
    if "fine_mode" in values:
        values["fine_mode"] = FineMode(values["fine_mode"])
    if "aggravates" in values:
        values["aggravates"] = tuple(values["aggravates"])
    return Penalty(**values)


def variant_to_dict(variant: EditorialVariant) -> dict[str, Any]:
    return {
        "text": variant.text,
        "kind": str(variant.kind),
        "first_seen": _iso(variant.first_seen),
        "last_seen": _iso(variant.last_seen),
    }


def variant_from_dict(data: dict[str, Any]) -> EditorialVariant:
    return EditorialVariant(
        text=data["text"],
        kind=VariantKind(data["kind"]),
        first_seen=_date(data.get("first_seen")),
        last_seen=_date(data.get("last_seen")),
    )


def version_to_dict(version: ProvisionVersion) -> dict[str, Any]:
    return {
        "text": version.text,
        "promulgated": _iso(version.promulgated),
        "effective_from": version.effective_from.isoformat(),
        "effective_to": _iso(version.effective_to),
        "amendment": version.amendment,
        "repealed": version.repealed,
        "verified": version.verified,
        "source": version.source,
        "penalties": [penalty_to_dict(penalty) for penalty in version.penalties],
        "editorial_variants": [variant_to_dict(variant) for variant in version.editorial_variants],
    }


def version_from_dict(data: dict[str, Any]) -> ProvisionVersion:
    effective_from = _date(data["effective_from"])
    if effective_from is None:
        raise ValueError("a version needs effective_from")
    return ProvisionVersion(
        text=data["text"],
        effective_from=effective_from,
        effective_to=_date(data.get("effective_to")),
        promulgated=_date(data.get("promulgated")),
        amendment=data.get("amendment", ""),
        repealed=bool(data.get("repealed", False)),
        verified=bool(data.get("verified", True)),
        source=data.get("source", ""),
        penalties=tuple(penalty_from_dict(item) for item in data.get("penalties", [])),
        editorial_variants=tuple(variant_from_dict(item) for item in data.get("editorial_variants", [])),
    )


def provision_to_dict(provision: Provision) -> dict[str, Any]:
    return {
        "id": provision.id,
        "article": provision.article,
        "title": provision.title,
        "paragraph_titles": {str(key): value for key, value in sorted(provision.paragraph_titles.items())},
        "replaced_by": provision.replaced_by,
        "replaces": provision.replaces,
        "versions": [version_to_dict(version) for version in provision.versions],
    }


def provision_from_dict(data: dict[str, Any], law: str) -> Provision:
    return Provision(
        id=data["id"],
        law=law,
        article=data["article"],
        title=data.get("title", ""),
        paragraph_titles={int(key): value for key, value in (data.get("paragraph_titles") or {}).items()},
        versions=tuple(version_from_dict(item) for item in data.get("versions", [])),
        replaced_by=data.get("replaced_by"),
        replaces=data.get("replaces"),
    )


def law_from_dict(data: dict[str, Any]) -> Law:
    """A law from its data file (extra keys such as ``amendments`` are ignored)."""
    pcode = data["pcode"]
    return Law(
        pcode=pcode,
        name=data["name"],
        url=data.get("url", ""),
        nature=data.get("nature", "法律"),
        history=data.get("history", ""),
        current_to=_date(data.get("current_to")),
        provisions=tuple(provision_from_dict(item, pcode) for item in data.get("provisions", [])),
    )


def law_to_dict(law: Law, **extra: Any) -> dict[str, Any]:
    """A law as written to its data file; ``extra`` (e.g. amendments) goes before the provisions."""
    return {
        "pcode": law.pcode,
        "name": law.name,
        "url": law.url,
        "nature": law.nature,
        "current_to": _iso(law.current_to),
        "history": law.history,
        **extra,
        "provisions": [provision_to_dict(provision) for provision in law.provisions],
    }
