import Foundation
import JournalModel
import JournalRules
import LuaRuntime
import Testing

/// `deadlines.lua`: the regulation's duties (R14–R17) as Lua, tested at load.
@Suite("The journal-keeping deadlines as a rule")
struct DeadlinesTests {
    @Test func theShippedDutiesGiveTheRegulationsDeadlines() async throws {
        let rules = try await RulesFixtures.load(try RulesFixtures.shipped())
        #expect(rules.deadlines.duties.map(\.id) == ["exam_results", "homework", "lesson_record", "work_marks"])
        let homework = try #require(rules.deadlines.duties.first { $0.id == "homework" })
        #expect(homework.clause == "п. 3.5" && homework.appliesTo == .homework && homework.isConditional)
        #expect(homework.severity == .normal && homework.lockAfterDays == nil)
        #expect(rules.deadlines.duties.first { $0.id == "exam_results" }?.severity == .high)
        try await rules.withEvaluator { evaluator throws in
            // A teacher whose last lesson ends at 14:05 owes the homework by 16:05.
            let item: [String: LuaValue] = [
                "date": "2026-11-20", "teacher_day_ends": "14:05", "grade": .integer(7), "homework_given": true,
            ]
            #expect(try evaluator.due(homework, item).description == "2026-11-20 16:05")
            #expect(try evaluator.applies(homework, item))
            var first = item
            first["grade"] = .integer(1)
            #expect(try !evaluator.applies(homework, first))
            var none = item
            none["homework_given"] = false
            #expect(try !evaluator.applies(homework, none), "no homework given, none owed")
            let marks = try #require(rules.deadlines.duties.first { $0.id == "work_marks" })
            #expect(
                try evaluator.due(marks, ["date": "2026-12-28", "work_type": "test"]).description == "2027-01-04 23:59")
        }
    }

    @Test func aSchoolsOwnRuleChangesTheDeadline() async throws {
        // Marks within ten days instead of a week.
        let files = try RulesFixtures.edited(
            "deadlines.lua",
            replacing: #"due = function(item) return add_days(item.date, 7) .. " 23:59" end"#,
            with: #"due = function(item) return add_days(item.date, 10) .. " 23:59" end"#)
        // The file's own test of the week now fails, at its line.
        await #expect {
            try await RulesFixtures.load(files)
        } throws: { error in
            let text = "\(error)"
            return text.contains("deadlines.lua:") && text.contains("expected the deadline 2027-01-04 23:59")
                && text.contains("2027-01-07 23:59")
        }
        var fixed = files
        fixed.files["deadlines.lua"] = fixed.files["deadlines.lua"]!.replacingOccurrences(
            of: #"expect = "2027-01-04 23:59""#, with: #"expect = "2027-01-07 23:59""#)
        let rules = try await RulesFixtures.load(fixed)
        let marks = try #require(rules.deadlines.duties.first { $0.id == "work_marks" })
        try await rules.withEvaluator { evaluator throws in
            #expect(try evaluator.due(marks, ["date": "2026-11-20"]).description == "2026-11-30 23:59")
        }
    }

    @Test func aBrokenDutyIsRefusedAtLoadNamingItsLine() async throws {
        let unknown = try RulesFixtures.edited(
            "deadlines.lua", replacing: #"applies_to = "homework","#, with: #"applies_to = "homeworks","#)
        await #expect { try await RulesFixtures.load(unknown) } throws: {
            "\($0)".contains("deadlines.lua:") && "\($0)".contains("applies_to 'homeworks' is not known")
        }
        let badSeverity = try RulesFixtures.edited(
            "deadlines.lua", replacing: #"severity = "high","#, with: #"severity = "urgent","#)
        await #expect { try await RulesFixtures.load(badSeverity) } throws: {
            "\($0)".contains("severity 'urgent' is not known; use one of low, normal, high")
        }
        let noDue = try RulesFixtures.edited(
            "deadlines.lua", replacing: #"due = function(item) return item.date .. " 23:59" end,"#,
            with: #"due = "23:59","#)
        await #expect { try await RulesFixtures.load(noDue) } throws: {
            "\($0)".contains("duties.lesson_record.due' must be a function(item)")
        }
        let badMoment = try RulesFixtures.edited(
            "deadlines.lua", replacing: #"return item.date .. " 23:59" end,"#, with: #"return "завтра" end,"#)
        await #expect { try await RulesFixtures.load(badMoment) } throws: {
            "\($0)".contains("must return a moment \"YYYY-MM-DD HH:MM\", returned \"завтра\"")
        }
    }

    @Test func theHelpersCountDaysAndMinutesAcrossMonthsAndTheDaysEnd() async throws {
        let files = try RulesFixtures.with(
            "deadlines.lua",
            """
            return deadlines {
              duties = {
                probe = { title = "t", clause = "c", applies_to = "homework",
                  due = function(item) return add_days(item.date, item.days) .. " " .. add_minutes(item.time, item.minutes) end },
              },
            }
            """)
        let rules = try await RulesFixtures.load(files)
        let probe = try #require(rules.deadlines.duties.first)
        try await rules.withEvaluator { evaluator throws in
            func due(_ date: String, _ days: Int, _ time: String, _ minutes: Int) throws -> String {
                try evaluator.due(
                    probe,
                    [
                        "date": .string(date), "days": .integer(Int64(days)), "time": .string(time),
                        "minutes": .integer(Int64(minutes)),
                    ]
                ).description
            }
            #expect(try due("2026-12-28", 7, "14:05", 120) == "2027-01-04 16:05")
            #expect(try due("2028-02-28", 1, "23:00", 120) == "2028-02-29 23:59")
            #expect(try due("2027-03-01", -1, "00:30", -60) == "2027-02-28 00:00")
            #expect(throws: RulesError.self) { try due("20.11.2026", 1, "10:00", 0) }
            #expect(throws: RulesError.self) { try due("2026-02-31", 1, "10:00", 0) }
        }
    }
}
