import Foundation
import JournalModel
import JournalRules
import Testing

@Suite("The survey form builder writes Lua that loads back as what was filled in (R8)")
struct SurveyBuilderTests {
    static let opens = LocalDate(year: 2026, month: 12, day: 1)!
    static let closes = LocalDate(year: 2026, month: 12, day: 18)!

    static func builder(
        title: String = "Школьное питание", description: String = "Помогите нам", audience: SurveyBuilder.Audience,
        questions: [SurveyBuilder.Question]
    ) -> SurveyBuilder {
        SurveyBuilder(
            title: title, description: description, audience: audience, ballotUnit: .student, privacy: .confidential,
            minimumGroup: 3, opens: opens, closes: closes, reminderDays: [1, 3], questions: questions)
    }

    /// One question of every kind the builder offers.
    static let everyKind: [SurveyBuilder.Question] = [
        .init(kind: .single, text: "Как часто?", options: ["Каждый день", "Редко"], isRequired: true),
        .init(kind: .multiple, text: "Почему?", options: ["Вкус", "Порции", "Время"]),
        .init(kind: .scale, text: "Вкус", options: ["Плохо", "", "Нормально", "", "Отлично"], isRequired: true),
        .init(kind: .matrix, text: "Согласны ли вы", options: ["Порции достаточные", "Еда горячая"]),
        .init(kind: .ranking, text: "Что важнее", options: ["Цена", "Вкус", "Польза"]),
        .init(kind: .number, text: "Сколько раз в неделю"),
        .init(kind: .date, text: "Когда удобно"),
        .init(kind: .text, text: "Имя блюда"),
        .init(kind: .longText, text: "Пожелания"),
        .init(kind: .yesNo, text: "Нужна ли диета", isRequired: true),
        .init(kind: .consent, text: "Согласен с обработкой", isRequired: true),
        .init(kind: .info, text: "Спасибо!"),
    ]

    @Test func everyKindOfQuestionComesBackAsFilledIn() async throws {
        let builder = Self.builder(audience: .parentsOfGrades(from: 1, to: 4), questions: Self.everyKind)
        let script = try await SurveyScript.load(source: builder.lua, file: "survey.lua")
        let definition = script.definition
        #expect(definition.title == "Школьное питание")
        #expect(definition.description == "Помогите нам")
        #expect(definition.ballotUnit == .student)
        #expect(definition.privacy == .confidential)
        #expect(definition.minimumGroup == 3)
        #expect(definition.opens == Self.opens && definition.closes == Self.closes)
        #expect(definition.reminderDays == [3, 1])
        #expect(definition.questions == builder.surveyQuestions)
        #expect(definition.questions.count == 12)
        #expect(
            definition.question("q3")?.labels == ["1": "Плохо", "2": "", "3": "Нормально", "4": "", "5": "Отлично"])
        #expect(definition.question("q4")?.statements == ["Порции достаточные", "Еда горячая"])
    }

    @Test(arguments: [
        "кавычки \" и 'апострофы'", "конец ]] длинной скобки ]=] и [[ начало", "строка\nвторая\r\nтретья",
        "обратная \\ черта \\n не перевод", "табуляция\tи \u{1} управляющий", "\") os.exit() --",
        "]] .. os.getenv(\"HOME\") .. [[", "эмодзи 🍎 и ё",
    ])
    func hostileTextStaysText(_ text: String) async throws {
        let builder = Self.builder(
            title: "Опрос " + text, description: text, audience: .parentsOfClass("5А" + text),
            questions: [.init(kind: .single, text: text, options: [text, "другое " + text])])
        let script = try await SurveyScript.load(source: builder.lua, file: "survey.lua")
        #expect(script.definition.title == ("Опрос " + text).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(script.definition.description == text)
        #expect(script.definition.questions == builder.surveyQuestions)
        #expect(script.definition.questions[0].options == [text, "другое " + text])
    }

    @Test(arguments: [
        (SurveyBuilder.Audience.parentsOfGrades(from: 1, to: 4), parent(grade: 3), true),
        (.parentsOfGrades(from: 1, to: 4), parent(grade: 7), false),
        (.parentsOfGrades(from: 1, to: 4), student(grade: 3), false),
        (.parentsOfClass("5А"), parent(grade: 5), true),
        (.parentsOfClass("5Б"), parent(grade: 5), false),
        (.studentsOfGrades(from: 9, to: 11), student(grade: 10), true),
        (.studentsOfGrades(from: 9, to: 11), student(grade: 5), false),
        (.teachers, SurveyCandidate(kind: .staff, roles: ["teacher"]), true),
        (.teachers, SurveyCandidate(kind: .staff, roles: ["secretary"]), false),
        (.paperFamilies, parent(grade: 5, paper: true), true),
        (.paperFamilies, parent(grade: 5), false),
    ])
    func theAudiencePresetsAskWhomTheySay(
        _ audience: SurveyBuilder.Audience, _ candidate: SurveyCandidate, _ expected: Bool
    ) async throws {
        let builder = Self.builder(audience: audience, questions: [.init(kind: .yesNo, text: "Да?")])
        let script = try await SurveyScript.load(source: builder.lua, file: "survey.lua")
        #expect(try await script.audience([candidate]) == [expected])
    }

    static func parent(grade: Int, paper: Bool = false) -> SurveyCandidate {
        SurveyCandidate(kind: .parent, roles: ["parent"], childClass: "\(grade)А", childGrade: grade, paper: paper)
    }

    static func student(grade: Int) -> SurveyCandidate {
        SurveyCandidate(kind: .student, roles: ["student"], className: "\(grade)А", grade: grade)
    }
}
