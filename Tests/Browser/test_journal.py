"""The teacher's journal grid in a real browser: marks and an absence entered with the keyboard
only, saved, seen again after a reload, and then in the family's diary on a phone."""
import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

MARKS = ["5", "4", "2"]
ABSENCE = "Н"


def lesson_columns_of_the_week(teacher):
    """The grid's columns that start a lesson, may be written and fall in the week of the
    latest lesson: (index among the columns, date dd.mm, lesson number)."""
    columns = teacher.find_all("#journal-grid thead th.col")
    latest = next(i for i, th in enumerate(columns) if th.get_attribute("data-latest") == "true")
    week_day, week_month = columns[latest].get_attribute("data-date").split(".")
    chosen = []
    for index in range(latest, -1, -1):
        th = columns[index]
        day, month = th.get_attribute("data-date").split(".")
        # The demo's latest lesson is on a Friday: the week is the five days up to it.
        if month != week_month or int(week_day) - int(day) > 4:
            break
        if "starts" in th.get_attribute("class") and "cancelled" not in th.get_attribute("class"):
            chosen.append((index, th.get_attribute("data-date"), th.find_element("css selector", ".num").text))
    return list(reversed(chosen))


def cell(teacher, student, index):
    return teacher.find_all(f"tr[data-student='{student}'] td input")[index]


def move_to(teacher, student, index, key):
    """Presses `key` until the cell `index` of the student's row has the focus."""
    target = cell(teacher, student, index)
    for _ in range(40):
        if teacher.driver.switch_to.active_element == target:
            return
        ActionChains(teacher.driver).send_keys(key).perform()
    raise AssertionError(f"{key!r} never reached column {index}")


def test_teacher_enters_marks_and_an_absence_by_keyboard_and_the_parent_sees_them_on_a_phone(browser, school):
    case = school.teaching_case()
    student = case["student"]
    teacher = browser("teacher").sign_in(case["teacher"])
    teacher.open(f"/journal/assignments/{case['assignment']}")
    teacher.wait_for("#journal-grid")
    teacher.shot("grid")
    columns = lesson_columns_of_the_week(teacher)
    assert len(columns) >= 4, f"the latest week has {len(columns)} lessons"
    columns = columns[-4:]
    typed = MARKS + [ABSENCE.lower()]

    # The first cell gets the focus as Tab would give it; from there on, only keys.
    first = cell(teacher, student, columns[0][0])
    teacher.driver.execute_script("arguments[0].focus(); arguments[0].select();", first)
    for number, ((index, _, _), text) in enumerate(zip(columns, typed)):
        if number > 0:
            # Tab into the next cell once, arrows for the rest of the way.
            move_to(teacher, student, index, Keys.TAB if number == 1 else Keys.ARROW_RIGHT)
            ActionChains(teacher.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
        ActionChains(teacher.driver).send_keys(text).perform()
    ActionChains(teacher.driver).send_keys(Keys.ENTER).perform()

    cells = [cell(teacher, student, index) for index, _, _ in columns]
    teacher.wait_until(lambda: all("saved" in c.find_element("xpath", "..").get_attribute("class") for c in cells))
    assert "failed" not in teacher.find("#grid-status").get_attribute("class"), teacher.find("#grid-status").text
    teacher.shot("saved")

    teacher.driver.refresh()
    teacher.wait_for("#journal-grid")
    teacher.shot("reloaded")
    values = [cell(teacher, student, index).get_attribute("value") for index, _, _ in columns]
    assert values == MARKS + [ABSENCE], values
    absent = cell(teacher, student, columns[3][0]).find_element("xpath", "..")
    assert "absent" in absent.get_attribute("class")

    # A value that is neither a mark nor a code is refused in Russian and saves nothing; Esc
    # brings the saved value back.
    wrong = cell(teacher, student, columns[0][0])
    teacher.driver.execute_script("arguments[0].focus(); arguments[0].select();", wrong)
    ActionChains(teacher.driver).send_keys("6").send_keys(Keys.ENTER).perform()
    teacher.wait_until(lambda: "failed" in wrong.find_element("xpath", "..").get_attribute("class"))
    status = teacher.find("#grid-status").text
    assert "«6» — не отметка и не код пропуска" in status, status
    teacher.shot("invalid-mark")
    teacher.driver.execute_script("arguments[0].focus();", wrong)
    ActionChains(teacher.driver).send_keys(Keys.ESCAPE).perform()
    assert wrong.get_attribute("value") == MARKS[0]

    # The parent, on a phone, sees the three marks with their weights and the absence.
    parent = browser("parent", width=360, height=740).sign_in(case["parent"])
    parent.open(f"/diary?student={student}&week=2026-11-16")
    parent.wait_for(".day")
    seen = {}
    for day in parent.find_all(".day"):
        heading = day.find_element("css selector", "h2").text
        for lesson in day.find_elements("css selector", ".lesson"):
            if lesson.find_element("css selector", ".subject").text != "Математика":
                continue
            number = lesson.find_element("css selector", ".num").text
            marks = [m.text for m in lesson.find_elements("css selector", ".mark")]
            absences = [a.text for a in lesson.find_elements("css selector", ".absence")]
            seen[(heading, number)] = (marks, absences)
    parent.shot("diary-week")
    for (_, date, number), value in zip(columns, MARKS + [ABSENCE]):
        day_of_month = str(int(date.split(".")[0]))
        found = [v for (heading, n), v in seen.items() if n == number and re.search(rf"\b{day_of_month}\b", heading)]
        assert found, f"no mathematics lesson {number} on {date} in the diary: {seen}"
        marks, absences = found[0]
        if value == ABSENCE:
            assert absences == [ABSENCE], (date, marks, absences)
        else:
            assert any(re.fullmatch(rf"{value}\s*×\d+(\.\d+)?", mark) for mark in marks), (date, marks)
    viewport = parent.driver.execute_script("return window.innerWidth")
    width = parent.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= viewport, f"the diary is {width} px wide in a {viewport} px window"
