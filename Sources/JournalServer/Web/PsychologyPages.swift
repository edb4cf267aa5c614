import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalService
import Localization

/// The psychologist's pages (issue 16): the caseload as the daily page, a student's card with
/// consents, the caller's own records and council conclusions and their shares; the
/// conclusions shared with oneself; a class's social passport (counts for the class teacher,
/// names and facts for the social pedagogue). The service decides and logs every read.
struct PsychologyPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/psychology", use: caseloadPage)
            .get("/psychology/shared", use: sharedPage)
            .get("/psychology/students/:student", use: cardPage)
            .post("/psychology/students/:student/consents", use: addConsent)
            .post("/psychology/students/:student/records", use: addRecord)
            .post("/psychology/students/:student/council", use: addConclusion)
            .post("/psychology/consents/:consent/withdraw", use: withdrawConsent)
            .post("/psychology/consents/:consent/delete", use: deleteConsent)
            .post("/psychology/council/:conclusion/share", use: share)
            .post("/psychology/council/:conclusion/revoke", use: revoke)
            .get("/social-passport/:class", use: socialPassportPage)
            .post("/social-passport/:class/students/:student", use: setFacts)
    }

    private func startPage(_ request: Request, _ context: JournalRequestContext, _ title: String) throws -> WebPage {
        let session = try context.signedIn
        let language = web.language(request)
        var page = WebPage(title: Strings.text(title, language), language: language, session: session)
        page.active = "/psychology"
        if request.query("done") != nil { page.flash = Strings.text("psychology.page.saved", language) }
        return page
    }

    static func id(_ context: JournalRequestContext, _ name: String) throws -> Int64 {
        guard let id = context.parameters.get(name).flatMap(Int64.init), id > 0 else {
            throw Problem.badRequest("problem.path_id", ["name": name], field: name)
        }
        return id
    }

    static func date(_ form: FormData, _ field: String) throws -> LocalDate {
        guard let date = form[field].flatMap(LocalDate.init) else {
            throw JournalError.invalid(field: field, message: .init("psychology.page.date_invalid"))
        }
        return date
    }

    // MARK: The caseload and what is shared with me

    @Sendable func caseloadPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "psychology.page.title")
        let language = page.language
        let caseload = try await service.psychologyCaseload(caller: page.session!.caller)
        page.values = [
            "none": caseload.isEmpty,
            "students": caseload.map { student -> [String: Any] in
                [
                    "id": student.studentID.rawValue, "name": student.name, "className": student.className,
                    "consents": student.consents.map { Strings.text("psychology.scope.\($0.rawValue)", language) }
                        .joined(separator: ", "),
                    "noConsent": student.consents.isEmpty,
                    "last": student.lastRecord.map(DateText.full) ?? "—",
                ]
            },
        ]
        if page.session!.capabilities.contains(.socialPassportEdit) {
            let classes = try await service.socialPassportClasses(caller: page.session!.caller)
            page.values["hasClasses"] = !classes.isEmpty
            page.values["classes"] = classes.map { ["id": $0.id.rawValue, "name": $0.name] as [String: Any] }
        }
        return web.render("psychology", page)
    }

    @Sendable func sharedPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "psychology.page.shared")
        page.active = "/psychology/shared"
        let shared = try await service.sharedCouncilConclusions(caller: page.session!.caller)
        page.values = ["none": shared.isEmpty, "conclusions": shared.map { Self.conclusionValues($0, shares: false) }]
        return web.render("psychology_shared", page)
    }

    static func conclusionValues(_ view: CouncilConclusionView, shares: Bool) -> [String: Any] {
        [
            "id": view.conclusion.id ?? 0, "date": DateText.full(view.conclusion.date), "student": view.studentName,
            "author": view.authorName, "conclusion": view.conclusion.conclusion,
            "recommendations": view.conclusion.recommendations,
            "shares": shares
                ? view.shares.map { share -> [String: Any] in
                    [
                        "staffID": share.staffID.rawValue, "name": view.staffNames[share.staffID.description] ?? "",
                        "active": share.revokedAt == nil,
                    ]
                } : [],
        ]
    }

    // MARK: A student's card

    @Sendable func cardPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let page = try startPage(request, context, "psychology.page.card")
        return try await renderCard(page, StudentID(try Self.id(context, "student")), status: .ok)
    }

    private func renderCard(_ page: WebPage, _ student: StudentID, status: HTTPResponse.Status) async throws -> Response
    {
        var page = page
        let language = page.language
        let card = try await service.psychologyCard(student, caller: page.session!.caller)
        let staff = try await service.staffChoices(caller: page.session!.caller)
        let representatives = Dictionary(uniqueKeysWithValues: card.representatives.map { ($0.id, $0.name) })
        page.title = "\(card.name), \(card.className)"
        page.values = [
            "id": student.rawValue, "studentID": student.rawValue, "name": card.name, "className": card.className,
            "today": try await service.today().description,
            "representatives": card.representatives.map { ["id": $0.id.rawValue, "name": $0.name] },
            "scopes": PsychologyScope.allCases.map {
                ["value": $0.rawValue, "label": Strings.text("psychology.scope.\($0.rawValue)", language)]
            },
            "kinds": PsychologyRecord.Kind.allCases.map {
                ["value": $0.rawValue, "label": Strings.text("psychology.kind.\($0.rawValue)", language)]
            },
            "consents": card.consents.map { consent -> [String: Any] in
                [
                    "id": consent.id ?? 0,
                    "scope": Strings.text("psychology.scope.\(consent.scope.rawValue)", language),
                    "representative": representatives[consent.representativeID] ?? "",
                    "given": DateText.full(consent.givenOn), "document": consent.document,
                    "withdrawn": consent.withdrawnOn.map(DateText.full) as Any, "active": consent.withdrawnOn == nil,
                ]
            },
            "noConsents": card.consents.isEmpty,
            "records": card.records.reversed().map { record -> [String: Any] in
                [
                    "date": DateText.full(record.date),
                    "kind": Strings.text("psychology.kind.\(record.kind.rawValue)", language),
                    "scope": Strings.text("psychology.scope.\(record.scope.rawValue)", language), "notes": record.notes,
                    "conclusion": record.conclusion,
                ]
            },
            "noRecords": card.records.isEmpty,
            "conclusions": card.conclusions.map { Self.conclusionValues($0, shares: true) },
            "staff": staff.map { ["id": $0.id.rawValue, "name": $0.name] },
            "facts": card.socialFacts.map { Strings.text("social.kind.\($0.kind.rawValue)", language) }
                .joined(separator: ", "),
        ]
        return web.render("psychology_card", page, status: status)
    }

    /// Runs a form's act on a student's card: back to the card, or the card with the error.
    private func act(
        _ request: Request, _ context: JournalRequestContext, student: StudentID?,
        _ body: @Sendable (FormData, Caller) async throws -> StudentID
    ) async throws -> Response {
        var request = request
        let form = try await FormData.read(&request)
        var page = try startPage(request, context, "psychology.page.card")
        do {
            let target = try await body(form, page.session!.caller)
            return WebResponse.redirect("/psychology/students/\(target)?done=1")
        } catch let error as JournalError {
            let posted: StudentID? = form["student"].flatMap { Int64($0) }.map { StudentID($0) }
            guard let student = student ?? posted else { throw error }
            page.error = error.text(page.language)
            return try await renderCard(page, student, status: .unprocessableContent)
        }
    }

    @Sendable func addConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try Self.id(context, "student"))
        return try await act(request, context, student: student) { form, caller in
            guard let representative = form["representative"].flatMap(Int64.init) else {
                throw JournalError.invalid(field: "representative_id", message: .init("psychology.page.representative"))
            }
            guard let scope = form["scope"].flatMap(PsychologyScope.init) else {
                throw JournalError.invalid(field: "scope", message: .init("psychology.page.scope"))
            }
            _ = try await service.addPsychologyConsent(
                student: student, representative: RepresentativeID(representative), scope: scope,
                givenOn: try Self.date(form, "given_on"), document: form["document"] ?? "", caller: caller)
            return student
        }
    }

    @Sendable func withdrawConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let consent = try Self.id(context, "consent")
        return try await act(request, context, student: nil) { form, caller in
            try await service.withdrawPsychologyConsent(
                consent, on: try Self.date(form, "withdrawn_on"), caller: caller
            )
            .studentID
        }
    }

    @Sendable func deleteConsent(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let consent = try Self.id(context, "consent")
        return try await act(request, context, student: nil) { form, caller in
            try await service.deletePsychologyConsent(consent, caller: caller)
            return StudentID(form["student"].flatMap(Int64.init) ?? 0)
        }
    }

    @Sendable func addRecord(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try Self.id(context, "student"))
        return try await act(request, context, student: student) { form, caller in
            guard let kind = form["kind"].flatMap(PsychologyRecord.Kind.init) else {
                throw JournalError.invalid(field: "kind", message: .init("psychology.page.kind"))
            }
            guard let scope = form["scope"].flatMap(PsychologyScope.init) else {
                throw JournalError.invalid(field: "scope", message: .init("psychology.page.scope"))
            }
            _ = try await service.addPsychologyRecord(
                student,
                PsychologyRecordInput(
                    date: try Self.date(form, "date"), kind: kind, scope: scope, notes: form["notes"] ?? "",
                    conclusion: form["conclusion"] ?? ""), caller: caller)
            return student
        }
    }

    @Sendable func addConclusion(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let student = StudentID(try Self.id(context, "student"))
        return try await act(request, context, student: student) { form, caller in
            _ = try await service.addCouncilConclusion(
                student, date: try Self.date(form, "date"), conclusion: form["conclusion"] ?? "",
                recommendations: form["recommendations"] ?? "", caller: caller)
            return student
        }
    }

    @Sendable func share(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let conclusion = try Self.id(context, "conclusion")
        return try await act(request, context, student: nil) { form, caller in
            guard let staff = form["staff"].flatMap(Int64.init) else {
                throw JournalError.invalid(field: "staff_id", message: .init("psychology.page.staff"))
            }
            _ = try await service.shareCouncilConclusion(conclusion, with: StaffID(staff), caller: caller)
            return StudentID(form["student"].flatMap(Int64.init) ?? 0)
        }
    }

    @Sendable func revoke(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let conclusion = try Self.id(context, "conclusion")
        return try await act(request, context, student: nil) { form, caller in
            guard let staff = form["staff"].flatMap(Int64.init) else {
                throw JournalError.invalid(field: "staff_id", message: .init("psychology.page.staff"))
            }
            try await service.revokeCouncilShare(conclusion, staff: StaffID(staff), caller: caller)
            return StudentID(form["student"].flatMap(Int64.init) ?? 0)
        }
    }

    // MARK: The social passport

    /// A class's social passport: names and facts with a form per student for those who keep
    /// it, counts per category for the class teacher and management.
    @Sendable func socialPassportPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var page = try startPage(request, context, "social.page.title")
        let language = page.language
        let classID = ClassID(try Self.id(context, "class"))
        let caller = page.session!.caller
        page.active = "/journal/class"
        if page.session!.capabilities.contains(.socialPassportEdit) {
            let passport = try await service.socialPassport(classID, caller: caller)
            page.title = Strings.text("social.page.title", language) + " " + passport.className
            page.values = [
                "classID": classID.rawValue, "className": passport.className, "keeper": true,
                "rows": passport.rows.map { row -> [String: Any] in
                    let kinds = Set(row.facts.map(\.kind))
                    return [
                        "id": row.studentID.rawValue, "name": row.name,
                        "facts": row.facts.map { Strings.text("social.kind.\($0.kind.rawValue)", language) }
                            .joined(separator: ", "),
                        "kinds": SocialFactKind.allCases.map {
                            [
                                "value": $0.rawValue, "label": Strings.text("social.kind.\($0.rawValue)", language),
                                "checked": kinds.contains($0),
                            ] as [String: Any]
                        },
                    ]
                },
            ]
        } else {
            let counts = try await service.socialPassportCounts(classID, caller: caller)
            page.title = Strings.text("social.page.title", language) + " " + counts.className
            page.values = [
                "classID": classID.rawValue, "className": counts.className, "students": counts.students,
                "withFacts": counts.withFacts,
                "counts": SocialFactKind.allCases.map {
                    [
                        "label": Strings.text("social.kind.\($0.rawValue)", language),
                        "count": counts.counts[$0.rawValue] ?? 0,
                    ]
                        as [String: Any]
                },
            ]
        }
        return web.render("social_passport", page)
    }

    /// Sets a student's facts from the row's checkboxes, keeping the date and note of those kept.
    @Sendable func setFacts(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let classID = try Self.id(context, "class")
        let student = StudentID(try Self.id(context, "student"))
        var request = request
        let form = try await FormData.read(&request)
        let session = try context.signedIn
        let current =
            try await service.socialPassport(ClassID(classID), caller: session.caller).rows
            .first { $0.studentID == student }?.facts ?? []
        let kinds = (form.fields["kind"] ?? []).compactMap(SocialFactKind.init)
        let facts = kinds.map { kind in
            let kept = current.first { $0.kind == kind }
            return SocialFactInput(kind: kind, since: kept?.since, note: kept?.note ?? "")
        }
        _ = try await service.setSocialFacts(student, facts, caller: session.caller)
        return WebResponse.redirect("/social-passport/\(classID)?done=1")
    }
}
