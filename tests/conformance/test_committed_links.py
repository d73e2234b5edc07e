"""Every link in the committed pages (reports, rule book, scoreboard) leads somewhere."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    p
    for pattern in ("reports/*/*.md", "reports/*/*.html")
    for p in ROOT.glob(pattern)
    if p.parent.name != "bench"  # the benchmark report is the lead's, with its own tests
)


def links(text: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', text) + re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_lead_somewhere(page):
    text = page.read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', text))
    broken = []
    for link in links(text):
        if re.match(r"[a-z]+:", link):  # http(s), mailto: not checked offline
            continue
        target, _, anchor = link.partition("#")
        if target and not (page.parent / target).exists():
            broken.append(link)
        elif not target and anchor not in anchors:
            broken.append(link)
    assert not broken, f"{page.relative_to(ROOT)}: {len(broken)} broken links, e.g. {broken[:5]}"
