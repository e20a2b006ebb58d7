"""Label Studio 1.23's labeling page as a person uses it: mouse selections, clicks, the side panels.

Selectors are roles, ARIA labels, visible text and Label Studio's stable ``lsf-``/``htx-`` class
names (never the hashed CSS-module classes). Spans are selected by dragging the mouse over the
exact range of the text node, measured in the page with a DOM ``Range``.

Example:
    >>> utf16_offset("„vóór” 🚀 x", 9)
    10
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

TEXT_LINE = ".lsf-richtext__line"
HIGHLIGHT = ".htx-highlight"
UI_TIMEOUT_MS = 20_000
SAVED_NOTICE = "Annotation saved successfully"
_ACTIVE = re.compile(r"(^|\s)__active(\s|$)")  # class of the selected region's highlight

# Client rectangles of the text between two UTF-16 offsets of the rendered text, which Label
# Studio may have split into several text nodes around existing highlights.
_RANGE_RECTS_JS = """([selector, start, end]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, node, started = false;
  while ((node = walker.nextNode())) {
    const next = seen + node.data.length;
    if (!started && start < next) { range.setStart(node, start - seen); started = true; }
    if (started && end <= next) { range.setEnd(node, end - seen); break; }
    seen = next;
  }
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {text: range.toString(), x0: first.left, y0: first.top + first.height / 2,
          x1: last.right, y1: last.top + last.height / 2};
}"""


def utf16_offset(text: str, index: int) -> int:
    """The DOM (UTF-16) offset of code point ``index`` in ``text``."""
    return len(text[:index].encode("utf-16-le")) // 2


class LabelingPage:
    """One browser page on a Label Studio server at ``base_url``."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        page.set_default_timeout(UI_TIMEOUT_MS)
        # Label Studio renders in a second or two, but a shared CI machine can be much slower.
        expect.set_options(timeout=UI_TIMEOUT_MS)

    def log_in(self, email: str, password: str) -> None:
        """Fill and send the login form; waits until Label Studio leaves the login page."""
        self.page.goto(f"{self.base_url}/user/login/")
        self.page.locator("input[name=email]").fill(email)
        self.page.locator("input[name=password]").fill(password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url(lambda url: "/user/login" not in url)

    def open_task(self, project_id: int, task_id: int, expected_text: str) -> None:
        """Open the labeling view of one task and wait until its text is rendered."""
        self.page.goto(f"{self.base_url}/projects/{project_id}/data?task={task_id}")
        expect(self.page.locator(TEXT_LINE).first).to_contain_text(expected_text[:40])

    def label_span(self, label: str, text: str, start: int, end: int) -> Locator:
        """Pick ``label`` in the label bar, then drag over ``text[start:end]``; returns the region.

        ``start``/``end`` are code-point offsets; the new highlight must carry exactly them.
        """
        self.page.locator(".lsf-label__text", has_text=_exactly(label)).click()
        self.drag_over(text, start, end)
        region = self.region(label, start, end)
        expect(region).to_have_text(text[start:end])
        return region

    def drag_over(self, text: str, start: int, end: int) -> None:
        """Press the mouse just inside the first character and release just inside the last."""
        box = self.page.evaluate(
            _RANGE_RECTS_JS, [TEXT_LINE, utf16_offset(text, start), utf16_offset(text, end)]
        )
        assert box["text"] == text[start:end], f"measured {box['text']!r} in the page"
        mouse = self.page.mouse
        mouse.move(box["x0"] + 1, box["y0"])
        mouse.down()
        mouse.move((box["x0"] + box["x1"]) / 2, (box["y0"] + box["y1"]) / 2, steps=4)
        mouse.move(box["x1"] - 1, box["y1"], steps=4)
        mouse.up()

    def region(self, label: str, start: int, end: int) -> Locator:
        """The highlight of the region labelled ``label`` at these code-point offsets."""
        selector = f'{HIGHLIGHT}[data-label$=":{label}"][data-start="{start}"][data-end="{end}"]'
        return self.page.locator(selector)

    def select_region(self, region: Locator) -> None:
        """Click a highlight unless it is already selected (a second click would unselect it)."""
        if not _ACTIVE.search(region.get_attribute("class") or ""):
            region.click()
        expect(region).to_have_class(_ACTIVE)
        expect(self.page.get_by_role("button", name="Create Relation")).to_be_visible()

    def tick_choice(self, value: str) -> None:
        """Tick a per-region choice (shown only while a trigger region is selected)."""
        checkbox = self.page.locator(f'input[name="{value}"]')
        self.page.locator("label.lsf-choice__checkbox").filter(has=checkbox).click()
        expect(checkbox).to_be_checked()

    def create_relation(self, source: Locator, target: Locator) -> None:
        """Select ``source``, press "Create Relation" in the Info panel, then click ``target``."""
        self.show_relations()  # relation rows exist in the DOM only while this tab is open
        before = self._relation_count()
        self.select_region(source)
        self.page.get_by_role("button", name="Create Relation").click()
        target.click()
        expect(self.page.locator(".lsf-relations__item")).to_have_count(before + 1)

    def show_relations(self) -> None:
        """Switch the lower side panel to its Relations tab."""
        self.page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()

    def label_relation(self, target_label: str, role: str) -> None:
        """Give the relation that ends at the ``target_label`` region the label ``role``."""
        self.show_relations()
        item = self.page.locator(".lsf-relations__item").filter(has_text=target_label)
        expect(item).to_have_count(1)
        item.hover()  # the relation's action buttons only appear on hover
        meta = item.locator(".lsf-relation-meta")
        if not meta.is_visible():  # open already when the role is being corrected
            item.get_by_role("button", name="Show Relation Labels").click()
        meta.get_by_role("button").click()
        self.page.get_by_role("option", name=role, exact=True).click()
        self.page.keyboard.press("Escape")  # close the role popup if picking left it open
        expect(item.locator(".lsf-relation-meta")).to_contain_text(role)

    def expect_relation_role(self, target_label: str, role: str) -> None:
        """The relation that ends at the ``target_label`` region shows ``role`` and no other."""
        item = self.page.locator(".lsf-relations__item").filter(has_text=target_label)
        expect(item.locator(".lsf-relation-meta")).to_have_text(_exactly(role))

    def submit(self) -> None:
        """Submit the annotation and wait until Label Studio confirms it was saved."""
        self.page.get_by_role("button", name="Submit current annotation").click()
        expect(self.page.get_by_text(SAVED_NOTICE, exact=True)).to_be_visible()

    def dismiss_notifications(self) -> None:
        """Move the mouse off the text and wait for the save notice to go (for a clean shot)."""
        self.page.mouse.move(5, self.page.viewport_size["height"] - 5)  # type: ignore[index]
        expect(self.page.get_by_text(SAVED_NOTICE, exact=True)).to_be_hidden()

    def _relation_count(self) -> int:
        return self.page.locator(".lsf-relations__item").count()


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")
