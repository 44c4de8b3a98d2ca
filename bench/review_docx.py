"""Write the Word documents a reviewer looks at, render them with LibreOffice and save page images.

Run: ``.venv/bin/python bench/review_docx.py`` (needs ``soffice`` and ``pdftoppm``).
Writes to ``bench/out/review/``: both seeds, a 40-row project, a project with
long values, a department whose Part 1 texts are empty and one whose cover title
is longer than a line, each as .docx, .pdf and one PNG per page (60 dpi), so the
pages can be read side by side with the seeds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import FIXTURE_2024, OUT, fixture_department
from perfdesk.export.docx.document import write_docx
from perfdesk.models import Department, Indicator

REVIEW = OUT / "review"

#: (一级, 二级, count) groups of the long project: 40 rows, merges that run over the page break.
LONG_GROUPS = (
    ("产出指标", "数量指标", 14),
    ("产出指标", "质量指标", 10),
    ("效益指标", "社会效益指标", 11),
    ("满意度指标", "服务对象满意度指标", 5),
)


def forty_rows() -> Department:
    """The 2024 seed's first project with 40 indicator rows."""
    dept = fixture_department(FIXTURE_2024)
    project = dept.projects[0]
    project.indicators = [
        Indicator(
            level1=l1,
            level2=l2,
            name=f"{l2[:2]}考核项目{i + 1}",
            description=f"按计划完成第{i + 1}项工作任务",
            op="≥",
            value=str(80 + i % 20),
            unit="%",
            basis="单位年度工作计划",
        )
        for l1, l2, count in LONG_GROUPS
        for i in range(count)
    ]
    dept.projects = [project]
    return dept


def long_values() -> Department:
    """A project whose cells hold long text: names, descriptions, values and bases that must wrap."""
    dept = fixture_department(FIXTURE_2024)
    project = dept.projects[1]
    for n, indicator in enumerate(project.indicators):
        indicator.name = "提高了社会对法律援助工作的知晓度和认可度" if n % 2 else indicator.name
        indicator.description = "通过开展多种形式的法治宣传活动，提高了社会对法律的认知水平和守法意识"
        indicator.basis = "《中华人民共和国法律援助法》及县委县政府年度重点工作安排"
        if n == 0:
            indicator.op, indicator.value, indicator.unit = None, "解决了群众最关心最直接最现实的法律问题", None
    dept.projects = [project]
    return dept


def empty_part_one() -> Department:
    """A department with no 总体目标, 分项目标 or 保障措施."""
    dept = fixture_department(FIXTURE_2024)
    dept.overall_goal = ""
    dept.sub_goals = []
    dept.measures = []
    dept.projects = dept.projects[:2]
    return dept


#: The Windows fonts the documents name, as this machine stands in for them: 宋体 and 仿宋 print Latin
#: letters and digits half-width (the writer's measure), so a monospaced CJK font stands in for them;
#: without this LibreOffice takes DejaVu Sans (digits 0.64 em) and long codes wrap where Word's do not.
STAND_INS = {
    "Noto Sans Mono CJK SC": ("宋体", "仿宋_GB2312", "仿宋", "楷体_GB2312", "楷体"),
    "Noto Serif CJK SC": ("方正小标宋简体",),
    "Noto Sans CJK SC": ("黑体",),
}


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{stand_in}</family></prefer></alias>'
        for stand_in, names in STAND_INS.items()
        for name in names
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        "utf-8",
    )
    return path


def long_title() -> Department:
    """A department whose name makes the cover title longer than a line."""
    dept = fixture_department(FIXTURE_2024)
    dept.name = "中国共产党巨鹿县委员会政法委员会机关"
    dept.title = None
    dept.projects = dept.projects[:1]
    return dept


def render(docx: Path) -> list[Path]:
    """The PDF and one PNG per page, next to ``docx``."""
    with tempfile.TemporaryDirectory() as profile:
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(Path(profile)))}
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env=env,
        )
    pdf = docx.with_suffix(".pdf")
    prefix = docx.with_suffix("")
    for old in docx.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(prefix)], check=True)
    return sorted(docx.parent.glob(f"{prefix.name}-*.png"))


def main() -> None:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        sys.exit("需要 LibreOffice (soffice) 和 poppler (pdftoppm)。")
    REVIEW.mkdir(parents=True, exist_ok=True)
    documents = {
        "seed-2021": fixture_department(),
        "seed-2024": fixture_department(FIXTURE_2024),
        "forty-rows": forty_rows(),
        "long-values": long_values(),
        "empty-part-one": empty_part_one(),
        "long-title": long_title(),
    }
    for name, dept in documents.items():
        pages = render(write_docx([dept], REVIEW / f"{name}.docx"))
        print(f"{name}: {len(pages)} pages, {pages[0].parent}/{name}-*.png")


if __name__ == "__main__":
    main()
