extension Strings {
    /// The exports of a survey's results (R8).
    static let englishSurveyAPI: [String: String] = [
        "survey.export.file": "Results of the survey “{title}”",
        "survey.export.sheet_results": "Results",
        "survey.export.sheet_classes": "By class",
        "survey.export.sheet_grades": "By grade",
        "survey.export.sheet_texts": "Free-text answers",
        "survey.export.sheet_derived": "Derived results",
        "survey.export.sheet_named": "Named ballots",
        "survey.export.summary":
            "Ballots: {ballots} of {audience}, {paper} of them on paper. Groups under {k} are not shown.",
        "survey.export.suppressed_all":
            "Fewer than {k} ballots: no results are shown, so that nobody can be singled out.",
        "survey.export.suppressed_group": "hidden: fewer than {k} ballots",
        "survey.export.question": "Question",
        "survey.export.answer": "Answer",
        "survey.export.count": "Count",
        "survey.export.percent": "%",
        "survey.export.mean": "Mean",
        "survey.export.group": "Group",
        "survey.export.ballots": "Ballots in the group",
        "survey.export.text": "Answer",
        "survey.export.title": "Figure",
        "survey.export.value": "Value",
        "survey.export.respondent": "Respondent",
        "survey.export.class": "Class",
        "survey.export.paper": "On paper",
        "problem.survey_paper_query": "'paper' must be true or false, not '{text}'",
        "problem.survey_source_length": "the survey's script is longer than {max} characters",
        "survey.export.yes": "yes",
    ]
}
