"""Surveys in a real browser (R8): a deputy head builds a survey of one class's parents with the
form builder, checks its audience, previews it and launches it; a parent answers it on a phone
from the home page and keeps the answer's code. The browser cannot move the server's clock, so
the survey closes today and its results page says they come after the close; the results
themselves are tested in SurveyPagesTests."""
import re

from selenium.webdriver.support.ui import Select

TITLE = "Браузерный опрос о столовой"


def set_value(browser, selector, value):
    """Sets a field's value as typing would (date inputs take their value from scripts)."""
    browser.driver.execute_script("arguments[0].value = arguments[1];", browser.find(selector), value)


def test_deputy_head_builds_and_launches_a_survey_and_a_parent_answers_on_a_phone(browser, school):
    case = school.teaching_case()
    deputy = browser("deputy").sign_in(school.with_role("management")[0])
    deputy.find("nav.menu a[href='/surveys']").click()
    deputy.wait_for("a[href='/surveys/new']")
    deputy.shot("surveys")
    deputy.find("a[href='/surveys/new']").click()
    deputy.wait_for("form.survey-builder")

    deputy.find("input[name=title]").send_keys(TITLE)
    deputy.find("textarea[name=description]").send_keys("Ответ займёт минуту.")
    Select(deputy.find("select[name=audience]")).select_by_value("parents_class")
    deputy.find("input[name=className]").send_keys(case["class"])
    Select(deputy.find("select[name=unit]")).select_by_value("student")
    deputy.find("input[name=privacy][value=confidential]").click()
    deputy.find("input[name=k]").clear()
    deputy.find("input[name=k]").send_keys("3")
    set_value(deputy, "input[name=opens]", "2026-11-20")
    set_value(deputy, "input[name=closes]", "2026-11-20")
    Select(deputy.find("select[name='q0.kind']")).select_by_value("single")
    deputy.find("input[name='q0.text']").send_keys("Как ребёнок оценивает обеды?")
    deputy.find("textarea[name='q0.options']").send_keys("Нравятся\nНе нравятся")
    deputy.find("input[name='q0.required']").click()
    # Five blank questions come without scripts; the button adds a sixth.
    assert len(deputy.find_all("fieldset.survey-question-slot")) == 5
    deputy.find("#add-question").click()
    assert len(deputy.find_all("fieldset.survey-question-slot")) == 6
    Select(deputy.find("select[name='q5.kind']")).select_by_value("scale")
    deputy.find("input[name='q5.text']").send_keys("Вкус блюд")
    deputy.find("textarea[name='q5.options']").send_keys("Плохо\n\nНормально\n\nОтлично")
    deputy.shot("builder")
    deputy.submit("form.survey-builder button[type=submit]")

    # The draft opens in the editor with the Lua the builder wrote.
    assert "Черновик опроса создан" in deputy.text, deputy.text
    assert deputy.find("h1").text == TITLE
    source = deputy.find("textarea[name=source]").get_attribute("value")
    assert "return survey {" in source and TITLE in source, source
    deputy.submit("button[name=action][value=check]")
    deputy.shot("audience")
    assert "Аудитория по классам" in deputy.text, deputy.text
    assert re.search(re.escape(case["class"]) + r": \d+", deputy.text), deputy.text
    deputy.submit("button[name=action][value=preview]")
    assert "Анкета глазами респондента" in deputy.text
    assert deputy.find_all(".survey-preview input[disabled]"), "the preview cannot be answered"
    deputy.shot("preview")
    deputy.find("form.launch input[name=confirm]").click()
    deputy.submit("form.launch button[name=action][value=launch]")
    assert "Опрос запущен" in deputy.text, deputy.text
    survey_path = re.search(r"/surveys/\d+", deputy.driver.current_url).group(0)
    deputy.shot("launched")

    # A parent of the class answers on a phone, from the home page.
    parent = browser("parent", 390, 844).sign_in(case["parent"])
    block = parent.find("#home-surveys")
    assert TITLE in block.text, block.text
    parent.shot("home-survey")
    link = next(a for a in block.find_elements("css selector", f"a[href^='{survey_path}/answer']"))
    link.click()
    parent.wait_for("form.survey-form")
    width = parent.driver.execute_script("return document.documentElement.clientWidth")
    scroll = parent.driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width + 1, f"the questionnaire fits a phone: {scroll} > {width}"
    send = parent.find("form.survey-form button[type=submit]")
    assert send.size["width"] >= width * 0.8 and send.size["height"] >= 44, send.size
    choice = parent.find("label.choice")
    assert choice.size["height"] >= 44, choice.size
    parent.shot("questionnaire")

    # Sent without the required answer: the message is beside the question, the scale kept.
    parent.find("input[name='a.q2'][value='4']").click()
    parent.submit("form.survey-form button[type=submit]")
    assert "ответ обязателен" in parent.text, parent.text
    assert parent.find("input[name='a.q2'][value='4']").is_selected(), "the answer given is kept"
    parent.shot("required")
    parent.find("input[name='a.q1'][value='Нравятся']").click()
    parent.submit("form.survey-form button[type=submit]")
    assert "Ответ принят" in parent.text, parent.text
    assert "Код вашего ответа" in parent.text
    assert TITLE in parent.text
    parent.shot("accepted")
    parent.open("/")
    assert "ответ принят" in parent.find("#home-surveys").text

    # Results come after the close, which is tonight.
    deputy.open(survey_path + "/results")
    deputy.shot("results-later")
    assert "будут доступны после закрытия" in deputy.text, deputy.text
