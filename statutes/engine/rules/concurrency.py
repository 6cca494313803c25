"""Concurrency: which provision governs when several cover the same conduct, and the rule that says so."""

from __future__ import annotations

from statutes.engine.rules.base import Concurrency, ConcurrencyMode

# ---------------------------------------------------------------------------------------------
# Concurrency: which provision governs the same conduct

_INTENTIONAL_CNSIPA = ("criminal.cnsipa.32", "criminal.cnsipa.33")
_NEGLIGENT_CNSIPA = ("criminal.cnsipa.32.negligent", "criminal.cnsipa.33.negligent")
_SPECIAL_CNSIPA = (
    "國家機密保護法為核定（或報請核定）國家機密之特別規定，且刑度較重，優先於刑法第132條"
    "（特別法優於普通法，中央法規標準法第16條）"
)
_CNSIPA_37 = "國家機密保護法第37條：犯本章之罪，其他法律有較重處罰之規定者，從其規定"
_CNSIPA_GOVERNS = (
    "國家機密保護法為核定國家機密之特別規定，其他法律之刑度未較重（同法第37條反面），依國家機密保護法處斷"
    "（如認屬想像競合，依刑法第55條從一重處斷，結果相同）"
)
_ONE_ACT = "刑法第55條前段：一行為而觸犯數罪名者，從一重處斷（想像競合）"

CONCURRENCY: tuple[Concurrency, ...] = (
    # Aggravated variants of the same offence.
    Concurrency(
        "concurrency.109.2-over-109.1",
        ("criminal.109.2",),
        ("criminal.109.1",),
        ConcurrencyMode.SPECIAL,
        "刑法第109條第2項（洩漏或交付於外國或其派遣之人）為同條第1項之加重規定（法規競合）",
    ),
    Concurrency(
        "concurrency.military.20.2-over-20.1",
        ("criminal.military.20.2",),
        ("criminal.military.20.1",),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第20條第2項（洩漏或交付於敵人）為同條第1項之加重規定（法規競合）",
    ),
    Concurrency(
        "concurrency.tsa.13-2-over-13-1",
        ("criminal.tsa.13-2",),
        ("criminal.tsa.13-1",),
        ConcurrencyMode.SPECIAL,
        "營業秘密法第13條之2（意圖在境外使用）為第13條之1之加重規定（法規競合）",
    ),
    # Special laws.
    Concurrency(
        "concurrency.military-76",
        ("criminal.military.20.1", "criminal.military.20.2"),
        ("criminal.109.1", "criminal.109.2"),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第76條第1項第1款「除本法另有規定外」：現役軍人洩漏或交付軍事上應秘密之消息，依同法第20條處罰",
    ),
    Concurrency(
        "concurrency.military-76.negligent",
        ("criminal.military.20.4",),
        ("criminal.110",),
        ConcurrencyMode.SPECIAL,
        "陸海空軍刑法第76條第1項第1款「除本法另有規定外」：現役軍人過失洩漏軍事機密，依同法第20條第4項處罰",
    ),
    Concurrency(
        "concurrency.cnsipa-over-132",
        _INTENTIONAL_CNSIPA,
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.SPECIAL,
        _SPECIAL_CNSIPA,
    ),
    Concurrency(
        "concurrency.cnsipa-over-132.negligent",
        _NEGLIGENT_CNSIPA,
        ("criminal.132.2",),
        ConcurrencyMode.SPECIAL,
        _SPECIAL_CNSIPA,
    ),
    Concurrency(
        "concurrency.318-over-317",
        ("criminal.318",),
        ("criminal.317",),
        ConcurrencyMode.SPECIAL,
        "刑法第318條就公務員或曾任公務員之人因職務知悉之工商秘密另有規定（法規競合）",
    ),
    Concurrency(
        "concurrency.tsa-over-317-318",
        ("criminal.tsa.13-1", "criminal.tsa.13-2"),
        ("criminal.317", "criminal.318"),
        ConcurrencyMode.SPECIAL,
        "營業秘密法第13條之1、第13條之2為侵害營業秘密之特別規定，優先於刑法第317條、第318條（法規競合）",
    ),
    Concurrency(
        "concurrency.acpa-over-131",
        ("criminal.acpa.6.1.4",),
        ("criminal.131",),
        ConcurrencyMode.SPECIAL,
        "貪污治罪條例第2條：公務員犯本條例之罪者，依本條例處斷（同條例第6條第1項第4款為刑法第131條之特別規定）",
    ),
    # 國家機密保護法第37條: another law governs only when it punishes more heavily.
    Concurrency(
        "concurrency.cnsipa-37",
        _INTENTIONAL_CNSIPA,
        ("criminal.109.1", "criminal.109.2", "criminal.military.20.1", "criminal.military.20.2", "criminal.nsa.leak"),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    Concurrency(
        "concurrency.cnsipa-37.negligent",
        _NEGLIGENT_CNSIPA,
        ("criminal.110", "criminal.military.20.4", "criminal.nsa.negligent"),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    Concurrency(
        "concurrency.cnsipa-37.collect",
        ("criminal.cnsipa.34",),
        ("criminal.nsa.collect",),
        ConcurrencyMode.HEAVIER,
        _CNSIPA_GOVERNS,
        _CNSIPA_37,
    ),
    # One act, several offences: the heavier governs.
    Concurrency(
        "concurrency.one-act.defence-nsa",
        ("criminal.109.1", "criminal.109.2", "criminal.military.20.1", "criminal.military.20.2"),
        ("criminal.nsa.leak",),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.132-nsa",
        ("criminal.nsa.leak",),
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.negligent-nsa",
        ("criminal.110", "criminal.132.2", "criminal.military.20.4"),
        ("criminal.nsa.negligent",),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
    Concurrency(
        "concurrency.one-act.pdpa-132",
        ("criminal.pdpa.41", "criminal.pdpa.42", "criminal.pdpa1995.34"),
        ("criminal.132.1", "criminal.132.3"),
        ConcurrencyMode.HEAVIER,
        _ONE_ACT,
        _ONE_ACT,
    ),
)
