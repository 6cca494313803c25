"""The statute browser: laws → articles → version history, diffs, in-force view, search."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

from core.clock import taipei_today
from provisions import queries
from provisions.forms import InForceDateForm, StatuteSearchForm
from statutes.catalogue.describe import describe_penalty
from statutes.catalogue.model import cite_article
from statutes.catalogue.serialization import penalty_from_dict
from statutes.catalogue.textdiff import char_diff

bp = Blueprint("provisions", __name__, url_prefix="/statutes")


@bp.app_template_filter("cite")
def cite(article: str) -> str:
    return cite_article(article)


@bp.app_template_filter("penalty_text")
def penalty_text(penalty: dict) -> str:
    return describe_penalty(penalty_from_dict(penalty))


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    form = StatuteSearchForm(request.args)
    status, results, article_hit, searched = 200, [], None, False
    if request.args and not form.validate():
        status = 400
    elif form.q.data and form.q.data.strip():
        searched = True
        day = form.on.data or taipei_today()
        article_hit = queries.lookup_article(form.q.data, day)
        if article_hit is None:
            results = queries.search_text(form.q.data.strip())
    return render_template(
        "provisions/index.html",
        form=form,
        laws=queries.all_laws(),
        article_hit=article_hit,
        results=results,
        searched=searched,
        day=form.on.data or taipei_today(),
    ), status


@bp.get("/<pcode>")
@login_required
def law(pcode: str) -> tuple[str, int]:
    statute = queries.get_law(pcode)
    if statute is None:
        abort(404)
    form = InForceDateForm(request.args)
    status = 200
    if request.args and not form.validate():
        status = 400
    day = form.on.data or taipei_today()
    rows = [(provision, queries.version_on(provision, day)) for provision in queries.provisions_of(pcode)]
    show_all = request.args.get("all") == "1"
    if not show_all:
        rows = [(provision, version) for provision, version in rows if version is not None]
    return render_template("provisions/law.html", law=statute, rows=rows, form=form, day=day, show_all=show_all), status


@bp.get("/provision/<path:provision_id>")
@login_required
def provision(provision_id: str) -> str:
    item = queries.get_provision(provision_id)
    if item is None:
        abort(404)
    return render_template(
        "provisions/provision.html",
        provision=item,
        replaced_by=queries.get_provision(item.replaced_by) if item.replaced_by else None,
        replaces=queries.get_provision(item.replaces) if item.replaces else None,
        today=taipei_today(),
    )


@bp.get("/diff/<path:provision_id>")
@login_required
def diff(provision_id: str) -> str | Response:
    item = queries.get_provision(provision_id)
    if item is None:
        abort(404)
    versions = {str(version.id): version for version in item.versions}
    old = versions.get(request.args.get("a", ""))
    new = versions.get(request.args.get("b", ""))
    if old is None or new is None:
        if len(item.versions) < 2:
            return redirect(url_for("provisions.provision", provision_id=provision_id))
        old, new = item.versions[-2], item.versions[-1]
    if old.effective_from > new.effective_from:
        old, new = new, old
    return render_template(
        "provisions/diff.html", provision=item, old=old, new=new, segments=char_diff(old.text, new.text)
    )
