"""Rights in a real browser: an administrator extends one teacher's rights, the teacher then
opens the page that right opens, and explain access says which extension allows it."""
from selenium.webdriver.support.ui import Select


def menu(browser):
    return [link.text for link in browser.find_all("nav.menu a")]


def test_administrator_gives_a_teacher_an_extra_right_and_explain_shows_why(browser, school):
    teacher_person = school.with_role("teacher")[1]
    login = teacher_person["login"]

    # Before: the teacher has no users page and is refused it in plain words.
    teacher = browser("teacher").sign_in(teacher_person)
    assert "Пользователи" not in menu(teacher)
    teacher.open("/admin/users")
    teacher.shot("users-refused")
    assert "Нет доступа" in teacher.text, teacher.text

    # The administrator extends this teacher's rights on the rights page.
    admin = browser("administrator").sign_in(school.with_role("administrator")[0])
    admin.open("/admin/rights")
    admin.wait_for("form.rights-form")
    form = admin.find("form.rights-form")
    form.find_element("css selector", "input[name=login]").send_keys(login)
    Select(form.find_element("css selector", "select[name=capability]")).select_by_value("users.view")
    Select(form.find_element("css selector", "select[name=scope]")).select_by_value("school")
    form.find_element("css selector", "input[name=effect][value=allow]").click()
    form.find_element("css selector", "input[name=comment]").send_keys("Помогает классным руководителям с учётными записями")
    admin.shot("rights-form")
    admin.submit("form.rights-form button[type=submit]")
    admin.shot("rights-added")
    assert "Помогает классным руководителям с учётными записями" in admin.text

    # The teacher now has the page in the menu and sees the school's users.
    teacher.open("/")
    assert "Пользователи" in menu(teacher), menu(teacher)
    teacher.open("/admin/users?q=" + teacher_person["name"].split()[0])
    teacher.shot("users-allowed")
    assert "Нет доступа" not in teacher.text
    assert login in teacher.text

    # Explain access names the extension that decided.
    admin.open("/admin/explain")
    explain = admin.find("form.explain-form")
    explain.find_element("css selector", "input[name=login]").send_keys(login)
    Select(explain.find_element("css selector", "select[name=capability]")).select_by_value("users.view")
    Select(explain.find_element("css selector", "select[name=kind]")).select_by_value("school")
    admin.submit("form.explain-form button[type=submit]")
    admin.shot("explain")
    decision = admin.find("section.decision")
    assert "allowed" in decision.get_attribute("class")
    assert "Разрешено" in decision.text
    assert "расширение прав" in decision.text, decision.text
    assert "Помогает классным руководителям с учётными записями" in decision.text
