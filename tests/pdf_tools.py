"""Reading the PDFs Chromium prints, with poppler's command-line tools."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


def pdf_of(page, tmp_path: Path, name: str) -> Path:
    """Print the page as Chromium does for Ctrl+P on A4 (background graphics off)."""
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), format="A4")
    return path


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool


def pdf_fonts(path: Path) -> list[PdfFont]:
    """The fonts `pdffonts` lists, read by the column widths of its dashed header line."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    spans = [match.span() for match in re.finditer(r"-+", lines[1])]
    fonts = []
    for line in lines[2:]:
        cells = [line[start:end + 1].strip() for start, end in spans]
        fonts.append(PdfFont(name=cells[0], type=cells[1], embedded=cells[3] == "yes"))
    return fonts
