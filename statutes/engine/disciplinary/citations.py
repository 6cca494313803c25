"""Shared citation helpers: the laws' codes, the versions in force, and how an article is cited and quoted.

Every citation names the version used (「〔2020-07-17起施行之版本〕」) from the catalogue; texts the
catalogue marks unverified say so, and provisions it lacks are cited by number only, never quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from statutes.catalogue.lookup import Catalogue
from statutes.catalogue.model import ProvisionVersion, cite_article
from statutes.catalogue.paragraphs import legal_paragraphs

DISCIPLINE_ACT = "A0030155"  # 公務員懲戒法
APPRAISAL_ACT = "S0040001"  # 公務人員考績法
APPRAISAL_RULES = "S0040002"  # 公務人員考績法施行細則
PROTECTION_ACT = "S0120001"  # 公務人員保障法
CIVIL_CODE = "B0000001"  # 民法
STATE_COMPENSATION_ACT = "I0020004"  # 國家賠償法
PERSONAL_DATA_ACT = "I0050021"  # 個人資料保護法
CYBER_SECURITY_ACT = "A0030297"  # 資通安全管理法
CYBER_INCIDENT_REGULATIONS = "A0030305"  # 資通安全事件通報及應變辦法
CYBER_AWARD_PENALTY_RULES = "A0030308"  # 公務機關所屬人員資通安全事項獎懲辦法 (not in the catalogue so far)

DISCIPLINE_ACT_2015_IN_FORCE = date(2016, 5, 2)  # 2015-05-20 全文修正, 司法院令定自105年5月2日施行
DISCIPLINE_ACT_2020_IN_FORCE = date(2020, 7, 17)  # 2020-06-10 全文修正, 司法院令定自109年7月17日施行

CHINESE_DIGITS = "一二三四五六七八九十"


# ---------------------------------------------------------------------------------------------
# Citations


@dataclass(frozen=True)
class Source:
    """One article as the catalogue has it on a day (or does not): cites and quotes it."""

    law_name: str
    article: str
    on: date
    version: ProvisionVersion | None
    in_catalogue: bool  # False: the law itself is not in the catalogue

    def cite(self, paragraph: int | None = None, subparagraph: int | None = None, item: int | None = None) -> str:
        """「公務員懲戒法第20條第1項〔2020-07-17起施行之版本〕」, marking unverified or missing texts."""
        where = cite_article(self.article)
        if paragraph is not None:
            where += f"第{paragraph}項"
        if subparagraph is not None:
            where += f"第{subparagraph}款"
        if item is not None:
            where += f"第{item}目"
        return f"{self.law_name}{where}{self.version_note}"

    @property
    def version_note(self) -> str:
        if not self.in_catalogue:
            return "〔本法規未收錄於法規目錄，未引原文，請查明〕"
        if self.version is None:
            return f"〔法規目錄未收錄{self.on.isoformat()}適用之條文，未引原文，請查明〕"
        note = f"〔{self.version.effective_from.isoformat()}起施行之版本"
        if not self.version.verified:
            note += "；條文文字未經查證（出自種子文件或二手資料）"
        return note + "〕"

    def clause(self, paragraph: int | None = None, subparagraph: int | None = None, item: int | None = None) -> str:
        """The text of the article, paragraph (項), subparagraph (款) or item (目); empty when not available."""
        if self.version is None:
            return ""
        paragraphs = legal_paragraphs(self.version.text)
        if paragraph is None and subparagraph is None:
            return self.version.text
        if paragraph is None:  # 「第3款」 of an article with one paragraph (or an elided one)
            candidates = [line for p in paragraphs for number, line in p.subparagraphs if number == subparagraph]
            text = candidates[0] if candidates else ""
        elif not 1 <= paragraph <= len(paragraphs):
            return ""
        elif subparagraph is None:
            found = paragraphs[paragraph - 1]
            return "\n".join([found.text, *(line for _, line in found.subparagraphs)])
        else:
            found = paragraphs[paragraph - 1]
            text = next((line for number, line in found.subparagraphs if number == subparagraph), "")
        if item is None or not text:
            return text
        marker = f"（{CHINESE_DIGITS[item - 1]}）"
        return next((line for line in text.split("\n") if line.startswith(marker)), "")

    def quote(self, paragraph: int | None = None, subparagraph: int | None = None, item: int | None = None) -> str:
        """「citation：「text」」, or the citation alone when the text is not in the catalogue."""
        text = _inline(self.clause(paragraph, subparagraph, item))
        return (
            f"{self.cite(paragraph, subparagraph, item)}：「{text}」"
            if text
            else self.cite(paragraph, subparagraph, item)
        )

    def paragraph_with(self, words: str) -> int | None:
        """The number of the first paragraph containing ``words`` (paragraph numbers move between versions)."""
        if self.version is None:
            return None
        for paragraph in legal_paragraphs(self.version.text):
            if words in paragraph.text or any(words in line for _, line in paragraph.subparagraphs):
                return paragraph.number
        return None


def _inline(text: str) -> str:
    """Lines run together for quoting; a line without closing punctuation gets 「；」 (e.g. 「1、違法」)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "".join(
        line if index == len(lines) - 1 or line.endswith(("。", "：", "；", "，", "、")) else line + "；"
        for index, line in enumerate(lines)
    )


LAW_NAMES = {
    DISCIPLINE_ACT: "公務員懲戒法",
    APPRAISAL_ACT: "公務人員考績法",
    APPRAISAL_RULES: "公務人員考績法施行細則",
    PROTECTION_ACT: "公務人員保障法",
    CIVIL_CODE: "民法",
    STATE_COMPENSATION_ACT: "國家賠償法",
    PERSONAL_DATA_ACT: "個人資料保護法",
    CYBER_SECURITY_ACT: "資通安全管理法",
    CYBER_INCIDENT_REGULATIONS: "資通安全事件通報及應變辦法",
    CYBER_AWARD_PENALTY_RULES: "公務機關所屬人員資通安全事項獎懲辦法",
    "S0020038": "公務員服務法",
}


def source_of(catalogue: Catalogue, pcode: str, article: str, on: date) -> Source:
    law = catalogue.laws.get(pcode)
    name = law.name if law is not None else LAW_NAMES[pcode]
    hit = catalogue.in_force(pcode, article, on) if law is not None else None
    return Source(name, article, on, hit[1] if hit else None, law is not None)


def _source_by_id(catalogue: Catalogue, provision_id: str, on: date) -> Source:
    """For a renumbered article (e.g. 公務員服務法第4條 before 2022, ``S0020038:4@1939``)."""
    provision = catalogue.provision(provision_id)
    law = catalogue.laws[provision.law]
    return Source(law.name, provision.article, on, provision.version_on(on), True)
