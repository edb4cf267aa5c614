import JournalAccess
public import JournalModel
import JournalStore

extension JournalService {
    /// The units of an open survey whose ballot the caller may enter from paper: families on
    /// paper of the classes where the caller holds `surveys.paper` (their class teacher), that
    /// have not answered yet. Refused to anyone who holds the right for none of them.
    public func paperUnits(_ id: SurveyID, caller: Caller) async throws -> PaperSurvey {
        try await closeDueSurveys()
        guard let survey = try await database.read({ try $0.survey(id) }), survey.status != .draft else {
            throw ServiceError.unknown(entity: "survey", id: id.description)
        }
        let (units, secret, answered) = try await database.read { reader in
            (
                try reader.surveyUnits(id).filter(\.isPaper), try reader.surveySecret(id),
                Set(try reader.surveyParticipation(id).map(\.unit))
            )
        }
        var mayEnter: [ClassID: Bool] = [:]
        var open: [SurveyUnit] = []
        for unit in units {
            guard let classID = unit.classID else { continue }
            if mayEnter[classID] == nil {
                mayEnter[classID] = try await may(
                    caller, .surveysPaper, AccessObject(kind: .group, id: classID.rawValue, classes: [classID]))
            }
            guard mayEnter[classID] == true else { continue }
            if !answered.contains(Self.participationKey(unit.key, survey: survey, secret: secret)) { open.append(unit) }
        }
        if !mayEnter.values.contains(true) {
            // No paper family of theirs: still a class teacher's page, empty.
            var classTeacher = false
            for classID in caller.subject?.ownClasses.sorted() ?? [] where !classTeacher {
                classTeacher = try await may(
                    caller, .surveysPaper, AccessObject(kind: .group, id: classID.rawValue, classes: [classID]))
            }
            if !classTeacher { try await authorize(caller, .surveysPaper, .school) }
        }
        return PaperSurvey(
            id: id, title: survey.title, closes: survey.closes,
            units: open.sorted { ($0.className ?? "", $0.label) < ($1.className ?? "", $1.label) })
    }
}

/// A survey with the paper ballots the caller, a class teacher, has yet to enter.
public struct PaperSurvey: Sendable, Hashable {
    public var id: SurveyID
    public var title: String
    public var closes: LocalDate
    /// Paper families of the caller's classes not entered yet.
    public var units: [SurveyUnit]
}

extension JournalService {
    /// The open surveys whose paper ballots the caller still has to enter, for their home page.
    public func paperSurveys(caller: Caller) async throws -> [PaperSurvey] {
        guard let subject = caller.subject, !subject.ownClasses.isEmpty else { return [] }
        try await closeDueSurveys()
        let today = try await today()
        let open = try await database.read { reader in try reader.surveys() }.filter { $0.isOpen(on: today) }
        var result: [PaperSurvey] = []
        for survey in open {
            // A survey whose paper ballots are refused to the caller is not theirs to list.
            guard let paper = try? await paperUnits(survey.id!, caller: caller) else { continue }
            if !paper.units.isEmpty { result.append(paper) }
        }
        return result
    }
}
