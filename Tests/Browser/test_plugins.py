"""School plugins in a real browser (issue 15): the administrator opens the plugins, opens
marks-alert, is refused a setting out of range in Russian, saves one in range and enables the
plugin; a teacher enters two failing marks for one student in the journal grid; within seconds
(the server runs the plugins before each delivery run, every second here) the student's class
teacher sees the "риск неаттестации" flag beside the student's name in that subject's grid."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from test_journal import cell, lesson_columns_of_the_week, move_to

FLAG = "риск неаттестации"


def flagged_case(school):
    """The teaching case's class, a second student of it (the journal test marks the first),
    and the class teacher's account."""
    case = school.teaching_case()
    class_id, teacher = school.db.execute("""
        SELECT c.id, c.classTeacherID FROM teachingAssignment a JOIN teachingGroup g ON g.id = a.groupID
        JOIN schoolClass c ON c.id = g.classID WHERE a.id = ?""", (case["assignment"],)).fetchone()
    student = school.db.execute(
        "SELECT id FROM student WHERE classID = ? ORDER BY lastName, firstName LIMIT 1 OFFSET 1",
        (class_id,)).fetchone()[0]
    return case, student, school.login_of("staffID", teacher)


def test_administrator_enables_marks_alert_and_the_class_teacher_sees_the_flag(browser, school):
    case, student, class_teacher = flagged_case(school)

    admin = browser("admin").sign_in(school.with_role("administrator")[0])
    admin.find("nav.menu a[href='/admin/plugins']").click()
    admin.wait_for("table.plugins")
    admin.shot("plugins")
    assert "Сигнал об оценках" in admin.text, admin.text
    admin.find("a[href='/admin/plugins/marks-alert']").click()
    admin.wait_for("form#plugin-config")
    admin.shot("marks-alert")
    assert "ставить пометки ученикам в журнале" in admin.text, admin.text

    # A value out of range is refused at its field, in Russian, with what was typed kept.
    field = admin.find("input[name=in_a_row]")
    assert field.get_attribute("min") == "2" and field.get_attribute("max") == "10"
    # The browser itself would stop 11 at the field's max; the server checks it as well.
    admin.driver.execute_script("arguments[0].value = '11'; arguments[0].form.noValidate = true;", field)
    admin.submit("form#plugin-config button[type=submit]")
    admin.shot("refused")
    error = admin.find("#cfg-in_a_row-error").text
    assert "не больше 10" in error, error
    assert admin.find("input[name=in_a_row]").get_attribute("value") == "11"

    # Two failing marks in a row, and no message to families from the browser's school.
    admin.find("input[name=in_a_row]").clear()
    admin.find("input[name=in_a_row]").send_keys("2")
    family = admin.find("input[name=tell_family]")
    if family.is_selected():
        family.click()
    admin.submit("form#plugin-config button[type=submit]")
    assert "Настройки сохранены" in admin.text, admin.text
    admin.submit("form[action='/admin/plugins/marks-alert/enable'] button[type=submit]")
    assert "Модуль включён" in admin.text, admin.text
    assert admin.find("#plugin-state").text == "включён"
    admin.shot("enabled")

    # The teacher enters two 2s for the student in the week's last two lessons.
    teacher = browser("teacher").sign_in(case["teacher"])
    teacher.open(f"/journal/assignments/{case['assignment']}")
    teacher.wait_for("#journal-grid")
    columns = lesson_columns_of_the_week(teacher)[-2:]
    first = cell(teacher, student, columns[0][0])
    teacher.driver.execute_script("arguments[0].focus(); arguments[0].select();", first)
    ActionChains(teacher.driver).send_keys("2").perform()
    move_to(teacher, student, columns[1][0], Keys.TAB)
    ActionChains(teacher.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
    ActionChains(teacher.driver).send_keys("2").send_keys(Keys.ENTER).perform()
    cells = [cell(teacher, student, index) for index, _, _ in columns]
    teacher.wait_until(lambda: all("saved" in c.find_element("xpath", "..").get_attribute("class") for c in cells))
    teacher.shot("failing-marks")

    # The class teacher opens the subject's grid: the flag comes within a few delivery runs.
    reader = browser("class-teacher").sign_in(class_teacher)
    selector = f"tr[data-student='{student}'] th.name [data-plugin-flag]"
    deadline = time.time() + 20
    while True:
        reader.open(f"/journal/assignments/{case['assignment']}")
        reader.wait_for("#journal-grid")
        flags = reader.find_all(selector)
        if flags or time.time() > deadline:
            break
        time.sleep(1)
    reader.shot("flag")
    assert flags, f"no flag on student {student}: " + reader.find(f"tr[data-student='{student}'] th.name").text
    assert flags[0].is_displayed(), "the flag shows beside the name"
    assert FLAG in flags[0].text, flags[0].text
    assert flags[0].get_attribute("title") == "Сигнал об оценках"
