"""axe-core checks for browser tests (axe-playwright-python bundles axe-core: no download).

    from tests.browser.axe import ALL_COMBINATIONS, assert_accessible

    def test_my_pages(new_context, demo_site):
        assert_accessible(new_context, demo_site, ["/toolkit/action-plan/"], ALL_COMBINATIONS)

Each page is loaded once (with the first combination's cookie) and checked with every WCAG
2.0/2.1/2.2 A and AA rule; the other combinations are applied in place and checked with the rules
that depend on rendering (see ``check_paths``). Every failure is listed with the rule, its impact
and the offending elements, and a full-page screenshot is saved under ``test-output/browser/``.
"""

import re
from itertools import product
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from hub.core.preferences import COOKIE_NAME, DEFAULT, SCHEMES, TEXT_SIZES, DisplayPreferences

CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The WCAG A/AA rules whose outcome can change with colours, text size or spacing alone.
VISUAL_RULES = ["color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable"]
OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "browser"

# Every colour scheme at every text size (the standard display first), plus the wider spacing once.
ALL_COMBINATIONS = [DisplayPreferences(text=text, scheme=scheme) for scheme, text in product(SCHEMES, TEXT_SIZES)] + [
    DisplayPreferences(text="larger", scheme="high-contrast", spacing="wider")
]

_axe = Axe()


def preference_cookie(base_url, preferences):
    return {"name": COOKIE_NAME, "value": preferences.to_cookie(), "url": base_url, "sameSite": "Lax"}


def axe_violations(page, rules=None):
    """axe's violations on the page as it is now: every WCAG A/AA rule, or only ``rules``."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", options)


def label_for(path, preferences):
    return f"{path} [{preferences.html_classes}]"


def screenshot(page, label):
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:150] or "page"
    target = OUTPUT_DIR / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def check_current_page(page, label, rules=None):
    """Problems on the page as it is now, as readable lines (empty when axe finds nothing)."""
    problems = []
    for violation in axe_violations(page, rules):
        targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        problems.append(
            f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} "
            f"on {len(violation['nodes'])} element(s): {targets}"
        )
    if problems:
        problems.append(f"{label}: screenshot {screenshot(page, label)}")
    return problems


def apply_preferences(page, preferences):
    """Switch the page to other display classes in place, as the settings page's script does."""
    page.evaluate(
        """classes => {
            const root = document.documentElement;
            [...root.classList].filter(c => /^(text|scheme|spacing)-/.test(c)).forEach(c => root.classList.remove(c));
            root.classList.add(...classes.split(' '));
            getComputedStyle(document.body).color;  // settle styles before axe reads them
        }""",
        preferences.html_classes,
    )


def check_paths(new_context, base_url, paths, combinations=(DEFAULT,), expected_status=None):
    """Visit every path and check it in every combination; return (checks, problems).

    Each page is loaded once with the first combination in the cookie (so the server-rendered
    classes are checked too) and checked with every WCAG A/AA rule. The other combinations differ
    only in the classes on ``<html>``, so they are applied in place and checked with the rules whose
    outcome depends on rendering (VISUAL_RULES); the DOM-only rules cannot change between them.
    """
    combinations = list(combinations)
    first = combinations[0]
    checks, problems = 0, []
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([preference_cookie(base_url, first)])
    # Injected into every document as it loads: cheaper than evaluating it after each visit.
    context.add_init_script(script=_axe.axe_script)
    page = context.new_page()
    for path in paths:
        label = label_for(path, first)
        response = page.goto(base_url + path)
        status = response.status if response else None
        wanted = (expected_status or {}).get(path, 200)
        if status != wanted:
            problems.append(f"{label}: HTTP {status}, expected {wanted}")
            continue
        classes = page.evaluate("document.documentElement.className")
        if first.html_classes not in classes:
            problems.append(f"{label}: <html> has classes {classes!r}, the preference cookie was not applied")
        problems += check_current_page(page, label)
        checks += 1
        for preferences in combinations[1:]:
            apply_preferences(page, preferences)
            problems += check_current_page(page, label_for(path, preferences), VISUAL_RULES)
            checks += 1
    context.close()
    return checks, problems


def assert_accessible(new_context, base_url, paths, combinations=(DEFAULT,), expected_status=None):
    """Zero axe violations (WCAG 2.0/2.1/2.2 A and AA rules) on every path in every combination."""
    checks, problems = check_paths(new_context, base_url, paths, combinations, expected_status)
    assert not problems, f"{len(problems)} problem(s) in {checks} page check(s):\n" + "\n".join(problems)
    return checks
