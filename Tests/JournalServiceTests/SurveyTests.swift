import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// A survey script for the tests: the parents of 5А, opening today.
func surveyScript(
    ballot: String = "student", privacy: String = "named", k: Int = 1, closes: String = "2026-11-27",
    audience: String = #"p.kind == "parent" and p.child.class == "5А""#, reminders: String = "{}",
    questions: String = #"{ id = "q", kind = "yes_no", required = true, text = "Согласны?" }"#
) -> String {
    """
    return survey {
      title = "Тестовый опрос",
      audience = function(p) return \(audience) end,
      ballot = "\(ballot)", privacy = "\(privacy)", k = \(k),
      opens = "2026-11-20", closes = "\(closes)",
      reminders = \(reminders),
      questions = {
        \(questions),
      },
    }
    """
}

/// 5А's families: Анна's mother (the test parent) and father, Олег's and Дарья's mother
/// (one parent of two children), each with an account.
struct SurveyFamilies {
    var school: TestSchool
    var father: Caller
    var twoChildren: Caller
    var mother: Caller { get async throws { try await caller(school.account(.parent)) } }

    static func make() async throws -> SurveyFamilies {
        let school = try await TestSchool.make(
            [.fiveA, .sixB], accounts: [.parent, .teacher, .management, .otherTeacher])
        let students = school.students
        let (father, two) = try await school.build { builder in
            (
                try builder.parent(
                    PersonName(lastName: "Иванов", firstName: "Пётр"), login: "ivanov.p", of: [students[0]]),
                try builder.parent(
                    PersonName(lastName: "Смирнова", firstName: "Ольга"), login: "smirnova.o",
                    of: [students[1], students[2]])
            )
        }
        return SurveyFamilies(
            school: school, father: try await caller(school, father), twoChildren: try await caller(school, two))
    }

    func caller(_ account: AccountID) async throws -> Caller { try await Self.caller(school, account) }

    static func caller(_ school: TestSchool, _ account: AccountID) async throws -> Caller {
        .person(try await school.service.subject(account: account))
    }

    var management: Caller { get async throws { try await caller(school.account(.management)) } }

    /// Creates and launches `source` as the deputy head.
    func launch(_ source: String) async throws -> SurveyID {
        let service = school.service
        let draft = try await service.createSurvey(source: source, template: nil, caller: try await management)
        return try await service.launchSurvey(draft.id!, version: draft.version, caller: try await management).id!
    }

    /// Moves the clock past the survey's close (27.11).
    func close() async throws {
        school.clock.advance(by: 8 * 86_400)
        try await school.service.closeDueSurveys()
    }
}

func refusalKey(_ error: any Error) -> String? {
    switch error as? JournalError {
    case .refused(let message)?: message.key
    case .invalid(_, let message)?: message.key
    default: nil
    }
}

@Suite("Surveys: scripts, ballots, privacy, results")
struct SurveyTests {
    @Test("every shipped template loads and passes its own tests")
    func templates() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.management])
        let caller = Caller.person(try await school.service.subject(account: school.account(.management)))
        let templates = try await school.service.surveyTemplates(caller: caller)
        #expect(
            Set(templates.map(\.name)) == [
                "school_meals", "extracurricular", "teaching_satisfaction", "excursion_consent",
            ])
    }

    @Test("a script that fails is refused at its line, and nothing is stored")
    func brokenScript() async throws {
        let families = try await SurveyFamilies.make()
        let bad = surveyScript(questions: #"{ id = "q", kind = "slider", text = "?" }"#)
        await #expect {
            _ = try await families.school.service.createSurvey(
                source: bad, template: nil, caller: try await families.management)
        } throws: { error in
            let problem = error as? SurveyScriptProblem
            return problem?.errors.first?.line == 8 && problem?.description.contains("slider") == false
                && problem?.description.contains("single") == true
        }
        let failing = surveyScript(audience: "p.child.grade > 0")  // a student has no child: the function fails
        await #expect(throws: SurveyScriptProblem.self) {
            _ = try await families.launch(failing)
        }
        #expect(try await families.school.service.surveys(caller: try await families.management).count == 1)
    }

    @Test("every question kind goes in and comes back as given")
    func everyKind() async throws {
        let families = try await SurveyFamilies.make()
        let questions = """
            { kind = "info", text = "Вводный текст" },
            { id = "single", kind = "single", text = "Один", options = { "а", "б" }, required = true },
            { id = "multiple", kind = "multiple", text = "Несколько", options = { "а", "б", "в" }, min = 1, max = 2 },
            { id = "scale", kind = "scale", text = "Шкала", min = 1, max = 10 },
            { id = "matrix", kind = "matrix", text = "Матрица", statements = { "x", "y" }, min = 1, max = 5 },
            { id = "ranking", kind = "ranking", text = "Порядок", options = { "а", "б", "в" } },
            { id = "number", kind = "number", text = "Число", min = 0, max = 10 },
            { id = "date", kind = "date", text = "Дата" },
            { id = "short", kind = "text", text = "Коротко" },
            { id = "long", kind = "long_text", text = "Длинно" },
            { id = "yes", kind = "yes_no", text = "Да/нет" },
            { id = "consent", kind = "consent", text = "Согласие", required = true }
            """
        let id = try await families.launch(surveyScript(questions: questions))
        let answers: [String: SurveyAnswer] = [
            "single": .text("б"), "multiple": .list(["а", "в"]), "scale": .number(7),
            "matrix": .matrix(["x": 1, "y": 5]),
            "ranking": .list(["в", "а", "б"]), "number": .number(2.5), "date": .text("2026-12-01"),
            "short": .text("коротко"), "long": .text("длинно\nи ещё"), "yes": .flag(false), "consent": .flag(true),
        ]
        let mother = try await families.mother
        let receipt = try await families.school.service.submitBallot(
            id, BallotInput(unit: nil, answers: answers), caller: mother)
        #expect(receipt.changed == false && receipt.receipt == nil)
        let form = try await families.school.service.surveyForm(id, unit: nil, caller: mother)
        #expect(form.answers == answers)
        // Out of range, of the wrong shape, unknown: each refused with its question.
        let wrong: [(String, SurveyAnswer, String)] = [
            ("scale", .number(11), "survey.answer.range"), ("scale", .number(1e300), "survey.answer.range"),
            ("number", .number(1e20), "survey.answer.range"),
            ("multiple", .list(["а", "б", "в"]), "survey.answer.choices"),
            ("ranking", .list(["а", "б"]), "survey.answer.ranking"), ("single", .text("г"), "survey.answer.option"),
            ("date", .text("01.12.2026"), "survey.answer.date"), ("number", .text("5"), "survey.answer.shape"),
            ("consent", .flag(false), "survey.answer.consent"), ("nope", .text("x"), "survey.answer.unknown"),
        ]
        for (question, answer, key) in wrong {
            var given = answers
            given[question] = answer
            await #expect {
                _ = try await families.school.service.submitBallot(
                    id, BallotInput(unit: nil, answers: given), caller: mother)
            } throws: { error in
                refusalKey(error) == key
                    && (error as? JournalError).map {
                        if case .invalid(let field, _) = $0 { return field == "answers.\(question)" }
                        return false
                    } == true
            }
        }
        var missing = answers
        missing["single"] = nil
        await #expect {
            _ = try await families.school.service.submitBallot(
                id, BallotInput(unit: nil, answers: missing), caller: mother)
        } throws: { refusalKey($0) == "survey.answer.required" }
        #expect(try await families.school.service.surveyForm(id, unit: nil, caller: mother).answers == answers)
    }

    @Test("a question shown on a condition: hidden, its answer is refused; shown, it may be required")
    func conditions() async throws {
        let families = try await SurveyFamilies.make()
        let questions = """
            { id = "goes", kind = "yes_no", text = "Поедет?", required = true },
            { id = "why", kind = "text", text = "Почему нет?", required = true,
              show = function(answers, respondent) return answers.goes == false and respondent.child.class == "5А" end }
            """
        let id = try await families.launch(surveyScript(questions: questions))
        let service = families.school.service
        let mother = try await families.mother
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: ["goes": .flag(true), "why": .text("так")]), caller: mother)
        } throws: { refusalKey($0) == "survey.answer.hidden" }
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: ["goes": .flag(false)]), caller: mother)
        } throws: { refusalKey($0) == "survey.answer.required" }
        // A number no condition should see is refused before any condition runs.
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: ["goes": .number(1e300)]), caller: mother)
        } throws: { refusalKey($0) == "survey.answer.shape" }
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["goes": .flag(false), "why": .text("болеет")]), caller: mother)
    }

    @Test("one ballot per student: either representative answers, a parent of two answers twice")
    func perStudent() async throws {
        let families = try await SurveyFamilies.make()
        let id = try await families.launch(surveyScript(ballot: "student"))
        let service = families.school.service
        let yes: [String: SurveyAnswer] = ["q": .flag(true)]
        _ = try await service.submitBallot(id, BallotInput(unit: nil, answers: yes), caller: families.father)
        // Анна's mother: her daughter's ballot is cast; she may change it in a named survey only
        // as the same unit's ballot, and the home page says it is answered.
        let mother = try await families.mother
        let open = try await service.openSurveys(caller: mother)
        #expect(open.first?.units.map(\.answered) == [true])
        let two = families.twoChildren
        let units = try await service.openSurveys(caller: two).first!.units
        #expect(units.count == 2)
        await #expect {
            _ = try await service.submitBallot(id, BallotInput(unit: nil, answers: yes), caller: two)
        } throws: { refusalKey($0) == "survey.unit_choose" }
        for unit in units {
            _ = try await service.submitBallot(id, BallotInput(unit: unit.key, answers: yes), caller: two)
        }
        // A unit that is not theirs.
        await #expect {
            _ = try await service.submitBallot(id, BallotInput(unit: units[0].key, answers: yes), caller: mother)
        } throws: { refusalKey($0) == "survey.unit_not_yours" }
        try await families.close()
        let results = try await service.surveyResults(id, caller: try await families.management)
        #expect(results.ballots == 3 && results.audience == 3)
    }

    @Test("one ballot per family: a parent of two children answers once, and so do two parents of one")
    func perFamily() async throws {
        let families = try await SurveyFamilies.make()
        let id = try await families.launch(surveyScript(ballot: "family", privacy: "confidential", k: 3))
        let service = families.school.service
        let yes: [String: SurveyAnswer] = ["q": .flag(true)]
        #expect(try await service.openSurveys(caller: families.twoChildren).first?.units.count == 1)
        let receipt = try await service.submitBallot(id, BallotInput(unit: nil, answers: yes), caller: families.father)
        #expect(receipt.receipt != nil)
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: yes), caller: try await families.mother)
        } throws: { refusalKey($0) == "survey.answered_receipt" }
        // The receipt changes the ballot; a made-up one changes nothing.
        let changed = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(false)], receipt: receipt.receipt), caller: families.father)
        #expect(changed.changed)
        // The receipt stays good for the next change.
        let twice = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: yes, receipt: receipt.receipt), caller: families.father)
        #expect(twice.changed)
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: yes, receipt: "made-up"), caller: families.father)
        } throws: { refusalKey($0) == "survey.receipt_unknown" }
        _ = try await service.submitBallot(id, BallotInput(unit: nil, answers: yes), caller: families.twoChildren)
        try await families.close()
        let results = try await service.surveyResults(id, caller: try await families.management)
        // Two ballots: fewer than k = 3, so nothing is shown but their number.
        #expect(results.audience == 2 && results.ballots == 2 && results.suppressed && results.questions.isEmpty)
    }

    @Test("outside the audience, before the open, after the close: refused, nothing stored")
    func refusals() async throws {
        let families = try await SurveyFamilies.make()
        let id = try await families.launch(surveyScript())
        let service = families.school.service
        let teacher = try await families.caller(families.school.account(.otherTeacher))
        await #expect {
            _ = try await service.submitBallot(id, BallotInput(unit: nil, answers: ["q": .flag(true)]), caller: teacher)
        } throws: { refusalKey($0) == "survey.not_in_audience" }
        try await families.close()
        await #expect {
            _ = try await service.submitBallot(
                id, BallotInput(unit: nil, answers: ["q": .flag(true)]), caller: try await families.mother)
        } throws: { refusalKey($0) == "survey.closed" }
        let stored = try await service.database.read { try $0.surveyBallotCount(id) }
        #expect(stored == 0)
    }

    @Test("launched, the text is frozen; a copy is a new draft")
    func freeze() async throws {
        let families = try await SurveyFamilies.make()
        let id = try await families.launch(surveyScript())
        let service = families.school.service
        let management = try await families.management
        let launched = try await service.surveyDetail(id, caller: management)
        #expect(launched.survey.status == .launched && launched.audience.map(\.units) == [3])
        await #expect {
            _ = try await service.updateSurvey(
                id, source: surveyScript(k: 2), version: launched.survey.version, caller: management)
        } throws: { refusalKey($0) == "survey.frozen" }
        let copy = try await service.copySurvey(id, caller: management)
        #expect(copy.status == .draft && copy.source == launched.survey.source && copy.id != id)
        // The audience froze at launch: a parent added later is not asked.
        let late = try await families.school.build { builder in
            try builder.parent(
                PersonName(lastName: "Новая", firstName: "Анна"), login: "new", of: [families.school.students[0]])
        }
        #expect(try await service.openSurveys(caller: try await families.caller(late)).isEmpty)
    }

    @Test("results show only groups of at least k, and protect a small group from subtraction")
    func kThreshold() async throws {
        let families = try await SurveyFamilies.make()
        // 5А: three units. k = 3 with two ballots: nothing shown.
        let id = try await families.launch(surveyScript(privacy: "anonymous", k: 3))
        let service = families.school.service
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(true)]), caller: families.father)
        await #expect {
            _ = try await service.surveyResults(id, caller: try await families.management)
        } throws: { refusalKey($0) == "survey.results_after_close" }
        let units = try await service.openSurveys(caller: families.twoChildren).first!.units
        _ = try await service.submitBallot(
            id, BallotInput(unit: units[0].key, answers: ["q": .flag(false)]), caller: families.twoChildren)
        try await families.close()
        let results = try await service.surveyResults(id, caller: try await families.management)
        #expect(results.ballots == 2 && results.suppressed && results.questions.isEmpty)
        #expect(results.classes.allSatisfy(\.suppressed) && results.classes.allSatisfy { $0.ballots == 0 })
    }

    @Test("a small group hidden alone would show by subtraction: the next smallest is hidden too")
    func secondarySuppression() {
        func ballots(_ count: Int, _ grade: Int) -> [SurveyBallot] {
            (0..<count).map { index in
                SurveyBallot(
                    id: "\(grade)-\(index)", surveyID: 1, unitKey: nil, respondent: nil, classID: nil, grade: grade,
                    day: TestSchool.today, isPaper: false, answers: ["q": .flag(true)], receiptHash: nil)
            }
        }
        let question = SurveyQuestion(id: "q", kind: .yesNo, text: "?")
        let groups = JournalService.protect(
            [("1А", 1, ballots(2, 1)), ("2А", 2, ballots(6, 2)), ("3А", 3, ballots(9, 3))], questions: [question], k: 5)
        #expect(groups.map(\.suppressed) == [true, true, false])
    }

    @Test("reminders go only to the families that have not answered, in their agreed form")
    func reminders() async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        let system = Caller.system("секретарь")
        _ = try await service.runDelivery(mailer: nil, caller: system)
        let id = try await families.launch(surveyScript(closes: "2026-11-22", reminders: "{ 2 }"))
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(true)]), caller: families.father)
        let report = try await service.runDelivery(mailer: nil, caller: system)
        // Анна answered (her father): her mother is not reminded. Олег and Дарья have not:
        // their mother is, once per child.
        #expect(report.surveyReminders == 2)
        let mother = try await service.subject(account: families.school.account(.parent)).representativeID!
        let two = try await service.subject(account: families.twoChildren.subject!.accountID).representativeID!
        let queued = try await service.database.read { reader in
            try reader.outbox(representatives: [mother, two], limit: 100).filter { $0.messageClass == "surveys" }
        }
        #expect(queued.count == 2 && queued.allSatisfy { $0.representativeID == two })
        #expect(queued[0].subject.contains("Тестовый опрос"))
        // Run again the same day: nothing twice.
        #expect(try await service.runDelivery(mailer: nil, caller: system).surveyReminders == 0)
    }

    @Test("a reminder day the server missed is caught up, once")
    func missedReminder() async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        _ = try await service.runDelivery(mailer: nil, caller: .system("t"))
        // Three days before the close was yesterday: Анна's two parents and the mother of two, per child.
        _ = try await families.launch(surveyScript(closes: "2026-11-22", reminders: "{ 3 }"))
        #expect(try await service.runDelivery(mailer: nil, caller: .system("t")).surveyReminders == 4)
        #expect(try await service.runDelivery(mailer: nil, caller: .system("t")).surveyReminders == 0)
    }

    @Test("a question fewer than k answered shows only its count")
    func questionBelowK() {
        let question = SurveyQuestion(id: "why", kind: .text, text: "Почему?")
        let ballot = SurveyBallot(
            id: "1", surveyID: 1, unitKey: nil, respondent: nil, classID: nil, grade: nil, day: nil, isPaper: false,
            answers: ["why": .text("единственный ответ")], receiptHash: nil)
        let tallied = JournalService.tally([question], [ballot], k: 3, showTexts: true)
        #expect(tallied[0].suppressed && tallied[0].texts.isEmpty && tallied[0].answered == 1)
    }

    @Test("an anonymous survey cannot remind")
    func anonymousNoReminders() async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        _ = try await service.runDelivery(mailer: nil, caller: .system("t"))
        _ = try await families.launch(
            surveyScript(privacy: "anonymous", k: 3, closes: "2026-11-22", reminders: "{ 2 }"))
        #expect(try await service.runDelivery(mailer: nil, caller: .system("t")).surveyReminders == 0)
    }

    @Test("paper ballots: the class teacher enters them for paper families only")
    func paperBallots() async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        let two = try await service.subject(account: families.twoChildren.subject!.accountID).representativeID!
        _ = try await service.setDeliveryForm(
            representative: two, messageClass: "marks", channel: .paper, frequency: .weekly, applicationNumber: "5",
            caller: .system("секретарь"))
        let id = try await families.launch(surveyScript())
        let units = try await service.database.read { try $0.surveyUnits(id) }
        let paper = units.filter(\.isPaper)
        #expect(paper.count == 2)
        let teacher = try await families.caller(families.school.account(.teacher))
        let other = try await families.caller(families.school.account(.otherTeacher))
        let answers: [String: SurveyAnswer] = ["q": .flag(true)]
        _ = try await service.enterPaperBallot(id, BallotInput(unit: paper[0].key, answers: answers), caller: teacher)
        await #expect(throws: AccessDenied.self) {
            _ = try await service.enterPaperBallot(id, BallotInput(unit: paper[1].key, answers: answers), caller: other)
        }
        // A family on paper that answered online keeps its own ballot: no paper one overwrites it.
        _ = try await service.submitBallot(
            id, BallotInput(unit: paper[1].key, answers: ["q": .flag(false)]), caller: families.twoChildren)
        await #expect {
            _ = try await service.enterPaperBallot(
                id, BallotInput(unit: paper[1].key, answers: answers), caller: teacher)
        } throws: { refusalKey($0) == "survey.answered" }
        let notPaper = units.first { !$0.isPaper }!
        await #expect {
            _ = try await service.enterPaperBallot(
                id, BallotInput(unit: notPaper.key, answers: answers), caller: teacher)
        } throws: { refusalKey($0) == "survey.paper_only" }
        try await families.close()
        let results = try await service.surveyResults(id, caller: try await families.management)
        #expect(results.paperBallots == 1 && results.named?.filter(\.isPaper).count == 1)
    }

    @Test("raw answers are deleted after the retention period; the results stay")
    func retention() async throws {
        let families = try await SurveyFamilies.make()
        let service = families.school.service
        let id = try await families.launch(surveyScript())
        _ = try await service.submitBallot(
            id, BallotInput(unit: nil, answers: ["q": .flag(true)]), caller: families.father)
        try await families.close()
        #expect(try await service.database.read { try $0.surveyBallotCount(id) } == 1)
        families.school.clock.advance(by: 366 * 86_400)
        try await service.closeDueSurveys()
        #expect(try await service.database.read { try $0.surveyBallotCount(id) } == 0)
        #expect(try await service.database.read { try $0.surveyParticipation(id) }.isEmpty)
        #expect(try await service.surveyResults(id, caller: try await families.management).ballots == 1)
    }
}
