public import Foundation
import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
public import Localization
public import Spreadsheet

extension JournalService {
    /// The monitor's items as a file a deputy head hands to an inspector: one row per item, with
    /// the rule that decided it, in the reader's language.
    public func complianceExport(_ query: ComplianceQuery, language: Language, caller: Caller) async throws -> Export {
        let report = try await compliance(query, caller: caller)
        let timeZone = try await school().timeZone
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: timeZone)
        format.dateFormat = "yyyy-MM-dd HH:mm"
        let duties = Dictionary(uniqueKeysWithValues: report.duties.map { ($0.id, $0) })
        func text(_ key: String) -> Cell { .text(Strings.text(key, language)) }
        let header: [Cell] = [
            text("compliance.date"), text("compliance.teacher"), text("compliance.subject"), text("compliance.group"),
            text("compliance.duty"), text("compliance.clause"), text("compliance.due"), text("compliance.entered"),
            text("compliance.status"), text("compliance.failure"),
        ]
        let rows = report.items.map { item -> [Cell] in
            [
                .text(item.date.description), .text(item.teacher), .text(item.subject), .text(item.group),
                .text(duties[item.duty]?.title ?? item.duty), .text(duties[item.duty]?.clause ?? ""),
                .text(item.due?.description ?? ""), .text(item.enteredAt.map(format.string(from:)) ?? ""),
                text("compliance.status.\(item.status.rawValue)"), .text(item.failure ?? ""),
            ]
        }
        let title = Strings.text("compliance.title", language)
        return Export(
            fileName: "\(title) \(query.from)–\(query.to)",
            workbook: Workbook(sheets: [
                Sheet(
                    title: title, headerRows: [header], rows: rows,
                    columnWidths: [12, 24, 20, 10, 28, 10, 17, 17, 16, 30], frozenColumns: 0)
            ]))
    }

    /// A teacher's own duties (R15–R17): of the last two weeks through today, those still due
    /// and those overdue, nearest deadline first. Anyone on the staff reads their own; others
    /// have none.
    public func myDuties(caller: Caller) async throws -> [ComplianceItem] {
        guard let staffID = caller.subject?.staffID else { return [] }
        let today = try await today()
        let query = ComplianceQuery(from: today.adding(days: -14), to: today, teacher: staffID)
        let report = try await compliance(query, caller: .system("the teacher's own duties"))
        return report.items.filter { $0.status == .due || $0.status == .missing || $0.status == .ruleFailed }
            .sorted {
                ($0.due ?? LocalMoment(date: $0.date, time: LocalTime(hour: 23, minute: 59)!))
                    < ($1.due ?? LocalMoment(date: $1.date, time: LocalTime(hour: 23, minute: 59)!))
            }
    }
}
