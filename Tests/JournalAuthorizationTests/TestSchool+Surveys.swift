import JournalModel
import JournalService
import JournalStore
import JournalTestSupport

/// The surveys of the authorization school, made in this order so that their ids are known:
/// 1, a draft; 2, launched and open to the parents and students of 5А; 3, closed with its
/// results, which only those who launch surveys read.
extension TestSchool {
    static let draftSurvey: Int64 = 1
    static let openSurvey: Int64 = 2
    static let closedSurvey: Int64 = 3

    static func surveyScript(title: String, closes: String) -> String {
        """
        return survey {
          title = "\(title)",
          audience = function(p)
            return (p.kind == "parent" and p.child.class == "5А") or (p.kind == "student" and p.class == "5А")
          end,
          ballot = "person",
          privacy = "confidential",
          k = 3,
          opens = "2026-11-20",
          closes = "\(closes)",
          questions = {
            { id = "often", kind = "single", required = true, text = "Как часто?", options = { "Часто", "Редко" } },
          },
        }
        """
    }

    func addAuthorizationSurveys() async throws {
        let system = Caller.system("test")
        _ = try await service.createSurvey(
            source: Self.surveyScript(title: "Черновик", closes: "2026-11-27"), template: nil, caller: system)
        let open = try await service.createSurvey(
            source: Self.surveyScript(title: "Открытый", closes: "2026-11-27"), template: nil, caller: system)
        _ = try await service.launchSurvey(open.id!, version: open.version, caller: system)
        let closed = try await service.createSurvey(
            source: Self.surveyScript(title: "Закрытый", closes: "2026-11-20"), template: nil, caller: system)
        _ = try await service.launchSurvey(closed.id!, version: closed.version, caller: system)
        // Its last day passed: the close keeps its results.
        try await service.database.write(actor: system.actor) { writer in
            guard var survey = try writer.reader.survey(closed.id!) else { return }
            survey.closes = LocalDate("2026-11-19")!
            try writer.update(survey)
        }
        try await service.closeDueSurveys()
        precondition([open.id!.rawValue, closed.id!.rawValue] == [Self.openSurvey, Self.closedSurvey])
    }
}
