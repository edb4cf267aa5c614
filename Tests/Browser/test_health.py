"""The medical worker and a teacher in a real browser (issue 16): the medical worker opens the
medical office, a student's card, replaces the student's PE group with a special one valid to
31.12 (the demo school's day is 20.11.2026), and the student's mathematics teacher sees the
flag "ФК: специальная группа до 31.12" beside the name in the journal grid — never the records."""

FLAG = "ФК: специальная группа до 31.12"


def test_medical_worker_enters_a_special_pe_group_and_the_teacher_sees_the_flag(browser, school):
    case = school.teaching_case()
    student = case["student"]

    nurse = browser("medical").sign_in(school.with_role("medical")[0])
    nurse.find("nav.menu a[href='/health']").click()
    nurse.wait_for("section.card")
    nurse.shot("medical-office")
    assert "Медицинский кабинет" in nurse.text, nurse.text

    nurse.open(f"/health/students/{student}")
    nurse.wait_for("form#pe-form")
    nurse.shot("card")
    # The new conclusion replaces the group the student had since September.
    while nurse.find_all("#pe-groups table form[action$='/delete'] button"):
        nurse.submit("#pe-groups table form[action$='/delete'] button")
    form = nurse.find("form#pe-form")
    form.find_element("css selector", "select[name=group] option[value=special_a]").click()
    for name, value in (("from", "2026-11-20"), ("to", "2026-12-31")):
        field = form.find_element("css selector", f"input[name={name}]")
        nurse.driver.execute_script("arguments[0].value = arguments[1];", field, value)
    form.find_element("css selector", "input[name=basis]").send_keys("заключение врачебной комиссии №41")
    nurse.submit("form#pe-form button[type=submit]")
    nurse.shot("saved")
    assert "Сохранено" in nurse.text, nurse.text
    assert FLAG in nurse.text, nurse.text

    teacher = browser("teacher").sign_in(case["teacher"])
    teacher.open(f"/journal/assignments/{case['assignment']}")
    teacher.wait_for("#journal-grid")
    teacher.shot("grid")
    flags = teacher.find_all(f"tr[data-student='{student}'] th.name [data-plugin-flag]")
    texts = [flag.text for flag in flags]
    assert any(FLAG in text for text in texts), texts
    page = teacher.driver.page_source
    assert "врачебной комиссии" not in page and "специальная А" not in page
