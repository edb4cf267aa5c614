import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `journal surveys`: check a survey script, list the school's surveys, read a closed one's
/// results or export them, and launch a shipped template (R8).
struct SurveysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surveys",
        abstract: "Check survey scripts, list surveys, read their results, launch a template.",
        subcommands: [SurveysCheck.self, SurveysList.self, SurveysResults.self, SurveysLaunch.self])
}

struct SurveysCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a survey script and run its tests; with --db, count its audience per class.")

    @Argument(help: "The survey's Lua script.")
    var file: String

    @Option(name: [.customLong("db"), .customLong("database")], help: "The school database, to resolve the audience.")
    var database: String?

    func run() async throws {
        try await reportingErrors {
            let source: String
            do {
                source = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
            }
            let definition: SurveyDefinition
            var audience: [SurveyDetail.Group]?
            do {
                if let database {
                    let service = try JournalService.open(
                        path: database, now: { Date() }, mustExist: true, signInLimits: SignInLimits(hashingThreads: 1))
                    let checked = try await service.checkSurvey(source: source, caller: consoleCaller)
                    definition = checked.0
                    audience = checked.1
                } else {
                    definition = try await SurveyScript.load(source: source, file: file).definition
                }
            } catch let problem as SurveyScriptProblem {
                throw CommandFailure(Self.lines(problem.errors, file: file))
            } catch let failure as RulesFailure {
                throw CommandFailure(Self.lines(failure.errors, file: file))
            } catch let error as RulesError {
                throw CommandFailure(Self.lines([error], file: file))
            }
            print("\(file): \(definition.title)")
            print(
                "questions: \(definition.questions.filter(\.kind.isAnswered).count) (\(definition.questions.count) blocks)"
            )
            print(
                "ballot: \(definition.ballotUnit.rawValue); privacy: \(definition.privacy.rawValue); k = \(definition.minimumGroup)"
            )
            print("open \(definition.opens) to \(definition.closes)")
            if let audience {
                print("audience: \(audience.reduce(0) { $0 + $1.units }) ballots")
                for group in audience { print("  \(group.title): \(group.units)") }
            }
        }
    }

    /// The errors as `file:line: message`, in the file's name as given.
    static func lines(_ errors: [RulesError], file: String) -> String {
        errors.map { error in
            var error = error
            error.file = file
            return error.description
        }.joined(separator: "\n")
    }
}

struct SurveysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the school's surveys.")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let surveys = try await service.surveys(caller: consoleCaller)
            if surveys.isEmpty { print("no surveys") }
            for survey in surveys {
                print(
                    "\(survey.id.rawValue)\t\(survey.status.rawValue)\t\(survey.opens)–\(survey.closes)\t\(survey.privacy.rawValue), per \(survey.ballotUnit.rawValue)\t\(survey.ballots)/\(survey.audience)\t\(survey.title)"
                )
            }
        }
    }
}

struct SurveysResults: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "Print a closed survey's results, or write them as CSV or XLSX.")

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The survey's id.")
    var id: Int64

    @Option(help: "Write the results to this CSV file.")
    var csv: String?

    @Option(help: "Write the results to this XLSX file.")
    var xlsx: String?

    func validate() throws {
        guard id > 0 else { throw ValidationError("the survey's id is a positive whole number") }
        guard csv == nil || xlsx == nil else { throw ValidationError("give --csv or --xlsx, not both") }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let id = SurveyID(id)
            if let csv {
                try Self.write(Data(try await service.surveyResultsCSV(id, caller: consoleCaller).utf8), to: csv)
                return
            }
            if let xlsx {
                try Self.write(try await service.surveyResultsXLSX(id, caller: consoleCaller), to: xlsx)
                return
            }
            let results = try await service.surveyResults(id, caller: consoleCaller)
            print(
                "\(results.title): \(results.ballots) ballots of \(results.audience) (\(results.paperBallots) on paper)"
            )
            if results.suppressed { print("fewer than \(results.minimumGroup) ballots: no results are shown") }
            for question in results.questions {
                print("\(question.text) — \(question.answered) answered\(question.mean.map { ", mean \($0)" } ?? "")")
                for row in question.rows {
                    print("  \(row.label): \(row.count) (\(row.percent)%)\(row.mean.map { ", mean \($0)" } ?? "")")
                }
                for text in question.texts { print("  «\(text)»") }
            }
            for group in results.classes {
                print(
                    "class \(group.title): \(group.suppressed ? "hidden (fewer than k)" : "\(group.ballots) ballots")")
            }
            for derived in results.derived { print("\(derived.title): \(derived.value)") }
        }
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        print("written \(path) (\(data.count) bytes)")
    }
}

struct SurveysLaunch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch", abstract: "Create a survey from a shipped template and launch it, as the system.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The template's name (school_meals, extracurricular, teaching_satisfaction, excursion_consent).")
    var template: String

    @Option(help: "Open on this day instead of the template's, YYYY-MM-DD.")
    var opens: String?

    @Option(help: "Close on this day instead of the template's, YYYY-MM-DD.")
    var closes: String?

    func validate() throws {
        for (name, value) in [("opens", opens), ("closes", closes)] {
            if let value, LocalDate(value) == nil {
                throw ValidationError("--\(name): give a date YYYY-MM-DD, not \(value)")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let templates = try await service.surveyTemplates(caller: consoleCaller)
            guard let chosen = templates.first(where: { $0.name == template }) else {
                throw CommandFailure(
                    "no template \(template); shipped: \(templates.map(\.name).joined(separator: ", "))")
            }
            var source = chosen.source
            for (field, value) in [("opens", opens), ("closes", closes)] {
                guard let value, let day = LocalDate(value) else { continue }
                guard let changed = SurveyScript.setting(field, to: day, in: source) else {
                    throw CommandFailure("the template has no line \(field) = \"YYYY-MM-DD\" to change")
                }
                source = changed
            }
            let draft = try await service.createSurvey(source: source, template: template, caller: consoleCaller)
            let survey = try await service.launchSurvey(draft.id!, version: draft.version, caller: consoleCaller)
            let units = try await service.surveyDetail(survey.id!, caller: consoleCaller).audience
            print(
                "launched survey \(survey.id!.rawValue): \(survey.title), \(survey.opens) to \(survey.closes), \(units.reduce(0) { $0 + $1.units }) ballots expected"
            )
        }
    }
}
