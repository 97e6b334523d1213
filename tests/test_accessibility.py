"""axe-core in headless Chromium on the built site: no serious or critical violation on the main kinds
of page, in light and dark, at desktop and phone widths.

axe-core comes from the npm registry, pinned with its integrity hash in tests/axe/package-lock.json
(`make browser-deps` runs `npm ci` there). It is injected into each page; nothing is fetched."""
from __future__ import annotations

from pathlib import Path

import pytest
from needs import need

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def _pages(site: Path) -> list[str]:
    """Home, What's new, a chronology month, an actor, quotes, figures, a source and the data page."""
    def first(folder: str) -> str:
        found = sorted(p.parent.relative_to(site).as_posix() for p in (site / folder).glob("*/index.html")
                       if p.parent.name not in {"kinds", "months"})
        assert found, f"no page under {folder}/"
        return found[0] + "/"
    return ["", "whats-new/", first("chronology"), first("actors"), "quotes/", "figures/", first("sources"), "data/"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    need(AXE.is_file(), f"{AXE} is missing (make browser-deps runs npm ci in tests/axe)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_or_critical_axe_violation(browser, site_server, built_site, axe_source, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  service_workers="block")
    found: list[str] = []
    foreign: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((site_server, "data:")) else None)
        for path in _pages(built_site.site):
            page.goto(site_server + path, wait_until="load")
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected, path
            page.add_script_tag(content=axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for violation in result["violations"]:
                if violation["impact"] in SERIOUS:
                    targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                    found.append(f"/{path} ({width}px, {scheme}): {violation['id']} [{violation['impact']}] "
                                 f"{len(violation['nodes'])} node(s), e.g. {targets}: {violation['help']}")
    finally:
        context.close()
    assert not found, "\n".join(found)
    assert not foreign, f"requests left the local server: {foreign}"
