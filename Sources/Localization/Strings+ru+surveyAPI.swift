extension Strings {
    /// The exports of a survey's results (R8).
    static let russianSurveyAPI: [String: String] = [
        "survey.export.file": "Итоги опроса «{title}»",
        "survey.export.sheet_results": "Итоги",
        "survey.export.sheet_classes": "По классам",
        "survey.export.sheet_grades": "По параллелям",
        "survey.export.sheet_texts": "Ответы своими словами",
        "survey.export.sheet_derived": "Расчёты опроса",
        "survey.export.sheet_named": "Именные ответы",
        "survey.export.summary":
            "Ответов: {ballots} из {audience}, из них на бумаге: {paper}. Итоги групп меньше {k} не показываются.",
        "survey.export.suppressed_all": "Ответов меньше {k}: итоги не показываются, чтобы никого нельзя было узнать.",
        "survey.export.suppressed_group": "скрыто: меньше {k} ответов",
        "survey.export.question": "Вопрос",
        "survey.export.answer": "Вариант ответа",
        "survey.export.count": "Ответов",
        "survey.export.percent": "%",
        "survey.export.mean": "Среднее",
        "survey.export.group": "Группа",
        "survey.export.ballots": "Ответов в группе",
        "survey.export.text": "Ответ",
        "survey.export.title": "Показатель",
        "survey.export.value": "Значение",
        "survey.export.respondent": "Кто ответил",
        "survey.export.class": "Класс",
        "survey.export.paper": "На бумаге",
        "problem.survey_paper_query": "'paper' — true или false, а не '{text}'",
        "problem.survey_source_length": "сценарий опроса длиннее {max} символов",
        "survey.export.yes": "да",
    ]
}
