import Foundation
import JournalDemo
import JournalModel
import Testing

@Suite struct TimetableTests {
    let school = Fixtures.school

    @Test func bellsStartAtHalfPastEightWithFortyFiveMinuteLessons() {
        let bells = school.bells
        #expect((7...8).contains(bells.count))
        #expect(bells.first?.startsAt == LocalTime("08:30"))
        for (bell, next) in zip(bells, bells.dropFirst()) {
            #expect(bell.endsAt.minutes - bell.startsAt.minutes == 45)
            #expect((10...20).contains(next.startsAt.minutes - bell.endsAt.minutes))
        }
    }

    @Test func noTeacherClassOrSubgroupIsInTwoPlacesAtOnce() {
        var teachers: Set<[Int64]> = []
        var wholeClasses: Set<[Int64]> = []
        var subgroups: Set<[Int64]> = []
        var halfBusy: Set<[Int64]> = []
        for entry in school.timetable {
            let assignment = school.assignment(entry.assignmentID)
            let slot = [Int64(entry.weekday), Int64(entry.lessonNumber)]
            #expect(teachers.insert(slot + [assignment.teacherID.rawValue]).inserted, "teacher \(assignment.teacherID)")
            let group = school.group(assignment.groupID)
            if group.kind == .subgroup {
                #expect(subgroups.insert(slot + [group.id!.rawValue]).inserted)
                halfBusy.insert(slot + [group.classID!.rawValue])
            } else {
                for classID in school.classIDs(of: group.id!) {
                    #expect(wholeClasses.insert(slot + [classID.rawValue]).inserted, "class \(classID)")
                }
            }
        }
        #expect(wholeClasses.isDisjoint(with: halfBusy), "a subgroup learns while its whole class does")
    }

    @Test func everyWeeklyHourIsInTheTimetableForTheWholeYear() {
        var count: [AssignmentID: Int] = [:]
        for entry in school.timetable { count[entry.assignmentID, default: 0] += 1 }
        #expect(school.assignments.allSatisfy { count[$0.id!] == $0.hoursPerWeek && $0.hoursPerWeek > 0 })
        #expect(
            school.timetable.allSatisfy { $0.validFrom == school.year.startsOn && $0.validTo == school.year.endsOn })
        #expect(school.timetable.allSatisfy { (1...6).contains($0.weekday) && $0.room != nil })
        #expect(school.timetable.allSatisfy { (1...school.bells.count).contains($0.lessonNumber) })
    }

    @Test func primaryClassesHaveNoSaturdayLessons() {
        for entry in school.timetable where school.grade(of: entry.assignmentID) <= 9 {
            #expect(entry.weekday <= 5)
        }
    }

    @Test func noLessonsOnSundaysHolidaysOrOutsideTheTeachingSpan() {
        let options = Fixtures.options
        #expect(!school.lessons.isEmpty)
        for lesson in school.lessons {
            #expect(lesson.date.weekday != 7)
            #expect(!options.holidays.contains { $0.contains(lesson.date) }, "\(lesson.date)")
            #expect(options.isSchoolDay(lesson.date, grade: school.grade(of: lesson.assignmentID)))
            #expect(options.teachingSpan.contains(lesson.date))
        }
    }

    @Test func firstGradersHaveTheirFebruaryWeekOff() throws {
        let week = try #require(Fixtures.options.firstGradeHolidays.first)
        let inWeek = school.lessons.filter { week.contains($0.date) }
        #expect(!inWeek.isEmpty)
        #expect(inWeek.allSatisfy { school.grade(of: $0.assignmentID) > 1 })
    }

    @Test func datedLessonsNeverDoubleBookATeacherOrAClass() {
        var substitute: [LessonID: StaffID] = [:]
        for change in school.timetableChanges where change.kind == .substitution {
            substitute[change.lessonID] = change.substituteID
        }
        var teachers: Set<[Int64]> = []
        var classes: Set<[Int64]> = []
        var subgroups: Set<[Int64]> = []
        for lesson in school.lessons where lesson.status != .cancelled {
            let assignment = school.assignment(lesson.assignmentID)
            let teacher = substitute[lesson.id!] ?? assignment.teacherID
            let slot = [Int64(lesson.date.dayNumber), Int64(lesson.number)]
            #expect(teachers.insert(slot + [teacher.rawValue]).inserted, "\(lesson.date) \(lesson.number)")
            if school.group(assignment.groupID).kind == .subgroup {
                #expect(subgroups.insert(slot + [assignment.groupID.rawValue]).inserted)
            } else {
                for classID in school.classIDs(of: assignment.groupID) {
                    #expect(classes.insert(slot + [classID.rawValue]).inserted, "\(lesson.date) \(lesson.number)")
                }
            }
        }
    }

    @Test func changesAreConsistentWithTheirLessons() {
        let kinds = Set(school.timetableChanges.map(\.kind))
        #expect(kinds.contains(.substitution) && kinds.contains(.cancellation))
        let lastDay = Fixtures.today.adding(days: 7)
        for change in school.timetableChanges {
            let lesson = school.lesson(change.lessonID)
            let teacher = school.assignment(lesson.assignmentID).teacherID
            #expect(change.createdAt <= nowOfFixture())
            #expect(lesson.date <= lastDay || change.previousDate.map { $0 <= lastDay } == true)
            switch change.kind {
            case .substitution:
                #expect(change.substituteID != nil && change.substituteID != teacher)
                #expect(change.reason != nil)
                if lesson.status == .held { #expect(lesson.taughtByID == change.substituteID) }
            case .cancellation:
                #expect(lesson.status == .cancelled)
            case .move:
                #expect(change.previousDate != nil && change.previousNumber != nil)
                #expect(change.previousDate != lesson.date || change.previousNumber != lesson.number)
            case .roomChange:
                #expect(change.previousRoom != nil && change.previousRoom != lesson.room)
            case .merge:
                #expect(change.hostLessonID != nil && lesson.taughtByID == change.substituteID)
            }
        }
        let substituted = school.timetableChanges.count { $0.kind == .substitution }
        let window = school.lessons.count { $0.date <= lastDay }
        #expect((0.005...0.04).contains(Double(substituted) / Double(window)))
    }

    /// `today` at 19:00 in Moscow, the moment the demo school is at.
    private func nowOfFixture() -> Timestamp {
        Timestamp(timeIntervalSince1970: Double((Fixtures.today.dayNumber * 1440 + 19 * 60 - 180) * 60))
    }
}
