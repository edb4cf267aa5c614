"""The family's diary in a real browser: a parent on a phone-sized window, and a parent who
tries to reach another family's child by changing the address."""
import re


def test_parent_sees_the_week_with_marks_weights_and_absences_on_a_phone(browser, school):
    case = school.teaching_case()
    parent = browser("parent", width=360, height=740).sign_in(case["parent"])
    parent.open(f"/diary?student={case['student']}&week=2026-11-16")
    parent.wait_for(".day")
    parent.shot("diary-week")
    text = parent.text
    assert case["student_name"] in text
    assert "Тема" in text
    # Marks show with their weight (×N) and the work type in the title.
    marks = parent.find_all(".day .mark")
    assert marks, "the week of 2026-11-16 has marks in the demo school"
    assert all(re.search(r"×\d", mark.text) for mark in marks)
    assert_fits(parent, 360)

    # The first quarter is over: its period marks are in the attestation, on the same phone.
    parent.open(f"/diary/attestation?student={case['student']}")
    parent.wait_for("main h1")
    parent.shot("attestation")
    headers = [th.text for th in parent.find_all("table.attestation thead th")]
    assert headers[1:2] == ["1 четверть"], headers
    rows = [row.text for row in parent.find_all("table.attestation tbody tr")]
    assert rows and all(re.fullmatch(r"\D+ (5|4|3|2|1|зачёт|незачёт|—)?", row) for row in rows), rows
    assert_fits(parent, 360)


def assert_fits(browser, expected):
    """Nothing spills sideways: the page is no wider than the phone's window."""
    viewport = browser.driver.execute_script("return window.innerWidth")
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert viewport == expected and width <= expected, f"the page is {width} px wide in a {viewport} px window"


def test_another_parent_cannot_reach_that_childs_diary_by_changing_the_address(browser, school):
    case = school.teaching_case()
    intruder = browser("other-parent", width=360, height=740).sign_in(case["other_parent"])
    for path in (f"/diary?student={case['student']}", f"/diary/marks?student={case['student']}",
                 f"/diary/attestation?student={case['student']}"):
        intruder.open(path)
        intruder.shot("refused")
        assert "Нет доступа" in intruder.text, intruder.text
        assert case["student_name"] not in intruder.text
        assert "Traceback" not in intruder.driver.page_source and "Fatal error" not in intruder.driver.page_source
    # The API answers the same.
    intruder.open(f"/api/v1/students/{case['student']}/diary")
    assert "access-denied" in intruder.driver.page_source
