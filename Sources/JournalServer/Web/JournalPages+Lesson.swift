import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import Localization

/// The lesson's page (R7, R15, R16): the planned and the actual teacher, the topic, the
/// material and the group's homework, then each student's attendance and individual homework.
extension JournalPages {
    /// What the person typed into the lesson's form, shown again when it is refused.
    struct LessonForm: Decodable {
        var topic: String
        var material: String
        var homework: String
        var version: Int

        init(_ lesson: Lesson) {
            (topic, material, homework, version) = (
                lesson.topic ?? "", lesson.material ?? "", lesson.homework ?? "", lesson.version
            )
        }

        /// A field not sent is empty; the version is that of the page the form was on.
        init(from decoder: any Decoder) throws {
            let form = try decoder.container(keyedBy: CodingKeys.self)
            topic = try form.decodeIfPresent(String.self, forKey: .topic) ?? ""
            material = try form.decodeIfPresent(String.self, forKey: .material) ?? ""
            homework = try form.decodeIfPresent(String.self, forKey: .homework) ?? ""
            version = try form.decodeIfPresent(Int.self, forKey: .version) ?? 0
        }

        enum CodingKeys: String, CodingKey {
            case topic, material, homework, version
        }
    }

    /// A student's row of the students' form: the attendance code (empty: present) and the
    /// individual homework.
    struct StudentRow {
        var code: String
        var homework: String
        var error: String?
    }

    /// The flags plugins raised on the lesson's students in its subject (issue 15).
    func lessonFlags(_ record: LessonRecord, _ language: Language) async throws -> [StudentID: [PluginFlagBadge]] {
        try await PluginFlagBadge.badges(
            service, students: record.students.map(\.id), subject: record.subjectID, language)
    }

    /// Longer texts are refused by the service (``JournalService/updateLesson(_:_:caller:)``).
    static let longestText = Limits.lessonText

    func lessonPage(
        _ record: LessonRecord, _ page: WebPage, form: LessonForm? = nil, rows: [StudentID: StudentRow] = [:],
        fieldErrors: [String: String] = [:], changedMeanwhile: Bool = false,
        flags: [StudentID: [PluginFlagBadge]] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        var page = page
        let language = page.language
        let lesson = record.lesson
        let typed = form ?? LessonForm(lesson)
        page.title = "\(record.assignment.subject), \(record.assignment.group)"
        page.values["lesson"] = [
            "id": lesson.id!.rawValue, "assignment": record.assignment.id.rawValue,
            "date": DateText.long(lesson.date, language), "number": lesson.number,
            "subject": record.assignment.subject, "group": record.assignment.group,
            "planned": record.plannedTeacher, "taughtBy": record.taughtBy.nonEmpty as Any,
            "substitution": record.isSubstitution, "cancelled": lesson.status == .cancelled,
            "history": page.session?.capabilities.contains(.auditView) == true,
            "mayChangeTimetable": record.mayChangeTimetable, "room": lesson.room ?? "",
            "mergeHosts": record.mergeHosts.map { ["id": $0.id.rawValue, "title": $0.title] },
            "mayMerge": !record.mergeHosts.isEmpty,
            "mayUnlock": page.session?.capabilities.contains(.journalUnlock) == true,
            "isoDate": lesson.date.description, "lessonNumber": lesson.number,
            "substitutions": record.substitutions.map {
                ["substitute": $0.substitute, "reason": $0.reason.nonEmpty as Any] as [String: Any]
            },
            "topic": typed.topic, "material": typed.material, "homework": typed.homework, "version": typed.version,
            "topicError": fieldErrors["topic"] as Any, "materialError": fieldErrors["material"] as Any,
            "homeworkError": fieldErrors["homework"] as Any,
            "current":
                (changedMeanwhile
                ? [
                    "topic": lesson.topic.nonEmpty ?? "—", "material": lesson.material.nonEmpty ?? "—",
                    "homework": lesson.homework.nonEmpty ?? "—",
                ] : nil) as Any,
            "shown": [
                "topic": lesson.topic.nonEmpty as Any, "material": lesson.material.nonEmpty as Any,
                "homework": lesson.homework.nonEmpty as Any,
            ],
            "mayEdit": record.mayEdit && lesson.status != .cancelled,
            "mayEditAttendance": record.mayEditAttendance && lesson.status != .cancelled,
            "mayArrange": !record.substituteChoices.isEmpty, "maxLength": Self.longestText,
            "substituteChoices": record.substituteChoices.map {
                ["id": $0.id.rawValue, "name": $0.name] as [String: Any]
            },
            "hasStudents": !record.students.isEmpty,
            "mayEditStudents": (record.mayEdit || record.mayEditAttendance) && lesson.status != .cancelled,
            "students": record.students.map { student -> [String: Any] in
                let row =
                    rows[student.id] ?? StudentRow(code: student.attendance ?? "", homework: student.homework ?? "")
                return [
                    "id": student.id.rawValue, "name": student.name, "homework": row.homework,
                    "savedCode": student.attendance ?? "", "savedHomework": student.homework ?? "",
                    "attendanceVersion": student.attendanceVersion,
                    "code": row.code.nonEmpty as Any, "rowError": row.error as Any,
                    "codeTitle": record.attendanceCodes.first { $0.code == row.code }?.title as Any,
                    "options": record.attendanceCodes.map {
                        ["code": $0.code, "title": $0.title, "selected": $0.code == row.code] as [String: Any]
                    },
                    "present": row.code.isEmpty,
                    "flags": (flags[student.id] ?? []).map(\.values),
                ]
            },
        ]
        if changedMeanwhile { page.error = Strings.text("lesson.changed_meanwhile", language) }
        return web.render("journal_lesson", page, status: status)
    }

    /// Saves the topic, material and homework; a stale version or a refusal shows the form
    /// again with what was typed.
    @Sendable func saveLesson(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let id = try lessonID(context)
        let typed = try await request.decodeForm(LessonForm.self)
        do {
            _ = try await service.updateLesson(
                id,
                LessonChanges(
                    version: typed.version, topic: typed.topic, material: typed.material,
                    homework: typed.homework), caller: session.caller)
            return WebResponse.redirect("/journal/lessons/\(id)?saved=1")
        } catch let error as JournalError {
            let record = try await service.lessonRecord(id, caller: session.caller)
            switch error {
            case .conflict:
                var kept = typed
                kept.version = record.lesson.version
                return lessonPage(
                    record, page, form: kept, changedMeanwhile: true,
                    flags: try await lessonFlags(record, page.language),
                    status: .conflict)
            case .invalid(let field, _):
                let message = Strings.text("lesson.too_long", page.language, ["max": String(Self.longestText)])
                page.error = Strings.text("journal.fix_fields", page.language)
                return lessonPage(
                    record, page, form: typed, fieldErrors: [field: message],
                    flags: try await lessonFlags(record, page.language), status: .unprocessableContent)
            case .refused, .notFound:
                page.error = error.text(page.language)
                return lessonPage(
                    record, page, form: typed, flags: try await lessonFlags(record, page.language),
                    status: .unprocessableContent)
            }
        }
    }

    /// Saves the attendance codes and individual homework that changed; the rows refused keep
    /// what was typed and say why. A code goes with the version the page showed, so that one
    /// someone else changed meanwhile is refused rather than overwritten; the page shown again
    /// then holds the current version, and saving it again overwrites knowingly.
    @Sendable func saveStudents(_ request: Request, context: JournalRequestContext) async throws -> Response {
        var (session, page) = try signedInPage(request, context)
        let id = try lessonID(context)
        let form = try await request.decodeForm(RowFields.self)
        let language = page.language
        let before = try await service.lessonRecord(id, caller: session.caller)
        var rows: [StudentID: StudentRow] = [:]
        var changedMeanwhile: Set<StudentID> = []
        var failed = false
        for student in before.students {
            let code = form["code", student.id]
            let homework = form["homework", student.id]
            var row = StudentRow(
                code: (code ?? student.attendance ?? "").trimmingCharacters(in: .whitespaces),
                homework: homework ?? student.homework ?? "")
            // Only what the person changed on the page is saved; a value someone else changed
            // meanwhile is not overwritten by the page's older copy.
            let current = (code: student.attendance ?? "", homework: student.homework ?? "")
            let shown = (
                code: form["was-code", student.id] ?? current.code,
                homework: form["was-homework", student.id] ?? current.homework
            )
            let text = row.homework.trimmingCharacters(in: .whitespacesAndNewlines)
            let changesCode = code != nil && before.mayEditAttendance && row.code != shown.code
            let changesHomework = homework != nil && before.mayEdit && text != shown.homework.trimmingWhitespace()
            if changesHomework && shown.homework != current.homework {
                changedMeanwhile.insert(student.id)
                failed = true
                rows[student.id] = row
                continue
            }
            do {
                if changesCode, row.code != current.code {
                    // The version the page was drawn with; a form without one (an older page)
                    // is taken only where it undoes nobody's change.
                    let version = form["version", student.id].flatMap { Int($0) }
                    _ = try await service.setAttendance(
                        lesson: id, student: student.id, code: row.code.isEmpty ? nil : row.code, version: version,
                        caller: session.caller)
                }
                if changesHomework, text != current.homework {
                    if text.count > Self.longestText {
                        row.error = Strings.text("lesson.too_long", language, ["max": String(Self.longestText)])
                    } else {
                        try await service.setIndividualHomework(
                            lesson: id, student: student.id, text: text.isEmpty ? nil : text, caller: session.caller)
                    }
                }
            } catch let error as JournalError {
                switch error {
                case .conflict: changedMeanwhile.insert(student.id)
                case .invalid(field: "code", _):
                    row.error = Strings.text(
                        "lesson.code_invalid", language,
                        ["codes": before.attendanceCodes.map(\.code).joined(separator: ", ")])
                default: row.error = error.text(language)
                }
            }
            failed = failed || row.error != nil || changedMeanwhile.contains(student.id)
            rows[student.id] = row
        }
        guard failed else { return WebResponse.redirect("/journal/lessons/\(id)?saved=1") }
        let record = try await service.lessonRecord(id, caller: session.caller)
        for student in record.students where changedMeanwhile.contains(student.id) {
            rows[student.id]?.error = Strings.text(
                "lesson.row_changed", language,
                [
                    "code": student.attendance.nonEmpty ?? Strings.text("lesson.present", language),
                    "homework": student.homework.nonEmpty ?? "—",
                ])
        }
        page.error = Strings.text("journal.fix_fields", language)
        return lessonPage(
            record, page, rows: rows, flags: try await lessonFlags(record, language), status: .unprocessableContent)
    }
}
