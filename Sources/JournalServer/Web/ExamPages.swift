import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// Final attestation in the browser (R3), for holders of exams.edit (the deputy head): a
/// class's exam results and final marks, a result entered by hand or a protocol pasted as CSV,
/// and each final mark set beside its recommendation.
struct ExamPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// One result typed into the form.
    struct ResultForm: Decodable {
        var className: String
        var student: Int64
        var subject: Int64
        var exam: String
        var examDate: String
        var score: String?
        var mark: String?
        var protocolNumber: String
        var protocolDate: String
    }

    /// A protocol pasted as CSV text.
    struct ProtocolForm: Decodable {
        var className: String?
        var text: String
    }

    /// A final mark set.
    struct FinalForm: Decodable {
        var className: String
        var student: Int64
        var subject: Int64
        var value: String?
        var reason: String?
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/exams", use: examsPage)
            .post("/exams/results", use: recordResult)
            .post("/exams/protocol", use: importProtocol)
            .post("/exams/final", use: setFinalMark)
    }

    @Sendable func examsPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        if request.query("saved") != nil { page.flash = Strings.text("exams.saved", page.language) }
        return try await render(page, className: request.query("className") ?? "", status: .ok)
    }

    @Sendable func recordResult(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let form = try await request.decodeForm(ResultForm.self)
        do {
            guard let examDate = LocalDate(form.examDate), let protocolDate = LocalDate(form.protocolDate) else {
                throw JournalError.invalid(field: "date", message: .init("error.exam.date"))
            }
            var score: Double?
            if let text = form.score.trimmedText {
                guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                    throw JournalError.invalid(field: "score", message: .init("error.exam.score", ["score": text]))
                }
                score = value
            }
            _ = try await service.recordExamResult(
                ExamResultInput(
                    studentID: StudentID(form.student), subjectID: SubjectID(form.subject), exam: form.exam,
                    examDate: examDate, score: score, mark: form.mark.trimmedText, protocolNumber: form.protocolNumber,
                    protocolDate: protocolDate),
                caller: page.session!.caller)
        } catch {
            page.error = try Self.message(error, page.language)
            return try await render(page, className: form.className, status: .unprocessableContent)
        }
        return WebResponse.redirect("/exams?className=\(WebSupport.escapeQuery(form.className))&saved=1")
    }

    @Sendable func importProtocol(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let form = try await request.decodeForm(ProtocolForm.self)
        let className = form.className ?? ""
        do {
            _ = try await service.importExamProtocol(
                Data(form.text.utf8), file: Strings.text("exams.protocol_file", page.language),
                caller: page.session!.caller)
        } catch {
            page.error = try Self.message(error, page.language)
            return try await render(page, className: className, status: .unprocessableContent)
        }
        return WebResponse.redirect("/exams?className=\(WebSupport.escapeQuery(className))&saved=1")
    }

    @Sendable func setFinalMark(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let form = try await request.decodeForm(FinalForm.self)
        do {
            _ = try await service.setFinalMark(
                student: StudentID(form.student), subject: SubjectID(form.subject), value: form.value.trimmedText,
                reason: form.reason.trimmedText, caller: page.session!.caller)
        } catch {
            page.error = try Self.message(error, page.language)
            return try await render(page, className: form.className, status: .unprocessableContent)
        }
        return WebResponse.redirect("/exams?className=\(WebSupport.escapeQuery(form.className))&saved=1")
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("exams.title", language), language: language, session: session)
        page.active = "/exams"
        return page
    }

    /// What a refused entry says, in the page's language; anything else is thrown on.
    static func message(_ error: any Error, _ language: Language) throws -> String {
        switch error {
        case let error as JournalError: error.text(language)
        case let refusal as ExamProtocolRefusal: refusal.text(language)
        case let refusal as ExamScales.Refusal: JournalService.message(refusal).text(language)
        default: throw error
        }
    }

    private func render(_ page: WebPage, className: String, status: HTTPResponse.Status) async throws -> Response {
        var page = page
        let language = page.language
        page.values["className"] = className
        page.values["header"] = "student,class,subject,exam,date,score,mark,protocol,protocol_date"
        guard !className.isEmpty else {
            page.values["noClass"] = true
            return web.render("exams", page, status: status)
        }
        let sheet = try await service.classExamSheet(className: className, caller: page.session!.caller)
        page.values["sheet"] = [
            "className": sheet.className,
            "students": sheet.students.map { ["id": $0.id.rawValue, "name": $0.name] },
            "subjects": sheet.subjects.map { ["id": $0.id!.rawValue, "name": $0.name] },
            "exams": sheet.exams,
            "none": sheet.rows.isEmpty,
            "rows": sheet.rows.map { row -> [String: Any] in
                let exam = row.exam
                return [
                    "student": row.studentID.rawValue, "studentName": row.studentName,
                    "subject": row.subjectID.rawValue,
                    "subjectName": row.subjectName,
                    "exam": exam.map { "\($0.examKind) \($0.score.map(\.formattedNumber) ?? "")" } ?? "—",
                    "examMark": exam?.mark
                        ?? exam?.passed.map { Strings.text($0 ? "exam.passed" : "exam.not_passed", language) } ?? "—",
                    "annual": row.final?.annual ?? "—", "recommended": row.final?.recommended ?? "—",
                    "rule": row.final?.rule ?? "", "final": row.final?.value ?? "",
                    "reason": row.final?.overrideReason ?? "", "canSet": row.final?.annual != nil,
                ]
            },
        ]
        return web.render("exams", page, status: status)
    }
}
