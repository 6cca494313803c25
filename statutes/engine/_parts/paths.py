"""The criminal path: 移送檢調或廉政署偵辦, with its reasons, steps and deadlines."""

from __future__ import annotations

from dataclasses import replace

from statutes.engine._parts.draft import STATUS_LABELS, unique_nonempty
from statutes.engine.facts import Facts, RespondentCategory
from statutes.engine.result import DisciplinaryPath, PathKind, Status, Suggestion
from statutes.engine.rules import SUPPORT_RULES

ANTI_CORRUPTION_RULES = frozenset({"criminal.131", "criminal.acpa.4.1.5", "criminal.acpa.6.1.4", "criminal.acpa.6.1.5"})
SECURITY_LAWS = frozenset({"A0030028", "I0060003", "F0120001"})
SUPPORT_IDS = frozenset(rule.id for rule in SUPPORT_RULES)


def criminal_path(facts: Facts, suggestions: list[Suggestion], warnings: list[str]) -> DisciplinaryPath:
    offences = [s for s in suggestions if s.rule_id not in SUPPORT_IDS]
    live = [s for s in offences if s.status in (Status.APPLIED, Status.ALTERNATIVE)]
    applied = [s for s in live if s.status is Status.APPLIED]
    applicable: bool | None = True if applied else (None if live else False)
    reasons = tuple(
        f"{s.law_name}{s.citation}（{s.title}）：{STATUS_LABELS[s.status]}——{s.reason}" for s in offences
    ) or ("依目前事實，無可建議之刑事條文",)
    steps: list[str] = []
    if live:
        steps.append(
            "公務員因執行職務知有犯罪嫌疑者，應為告發（刑事訴訟法第241條，未收錄於目錄）："
            "檢具事證移送管轄地方檢察署偵辦，或經政風機構陳報法務部廉政署"
        )
        if any(s.rule_id in ANTI_CORRUPTION_RULES for s in live):
            steps.append("涉及貪瀆（貪污治罪條例、刑法第131條）：移請法務部廉政署偵辦")
        if any(s.act_version and s.act_version.provision_id.split(":")[0] in SECURITY_LAWS for s in live) or any(
            s.rule_id.startswith("criminal.109") for s in live
        ):
            steps.append(
                "涉及國家安全、國家機密或國防秘密：通報法務部調查局（或國防部所屬權責機關）並依保密規定處理卷證"
            )
        if facts.respondent.category is RespondentCategory.ACTIVE_MILITARY:
            steps.append("現役軍人非戰時犯罪，依軍事審判法由司法機關追訴審判（軍事審判法未收錄於目錄，請核對）")
        if any(any(d.label == "告訴期間屆滿" for d in s.deadlines) for s in live):
            steps.append("告訴乃論之罪：通知得為告訴之人（被害人）於告訴期間內提出告訴；未經合法告訴不能追訴")
        steps.append("追訴權時效依刑法第80條計算；如已起訴、依法停止偵查或通緝，依第83條停止進行")
    elif any(s.status is Status.BARRED for s in offences):
        steps.append(
            "所涉之罪依目前事實均不能追究（追訴權時效完成、未經合法告訴或行為後之法律不罰）；"
            "如有刑法第83條停止原因或告訴情形不明，仍宜移請檢察官判斷，並將理由留存卷內"
        )
    deadlines = tuple(
        replace(deadline, label=f"{s.law_name}{s.citation}：{deadline.label}")
        for s in offences
        if s.status in (Status.APPLIED, Status.ALTERNATIVE, Status.BARRED)
        for deadline in s.deadlines
    )
    return DisciplinaryPath(
        kind=PathKind.CRIMINAL,
        title="刑事責任：移送檢調或廉政署偵辦",
        applicable=applicable,
        reasons=reasons,
        steps=tuple(steps),
        options=tuple(f"{s.law_name}{s.citation}（{s.title}）" for s in applied),
        deadlines=deadlines,
        warnings=tuple(warnings),
        missing_facts=unique_nonempty(fact for s in live for fact in s.missing_facts),
    )
