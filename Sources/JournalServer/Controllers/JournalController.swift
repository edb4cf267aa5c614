import Foundation
import Hummingbird
import JournalModel
import JournalService

/// The staff's journal: their groups, the grid, marks, attendance, lesson records,
/// substitutions and period marks. Every write carries the version it was read at when the
/// object is edited concurrently.
struct JournalController {
    let service: JournalService

    struct NewWork: Decodable {
        var lessonID: LessonID?
        var workType: String
        var title: String?
        var date: LocalDate?
        var weight: Double?
    }

    struct MarkChange: Decodable {
        var version: Int
        var value: String?
        var comment: String?
        var isDebt: Bool?
        var debtDueOn: LocalDate?
        var reason: String?
    }

    struct AttendanceChange: Decodable {
        /// An attendance code, or null for present.
        var code: String?
        /// The version the attendance was read at, 0 when none was recorded. Optional for
        /// clients older than versions: without it, only a write that undoes nobody's is taken.
        var version: Int?
    }

    struct HomeworkChange: Decodable {
        var text: String?
    }

    struct Substitution: Decodable {
        var substituteID: StaffID?
        var reason: String?
    }

    struct FinalMarkChange: Decodable {
        var value: String?
        var reason: String?
        var version: Int?
    }

    struct Cancellation: Decodable {
        var reason: String
    }

    struct Move: Decodable {
        var date: LocalDate
        var number: Int
        var reason: String
    }

    struct Merge: Decodable {
        var hostLessonID: LessonID
        var reason: String
    }

    struct RoomChange: Decodable {
        var room: String
        var reason: String?
    }

    struct Reopening: Decodable {
        var period: String
        var className: String?
        var until: LocalDate
        var reason: String
    }

    struct PeriodMarkChange: Decodable {
        var period: String
        var value: String?
        var reason: String?
        var version: Int?
    }

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/me/assignments", use: myAssignments)
        routes.on(.get, "/api/v1/assignments/{assignmentID}/journal", use: journalGrid)
        routes.on(.post, "/api/v1/assignments/{assignmentID}/works", use: addWork)
        routes.on(.post, "/api/v1/marks", use: addMark)
        routes.on(.patch, "/api/v1/marks/{markID}", use: changeMark)
        routes.on(.delete, "/api/v1/marks/{markID}", use: deleteMark)
        routes.on(.patch, "/api/v1/lessons/{lessonID}", use: updateLesson)
        routes.on(.put, "/api/v1/lessons/{lessonID}/attendance/{studentID}", use: setAttendance)
        routes.on(.put, "/api/v1/lessons/{lessonID}/homework/{studentID}", use: setIndividualHomework)
        routes.on(.post, "/api/v1/lessons/{lessonID}/substitution", use: recordSubstitution)
        routes.on(.post, "/api/v1/lessons/{lessonID}/cancellation", use: cancelLesson)
        routes.on(.post, "/api/v1/lessons/{lessonID}/move", use: moveLesson)
        routes.on(.put, "/api/v1/lessons/{lessonID}/room", use: changeRoom)
        routes.on(.post, "/api/v1/lessons/{lessonID}/merge", use: mergeLesson)
        routes.on(.post, "/api/v1/exam-results", use: recordExamResult)
        routes.on(.post, "/api/v1/exam-results/protocol", use: importExamProtocol)
        routes.on(.get, "/api/v1/students/{studentID}/subjects/{subjectID}/final-mark", use: finalMark)
        routes.on(.put, "/api/v1/students/{studentID}/subjects/{subjectID}/final-mark", use: setFinalMark)
        routes.on(.get, "/api/v1/period-reopenings", use: periodReopenings)
        routes.on(.post, "/api/v1/period-reopenings", use: reopenPeriod)
        routes.on(.get, "/api/v1/students/{studentID}/subjects/{subjectID}/explanation", use: explainMark)
        routes.on(.put, "/api/v1/students/{studentID}/subjects/{subjectID}/period-mark", use: setPeriodMark)
    }

    /// The caller's teaching assignments.
    @Sendable func myAssignments(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.myAssignments(caller: try context.caller()))
    }

    /// The journal grid of an assignment.
    @Sendable func journalGrid(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AssignmentID(try context.parameters.id("assignmentID"))
        let grid = try await service.journalGrid(
            assignment: id, period: request.query("period") ?? "current", caller: try context.caller())
        return try JSON.response(grid)
    }

    /// Adds a work (a column of the grid) to an assignment.
    @Sendable func addWork(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = AssignmentID(try context.parameters.id("assignmentID"))
        let body = try await JSON.body(NewWork.self, request, context: context)
        let work = try await service.createWork(
            assignment: id, lesson: body.lessonID, workType: body.workType, title: body.title, date: body.date,
            weight: body.weight, caller: try context.caller())
        return try JSON.response(work, status: .created)
    }

    /// Puts a mark.
    @Sendable func addMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let draft = try await JSON.body(MarkDraft.self, request, context: context)
        return try JSON.response(try await service.postMark(draft, caller: try context.caller()), status: .created)
    }

    /// Changes a mark, at the version it was read at.
    @Sendable func changeMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = MarkID(try context.parameters.id("markID"))
        let body = try await JSON.body(MarkChange.self, request, context: context)
        let mark = try await service.changeMark(
            id, version: body.version, value: body.value, comment: body.comment, isDebt: body.isDebt ?? false,
            debtDueOn: body.debtDueOn, caller: try context.caller(), reason: body.reason)
        return try JSON.response(mark)
    }

    /// Deletes a mark, at the version it was read at.
    @Sendable func deleteMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = MarkID(try context.parameters.id("markID"))
        guard let text = request.query("version"), let version = Int(text) else {
            throw Problem.badRequest("problem.mark_version_query", field: "version")
        }
        try await service.deleteMark(
            id, version: version, caller: try context.caller(), reason: request.query("reason"))
        return Response(status: .noContent)
    }

    /// Changes a lesson's topic, material or homework.
    @Sendable func updateLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let id = LessonID(try context.parameters.id("lessonID"))
        let changes = try await JSON.body(LessonChanges.self, request, context: context)
        return try JSON.response(try await service.updateLesson(id, changes, caller: try context.caller()))
    }

    /// Sets a student's attendance at a lesson.
    @Sendable func setAttendance(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let student = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(AttendanceChange.self, request, context: context)
        let record = try await service.setAttendance(
            lesson: lesson, student: student, code: body.code, version: body.version, caller: try context.caller())
        return record.map { try? JSON.response($0) }.flatMap { $0 } ?? Response(status: .noContent)
    }

    /// Sets a student's individual homework for a lesson.
    @Sendable func setIndividualHomework(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let student = StudentID(try context.parameters.id("studentID"))
        let body = try await JSON.body(HomeworkChange.self, request, context: context)
        try await service.setIndividualHomework(
            lesson: lesson, student: student, text: body.text, caller: try context.caller())
        return Response(status: .noContent)
    }

    /// Records that another teacher taught a lesson.
    @Sendable func recordSubstitution(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let body = try await JSON.body(Substitution.self, request, context: context)
        let updated = try await service.recordSubstitution(
            lesson: lesson, substitute: body.substituteID, reason: body.reason, caller: try context.caller())
        return try JSON.response(updated)
    }

    /// Cancels a lesson that is not given, with the reason families see.
    @Sendable func cancelLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let body = try await JSON.body(Cancellation.self, request, context: context)
        return try JSON.response(
            try await service.cancelLesson(lesson, reason: body.reason, caller: try context.caller()))
    }

    /// Moves a lesson to another day or lesson number.
    @Sendable func moveLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let body = try await JSON.body(Move.self, request, context: context)
        let moved = try await service.moveLesson(
            lesson, to: body.date, number: body.number, reason: body.reason, caller: try context.caller())
        return try JSON.response(moved)
    }

    /// Merges a lesson's group into another group's lesson of the same slot.
    @Sendable func mergeLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let body = try await JSON.body(Merge.self, request, context: context)
        return try JSON.response(
            try await service.mergeLesson(
                lesson, into: body.hostLessonID, reason: body.reason, caller: try context.caller()))
    }

    /// Gives a lesson another room.
    @Sendable func changeRoom(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let lesson = LessonID(try context.parameters.id("lessonID"))
        let body = try await JSON.body(RoomChange.self, request, context: context)
        let changed = try await service.changeRoom(
            lesson, to: body.room, reason: body.reason, caller: try context.caller())
        return try JSON.response(changed)
    }

    /// Records one exam result, converted by exams.lua.
    @Sendable func recordExamResult(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let input = try await JSON.body(ExamResultInput.self, request, context: context)
        return try JSON.response(
            try await service.recordExamResult(input, caller: try context.caller()), status: .created)
    }

    /// Imports a protocol of results as CSV (the body), named by `?file=` in messages.
    @Sendable func importExamProtocol(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try context.requireSession()
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let results = try await service.importExamProtocol(
            Data(body.readableBytesView), file: request.query("file") ?? "protocol.csv", caller: try context.caller())
        return try JSON.response(results, status: .created)
    }

    /// A student's final mark in a subject: recommended and set.
    @Sendable func finalMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let subject = SubjectID(try context.parameters.id("subjectID"))
        return try JSON.response(
            try await service.finalStanding(student: student, subject: subject, caller: try context.caller()))
    }

    /// Sets a student's final mark in a subject.
    @Sendable func setFinalMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let subject = SubjectID(try context.parameters.id("subjectID"))
        let body = try await JSON.body(FinalMarkChange.self, request, context: context)
        return try JSON.response(
            try await service.setFinalMark(
                student: student, subject: subject, value: body.value, reason: body.reason, version: body.version,
                caller: try context.caller()))
    }

    /// The reopenings of this year's closed periods.
    @Sendable func periodReopenings(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try JSON.response(try await service.periodReopenings(caller: try context.caller()))
    }

    /// Reopens a closed period for corrections, with a reason.
    @Sendable func reopenPeriod(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let body = try await JSON.body(Reopening.self, request, context: context)
        let reopening = try await service.reopenPeriod(
            body.period, className: body.className, until: body.until, reason: body.reason,
            caller: try context.caller())
        return try JSON.response(reopening, status: .created)
    }

    /// Explains a student's forecast or period mark in a subject.
    @Sendable func explainMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let subject = SubjectID(try context.parameters.id("subjectID"))
        let row = try await service.explain(
            student: student, subject: subject, period: request.query("period") ?? "current",
            caller: try context.caller())
        return try JSON.response(row)
    }

    /// Sets a student's period mark in a subject.
    @Sendable func setPeriodMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let subject = SubjectID(try context.parameters.id("subjectID"))
        let body = try await JSON.body(PeriodMarkChange.self, request, context: context)
        let mark = try await service.setPeriodMark(
            student: student, subject: subject, period: body.period, value: body.value, reason: body.reason,
            version: body.version, caller: try context.caller())
        return try JSON.response(mark)
    }
}
