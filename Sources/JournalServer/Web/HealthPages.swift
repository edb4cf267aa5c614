import Foundation
import HTTPTypes
import Hummingbird
import JournalModel
import JournalService
import Localization
import NIOCore

/// The medical worker's pages (issue 16): the daily page (classes, PE groups ending soon,
/// recent sick notes), a class's groups with its CSV, and a student's card with a form for
/// each kind of record. Every page that shows medical data reads it through the service,
/// which checks `health.view` (the administrator is denied) and logs the read.
struct HealthPages {
    let web: WebSupport
    var service: JournalService { web.service }

    /// Every field a card's forms post; each kind reads its own.
    struct RecordForm: Decodable {
        var id: Int64?
        var group: String?
        var setOn: String?
        var basis: String?
        var from: String?
        var to: String?
        var kind: String?
        var text: String?
        var note: String?
        var vaccine: String?
        var date: String?
        var refused: String?
        var document: String?
        var number: String?
        var issuedBy: String?
        var markIllness: String?
    }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/health", use: overviewPage)
            .get("/health/classes/:id", use: classPage)
            .get("/health/classes/:id/pe.csv", use: classCSV)
            .get("/health/students/:id", use: cardPage)
            .post("/health/students/:id/:kind", use: saveRecord)
            .post("/health/students/:id/:kind/:record/delete", use: deleteRecord)
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text("health.title", language), language: language, session: session)
        page.active = "/health"
        return page
    }

    @Sendable func overviewPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let overview = try await service.healthOverview(caller: page.session!.caller)
        let language = page.language
        page.values["health"] = [
            "classes": overview.classes.map {
                [
                    "href": "/health/classes/\($0.id.rawValue)", "name": $0.name,
                    "count": Strings.text("health.students_count", language, ["count": String($0.students)]),
                ]
            },
            "endingSoon": overview.endingSoon.map { Self.studentRow($0, language) },
            "noEnding": overview.endingSoon.isEmpty,
            "notes": overview.recentSickNotes.map { entry in
                [
                    "href": "/health/students/\(entry.note.studentID.rawValue)", "name": entry.name,
                    "className": entry.className, "from": Self.day(entry.note.from), "to": Self.day(entry.note.to),
                    "number": entry.note.number, "issuedBy": entry.note.issuedBy,
                ]
            },
            "noNotes": overview.recentSickNotes.isEmpty,
        ]
        return web.render("health", page)
    }

    @Sendable func classPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let id = ClassID(try context.parameters.id("id"))
        let list = try await service.classHealthList(id, caller: page.session!.caller)
        page.title = Strings.text("health.class_title", page.language, ["class": list.className])
        page.values["list"] = [
            "csv": "/health/classes/\(id.rawValue)/pe.csv",
            "students": list.students.map { Self.studentRow($0, page.language) },
        ]
        return web.render("health_class", page)
    }

    @Sendable func classCSV(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = ClassID(try context.parameters.id("id"))
        let csv = try await service.classPEGroupsCSV(id, language: web.language(request), caller: session.caller)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"pe-groups-\(id.rawValue).csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
    }

    @Sendable func cardPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let student = StudentID(try context.parameters.id("id"))
        if let count = request.query("marked") {
            page.flash = Strings.text("health.sick_note_saved", page.language, ["count": count])
        } else if request.query("saved") != nil {
            page.flash = Strings.text("health.saved", page.language)
        } else if request.query("deleted") != nil {
            page.flash = Strings.text("health.deleted", page.language)
        }
        return try await renderCard(page, student: student)
    }

    @Sendable func saveRecord(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context)
        let student = StudentID(try context.parameters.id("id"))
        guard let kind = HealthRecordKind(rawValue: context.parameters.get("kind") ?? "") else {
            throw HTTPError(.notFound)
        }
        let form = try await request.decodeForm(RecordForm.self)
        let caller = page.session!.caller
        do {
            switch kind {
            case .healthGroup:
                _ = try await service.saveHealthGroup(
                    student: student, id: form.id,
                    HealthGroupInput(
                        group: Self.healthGroup(form.group), setOn: try Self.date(form.setOn, "setOn"),
                        basis: form.basis ?? ""), caller: caller)
            case .peGroup:
                _ = try await service.savePEGroup(
                    student: student, id: form.id,
                    PEGroupInput(
                        group: form.group ?? "", from: try Self.date(form.from, "from"),
                        to: try Self.optionalDate(form.to, "to"), basis: form.basis ?? ""), caller: caller)
            case .alert:
                _ = try await service.saveHealthAlert(
                    student: student, id: form.id,
                    HealthAlertInput(kind: form.kind ?? "", text: form.text ?? "", note: form.note), caller: caller)
            case .vaccination:
                _ = try await service.saveVaccination(
                    student: student, id: form.id,
                    VaccinationInput(
                        vaccine: form.vaccine ?? "", date: try Self.date(form.date, "date"),
                        refused: form.refused != nil, document: form.document), caller: caller)
            case .sickNote:
                let result = try await service.addSickNote(
                    student: student,
                    SickNoteInput(
                        from: try Self.date(form.from, "from"), to: try Self.date(form.to, "to"),
                        number: form.number ?? "", issuedBy: form.issuedBy ?? "", markIllness: form.markIllness != nil),
                    caller: caller)
                return WebResponse.redirect("/health/students/\(student.rawValue)?marked=\(result.lessonsMarked)")
            }
        } catch let error as JournalError {
            page.error = error.text(page.language)
            return try await renderCard(page, student: student, status: .unprocessableContent)
        }
        return WebResponse.redirect("/health/students/\(student.rawValue)?saved=1")
    }

    @Sendable func deleteRecord(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context)
        let student = StudentID(try context.parameters.id("id"))
        guard let kind = HealthRecordKind(rawValue: context.parameters.get("kind") ?? "") else {
            throw HTTPError(.notFound)
        }
        let record = try context.parameters.id("record")
        try await service.deleteHealthRecord(kind, id: record, student: student, caller: page.session!.caller)
        return WebResponse.redirect("/health/students/\(student.rawValue)?deleted=1")
    }

    private func renderCard(_ page: WebPage, student: StudentID, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        var page = page
        let card = try await service.healthCard(student, caller: page.session!.caller)
        let language = page.language
        let records = card.records
        let base = "/health/students/\(student.rawValue)"
        func t(_ key: String) -> String { Strings.text(key, language) }
        func deleting(_ kind: HealthRecordKind, _ id: Int64?) -> String { "\(base)/\(kind.rawValue)/\(id ?? 0)/delete" }
        page.title = Strings.text("health.card_title", language, ["name": card.studentName, "class": card.className])
        page.values["card"] = [
            "base": base,
            "flags": card.flags.map { ["text": $0.text, "until": $0.until.map(Self.day) ?? ""] },
            "noFlags": card.flags.isEmpty,
            "groups": records.healthGroups.map {
                [
                    "id": $0.id ?? 0, "roman": $0.roman, "group": $0.group, "setOn": Self.day($0.setOn),
                    "setOnISO": $0.setOn.description, "basis": $0.basis,
                    "delete": deleting(.healthGroup, $0.id),
                ] as [String: Any]
            },
            "pe": records.peGroups.map {
                [
                    "id": $0.id ?? 0, "title": t($0.group.titleKey), "from": Self.day($0.from),
                    "to": $0.to.map(Self.day) ?? "—", "basis": $0.basis, "delete": deleting(.peGroup, $0.id),
                    "code": $0.group.rawValue, "fromISO": $0.from.description, "toISO": $0.to?.description ?? "",
                ] as [String: Any]
            },
            "alerts": records.alerts.map {
                [
                    "id": $0.id ?? 0, "kind": t("health.alert.\($0.kind.rawValue)"), "text": $0.text,
                    "note": $0.note ?? "", "delete": deleting(.alert, $0.id),
                ] as [String: Any]
            },
            "vaccinations": records.vaccinations.map {
                [
                    "id": $0.id ?? 0, "vaccine": $0.vaccine, "date": Self.day($0.date), "refused": $0.refused,
                    "document": $0.document ?? "", "delete": deleting(.vaccination, $0.id),
                ] as [String: Any]
            },
            "notes": records.sickNotes.map {
                [
                    "id": $0.id ?? 0, "from": Self.day($0.from), "to": Self.day($0.to), "number": $0.number,
                    "issuedBy": $0.issuedBy, "marked": $0.lessonsMarked, "delete": deleting(.sickNote, $0.id),
                ] as [String: Any]
            },
            "peChoices": PEGroup.allCases.map { ["code": $0.rawValue, "title": t($0.titleKey)] },
            "groupChoices": HealthGroupRecord.groups.map {
                ["value": $0, "roman": HealthGroupRecord.roman($0)] as [String: Any]
            },
        ]
        return web.render("health_card", page, status: status)
    }

    static func studentRow(_ row: HealthStudentRow, _ language: Language) -> [String: Any] {
        [
            "href": "/health/students/\(row.studentID.rawValue)", "name": row.name, "className": row.className,
            "healthGroup": row.healthGroup.map(HealthGroupRecord.roman) ?? "",
            "pe": row.peGroup.map { Strings.text($0.group.titleKey, language) } ?? "",
            "peUntil": row.peGroup?.to.map(day) ?? "", "alerts": row.alerts > 0 ? String(row.alerts) : "",
        ]
    }

    static func day(_ date: LocalDate) -> String {
        let parts = date.description.split(separator: "-")
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// The form's health group: a number 1–5 or a Roman numeral; anything else reaches the
    /// service as 0, which refuses it naming what is accepted.
    static func healthGroup(_ text: String?) -> Int {
        let value = (text ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if let number = Int(value) { return number }
        return ["I", "II", "III", "IV", "V"].firstIndex(of: value).map { $0 + 1 } ?? 0
    }

    static func date(_ text: String?, _ field: String) throws -> LocalDate {
        guard let date = try optionalDate(text, field) else {
            throw JournalError.invalid(field: field, message: .init("error.health_required"))
        }
        return date
    }

    static func optionalDate(_ text: String?, _ field: String) throws -> LocalDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw JournalError.invalid(field: field, message: .init("error.health_date", ["value": text]))
        }
        return date
    }
}
