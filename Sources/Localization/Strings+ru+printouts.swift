extension Strings {
    /// The weekly paper sheets of results for families without electronic access (R19).
    static let russianPrintouts: [String: String] = [
        "capability.printouts.issue": "печать еженедельных листов результатов и журнал их выдачи",
        // The sheet
        "printout.title": "Еженедельный лист результатов обучения",
        "printout.school": "Школа:",
        "printout.class": "Класс:",
        "printout.student": "Обучающийся:",
        "printout.week": "Неделя:",
        "printout.number": "Лист №",
        "printout.standings": "Успеваемость: {period}, отметки на текущий момент",
        "printout.data_at": "Данные на:",
        "printout.signature": "Ознакомлен(а): ______________________ / ______________________ «___» __________ 20__ г.",
        "printout.footer": "Лист № {number} · {class} · {student}",
        "printout.column.day": "День",
        "printout.column.subject": "Предмет",
        "printout.column.topic": "Тема урока",
        "printout.column.marks": "Отметки (вид работы, вес)",
        "printout.column.attendance": "Посещаемость",
        "printout.column.homework": "Домашнее задание",
        "printout.column.period_marks": "Отметки за период",
        "printout.column.average": "Средний балл",
        "printout.column.forecast": "Прогноз",
        "printout.mark": "{value} ({type}, ×{weight})",
        "printout.no_lessons": "На этой неделе уроков нет",
        // Errors
        "error.printout_week":
            "Неделя {week} не подходит: лист печатается за неделю текущего учебного года с {start} по {end}.",
        "error.printout_not_in_class": "Ученики {students} не учатся в классе {class}.",
        "error.printout_issued_to":
            "Укажите, кому выдан лист: имя законного представителя или иного получателя, не длиннее {limit} знаков.",
        "error.printout_already_issued": "Лист № {number} уже выдан: {to}.",
        "error.printout_render": "Не удалось сформировать PDF: {reason}",
        "error.printout_output": "Не удаётся записать файл {path}: {reason}",
        "problem.week_required": "Укажите неделю: week=ГГГГ-ММ-ДД, её понедельник или любой её день.",
        "problem.students_query": "students — номера учеников через запятую (students=12,15), а не «{text}».",
        // The page
        "printouts.page.title": "Листы результатов {class}",
        "printouts.page.intro":
            "Еженедельные бумажные листы результатов для семей без электронного доступа (п. R19). Каждый лист получает номер и заносится в журнал выдачи.",
        "printouts.page.week": "Неделя",
        "printouts.page.show": "Показать",
        "printouts.page.students": "Ученики класса",
        "printouts.page.all": "Скачать листы всего класса (PDF)",
        "printouts.page.one": "Лист (PDF)",
        "printouts.page.register": "Журнал выдачи за неделю",
        "printouts.page.empty": "За эту неделю листы ещё не печатались.",
        "printouts.page.printed": "Напечатан",
        "printouts.page.issued": "Выдан",
        "printouts.page.issued_to": "Кому выдан",
        "printouts.page.issue": "Отметить выдачу",
        "printouts.page.issued_done": "Лист № {number} отмечен выданным.",
        "printouts.page.link": "Листы результатов для родителей",
        // The command line and the bench
        "printouts.cli.written": "{pages} стр., листов: {sheets}, записано в {path}",
    ]
}
