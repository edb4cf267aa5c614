import Foundation
import Hummingbird
import JournalModel
import JournalService

/// The family's diary (R1–R7, R12–R14): a student's week, marks, attestation, attendance and
/// timetable. The service checks that the caller may read this student.
struct DiaryController {
    let service: JournalService
    let cache: ResponseCache?

    func addRoutes(to routes: APIRoutes<JournalRequestContext>) {
        routes.on(.get, "/api/v1/students/{studentID}/diary", use: diaryWeek)
        routes.on(.get, "/api/v1/students/{studentID}/marks", use: marks)
        routes.on(.get, "/api/v1/students/{studentID}/marks/targets", use: markTargets)
        routes.on(.get, "/api/v1/students/{studentID}/attestation", use: attestation)
        routes.on(.get, "/api/v1/students/{studentID}/attendance", use: attendance)
        routes.on(.get, "/api/v1/students/{studentID}/timetable", use: timetable)
    }

    /// A student's week in the diary.
    @Sendable func diaryWeek(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let week = try await week(request).startOfWeek
        let caller = try context.caller()
        let key = "\(student)/\(week)"
        let tag = try await service.diaryTag(student: student, week: week, caller: caller)
        if request.headers[.ifNoneMatch] == tag { return JSON.notModified(tag: tag) }
        let build: @Sendable () async throws -> [UInt8] = {
            DiaryWeekJSON.encode(try await service.diaryWeek(student: student, week: week, caller: caller))
        }
        guard let cache else { return JSON.response(bytes: try await build(), tag: tag) }
        // Built with the caller's rights, which were checked above for this student; the
        // week is the same for everyone who may read it.
        return JSON.response(bytes: try await cache.value(key, tag: tag, build: build), tag: tag)
    }

    /// A student's marks by subject in a period.
    @Sendable func marks(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let marks = try await service.studentMarks(
            student: student, period: request.query("period") ?? "current", caller: try context.caller())
        return try JSON.response(marks)
    }

    /// What it would take to reach each higher mark in each subject of a period.
    @Sendable func markTargets(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let targets = try await service.studentMarkTargets(
            student: student, period: request.query("period") ?? "current", caller: try context.caller())
        return try JSON.response(targets)
    }

    /// A student's attestation results.
    @Sendable func attestation(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        return try JSON.response(try await service.attestation(student: student, caller: try context.caller()))
    }

    /// A student's attendance.
    @Sendable func attendance(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let summary = try await service.attendanceSummary(
            student: student, period: request.query("period") ?? "current", caller: try context.caller())
        return try JSON.response(summary)
    }

    /// A student's timetable and its changes.
    @Sendable func timetable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try context.parameters.id("studentID"))
        let week = try await week(request)
        return try JSON.response(
            try await service.studentTimetable(student: student, week: week, caller: try context.caller()))
    }

    /// The `week` asked for, or the current one.
    func week(_ request: Request) async throws -> LocalDate {
        guard let date = try Self.week(request.query("week")) else { return try await service.today() }
        return date
    }

    /// A `week` query value — any day of a week that ends by ``lastDay`` — or nil when absent;
    /// for the API and the pages alike.
    static func week(_ text: String?) throws -> LocalDate? {
        guard let date = try date(text) else { return nil }
        guard date.startOfWeek.adding(days: 6) <= lastDay else {
            throw Problem(
                "invalid-value", status: .unprocessableContent,
                detail: "'week' must be a week that ends by \(lastDay), the last day a date can name",
                field: "week")
        }
        return date
    }

    /// Days are written with four-digit years.
    static let lastDay = LocalDate(year: 9999, month: 12, day: 31)!

    /// A `YYYY-MM-DD` query value, or a 400 naming the form.
    static func date(_ text: String?, field: String = "week") throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw Problem.badRequest("problem.date_query", ["field": field], field: field)
        }
        return date
    }
}
