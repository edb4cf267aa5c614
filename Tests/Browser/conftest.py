"""Fixtures of the browser tests: a headless Chromium, the demo school's people, sign-in."""
import csv
import os
import re
import sqlite3

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ["BASE_URL"]
ARTIFACTS = os.environ["ARTIFACTS"]
NEW_PASSWORD = "Browser-Test-2026"


class Browser:
    """A Chromium window with helpers for the journal's pages."""

    def __init__(self, driver, name):
        self.driver = driver
        self.name = name
        self.shots = 0

    def open(self, path):
        self.driver.get(BASE_URL + path)
        return self

    def shot(self, label):
        self.shots += 1
        path = os.path.join(ARTIFACTS, f"{self.name}-{self.shots:02d}-{label}.png")
        self.driver.save_screenshot(path)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, selector, timeout=10):
        return WebDriverWait(self.driver, timeout).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def wait_until(self, condition, timeout=10):
        return WebDriverWait(self.driver, timeout).until(lambda driver: condition())

    def submit(self, selector):
        """Clicks a submit button and waits for the next page to load. The old page is known
        by a mark set on its window (chromedriver's staleness check can fail mid-navigation)."""
        self.driver.execute_script("window.sjBeforeSubmit = true")
        self.find(selector).click()

        def next_page_loaded(driver):
            try:
                return driver.execute_script(
                    "return !window.sjBeforeSubmit && document.readyState === 'complete'")
            except WebDriverException:
                return False

        WebDriverWait(self.driver, 15).until(next_page_loaded)
        self.wait_for("main")

    @property
    def text(self):
        return self.find("main").text

    def sign_in(self, person):
        """Signs in through the form; a first sign-in chooses a new password, as it must."""
        self.open("/login")
        self.shot("login")
        for password in (person["password"], NEW_PASSWORD):
            self.wait_for("input[name=login]").clear()
            self.find("input[name=login]").send_keys(person["login"])
            self.find("input[name=password]").send_keys(password)
            self.submit("form button[type=submit]")
            if "/login" not in self.driver.current_url:
                break
        if "/password" in self.driver.current_url:
            self.shot("forced-password-change")
            self.find("input[name=current]").send_keys(person["password"])
            self.find("input[name=new]").send_keys(NEW_PASSWORD)
            self.find("input[name=repeat]").send_keys(NEW_PASSWORD)
            self.submit("form.form button[type=submit]")
        assert "/login" not in self.driver.current_url and "/password" not in self.driver.current_url, self.text
        self.shot("home")
        return self


def make_driver(width, height):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={max(width, 500)},{height}", "--lang=ru-RU"):
        options.add_argument(argument)
    if width < 500:
        # Headless Chromium's windows are at least 500 pixels wide: a phone is emulated.
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0}})
    options.add_experimental_option("prefs", {"intl.accept_languages": "ru-RU,ru"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture
def browser(request):
    drivers = []

    def open_browser(name, width=1280, height=900):
        driver = make_driver(width, height)
        drivers.append(driver)
        return Browser(driver, f"{request.node.name}-{name}")

    yield open_browser
    for driver in drivers:
        driver.quit()


class School:
    """The demo school's people, found in its database and its credentials file."""

    def __init__(self):
        self.people = {row["login"]: row for row in csv.DictReader(open(os.environ["CREDENTIALS"], encoding="utf-8"))}
        self.db = sqlite3.connect(os.environ["DATABASE"])

    def person(self, login):
        return dict(self.people[login])

    def with_role(self, role):
        return [row for row in self.people.values() if role in row["roles"].split(";")]

    def login_of(self, account_column, owner_id):
        login = self.db.execute(f"SELECT login FROM account WHERE {account_column} = ?", (owner_id,)).fetchone()[0]
        return self.person(login)

    def teaching_case(self):
        """A teacher, one of their whole-class math groups in grade 5–9, a student of it, the
        student's parent and another parent of another class."""
        row = self.db.execute("""
            SELECT a.id, a.teacherID, c.id, c.grade || c.letter FROM teachingAssignment a
            JOIN teachingGroup g ON g.id = a.groupID JOIN schoolClass c ON c.id = g.classID
            JOIN subject s ON s.id = a.subjectID
            WHERE g.kind = 'class' AND c.grade BETWEEN 5 AND 9 AND s.name = 'Математика'
            ORDER BY c.grade, c.letter LIMIT 1""").fetchone()
        assignment, teacher, class_id, class_name = row
        student, last_name, first_name = self.db.execute("""
            SELECT s.id, s.lastName, s.firstName FROM student s
            WHERE s.classID = ? AND EXISTS (SELECT 1 FROM studentRepresentative r WHERE r.studentID = s.id)
            ORDER BY s.lastName, s.firstName LIMIT 1""", (class_id,)).fetchone()
        parent = self.db.execute(
            "SELECT representativeID FROM studentRepresentative WHERE studentID = ? ORDER BY id LIMIT 1",
            (student,)).fetchone()[0]
        other_parent = self.db.execute("""
            SELECT r.representativeID FROM studentRepresentative r JOIN student s ON s.id = r.studentID
            WHERE s.classID <> ? AND r.representativeID NOT IN
                (SELECT representativeID FROM studentRepresentative WHERE studentID = ?)
            ORDER BY r.id LIMIT 1""", (class_id, student)).fetchone()[0]
        return {
            "assignment": assignment, "class": class_name, "student": student,
            "student_name": f"{last_name} {first_name}",
            "teacher": self.login_of("staffID", teacher), "parent": self.login_of("representativeID", parent),
            "other_parent": self.login_of("representativeID", other_parent),
        }


@pytest.fixture(scope="session")
def school():
    return School()
