public import JournalAccess
import JournalModel
import JournalStore

extension JournalService {
    /// A realistic mix for timing access decisions: parents and students reading diaries
    /// (their own and others'), teachers entering marks and reading journals in their groups
    /// and others', class teachers, management, and the specialists, over real objects.
    public func accessBenchmarkMix(size: Int) async throws -> [(AccessSubject, Capability, AccessObject)] {
        let accounts = try await database.read { try $0.accounts() }
        var generator = SplitMix(seed: 42)
        var subjects: [AccessSubject] = []
        for account in accounts.prefix(2000) { subjects.append(try await subject(account: account.id!)) }
        let objects = try await database.read { reader -> [AccessObject] in
            var objects: [AccessObject] = []
            let students = try reader.allStudents()
            for student in students.prefix(300) { objects.append(try Self.studentObject(student, reader)) }
            for assignment in try reader.allAssignments().prefix(200) {
                objects.append(try Self.assignmentObject(assignment, reader))
            }
            for account in accounts.prefix(100) { objects.append(try Self.accountObject(account, reader)) }
            return objects
        }
        let family: [Capability] = [.diaryView, .marksView, .attendanceView, .timetableView, .periodMarksView]
        let staff: [Capability] = [.journalView, .marksEdit, .attendanceEdit, .lessonsEdit, .studentsView, .diaryView]
        var mix: [(AccessSubject, Capability, AccessObject)] = []
        while mix.count < size {
            let subject = subjects[Int(generator.next() % UInt64(subjects.count))]
            let isFamily = subject.roles.contains(.student) || subject.roles.contains(.parent)
            let capabilities = isFamily ? family : staff + [.healthView, .usersManage, .passwordsReset]
            let capability = capabilities[Int(generator.next() % UInt64(capabilities.count))]
            // Half the time an object that is theirs: their child, their own diary, their group.
            var object = objects[Int(generator.next() % UInt64(objects.count))]
            if generator.next() % 2 == 0 {
                if let child = subject.children.first ?? subject.studentID {
                    object = AccessObject(kind: .student, id: child.rawValue, students: [child])
                } else if let assignment = subject.assignments.first {
                    object = AccessObject(kind: .assignment, id: assignment.rawValue, assignments: [assignment])
                }
            }
            mix.append((subject, capability, object))
        }
        return mix
    }
}

/// A small deterministic generator for benchmark mixes.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
