"""The classroom's pages in a real browser (headless Chromium driven by Selenium; issue 15, §5).

A teacher creates a session, two students join from their own browsers and
play a match to the end, the dashboard shows both, the export downloads; on
the sandbox, moving the transparency control changes G', the thresholds and
the ranking. The browser is Debian's `chromium` with `chromium-driver`
(Selenium is pointed at /usr/bin/chromedriver, so it downloads nothing).
Without them these tests skip, except under CI (CI=true), where they must
run. REGIMELAB_SCREENSHOTS=DIR saves the README's screenshots there.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from classroom_server import Server

from regimelab import Regime
from regimelab.explanation import explain_regime

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
MISSING = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
if MISSING and os.environ.get("CI") != "true":
    pytest.skip(f"no browser ({', '.join(MISSING)} missing): apt-get install chromium chromium-driver "
                "to run the browser tests", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 30  # seconds: a shared CI machine may be slow, a page that never updates still fails


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("classroom") / "class.sqlite").start()
    yield running
    running.stop()


@pytest.fixture
def browsers(tmp_path):
    opened = []

    def open_browser(width=1400, height=1000):
        options = Options()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         f"--window-size={width},{height}"):
            options.add_argument(argument)
        downloads = tmp_path / f"downloads{len(opened)}"
        downloads.mkdir()
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        driver.downloads = downloads
        opened.append(driver)
        return driver

    yield open_browser
    for driver in opened:
        driver.quit()


def wait_for(driver, condition, message):
    # The page redraws its numbers on every answer: an element found just before a redraw goes stale.
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: condition(d), message)


def text(driver, element_id):
    for _ in range(20):  # an element read during a redraw is stale: read the new one
        try:
            return driver.find_element(By.ID, element_id).text
        except StaleElementReferenceException:
            time.sleep(0.05)
    return driver.find_element(By.ID, element_id).text


def screenshot(driver, name):
    folder = os.environ.get("REGIMELAB_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / name))


def test_a_class_plays_a_session_in_real_browsers(server, browsers):
    teacher = browsers()
    teacher.get(f"{server.base}/teacher?token={server.token}")
    wait_for(teacher, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#preset option")) > 1, "presets load")
    Select(teacher.find_element(By.ID, "horizon")).select_by_value("turns")
    for field, value in (("horizon-value", "3"), ("transparency", "0.8"), ("fine", "2")):
        box = teacher.find_element(By.ID, field)
        box.clear()
        box.send_keys(value)
    Select(teacher.find_element(By.ID, "mode")).select_by_value("student")
    teacher.find_element(By.ID, "create").click()
    code = wait_for(teacher, lambda d: text(d, "join-code"), "the join code shows")

    students = {}
    for nickname in ("Ada", "Bo"):
        page = browsers(500, 900)
        page.get(f"{server.base}/")
        page.find_element(By.ID, "code").send_keys(code.lower())
        page.find_element(By.ID, "nickname").send_keys(nickname)
        page.find_element(By.ID, "join-button").click()
        students[nickname] = page
    for page in students.values():
        wait_for(page, lambda d: d.find_element(By.ID, "comply").is_displayed(), "the partner arrives (live)")
        assert "Round 1 of 3" in text(page, "status")

    plan = {"Ada": "CDC", "Bo": "CCD"}
    for round_index in range(3):
        for nickname, page in students.items():
            button = "comply" if plan[nickname][round_index] == "C" else "defect"
            wait_for(page, lambda d: d.find_element(By.ID, button).is_displayed(), f"{nickname} may move")
            page.find_element(By.ID, button).click()
            wait_for(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#history tbody tr")) > round_index
                     or "Waiting for your partner" in text(d, "status"), f"{nickname}'s move is in")
    for nickname, page in students.items():
        wait_for(page, lambda d: "over" in text(d, "status"), f"{nickname} sees the end")
        score = text(page, "score")
        assert "over 3 rounds" in score and f"Your partner was {'Bo' if nickname == 'Ada' else 'Ada'}" in score
        rows = page.find_elements(By.CSS_SELECTOR, "#history tbody tr")
        assert len(rows) == 3
        assert "their signal" in page.find_element(By.CSS_SELECTOR, "#history thead").text  # p < 1: signals only
    screenshot(students["Ada"], "classroom-student.png")

    wait_for(teacher, lambda d: "Ada" in text(d, "students") and "Bo" in text(d, "students")
             and text(d, "students").count("finished") == 2, "the dashboard shows both, finished")
    wait_for(teacher, lambda d: "the class" in text(d, "regimes"), "the class against the strategies")
    screenshot(teacher, "classroom-dashboard.png")
    teacher.find_element(By.ID, "export-moves-csv").click()
    downloaded = teacher.downloads / f"regimelab-classroom-{code}-moves.csv"
    wait_for(teacher, lambda d: downloaded.exists() and downloaded.stat().st_size > 0, "the export downloads")
    lines = downloaded.read_text().splitlines()
    assert lines[0].startswith("session,play_round,regime,match,round,player") and len(lines) == 1 + 3 * 2


def _snapshot(driver):
    game = [text(driver, f"g-{k}") for k in "RSTP"]
    thresholds = [text(driver, f"t-{k}") for k in ("shadow", "transparency", "fine", "fine_supergame")]
    return game, thresholds, text(driver, "ranking")


def _engine_numbers(regime):
    """G' and the thresholds as the page shows them (three decimals), from the engine."""
    data = explain_regime(regime)
    game = [f"{data['game']['expected'][k]:.3f}" for k in "RSTP"]
    return game, [f"{data['thresholds'][k]:.3f}" for k in ("shadow", "transparency", "fine", "fine_supergame")]


def _move_slider(driver, element_id, key, times):
    slider = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].focus()", slider)  # a click would move the thumb to where it lands
    for _ in range(times):
        slider.send_keys(key)


def test_the_sandbox_answers_the_transparency_control(server, browsers):
    page = browsers()
    page.get(f"{server.base}/sandbox?token={server.token}")
    wait_for(page, lambda d: d.find_elements(By.ID, "g-R") and "Tit For Tat" in text(d, "ranking"), "first numbers")
    _move_slider(page, "fine", Keys.ARROW_RIGHT, 30)  # F = 3
    wait_for(page, lambda d: text(d, "fine-value") == "3", "the fine is set")
    with_fine = _engine_numbers(Regime(shadow=0.9, transparency=1, fine=3))
    wait_for(page, lambda d: _snapshot(d)[:2] == with_fine, "G' and the thresholds are the engine's for F = 3")
    before = _snapshot(page)
    started = time.monotonic()
    _move_slider(page, "transparency", Keys.ARROW_LEFT, 40)  # p = 0.6
    assert text(page, "transparency-value") == "0.6"
    expected = _engine_numbers(Regime(shadow=0.9, transparency=0.6, fine=3))
    wait_for(page, lambda d: _snapshot(d)[:2] == expected, "G' and the thresholds are the engine's for p = 0.6")
    elapsed = time.monotonic() - started
    after = _snapshot(page)
    assert after[0] != before[0] and after[1] != before[1] and after[2] != before[2]
    page.find_element(By.ID, "baseline").click()
    wait_for(page, lambda d: "(" in text(d, "g-P"), "the change against the null regime shows")
    screenshot(page, "classroom-sandbox.png")
    print(f"sandbox answered a transparency change in {elapsed:.2f} s")
