"""The journal-keeping monitor: a deputy head reads who kept the journal on time and opens the
items behind a count; a teacher sees their own deadlines on the home page."""


def test_deputy_head_opens_the_items_behind_a_count(browser, school):
    deputy_login = sorted(row["login"] for row in school.with_role("management"))[0]
    deputy = browser("deputy-compliance").sign_in(school.person(deputy_login))
    deputy.open("/compliance")
    deputy.wait_for("table.compliance tbody tr")
    deputy.shot("compliance")
    assert "Соблюдение сроков ведения журнала" in deputy.text
    links = deputy.find_all("table.compliance tbody td a")
    assert links, "the demo's last week has items to count"
    deputy.driver.execute_script("window.sjBeforeSubmit = true")
    links[0].click()
    deputy.wait_until(lambda: "status=" in deputy.driver.current_url)
    deputy.wait_for("table.compliance-items tbody tr")
    deputy.shot("compliance-items")
    rows = deputy.find_all("table.compliance-items tbody tr")
    assert rows and all("п. 3." in row.text for row in rows), [row.text for row in rows[:3]]


def test_teacher_sees_their_own_deadlines(browser, school):
    case = school.teaching_case()
    teacher = browser("teacher-duties").sign_in(case["teacher"])
    teacher.open("/")
    section = teacher.wait_for("section.duties")
    teacher.shot("duties")
    assert "Мои сроки" in section.text
    assert "Всё внесено вовремя" in section.text or " — " in section.text, section.text
