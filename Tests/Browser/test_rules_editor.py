"""The rules editor in a real browser: a methodologist raises the five-point scale's thresholds
to 2.6/3.6/4.6, sees the scale's own tests fail until they are brought along, sees the dry-run
of the recommendations that change, activates, and the journal grid recommends accordingly.

This test changes the demo school's active rules, so it runs last (pytest takes the files in
alphabetical order)."""
import re

EDIT = "/rules/edit?path=scales/five.lua"


def set_source(browser, transform):
    """Edits the script in the page's text area, as typing would."""
    source = browser.find("textarea[name=source]").get_attribute("value")
    edited = transform(source)
    assert edited != source
    browser.driver.execute_script("arguments[0].value = arguments[1];", browser.find("textarea[name=source]"), edited)
    return edited


def raise_thresholds(source):
    return re.sub(r"average >= ([234])\.5", r"average >= \g<1>.6", source)


def bring_the_tests_along(source):
    for old, new in (("4.5", "4.6"), ("4.49", "4.59"), ("3.5", "3.6"), ("3.49", "3.59"), ("2.5", "2.6"),
                     ("2.49", "2.59")):
        source = source.replace(f"{{ average = {old}, expect", f"{{ average = {new}, expect")
    return source


def preview_rows(browser):
    """The dry-run's rows: (student, class, subject, period, average, before, after)."""
    rows = []
    for body in browser.find_all("table.changes tbody"):
        heading = body.find_element("css selector", "tr.student-row th")
        class_name = heading.find_element("css selector", "small").text
        student = heading.text.replace(class_name, "").strip()
        for tr in body.find_elements("css selector", "tr:not(.student-row)"):
            cells = [td.text for td in tr.find_elements("css selector", "td")]
            before, after = (part.strip() for part in cells[3].split("→"))
            rows.append((student, class_name, cells[0], cells[1], cells[2], before, after))
    return rows


def test_methodologist_raises_the_five_point_thresholds_previews_and_activates(browser, school):
    methodologist = browser("methodologist").sign_in(school.with_role("management")[0])
    methodologist.open("/rules")
    methodologist.shot("rules")
    methodologist.find(f"a[href='{EDIT}']").click()
    methodologist.wait_for("textarea[name=source]")

    # Thresholds alone: the scale's own tests now fail, and say where.
    set_source(methodologist, raise_thresholds)
    methodologist.submit("button[name=action][value=check]")
    methodologist.shot("tests-fail")
    assert "scales/five.lua:" in methodologist.text, methodologist.text
    assert "average >= 4.6" in methodologist.find("textarea[name=source]").get_attribute("value"), "the edit is kept"

    # With the tests brought along: the check passes and the dry-run lists the changes.
    set_source(methodologist, bring_the_tests_along)
    methodologist.submit("button[name=action][value=check]")
    assert "все тесты проходят" in methodologist.text, methodologist.text
    methodologist.submit("button[name=action][value=preview]")
    methodologist.shot("preview")
    rows = preview_rows(methodologist)
    assert rows, "raising every threshold changes some recommendations in the demo school"
    # A recommendation of the running period (quarter 2 in grades 1–9, half-year 1 in 10–11)
    # in a subject taught to the whole class.
    whole_class = {(grade_letter, subject) for grade_letter, subject in school.db.execute("""
        SELECT c.grade || c.letter, s.name FROM teachingAssignment a JOIN teachingGroup g ON g.id = a.groupID
        JOIN schoolClass c ON c.id = g.classID JOIN subject s ON s.id = a.subjectID WHERE g.kind = 'class'""")}
    changed = [row for row in rows if row[5] != row[6] and row[3] in ("2 четверть", "1 полугодие")
               and (row[1], row[2]) in whole_class]
    assert changed, rows[:10]
    student, class_name, subject, _, average, before, after = changed[0]
    assert 2.5 <= float(average.replace(",", ".")) < 4.6

    methodologist.find("input[name=comment]").send_keys("Границы 2,6 / 3,6 / 4,6 по решению методсовета")
    methodologist.submit("button[name=action][value=activate]")
    methodologist.shot("activated")
    assert "Границы 2,6 / 3,6 / 4,6 по решению методсовета" in methodologist.text

    # The journal grid of that class's mathematics recommends the new mark.
    assignment = school.db.execute("""
        SELECT a.id FROM teachingAssignment a JOIN teachingGroup g ON g.id = a.groupID
        JOIN schoolClass c ON c.id = g.classID JOIN subject s ON s.id = a.subjectID
        WHERE g.kind = 'class' AND c.grade || c.letter = ? AND s.name = ?""", (class_name, subject)).fetchone()[0]
    methodologist.open(f"/journal/assignments/{assignment}")
    methodologist.wait_for("#journal-grid")
    row = next(tr for tr in methodologist.find_all("#journal-grid tbody tr")
               if tr.get_attribute("data-name").startswith(student))
    methodologist.driver.execute_script("arguments[0].scrollIntoView({inline: 'end'});",
                                        row.find_element("css selector", ".recommended"))
    methodologist.shot("grid")
    assert row.find_element("css selector", ".recommended").text == after, (student, before, after)
