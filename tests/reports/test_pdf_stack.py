"""The system pieces case-file PDFs need: Pango for WeasyPrint and a
Traditional Chinese font (installed by ./run and ./test)."""

from __future__ import annotations

import io
import subprocess

from pypdf import PdfReader
from weasyprint import HTML


def test_a_traditional_chinese_font_is_installed():
    family = subprocess.run(
        ["fc-match", "-f", "%{family}", "sans-serif:lang=zh-tw"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK TC" in family


def test_weasyprint_renders_chinese_text_that_can_be_extracted():
    html = (
        '<html lang="zh-Hant-TW"><body style="font-family: \'Noto Sans CJK TC\'">洩密案件卷宗 民國115年</body></html>'
    )
    pdf = HTML(string=html).write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "洩密案件卷宗" in text and "民國115年" in text
