"""The school year as staff keep it: a deputy head moves a lesson and the family sees where it
was; a teacher reads who changed a row of the grid."""


def test_deputy_head_moves_a_lesson_and_the_parent_sees_where_it_was(browser, school):
    case = school.teaching_case()
    lesson, day, number = school.db.execute("""
        SELECT id, date, number FROM lesson
        WHERE assignmentID = ? AND status = 'scheduled' AND topic IS NULL
          AND date BETWEEN '2026-11-24' AND '2026-11-27'
        ORDER BY date, number LIMIT 1""", (case["assignment"],)).fetchone()
    deputy_login = sorted(row["login"] for row in school.with_role("management"))[0]
    deputy = browser("deputy").sign_in(school.person(deputy_login))
    deputy.open(f"/journal/lessons/{lesson}")
    deputy.wait_for("form[action$='/move']")
    deputy.shot("lesson")
    form = deputy.find("form[action$='/move']")
    # A date input takes the value as the page sets it, whatever the browser's locale shows.
    deputy.driver.execute_script(
        "arguments[0].querySelector('input[name=date]').value = arguments[1];"
        "arguments[0].querySelector('input[name=number]').value = '8';", form, day)
    form.find_element("css selector", "input[name=reason]").send_keys("олимпиада по математике")
    deputy.submit("form[action$='/move'] button[type=submit]")
    deputy.shot("moved")
    assert "role=\"alert\"" not in deputy.driver.page_source, deputy.text

    parent = browser("parent", width=360, height=740).sign_in(case["parent"])
    parent.open(f"/diary?student={case['student']}&week={day}")
    parent.wait_for(".day")
    parent.shot("week")
    changes = [element.text for element in parent.find_all(".day .change")]
    year, month, date = day.split("-")
    assert any("урок перенесён" in text and f"{date}.{month}" in text and str(number) in text for text in changes), changes
    assert any("олимпиада по математике" in text for text in changes), changes


def test_teacher_reads_the_history_of_a_students_row(browser, school):
    case = school.teaching_case()
    teacher = browser("teacher").sign_in(case["teacher"])
    teacher.open(f"/journal/assignments/{case['assignment']}?period=q1")
    link = teacher.wait_for(f"tr[data-student='{case['student']}'] a.history-link")
    teacher.shot("grid")
    teacher.driver.execute_script("window.sjBeforeSubmit = true")
    link.click()
    teacher.wait_until(lambda: "/history" in teacher.driver.current_url)
    teacher.wait_for("main h1")
    teacher.shot("history")
    text = teacher.text
    assert "История изменений" in text
    rows = teacher.find_all("table.history tbody tr")
    assert rows, "the demo's marks of this student were entered and audited"
    assert all("journal demo" in row.text or "внесено" in row.text or "изменено" in row.text for row in rows)


def test_teacher_reads_the_history_of_one_cell(browser, school):
    case = school.teaching_case()
    teacher = browser("teacher-cell").sign_in(case["teacher"])
    teacher.open(f"/journal/assignments/{case['assignment']}?period=q1")
    cell = teacher.wait_for(f"tr[data-student='{case['student']}'] input[data-marks]")
    # The names' column stays in place while the grid scrolls: bring the cell to the middle.
    teacher.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", cell)
    cell.click()
    link = teacher.wait_for("#cell-history:not([hidden])")
    assert "История ячейки" in link.text, link.text
    href = link.get_attribute("href")
    assert f"studentID={case['student']}" in href and "workID=" in href, href
    teacher.driver.execute_script("window.sjBeforeSubmit = true")
    link.click()
    teacher.wait_until(lambda: "workID=" in teacher.driver.current_url)
    teacher.wait_for("table.history")
    teacher.shot("cell-history")
    rows = teacher.find_all("table.history tbody tr")
    assert rows, "the cell's mark was entered and audited"
    assert all("отметка" in row.text or "посещаемость" in row.text for row in rows), [row.text for row in rows]
