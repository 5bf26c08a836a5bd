"""Run axe-core, the accessibility rules engine, in the page a browser test has open.

axe-core is vendored under ``tests/vendor/axe-core/`` by ``scripts/vendor_assets.sh``
(pinned npm package, MPL-2.0): the test injects it with ``execute_script``, so the app
never serves it. Only the WCAG 2.0 and 2.1 rules of levels A and AA run, the level the
RGAA requires.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

AXE_SCRIPT = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Seconds axe may take on a page (the map page has thousands of SVG paths).
AXE_TIMEOUT = 120

_RUN = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
   .then((result) => done(result.violations.map((rule) => ({
        id: rule.id, impact: rule.impact, help: rule.help,
        nodes: rule.nodes.map((node) => ({target: node.target.join(' '),
                                          html: node.html.slice(0, 300),
                                          summary: node.failureSummary}))}))))
   .catch((error) => done([{id: 'axe-error', impact: 'critical', help: String(error),
                            nodes: []}]));
"""


@cache
def _source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(driver: WebDriver) -> list[dict]:
    """Return the WCAG 2.x A/AA violations axe finds in what the page shows now.

    Each item has the rule ``id``, its ``impact``, ``help`` text and the failing
    ``nodes`` (CSS ``target``, start of the ``html``, ``summary`` of what to fix).
    axe checks only rendered content: hidden pages and closed panels are not audited.
    """
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(_source())
    driver.set_script_timeout(AXE_TIMEOUT)
    return driver.execute_async_script(_RUN, list(WCAG_TAGS))


def describe(violations: list[dict]) -> str:
    """Say what failed, rule by rule and node by node, for an assertion message."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} [{rule['impact']}] {rule['help']}")
        lines += [f"    {node['target']}: {node['html']}\n      {node['summary']}"
                  for node in rule["nodes"]]
    return "\n".join(lines)
