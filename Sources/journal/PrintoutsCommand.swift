import ArgumentParser
import Foundation
import JournalModel
import JournalService
import Localization

/// `journal printouts`: the weekly paper sheets of a class (R19) as one PDF, a student a page,
/// each numbered and entered in the issuance register.
struct PrintoutsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printouts",
        abstract: "Print the weekly sheets of results of a class's students as one PDF, and register them.")

    @OptionGroup var database: DatabaseOption

    @Option(name: .customLong("class"), help: "The class, by its name (5А).")
    var className: String

    @Option(help: "The week: its Monday or any day of it, YYYY-MM-DD.")
    var week: String

    @Option(help: "The PDF file to write.")
    var out: String

    @Option(name: .customLong("student"), help: "Print only this student (an id); repeat for more.")
    var students: [Int64] = []

    @Flag(help: "Print only the students whose family agreed to be informed on paper (R18, R19).")
    var paper = false

    @Option(help: "Run as if today were this day, YYYY-MM-DD (the school's clock moved by whole days).")
    var today: String?

    func validate() throws {
        guard LocalDate(week) != nil else { throw ValidationError("--week: give a date YYYY-MM-DD, not \(week)") }
        if let today, LocalDate(today) == nil {
            throw ValidationError("--today: give a date YYYY-MM-DD, not \(today)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            try Self.checkWritable(out)
            let service = try database.open(now: shiftedClock(today: today))
            var chosen = students.isEmpty ? nil : students.map { StudentID($0) }
            if paper {
                let onPaper = try await service.studentsOnPaper(className: className, caller: consoleCaller)
                guard !onPaper.isEmpty else {
                    throw CommandFailure("no family of \(className) agreed to be informed on paper: nothing to print")
                }
                chosen = (chosen ?? onPaper).filter(onPaper.contains)
            }
            let printed = try await service.weeklySheets(
                className: className, week: LocalDate(week)!, students: chosen, caller: consoleCaller)
            do {
                try printed.pdf.write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CommandFailure(
                    Strings.text("error.printout_output", .en, ["path": out, "reason": error.localizedDescription]))
            }
            let numbers = printed.sheets.map(\.numberText)
            print(
                Strings.text(
                    "printouts.cli.written", .en,
                    ["pages": String(printed.pageCount), "sheets": String(printed.sheets.count), "path": out]))
            if let first = numbers.first, let last = numbers.last { print("numbers \(first)…\(last)") }
        }
    }

    /// Refuses, before anything is printed and registered, an output the command could not
    /// write: a missing directory, a directory, a file or directory without write permission.
    static func checkWritable(_ path: String) throws {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue, files.isWritableFile(atPath: path) else {
                throw CommandFailure(
                    Strings.text("error.printout_output", .en, ["path": path, "reason": "not a writable file"]))
            }
            return
        }
        let directory = url.deletingLastPathComponent().path
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            files.isWritableFile(atPath: directory)
        else {
            throw CommandFailure(
                Strings.text(
                    "error.printout_output", .en, ["path": path, "reason": "\(directory) is not a writable directory"]))
        }
    }
}
