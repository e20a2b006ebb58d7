"""Debian's Chromium driven by Playwright, plus debugging artifacts when a browser test fails.

Playwright's own browser download is impossible here, so the test uses the distribution's
Chromium (``make browser-deps`` installs it) through ``executable_path``.

Example:
    >>> CHROMIUM_FLAGS[0]
    '--headless'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path(os.environ.get("EVENTSET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Wide enough for Label Studio's three columns (tasks, labeling area, side panels) side by side.
VIEWPORT = {"width": 1500, "height": 900}
INSTALL_HINT = "`make browser-deps` installs it (apt-get install chromium)"


def require_chromium() -> Path:
    """The Chromium executable, or a test failure (never a skip) saying how to install it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium was not found at {CHROMIUM}; {INSTALL_HINT}", pytrace=False)
    return CHROMIUM


@contextmanager
def chromium_page(user_data_dir: Path) -> Iterator[Page]:
    """A page in a fresh headless Chromium profile stored in ``user_data_dir`` (must be new)."""
    executable = require_chromium()
    user_data_dir.mkdir(parents=True, exist_ok=False)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(user_data_dir),
            executable_path=str(executable),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            viewport=VIEWPORT,  # type: ignore[arg-type]
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            yield page
        finally:
            context.close()


def save_debug_artifacts(page: Page, directory: Path) -> list[Path]:
    """Save a screenshot and the HTML of ``page`` into ``directory``; returns what was written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    screenshot = directory / "failure-screenshot.png"
    html = directory / "failure-page.html"
    try:
        page.screenshot(path=str(screenshot), full_page=True)
        written.append(screenshot)
    except Exception as exc:  # a crashed page must not hide the original failure
        print(f"could not take a failure screenshot: {exc}")
    try:
        html.write_text(page.content(), encoding="utf-8")
        written.append(html)
    except Exception as exc:
        print(f"could not save the failure HTML: {exc}")
    return written


@contextmanager
def artifacts_on_failure(page: Page, directory: Path) -> Iterator[None]:
    """On any failure inside the block, save a screenshot + HTML and name them in the error."""
    try:
        yield
    except BaseException as exc:
        written = save_debug_artifacts(page, directory)
        where = ", ".join(str(path) for path in written) or "nothing could be saved"
        print(f"browser test failed; page state saved to: {where}")
        exc.add_note(f"browser page state at the failure: {where} (URL {page.url})")
        raise
