"""The CIVIL path: 民法第184、186、197條, 國家賠償法第2、8條, 個人資料保護法第28、31條."""

from __future__ import annotations

from statutes.engine.disciplinary.case import Builder, Case, years_after
from statutes.engine.disciplinary.citations import CIVIL_CODE, PERSONAL_DATA_ACT, STATE_COMPENSATION_ACT, source_of
from statutes.engine.facts import Conduct, InformationKind, Intent, RespondentCategory
from statutes.engine.result import Deadline, DisciplinaryPath, PathKind

CIVIL_TITLE = "民事責任／國家賠償"

PUBLIC_OFFICIAL_CATEGORIES = frozenset(
    {
        RespondentCategory.CIVIL_SERVANT,
        RespondentCategory.POLITICAL_APPOINTEE,
        RespondentCategory.CONTRACT_EMPLOYEE,
        RespondentCategory.FORMER_CIVIL_SERVANT,
        RespondentCategory.ACTIVE_MILITARY,
    }
)


# ---------------------------------------------------------------------------------------------
# CIVIL: 民法、國家賠償法、個人資料保護法


def civil_path(case: Case) -> DisciplinaryPath:
    builder = Builder()
    facts = case.facts
    harm = facts.harm.third_party_harm
    if harm is None:
        builder.need("harm.third_party_harm")
        applicable: bool | None = None
        builder.reasons.append("第三人權利是否受損害尚未查明：有損害者，始生侵權行為或國家賠償責任。")
    elif harm:
        applicable = True
    else:
        builder.reasons.append("第三人權利未受損害：無侵權行為損害賠償或國家賠償問題（政府自身之損害另行審酌）。")
        return builder.build(PathKind.CIVIL, CIVIL_TITLE, False)
    official = facts.respondent.category in PUBLIC_OFFICIAL_CATEGORIES and case.act_during_service() is not False
    if official:
        _official_liability(case, builder)
        _state_compensation(case, builder)
    else:
        _private_liability(case, builder)
    _personal_data(case, builder)
    _tort_limitation(case, builder)
    return builder.build(PathKind.CIVIL, CIVIL_TITLE, applicable)


def _official_liability(case: Case, builder: Builder) -> None:
    """民法第186條: 故意 → liable; 過失 → only if the victim cannot be compensated otherwise."""
    article = source_of(case.catalogue, CIVIL_CODE, "186", case.act_end)
    intent = case.facts.act.intent
    builder.reasons.append(f"公務員個人責任：{article.quote(1)}。")
    if intent is Intent.INTENTIONAL:
        builder.reasons.append(
            "本件出於故意：被害人得逕向公務員請求賠償（第186條第1項前段），與國家賠償擇一或併行請求。"
        )
    elif intent is Intent.NEGLIGENT:
        builder.reasons.append(
            "本件出於過失：公務員僅於被害人不能依他項方法（如國家賠償）受賠償時始負責任（第186條第1項後段）。"
        )
    else:
        builder.need("act.intent")
        builder.reasons.append("故意或過失尚未查明：故意者公務員直接負責；過失者僅負補充責任（第186條第1項）。")
    builder.reasons.append(f"被害人怠於依法律上救濟方法除去損害者，公務員不負賠償責任（{article.cite(2)}）。")
    if case.facts.respondent.category is RespondentCategory.CONTRACT_EMPLOYEE:
        builder.warnings.append(
            "約聘僱人員是否屬民法第186條之公務員，實務見解不一；如不屬之，依民法第184條負責。其屬國家賠償法第2條第1項"
            "「依法令從事於公務之人員」則無疑義。"
        )


def _state_compensation(case: Case, builder: Builder) -> None:
    """國家賠償法第2條 (and 求償 for 故意或重大過失) with 第8條's periods."""
    on = case.act_end
    article = source_of(case.catalogue, STATE_COMPENSATION_ACT, "2", on)
    periods = source_of(case.catalogue, STATE_COMPENSATION_ACT, "8", case.evaluation_date)
    facts = case.facts
    builder.reasons.append(
        f"國家賠償：{article.quote(2)}（公務員之定義見{article.cite(1)}：「{article.clause(1)}」）。"
    )
    duty = facts.act.known_through_duty
    if duty is None:
        builder.need("act.known_through_duty")
        builder.reasons.append("是否於執行職務行使公權力時（或怠於執行職務）所致，尚未查明；此為國家賠償之要件。")
    elif duty:
        builder.reasons.append(
            "資訊係因職務知悉或持有：其洩漏或保管疏失，得構成執行職務行使公權力時之不法侵害或怠於執行職務。"
        )
    else:
        builder.reasons.append(
            "資訊非因職務知悉或持有：難認係執行職務行使公權力所致，國家賠償恐不成立，被害人應依民法請求。"
        )
    builder.reasons.append(f"賠償義務機關之求償權：{article.quote(3)}。")
    intent = facts.act.intent
    if intent is Intent.INTENTIONAL:
        builder.options.append(f"機關賠償後得向被調查人求償（故意，{article.cite(3)}）。")
    elif intent is Intent.NEGLIGENT:
        builder.options.append(f"機關賠償後僅於被調查人有重大過失時得求償（{article.cite(3)}）；請認定過失程度。")
    else:
        builder.need("act.intent")
        builder.options.append(f"機關得否求償，取決於故意或重大過失（{article.cite(3)}），尚未查明。")
    builder.steps.append("國家賠償應先以書面向賠償義務機關請求並協議（國家賠償法第10、11條，未收錄於法規目錄）。")
    estimate = years_after(case.act_end, 5)
    builder.deadlines.extend(
        [
            Deadline(
                label="國家賠償請求權：自請求權人知有損害時起二年（知悉日未查明，無從計算）",
                due=None,
                basis=periods.cite(1),
            ),
            Deadline(
                label=(
                    "國家賠償請求權：自損害發生時起五年（損害發生日未查明；"
                    f"如以行為終了日{case.act_end.isoformat()}計，至{estimate.isoformat()}）"
                ),
                due=None,
                basis=periods.cite(1),
            ),
            Deadline(
                label="機關求償權：自支付賠償金或回復原狀之日起二年（尚未支付，無從計算）",
                due=None,
                basis=periods.cite(2),
            ),
        ]
    )


def _private_liability(case: Case, builder: Builder) -> None:
    """民法第184條 for non-officials (and acts outside service); 國家賠償法第4條 if entrusted with public authority."""
    article = source_of(case.catalogue, CIVIL_CODE, "184", case.act_end)
    facts = case.facts
    if facts.respondent.category in PUBLIC_OFFICIAL_CATEGORIES:
        builder.reasons.append("行為不在任職期間，非以公務員身分為之：依一般侵權行為規定負責。")
    else:
        builder.reasons.append("被調查人非公務員，不適用民法第186條，依一般侵權行為規定負責。")
    builder.reasons.append(f"{article.quote(1)}；{article.quote(2)}。")
    delegated = facts.respondent.public_authority_delegated
    if facts.respondent.category is not RespondentCategory.NON_CIVIL_SERVANT:
        return
    if delegated is None:
        builder.need("respondent.public_authority_delegated")
        builder.reasons.append(
            "是否受委託行使公權力尚未查明：受委託行使公權力之個人於執行職務行使公權力時，視同委託機關之公務員，"
            "被害人得請求國家賠償（國家賠償法第4條，未收錄於法規目錄）。"
        )
    elif delegated:
        builder.reasons.append(
            "受委託行使公權力：執行職務行使公權力時視同委託機關之公務員，委託機關負國家賠償責任，"
            "受委託人有故意或重大過失時，機關對之有求償權（國家賠償法第4條，未收錄於法規目錄）。"
        )
    else:
        builder.reasons.append(
            "未受委託行使公權力：不生國家賠償問題；其僱用人另依民法第188條負連帶責任（未收錄於法規目錄）。"
        )


def _personal_data(case: Case, builder: Builder) -> None:
    """個人資料保護法第28、31條 (公務機關), 第29條 (非公務機關), 第4條 (受託者), 第12條 (通知當事人)."""
    facts = case.facts
    if not (
        InformationKind.PERSONAL_DATA in facts.information.kinds or Conduct.MISUSE_PERSONAL_DATA in facts.act.conducts
    ):
        return
    twenty_eight = source_of(case.catalogue, PERSONAL_DATA_ACT, "28", case.act_end)
    thirty_one = source_of(case.catalogue, PERSONAL_DATA_ACT, "31", case.act_end)
    builder.reasons.append(
        f"個人資料外洩之機關責任：公務機關違反個人資料保護法，致個人資料遭不法蒐集、處理、利用或其他侵害當事人權利者，"
        f"負損害賠償責任，但損害因天災、事變或其他不可抗力所致者不在此限；被害人不易或不能證明實際損害額時，"
        f"得請求每人每一事件新臺幣五百元以上二萬元以下，同一原因事實合計最高新臺幣二億元（{twenty_eight.cite()}）。"
    )
    builder.reasons.append(
        f"損害賠償除依個人資料保護法規定外，公務機關適用國家賠償法，非公務機關適用民法（{thirty_one.cite()}）；"
        "請求權自知有損害及賠償義務人時起二年、自損害發生時起五年不行使而消滅（同法第30條，未收錄於法規目錄）。"
    )
    if facts.respondent.category is RespondentCategory.NON_CIVIL_SERVANT:
        builder.reasons.append(
            "受公務機關委託蒐集、處理或利用個人資料者，於該法適用範圍內視同委託機關（同法第4條，未收錄於法規目錄）；"
            "受託廠商自身另依同法第29條負非公務機關之賠償責任。"
        )
    builder.steps.append(
        "個人資料被竊取、洩漏者，機關應查明後以適當方式通知當事人，內容包括被侵害之事實及已採取之因應措施"
        "（個人資料保護法第12條、同法施行細則第22條，未收錄於法規目錄）。"
    )
    builder.deadlines.append(
        Deadline(
            label="個人資料損害賠償請求權：知有損害及賠償義務人時起二年、損害發生時起五年（起算日未查明，無從計算）",
            due=None,
            basis="個人資料保護法第30條〔本條未收錄於法規目錄，未引原文，請查明〕",
        )
    )


def _tort_limitation(case: Case, builder: Builder) -> None:
    """民法第197條: two years from knowledge; ten years from the act."""
    article = source_of(case.catalogue, CIVIL_CODE, "197", case.act_end)
    ten = years_after(case.act_end, 10)
    builder.reasons.append(f"對行為人個人之請求權時效：{article.quote(1)}。")
    builder.deadlines.append(
        Deadline(
            label="侵權行為損害賠償請求權：自請求權人知有損害及賠償義務人時起二年（知悉日未查明，無從計算）",
            due=None,
            basis=article.cite(1),
        )
    )
    builder.deadlines.append(
        Deadline(
            label="侵權行為損害賠償請求權：自有侵權行為時起十年（以行為終了日計；較早之個別行為自各該行為時起算）",
            due=ten,
            basis=article.cite(1),
            passed=case.evaluation_date > ten,
        )
    )
