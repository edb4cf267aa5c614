import Crypto
import DefaultRules
import Foundation
import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore
import LuaRuntime
import Synchronization

/// A survey as its lists show it.
public struct SurveySummary: Sendable, Codable, Hashable {
    public var id: SurveyID
    public var title: String
    public var status: SurveyStatus
    public var privacy: SurveyPrivacy
    public var ballotUnit: BallotUnit
    public var opens: LocalDate
    public var closes: LocalDate
    public var isOpen: Bool
    /// Units in the frozen audience (0 for a draft).
    public var audience: Int
    /// Ballots cast so far.
    public var ballots: Int
    public var template: String?
}

/// A survey with its script, its questions and, before launch, its audience counted per class.
public struct SurveyDetail: Sendable, Codable {
    public struct Group: Sendable, Codable, Hashable {
        /// A class's name, or the staff.
        public var title: String
        public var units: Int
        /// Of them, those who have answered; nil in anonymous surveys.
        public var answered: Int?
    }

    public var survey: Survey
    public var description: String
    public var questions: [SurveyQuestion]
    public var reminderDays: [Int]
    public var resultsReaders: [SurveyResultsReader]
    public var audience: [Group]
    public var isOpen: Bool
    /// Whether results may be read now by the caller.
    public var resultsReady: Bool
}

/// A survey that failed its check: every problem with its file:line.
public struct SurveyScriptProblem: Error, Sendable, CustomStringConvertible {
    public var errors: [RulesError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension JournalService {
    /// The templates under `rules/surveys/`, by name, with their titles.
    public func surveyTemplates(caller: Caller) async throws -> [(name: String, title: String, source: String)] {
        try await authorize(caller, .surveysLaunch, .school)
        var templates: [(String, String, String)] = []
        for (name, source) in surveyTemplateSources.sorted(by: { $0.key < $1.key }) {
            let script = try await loadSurvey(source, file: "surveys/\(name).lua")
            templates.append((name, script.definition.title, source))
        }
        return templates
    }

    /// Every survey for those who launch them; for others, the launched ones whose results
    /// they may read.
    public func surveys(caller: Caller) async throws -> [SurveySummary] {
        try await closeDueSurveys()
        let launcher = try await may(caller, .surveysLaunch, .school)
        let today = try await today()
        let all = try await database.read { reader in
            try reader.surveys().map { survey in
                (
                    survey, try reader.surveyUnits(survey.id!).count,
                    try reader.surveyBallotCount(survey.id!)
                )
            }
        }
        var summaries: [SurveySummary] = []
        for (survey, units, ballots) in all {
            if !launcher {
                guard survey.status == .closed, try await mayReadResults(survey, caller: caller) else { continue }
            }
            summaries.append(
                SurveySummary(
                    id: survey.id!, title: survey.title, status: survey.status, privacy: survey.privacy,
                    ballotUnit: survey.ballotUnit, opens: survey.opens, closes: survey.closes,
                    isOpen: survey.isOpen(on: today), audience: units, ballots: ballots, template: survey.template))
        }
        return summaries
    }

    /// Checks a script as the editor does: loads it, runs its tests and resolves its audience,
    /// counted per class. Nothing is stored.
    public func checkSurvey(source: String, caller: Caller) async throws -> (SurveyDefinition, [SurveyDetail.Group]) {
        try await authorize(caller, .surveysLaunch, .school)
        let script = try await loadSurvey(source, file: "survey.lua")
        let audience = try await resolveAudience(script, survey: SurveyID(0))
        return (script.definition, Self.groups(audience.units, participation: nil))
    }

    /// Makes a draft from a script (a template's, the form builder's or one's own).
    public func createSurvey(source: String, template: String?, caller: Caller) async throws -> Survey {
        try await authorize(caller, .surveysLaunch, .school)
        let script = try await loadSurvey(source, file: "survey.lua")
        let definition = script.definition
        let survey = Survey(
            title: definition.title, source: source, template: template, privacy: definition.privacy,
            ballotUnit: definition.ballotUnit, minimumGroup: definition.minimumGroup, opens: definition.opens,
            closes: definition.closes, retentionDays: definition.retentionDays, createdBy: caller.subject?.accountID,
            createdAt: now(), reminderDays: definition.reminderDays)
        return try await database.write(actor: caller.actor) { writer in try writer.insert(survey) }
    }

    /// Replaces a draft's script. A launched survey's text is frozen: make a copy instead.
    public func updateSurvey(_ id: SurveyID, source: String, version: Int, caller: Caller) async throws -> Survey {
        try await authorize(caller, .surveysLaunch, .school)
        let script = try await loadSurvey(source, file: "survey.lua")
        let definition = script.definition
        return try await database.write(actor: caller.actor) { writer in
            guard var survey = try writer.reader.survey(id) else {
                throw ServiceError.unknown(entity: "survey", id: id.description)
            }
            guard survey.status == .draft else {
                throw JournalError.refused(.init("survey.frozen", ["title": survey.title]))
            }
            survey.version = version
            survey.source = source
            survey.title = definition.title
            survey.privacy = definition.privacy
            survey.ballotUnit = definition.ballotUnit
            survey.minimumGroup = definition.minimumGroup
            survey.opens = definition.opens
            survey.closes = definition.closes
            survey.retentionDays = definition.retentionDays
            survey.reminderDays = definition.reminderDays
            return try writer.update(survey)
        }
    }

    /// A new draft with the script of `id`, to change what a launched survey froze.
    public func copySurvey(_ id: SurveyID, caller: Caller) async throws -> Survey {
        try await authorize(caller, .surveysLaunch, .school)
        guard let survey = try await database.read({ try $0.survey(id) }) else {
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        return try await createSurvey(source: survey.source, template: survey.template, caller: caller)
    }

    /// Launches a draft: its script is checked again, its audience resolved and frozen with
    /// the text. It must close today or later.
    public func launchSurvey(_ id: SurveyID, version: Int, caller: Caller) async throws -> Survey {
        try await authorize(caller, .surveysLaunch, .school)
        guard let survey = try await database.read({ try $0.survey(id) }) else {
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        guard survey.status == .draft else { throw JournalError.refused(.init("survey.already_launched")) }
        let today = try await today()
        guard survey.closes >= today else {
            throw JournalError.invalid(
                field: "closes", message: .init("survey.closes_past", ["closes": survey.closes.description]))
        }
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let audience = try await resolveAudience(script, survey: id)
        guard !audience.units.isEmpty else { throw JournalError.refused(.init("survey.audience_empty")) }
        let secret =
            survey.privacy == .anonymous ? Data(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }) : nil
        let launchedAt = now()
        return try await database.write(actor: caller.actor) { writer in
            var launched = survey
            launched.version = version
            launched.status = .launched
            launched.launchedAt = launchedAt
            launched = try writer.update(launched)
            try writer.freezeAudience(id, units: audience.units, respondents: audience.respondents, secret: secret)
            return launched
        }
    }

    /// A survey with its questions and audience; those who launch surveys see every one, a
    /// respondent the ones they are asked, a reader of results the closed ones.
    public func surveyDetail(_ id: SurveyID, caller: Caller) async throws -> SurveyDetail {
        try await closeDueSurveys()
        guard let survey = try await database.read({ try $0.survey(id) }) else {
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        let launcher = try await may(caller, .surveysLaunch, .school)
        var resultsReady = false
        if survey.status == .closed { resultsReady = try await mayReadResults(survey, caller: caller) }
        if !launcher, !resultsReady, try await respondentUnits(survey, caller: caller).isEmpty {
            try await authorize(caller, .surveysLaunch, .school)
        }
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let groups: [SurveyDetail.Group]
        if survey.status == .draft {
            groups =
                launcher ? Self.groups(try await resolveAudience(script, survey: id).units, participation: nil) : []
        } else {
            groups = try await database.read { reader in
                let units = try reader.surveyUnits(id)
                let answered =
                    survey.privacy.knowsRespondents ? Set(try reader.surveyParticipation(id).map(\.unit)) : nil
                return Self.groups(units, participation: answered)
            }
        }
        // The results are read through ``surveyResults(_:caller:)``, which leaves out what the
        // caller may not see (a named survey's ballots); the script is for those who edit it.
        var shown = survey
        shown.snapshot = nil
        if !launcher { shown.source = "" }
        return SurveyDetail(
            survey: shown, description: script.definition.description, questions: script.definition.questions,
            reminderDays: survey.reminderDays, resultsReaders: script.definition.resultsReaders,
            audience: launcher ? groups : [], isOpen: survey.isOpen(on: try await today()),
            resultsReady: resultsReady)
    }

    // MARK: - Audience

    struct ResolvedAudience: Sendable {
        var units: [SurveyUnit]
        var respondents: [SurveyRespondent]
    }

    /// Asks the script's audience function about every person of the school and turns those
    /// it takes into units of the survey's ballot: a person, a student (any of the child's
    /// representatives answers), or a family (representatives who share children).
    func resolveAudience(_ script: SurveyScript, survey id: SurveyID) async throws -> ResolvedAudience {
        let school = try await database.read { reader in try AudienceSchool(reader) }
        var candidates: [(candidate: SurveyCandidate, owner: String, student: Student?)] = []
        for student in school.students {
            let schoolClass = school.classes[student.classID]
            candidates.append(
                (
                    SurveyCandidate(
                        kind: .student, roles: ["student"], className: schoolClass?.name, grade: schoolClass?.grade),
                    "student:\(student.id!)", student
                ))
        }
        for (representative, children) in school.children.sorted(by: { $0.key < $1.key }) {
            for child in children {
                let schoolClass = school.classes[child.classID]
                candidates.append(
                    (
                        SurveyCandidate(
                            kind: .parent, roles: ["parent"], childClass: schoolClass?.name,
                            childGrade: schoolClass?.grade, paper: school.paper.contains(representative)),
                        "representative:\(representative)", child
                    ))
            }
        }
        for staff in school.staff {
            candidates.append(
                (SurveyCandidate(kind: .staff, roles: staff.roles.map(\.rawValue).sorted()), "staff:\(staff.id!)", nil))
        }
        let taken: [Bool]
        do {
            taken = try await script.audience(candidates.map(\.candidate))
        } catch let failure as RulesFailure {
            throw SurveyScriptProblem(errors: failure.errors)
        }
        var units: [String: SurveyUnit] = [:]
        var respondents: Set<SurveyRespondent> = []
        for (index, entry) in candidates.enumerated() where taken[index] {
            let schoolClass = entry.student.flatMap { school.classes[$0.classID] }
            let paper = entry.candidate.kind == .parent && entry.candidate.paper
            let key: String
            let label: String
            switch script.definition.ballotUnit {
            case .person:
                key = "person:\(entry.owner)"
                label = school.name(of: entry.owner)
            case .student:
                guard let student = entry.student else {
                    key = "person:\(entry.owner)"
                    label = school.name(of: entry.owner)
                    break
                }
                key = "student:\(student.id!)"
                label = "\(student.name.description), \(schoolClass?.name ?? "")"
            case .family:
                guard let student = entry.student else {
                    key = "person:\(entry.owner)"
                    label = school.name(of: entry.owner)
                    break
                }
                let family = school.family(of: student.id!)
                key = "family:\(family.first!)"
                label = family.compactMap { school.studentsByID[$0]?.name.short }.joined(separator: ", ")
            }
            if var unit = units[key] {
                // A unit several people answer for is on paper when any of them chose paper.
                unit.isPaper = unit.isPaper || paper
                units[key] = unit
            } else {
                units[key] = SurveyUnit(
                    surveyID: id, key: key, classID: schoolClass?.id, className: schoolClass?.name,
                    grade: schoolClass?.grade,
                    label: label,
                    isPaper: paper)
            }
            respondents.insert(SurveyRespondent(surveyID: id, unitKey: key, owner: entry.owner))
        }
        return ResolvedAudience(
            units: units.values.sorted { $0.key < $1.key },
            respondents: respondents.sorted { ($0.unitKey, $0.owner) < ($1.unitKey, $1.owner) })
    }

    static func groups(_ units: [SurveyUnit], participation: Set<String>?) -> [SurveyDetail.Group] {
        var byClass: [String: (grade: Int, units: Int, answered: Int)] = [:]
        for unit in units {
            let name = unit.className ?? "—"
            var entry = byClass[name] ?? (unit.grade ?? 99, 0, 0)
            entry.units += 1
            if participation?.contains(unit.key) == true { entry.answered += 1 }
            byClass[name] = entry
        }
        return byClass.sorted { ($0.value.grade, $0.key) < ($1.value.grade, $1.key) }.map {
            SurveyDetail.Group(
                title: $0.key, units: $0.value.units, answered: participation == nil ? nil : $0.value.answered)
        }
    }

    // MARK: - Scripts

    /// The shipped templates, by name.
    var surveyTemplateSources: [String: String] { DefaultRules.surveyTemplates }

    /// Loads and checks a survey script on the editor's thread; problems become a
    /// ``SurveyScriptProblem`` with their lines.
    func loadSurvey(_ source: String, file: String) async throws -> SurveyScript {
        guard source.utf8.count <= LuaScript.maximumSourceBytes else {
            throw SurveyScriptProblem(errors: [RulesError(file: file, .init("survey.script.too_large"))])
        }
        let key = "\(file)\u{1F}\(source)"
        if let loaded = surveyScripts.withLock({ $0[key] }) { return loaded }
        do {
            let loaded = try await SurveyScript.load(source: source, file: file)
            surveyScripts.withLock { cache in
                // Few surveys run at once; a school editing many drafts starts the cache afresh.
                if cache.count >= 32 { cache.removeAll() }
                cache[key] = loaded
            }
            return loaded
        } catch let failure as RulesFailure {
            throw SurveyScriptProblem(errors: failure.errors)
        } catch let error as RulesError {
            throw SurveyScriptProblem(errors: [error])
        }
    }

    /// Whether the caller may read a closed survey's results: those who launch surveys, and
    /// the readers the script names.
    func mayReadResults(_ survey: Survey, caller: Caller) async throws -> Bool {
        guard let subject = caller.subject else { return true }
        if try await may(caller, .surveysLaunch, .school) { return true }
        let script = try await loadSurvey(survey.source, file: "survey.lua")
        let readers = Set(script.definition.resultsReaders)
        if readers.contains(.teachers), subject.roles.contains(.teacher) { return true }
        if readers.contains(.staff), subject.staffID != nil, try await may(caller, .reportsView, .school) {
            return true
        }
        if readers.contains(.respondents), !(try await respondentUnits(survey, caller: caller)).isEmpty {
            return true
        }
        return false
    }

    /// The units of the survey the caller answers for.
    func respondentUnits(_ survey: Survey, caller: Caller) async throws -> [SurveyUnit] {
        guard let owner = caller.subject.flatMap(Self.ownerKey) else { return [] }
        let id = survey.id!
        return try await database.read { reader in try reader.surveyUnits(owner: owner)[id] ?? [] }
    }

    /// How a respondent is named in the audience: `student:17`, `representative:9`, `staff:4`.
    static func ownerKey(_ subject: AccessSubject) -> String? {
        if let id = subject.staffID { return "staff:\(id)" }
        if let id = subject.representativeID { return "representative:\(id)" }
        if let id = subject.studentID { return "student:\(id)" }
        return nil
    }
}

/// The school as the audience function is asked about it, read once.
struct AudienceSchool {
    var students: [Student]
    var studentsByID: [StudentID: Student]
    var classes: [ClassID: SchoolClass]
    /// Each representative's children.
    var children: [RepresentativeID: [Student]]
    var representatives: [RepresentativeID: Representative]
    var staff: [Staff]
    /// Representatives with some class of messages on paper.
    var paper: Set<RepresentativeID>
    /// Students linked through shared representatives, by student.
    private var links: [StudentID: Set<RepresentativeID>]

    init(_ reader: StoreReader) throws {
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        let classes = Dictionary(uniqueKeysWithValues: try reader.classes(year: year.id!).map { ($0.id!, $0) })
        self.classes = classes
        students = try reader.allStudents().filter { classes[$0.classID] != nil }
        studentsByID = Dictionary(uniqueKeysWithValues: students.map { ($0.id!, $0) })
        representatives = Dictionary(uniqueKeysWithValues: try reader.allRepresentatives().map { ($0.id!, $0) })
        var children: [RepresentativeID: [Student]] = [:]
        var links: [StudentID: Set<RepresentativeID>] = [:]
        for link in try reader.allRepresentativeLinks() {
            guard let student = studentsByID[link.studentID] else { continue }
            children[link.representativeID, default: []].append(student)
            links[link.studentID, default: []].insert(link.representativeID)
        }
        self.children = children
        self.links = links
        staff = try reader.allStaff()
        paper = Set(try reader.allDeliveryPreferences().filter { $0.channel == .paper }.map(\.representativeID))
    }

    func name(of owner: String) -> String {
        let parts = owner.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else { return owner }
        switch parts[0] {
        case "student": return studentsByID[StudentID(id)]?.name.description ?? owner
        case "representative": return representatives[RepresentativeID(id)]?.name.description ?? owner
        default: return staff.first { $0.id == StaffID(id) }?.name.description ?? owner
        }
    }

    /// The students of a family: those reached from `student` through representatives they
    /// share, sorted; the first is the family's key.
    func family(of student: StudentID) -> [StudentID] {
        var seen: Set<StudentID> = [student]
        var queue = [student]
        while let next = queue.popLast() {
            for representative in links[next] ?? [] {
                for child in children[representative] ?? [] where seen.insert(child.id!).inserted {
                    queue.append(child.id!)
                }
            }
        }
        return seen.sorted()
    }
}
