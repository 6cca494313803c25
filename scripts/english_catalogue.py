"""Extract every user-facing message and write the English catalogue.

``python scripts/english_catalogue.py`` rewrites translations/messages.pot and
translations/en/LC_MESSAGES/messages.po from the table below. It fails when a
message has no English text, so a new string cannot ship untranslated.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
# gettext, lazy_gettext (as _l) and N_ (marks constants in pure modules).
KEYWORDS = ("_l", "lazy_gettext", "N_")


def extract_messages(target: Path) -> None:
    """Run pybabel extract over the project (Python and templates) into ``target``."""
    keyword_args = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "babel.cfg",
            *keyword_args,
            "--no-location",
            "--sort-output",
            "-o",
            str(target),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


ENGLISH = {
    "%(name)s，您好。今天是 %(today)s。": "Hello, %(name)s. Today is %(today)s.",
    "上傳的資料超過 %(mb)d MB 的上限，沒有儲存任何資料。": "The upload exceeds the %(mb)d MB limit; nothing was saved.",
    "不支援的操作": "Operation not supported",
    "不支援的語言。": "Unsupported language.",
    "不能停用自己的帳號。": "You cannot disable your own account.",
    "不能變更自己的角色或停用自己的帳號，請由其他系統管理者處理。": (
        "You cannot change your own roles or disable your own account; ask another administrator."
    ),
    "不能變更自己的角色，請由其他系統管理者處理。": "You cannot change your own roles; ask another administrator.",
    "主管": "Supervisor",
    "主選單": "Main menu",
    "介面語言": "Interface language",
    "使用者": "User",
    "來源位址": "Client address",
    "保密案件管理系統": "Confidential Case Management",
    "修改帳號": "Edit account",
    "修改帳號 %(username)s": "Edit account %(username)s",
    "個人設定": "My settings",
    "停用": "Disabled",
    "儲存": "Save",
    "儲存語言": "Save language",
    "內容": "Details",
    "兩次輸入的密碼不一致。": "The two passwords do not match.",
    "兩次輸入的新密碼不一致。": "The two new passwords do not match.",
    "再次輸入初始密碼": "Repeat initial password",
    "再次輸入新密碼": "Repeat new password",
    "切換語言": "Change language",
    "初始密碼": "Initial password",
    "動作": "Action",
    "參考編號": "Reference",
    "取消": "Cancel",
    "唯讀查閱本機關的案件與稽核紀錄。": "Reads the agency's cases and audit log (read-only).",
    "啟用": "Enabled",
    "單位": "Unit",
    "單位不屬於此機關。": "The unit does not belong to this agency.",
    "回首頁": "Back to the home page",
    "姓名": "Name",
    "密碼": "Password",
    "密碼不可包含帳號名稱。": "The password must not contain the username.",
    "密碼前後不可有空白。": "The password must not begin or end with a space.",
    "密碼已變更；其他裝置上的登入狀態已失效。": "Password changed; sessions on other devices have been signed out.",
    "密碼最多 %(max)d 個字元。": "The password may have at most %(max)d characters.",
    "密碼至少需要 %(min)d 個字元（目前 %(count)d 個）。": (
        "The password needs at least %(min)d characters (it has %(count)d)."
    ),
    "審核承辦人提出的建議，核可或退回。": "Reviews officers' recommendations and approves or returns them.",
    "對象": "Object",
    "已建立帳號 %(username)s。": "Account %(username)s created.",
    "已更新帳號 %(username)s。": "Account %(username)s updated.",
    "帳號": "Username",
    "帳號 %(username)s 已被使用。": "The username %(username)s is already taken.",
    "帳號啟用中": "Account enabled",
    "帳號或密碼錯誤，請再試一次。": "Wrong username or password. Please try again.",
    "帳號管理": "Accounts",
    "帳號須為 3 至 64 個英文小寫字母、數字或 . _ -，並以字母或數字開頭。": (
        "Usernames have 3 to 64 lower-case letters, digits or . _ - and start with a letter or digit."
    ),
    "建立帳號": "Account created",
    "建立日期": "Created",
    "您已登出。": "You have signed out.",
    "您已閒置超過 %(minutes)d 分鐘，為保護資料已自動登出，請重新登入。": (
        "You were idle for more than %(minutes)d minutes and have been signed out to protect the data. "
        "Please sign in again."
    ),
    "您的角色": "Your roles",
    "您的角色不能使用這個頁面。如需此權限，請洽系統管理者。": (
        "Your role cannot use this page. Ask an administrator if you need access."
    ),
    "找不到您要的頁面或資料，可能網址有誤，或您沒有查閱權限。": (
        "The page or record was not found. The address may be wrong, or you may not have access."
    ),
    "找不到頁面": "Not found",
    "承辦人": "Officer",
    "新增帳號": "New account",
    "新密碼": "New password",
    "新密碼不可與目前的密碼相同。": "The new password must differ from the current one.",
    "時間": "Time",
    "本機關的使用者帳號": "User accounts of this agency",
    "本機關的操作紀錄（新到舊）": "Activity in this agency (newest first)",
    "本系統資料屬機密，存取均留有紀錄。": "The data in this system is confidential; every access is logged.",
    "機關代碼 %(code)s 已被使用。": "The agency code %(code)s is already in use.",
    "機關代碼須為 2 至 6 個英文大寫字母。": "Agency codes have 2 to 6 capital letters.",
    "機關名稱 %(name)s 已存在。": "An agency named %(name)s already exists.",
    "機關：%(agency)s": "Agency: %(agency)s",
    "檔案太大": "File too large",
    "沒有權限": "Forbidden",
    "狀態": "Status",
    "留空表示不變更。重設後該使用者的所有登入狀態都會失效。": (
        "Leave empty to keep the password. A reset signs the user out everywhere."
    ),
    "登入": "Sign in",
    "登入失敗": "Sign-in failed",
    "登入失敗次數過多，已暫時鎖定。請於 %(time)s 後再試（約 %(minutes)d 分鐘）。": (
        "Too many failed sign-ins; temporarily locked. Try again after %(time)s (about %(minutes)d minutes)."
    ),
    "登入成功": "Signed in",
    "登出": "Sign out",
    "登錄洩密案件、調查並提出法律適用建議。": "Records leak cases, investigates and proposes the applicable law.",
    "目前沒有紀錄。": "No entries yet.",
    "目前的密碼": "Current password",
    "目前的密碼不正確。": "The current password is wrong.",
    "稽核": "Auditor",
    "稽核紀錄": "Audit log",
    "管理本機關的使用者帳號與角色；不查閱案件內容。": (
        "Manages the agency's user accounts and roles; does not read case contents."
    ),
    "系統暫時無法連線資料庫，您這次的操作沒有儲存。請稍後再試；若持續發生，請將參考編號告知系統管理者。": (
        "The database cannot be reached right now; nothing was saved. Please try again later, and give the "
        "reference to an administrator if it persists."
    ),
    "系統發生未預期的錯誤，您這次的操作沒有儲存。請將參考編號告知系統管理者。": (
        "An unexpected error occurred; nothing was saved. Please give the reference to an administrator."
    ),
    "系統發生錯誤": "Internal error",
    "系統管理者": "Administrator",
    "至少 12 個字元。請以安全管道交給使用者，並請其登入後變更。": (
        "At least 12 characters. Hand it over securely and ask the user to change it after signing in."
    ),
    "至少 12 個字元，可使用中英文、數字、符號或空格組成的句子。": (
        "At least 12 characters; a sentence of words, digits, symbols or spaces works well."
    ),
    "英文小寫字母、數字或 . _ -，3 至 64 個字元。": "Lower-case letters, digits or . _ -, 3 to 64 characters.",
    "表單安全驗證失敗": "Form security check failed",
    "表單安全驗證碼無效或已逾時，資料尚未儲存，請再送出一次。": (
        "The form's security token is invalid or expired; nothing was saved. Please submit again."
    ),
    "角色": "Roles",
    "請先登入。": "Please sign in first.",
    "請再次輸入密碼。": "Please repeat the password.",
    "請再次輸入新密碼。": "Please repeat the new password.",
    "請至少選擇一個角色。": "Choose at least one role.",
    "請輸入初始密碼。": "Enter an initial password.",
    "請輸入姓名。": "Enter a name.",
    "請輸入密碼。": "Enter your password.",
    "請輸入帳號。": "Enter your username.",
    "請輸入新密碼。": "Enter a new password.",
    "請輸入機關名稱。": "Enter the agency's name.",
    "請輸入目前的密碼。": "Enter your current password.",
    "變更密碼": "Change password",
    "資料有誤，請依各欄位下方的說明修正後再送出。": "Some entries need correcting; see the notes under each field.",
    "資料庫暫時無法連線": "Database unavailable",
    "跳到主要內容": "Skip to main content",
    "較早的紀錄": "Older entries",
    "這份表單缺少有效的安全驗證碼（可能已逾時或從其他網站送出），因此沒有儲存任何資料。請回上一頁重新整理後再送出。": (
        "This form has no valid security token (it may have expired or come from another site), so nothing "
        "was saved. Go back, reload the page and submit again."
    ),
    "這個密碼太常見或太容易猜到，請換一個。": "This password is too common or easy to guess; choose another.",
    "這個網址不接受此種操作。": "This address does not accept this operation.",
    "重設密碼": "Reset password",
    "鎖定期間嘗試登入": "Sign-in attempt while locked",
    "閒置逾時登出": "Signed out after idle timeout",
    "首頁": "Home",
    "1 至 14": "1 to 14",
    "一般人": "Member of the public",
    "一般公務機密": "General official secret",
    "不能追究": "Barred",
    "不適用": "Not applicable",
    "主觀犯意": "Intent",
    "交付": "Delivery",
    "他人工商秘密": "Another's commercial or industrial secret",
    "依目前事實，沒有可建議的條文。": "On the facts so far, no provision can be suggested.",
    "個人資料": "Personal data",
    "判斷理由（規則 %(id)s）": "Reasoning (rule %(id)s)",
    "利用秘密消息圖利": "Profiting from secret information",
    "到職日": "Service start",
    "刺探或收集": "Spying or collecting",
    "可能適用之條文": "Provisions that may apply",
    "可行": "Open",
    "否": "No",
    "告訴乃論之罪的告訴": "Complaint (offences prosecuted only on complaint)",
    "告訴權人知悉犯人之日": "Day the complainant learned who the offender is",
    "嘉獎": "Commendation",
    "國家機密等級": "Classification level",
    "國防秘密": "Defence secret",
    "報請核定中之國家機密": "Information pending classification",
    "外國或其派遣之人": "Foreign state or its agent",
    "外洩之資訊": "Information leaked",
    "大陸地區、香港、澳門、境外敵對勢力或其派遣之人": "Mainland China, Hong Kong, Macao, a foreign hostile force or their agent",
    "委任": "Elementary rank (委任)",
    "媒體": "Media",
    "官等": "Rank class",
    "封緘信函": "Sealed letter",
    "尚未查明": "Not yet established",
    "尚無或不明": "None yet or unknown",
    "尚無法計算": "cannot be computed yet",
    "尚缺事實": "Facts still missing",
    "已屆滿": "expired",
    "常任公務人員（依法任用）": "Career civil servant (appointed under law)",
    "廠商": "Vendor",
    "建議結果": "Suggestions",
    "待查明": "Open question",
    "待查明事項": "Open questions",
    "排除": "Displaced",
    "排除依據": "Displaced by",
    "採購底價或招標資料": "Procurement estimate or tender information",
    "提出告訴之日": "Day the complaint was filed",
    "收受者": "Recipient",
    "收受者與損害": "Recipient and harm",
    "政務人員": "Political appointee",
    "故意": "Intentional",
    "敵人（現役軍人）": "Enemy (active military)",
    "是": "Yes",
    "是否假借職務上之權力、機會或方法": "Public authority, opportunity or means of office abused?",
    "是否因職務或業務知悉或持有": "Known or held through duties or business?",
    "是否已提出告訴": "Complaint filed?",
    "是否意圖在外國、大陸地區、香港或澳門使用": "Intended for use abroad, in Mainland China, Hong Kong or Macao?",
    "是否收受賄賂或其他不正利益": "Bribe or other improper benefit received?",
    "是否致政府遭受重大損害": "Serious damage to the government?",
    "本考績年度已有之獎懲": "Awards and penalties already recorded this performance year",
    "核定之國家機密": "Classified national security information",
    "核定日期": "Date decided",
    "極機密": "Secret",
    "機密": "Confidential",
    "次數": "Times",
    "次數須為 1 至 10。": "Times must be 1 to 10.",
    "步驟": "Step",
    "注意": "Note",
    "洩漏": "Disclosure",
    "涉及資通安全事件": "A cyber security incident is involved",
    "營業秘密": "Trade secret",
    "獎懲": "Award or penalty",
    "現役軍人": "Active military",
    "產生建議": "Suggest",
    "申誡": "Reprimand",
    "留空為今天": "empty for today",
    "留空為評估基準日": "empty for the evaluation date",
    "知悉資安事件之時間": "Time the incident became known",
    "第三人權利是否受有損害": "Harm to third parties?",
    "簡任": "Senior rank (簡任)",
    "約聘僱人員": "Contract employee",
    "絕對機密": "Top Secret",
    "繼續行為的最後一日；單一日的行為可留空": "Last day of a continuing act; empty for a single-day act",
    "缺少有效的 CSRF 權杖（請於 X-CSRFToken 標頭送出頁面上的權杖）。": "No valid CSRF token (send the page's token in the X-CSRFToken header).",
    "職等": "Grade",
    "職等須為 1 至 14。": "The grade must be 1 to 14.",
    "薦任": "Junior rank (薦任)",
    "處理途徑": "Disciplinary paths",
    "行為": "Act",
    "行為後修正：": "Amended after the act: ",
    "行為態樣": "Conduct",
    "行為終了日": "Act end",
    "行為終了日不可早於行為開始日。": "The act cannot end before it starts.",
    "行為開始日": "Act start",
    "被調查人": "Respondent",
    "記功": "Merit",
    "記大功": "Major merit",
    "記大過": "Major demerit",
    "記過": "Demerit",
    "評估": "Evaluation",
    "評估基準日": "Evaluation date",
    "評估基準日 %(day)s；行為終了日 %(act)s；引擎版本 %(version)s。": "Evaluated on %(day)s; act ended %(act)s; engine version %(version)s.",
    "請以 application/json 送出事實文件。": "Send the facts document as application/json.",
    "請輸入行為開始日。": "Enter the day the act started.",
    "警示": "Warning",
    "資訊種類": "Kind of information",
    "身分類別": "Category",
    "軍事上應秘密之消息（現役軍人）": "Military secret (active military)",
    "輸入一名被調查人的行為事實，系統依行為時法律列出可能適用的條文與處理途徑。本頁不儲存任何資料；不確定的事實請選「尚未查明」。": "Enter one respondent's conduct; the system lists the provisions that may apply under the law in force at the act, and the disciplinary paths. Nothing on this page is saved; choose “not yet established” for facts you are unsure of.",
    "退休或離職公務員": "Retired or former civil servant",
    "退休或離職日": "Retirement or departure",
    "通報資安事件之時間": "Time the incident was notified",
    "過失": "Negligent",
    "適用": "Applies",
    "適用建議": "Suggestions",
    "適用版本：%(start)s 起施行": "Version applied: in force from %(start)s",
    "選項": "Option",
    "遺失或毀損": "Loss or damage",
    "重大損害是否有確實證據": "Conclusive evidence of the serious damage?",
    "開拆或隱匿封緘信函": "Opening or hiding sealed letters",
    "非公務員（如受託廠商員工）": "Not a civil servant (e.g. a contractor's employee)",
    "非法利用或輸出個人資料": "Unlawful use or export of personal data",
    "預計移送懲戒之日": "Expected referral for discipline",
    "（不明）": "(unknown)",
    "（廠商）是否為外國或大陸地區廠商": "(Vendor) foreign or mainland vendor?",
    "（無）": "(none)",
    "（非公務員）是否受委託行使公權力": "(Non-civil servant) public authority delegated?",
    "（非核定機密或不明）": "(not classified, or unknown)",
    "%(date)s 起施行的版本": "Version in force from %(date)s",
    "%(day)s 適用的版本：%(start)s 起施行": "Version applying on %(day)s: in force from %(start)s",
    "今日適用": "Applies today",
    "以下為 %(day)s 適用的條文。": "Articles applying on %(day)s.",
    "來源": "Source",
    "例：115/11/23、民國115年11月23日或 2026-11-23；留空為今天": "e.g. 115/11/23, 民國115年11月23日 or 2026-11-23; empty for today",
    "例：「刑法 132」「國家安全法第5條之1」，或條文中的字詞如「底價」": "e.g. 「刑法 132」, 「國家安全法第5條之1」, or words in the text such as 「底價」",
    "全國法規資料庫原文網址": "Official text in the Laws & Regulations Database",
    "公布日期：%(date)s": "Promulgated: %(date)s",
    "刑度": "Penalties",
    "列出所有收錄條文（含已刪除或改列條號者）": "List every article held (including repealed or renumbered ones)",
    "刪除的文字以刪除線標示，新增的文字以底線標示。": "Removed text is struck through; added text is underlined.",
    "只列 %(day)s 適用的條文": "Only articles applying on %(day)s",
    "含「%(q)s」的條文（%(n)d 筆）": "Articles containing 「%(q)s」 (%(n)d)",
    "尚未載入法規資料，請執行 flask --app app statutes load。": "No statutes loaded yet; run flask --app app statutes load.",
    "收錄條文數": "Articles held",
    "施行期間": "In force",
    "未經核對": "Unverified",
    "本條承接修正前的": "This article continues the former",
    "本條號已不再使用，內容改列於": "This number is no longer used; the rule is now",
    "查詢": "Search",
    "條文": "Text",
    "條文主旨": "Subject",
    "條文比較": "Compare versions",
    "條號": "Article",
    "條號或關鍵字": "Article or keyword",
    "比較舊版": "Older version",
    "沒有符合的條文。": "No matching articles.",
    "法規": "Law",
    "法規一覽": "Laws",
    "法規代碼": "Code",
    "法規代碼 %(pcode)s；資料核對至 %(date)s。": "Code %(pcode)s; checked against official data of %(date)s.",
    "法規名稱": "Name",
    "法規查詢": "Statutes",
    "版本沿革（共 %(n)d 版）": "Version history (%(n)d versions)",
    "現行": "current",
    "當日不適用（尚未施行、已刪除或已改列條號）": "Not applicable on that day (not yet in force, repealed or renumbered)",
    "當日施行期間": "In force (version of that day)",
    "第 %(n)d 項": "Paragraph %(n)d",
    "至 %(end)s 止": "until %(end)s",
    "與新版": "Newer version",
    "請輸入 100 字以內。": "Enter at most 100 characters.",
    "資料庫曾顯示的其他文字（編修，非修法）：%(n)d 則": "Other wordings shown by the database (editorial, not amendments): %(n)d",
    "資料核對至": "Checked to",
    "起施行": "in force from",
    "逐字比較": "Compare",
    "這一天沒有收錄的條文在施行中。": "None of the articles held was in force on that day.",
    "適用日期": "Date",
    "需連外網路": "needs an outside connection",
    "顯示當日適用條文": "Show articles in force",
    "，至 %(end)s 止": ", until %(end)s",
    "例：115/11/23、民國115年11月23日或 2026-11-23": "e.g. 115/11/23, 民國115年11月23日 or 2026-11-23",
    "年份超出可接受的範圍。": "The year is out of range.",
    "日必須介於 1 至 {last_day}。": "The day must be between 1 and {last_day}.",
    "日期必須在民國元年（1912年）以後。": "The date must be in 1912 (ROC year 1) or later.",
    "日期格式無法辨識，請輸入如 115/11/23 或 民國115年11月23日。": (
        "Unrecognised date; enter it like 115/11/23, 民國115年11月23日 or 2026-11-23."
    ),
    "月份必須介於 1 至 12。": "The month must be between 1 and 12.",
    "民國{roc_year}年{month}月只有{last_day}日。": "Month {month} of ROC year {roc_year} has only {last_day} days.",
    "民國年份不可超過 999，請確認是否誤填西元年。": (
        "ROC years go up to 999; did you type a Western (AD) year after 民國?"
    ),
    "民國年份必須大於 0。": "The ROC year must be greater than 0.",
    "篩選": "Filter",
    "請輸入日期。": "Enter a date.",
    "起日": "From",
    "迄日": "To",
    "迄日不可早於起日。": "The end date cannot be before the start date.",
    "（未指定）": "(none)",
}


def main() -> int:
    root = ROOT / "translations"
    extract_messages(root / "messages.pot")
    with (root / "messages.pot").open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    missing = [message.id for message in catalogue if message.id and message.id not in ENGLISH]
    if missing:
        print("沒有英文翻譯 / no English for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    catalogue.fuzzy = False
    for message in catalogue:
        if message.id:
            message.string = ENGLISH[message.id]
    target = root / "en" / "LC_MESSAGES" / "messages.po"
    with target.open("wb") as handle:
        write_po(handle, catalogue, omit_header=False, sort_output=True, width=120)
    print(f"wrote {target} ({len(ENGLISH)} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
