import Foundation
import JournalImport
import Testing

/// The header of any kind: names in any case, Russian aliases, unknown and missing columns.
@Suite struct HeaderTests {
    let school = FakeSchool.small

    @Test func matchesNamesWithoutCaseSpacesOrUnderscores() throws {
        let plan = try school.plan(.subjects, " NAME , Short-Name \nФизкультура,Физ-ра\n")
        #expect(plan.summary.description == "new: 1 subject")
        let russian = try school.plan(.subjects, "Название;Краткое название\nХимия;Хим.\n")
        #expect(russian.summary.description == "new: 1 subject")
    }

    @Test func namesTheKnownColumnsWhenOneIsUnknown() {
        #expect(
            school.issues(.subjects, "name,short_name,teacher\nХимия,Хим.,x\n") == [
                "subjects.csv:1: unknown column 'teacher'; the known columns are: name (название), "
                    + "short_name (краткое название)"
            ])
    }

    @Test func namesTheMissingRequiredColumns() {
        #expect(
            school.issues(.students, "фамилия;имя;отчество\nИванов;Иван;Иванович\n") == [
                "students.csv:1: the required column class (класс) is missing from the header"
            ])
        #expect(
            school.issues(.assignments, "class;group\n5А;\n") == [
                "assignments.csv:1: the required columns subject (предмет), teacher (учитель) are missing from the header"
            ])
    }

    @Test func refusesAColumnNamedTwice() {
        #expect(
            school.issues(.subjects, "name,Название\nХимия,Химия\n") == [
                "subjects.csv:1: 'name' and 'Название' are the same column, name; keep one"
            ])
    }

    @Test func refusesANamelessColumnBetweenNamedOnes() {
        #expect(
            school.issues(.subjects, "name,,short_name\nХимия,,Хим.\n") == [
                "subjects.csv:1: column 2 of the header has no name; name it or delete the column"
            ])
    }

    @Test func ignoresEmptyTrailingColumnsButNotValuesInThem() {
        #expect((try? school.plan(.subjects, "name;short_name;;\nХимия;Хим.;;\n")) != nil)
        #expect(
            school.issues(.subjects, "name;short_name;\nХимия;Хим.;лишнее\nФизра;;\n") == [
                "subjects.csv:2: field 3 has a value, but the header names only 2 columns; remove the value or name its column"
            ])
    }

    @Test func refusesAnEmptyFileAndAHeaderWithoutRows() {
        #expect(
            school.issues(.classes, "\n\n") == [
                "classes.csv:1: the file is empty; its first line must name the columns: class (класс), "
                    + "class_teacher (классный руководитель)"
            ])
        #expect(school.issues(.classes, "класс\n") == ["classes.csv:1: the file has a header but no rows to import"])
    }

    @Test func noAliasNamesTwoColumnsOfOneKind() {
        func key(_ name: String) -> String {
            name.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "ё", with: "е")
        }
        for kind in ImportKind.allCases {
            let keys = kind.columns.flatMap { Set(([$0.name] + $0.aliases).map(key)) }
            #expect(Set(keys).count == keys.count, "\(kind)")
        }
    }

    @Test func reportsAtMostTheLimitOfIssues() throws {
        let rows = (1...150).map { _ in "Химия,\n" }.joined()
        do {
            _ = try school.plan(.subjects, "name,short_name\n" + rows)
            Issue.record("a plan was made")
        } catch {
            #expect(error.issues.count == ImportFailure.limit)
            #expect(error.isTruncated)
            #expect(error.description.hasSuffix("… and more: only the first 100 problems are shown"))
        }
    }
}

extension HeaderTests {
    @Test func oneBadRowRefusesTheWholeFile() {
        do {
            let plan = try school.plan(.subjects, "name,short_name\nХимия,Хим.\nБиология,Матем.\nГеография,Геогр.\n")
            Issue.record("a plan was made: \(plan.summary)")
        } catch {
            #expect(error.issues.map(\.line) == [3])
        }
    }
}
