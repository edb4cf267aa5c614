import Foundation
import JournalImport
import JournalModel

/// An in-memory journal for the import tests: an ``ImportSnapshot`` that can apply plans the
/// way the service does, giving new rows ids.
struct FakeSchool: ImportContext {
    var snapshot: ImportSnapshot
    private var lastID: Int64 = 1000

    init(_ snapshot: ImportSnapshot) { self.snapshot = snapshot }

    var year: AcademicYear { snapshot.year }
    func classes() -> [SchoolClass] { snapshot.classes() }
    func staff() -> [Staff] { snapshot.staff() }
    func staffRoles() -> [StaffID: Set<Role>] { snapshot.staffRoles() }
    func students() -> [Student] { snapshot.students() }
    func representatives() -> [Representative] { snapshot.representatives() }
    func representativeLinks() -> [StudentRepresentative] { snapshot.representativeLinks() }
    func subjects() -> [Subject] { snapshot.subjects() }
    func groups() -> [TeachingGroup] { snapshot.groups() }
    func groupMembers() -> [GroupMember] { snapshot.groupMembers() }
    func assignments() -> [TeachingAssignment] { snapshot.assignments() }
    func timetableEntries() -> [TimetableEntry] { snapshot.timetableEntries() }
    func contacts() -> [Contact] { snapshot.contacts() }

    static let year = AcademicYear(
        id: 1, title: "2026/2027", startsOn: LocalDate("2026-09-01")!, endsOn: LocalDate("2027-08-31")!,
        isCurrent: true)

    static var empty: FakeSchool { FakeSchool(ImportSnapshot(year: year)) }

    /// Plans a file of `kind` from text.
    func plan(_ kind: ImportKind, _ text: String, file: String? = nil) throws(ImportFailure) -> ImportPlan {
        try ImportPlan(kind: kind, file: file ?? "\(kind.rawValue).csv", bytes: Array(text.utf8), context: self)
    }

    /// The issues of a file that must be refused, as `file:line: message` lines.
    func issues(_ kind: ImportKind, _ text: String) -> [String] {
        do {
            let result = try plan(kind, text)
            return ["unexpected plan: \(result.summary)"]
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// The issues of a fixture file that must be refused.
    func issues(_ kind: ImportKind, fixture name: String) throws -> [String] {
        let data = try Fixture.data(name)
        do {
            let result = try ImportPlan(kind: kind, file: name, bytes: data, context: self)
            return ["unexpected plan: \(result.summary)"]
        } catch {
            return error.issues.map(\.description)
        }
    }

    private static func insert<Value>(
        _ values: [Value], into list: inout [Value], id: WritableKeyPath<Value, Identifier<Value>?>,
        lastID: inout Int64
    ) -> [Identifier<Value>] {
        values.map { value in
            var value = value
            lastID += 1
            value[keyPath: id] = Identifier(lastID)
            list.append(value)
            return Identifier(lastID)
        }
    }

    private static func replace<Value: Identifiable>(_ list: inout [Value], with value: Value) {
        list = list.map { $0.id == value.id ? value : $0 }
    }

    /// Writes a plan as the service does: new values in order, then updates.
    mutating func apply(_ plan: ImportPlan) {
        switch plan {
        case .staff(let plan):
            let ids = Self.insert(plan.newStaff.map(\.value), into: &snapshot.staffList, id: \.id, lastID: &lastID)
            for update in plan.updatedStaff { Self.replace(&snapshot.staffList, with: update.after) }
            for grant in plan.roleGrants {
                let id =
                    switch grant.staff {
                    case .existing(let id): id
                    case .new(let index): ids[index]
                    }
                snapshot.roleMap[id, default: []].formUnion(grant.roles)
            }
        case .contacts(let plan):
            for planned in plan.newContacts {
                let draft = planned.value
                lastID += 1
                snapshot.contactList.append(
                    Contact(
                        id: lastID, representativeID: draft.representativeID, kind: draft.kind, value: draft.value,
                        basis: draft.basis, basisNumber: draft.basisNumber, basisDate: draft.basisDate,
                        receivedBy: draft.receivedBy, validFrom: draft.validFrom ?? FakeSchool.year.startsOn,
                        enteredBy: "import", enteredAt: Date(timeIntervalSince1970: 0)))
            }
        case .classes(let plan):
            _ = Self.insert(plan.newClasses.map(\.value), into: &snapshot.classList, id: \.id, lastID: &lastID)
            for update in plan.updatedClasses { Self.replace(&snapshot.classList, with: update.after) }
        case .subjects(let plan):
            _ = Self.insert(plan.newSubjects.map(\.value), into: &snapshot.subjectList, id: \.id, lastID: &lastID)
            for update in plan.updatedSubjects { Self.replace(&snapshot.subjectList, with: update.after) }
        case .students(let plan):
            _ = Self.insert(plan.newStudents.map(\.value), into: &snapshot.studentList, id: \.id, lastID: &lastID)
            for update in plan.updatedStudents { Self.replace(&snapshot.studentList, with: update.after) }
        case .representatives(let plan):
            let ids = Self.insert(
                plan.newRepresentatives.map(\.value), into: &snapshot.representativeList, id: \.id, lastID: &lastID)
            for update in plan.updatedRepresentatives { Self.replace(&snapshot.representativeList, with: update.after) }
            for link in plan.newLinks {
                let id =
                    switch link.representative {
                    case .existing(let id): id
                    case .new(let index): ids[index]
                    }
                snapshot.linkList.append(
                    StudentRepresentative(studentID: link.studentID, representativeID: id, kind: link.kind))
            }
            for update in plan.updatedLinks {
                snapshot.linkList = snapshot.linkList.map {
                    $0.studentID == update.after.studentID && $0.representativeID == update.after.representativeID
                        ? update.after : $0
                }
            }
        case .assignments(let plan):
            let ids = Self.insert(plan.newGroups.map(\.value), into: &snapshot.groupList, id: \.id, lastID: &lastID)
            func groupID(_ reference: ImportRef<TeachingGroup>) -> GroupID {
                switch reference {
                case .existing(let id): id
                case .new(let index): ids[index]
                }
            }
            for member in plan.newMembers {
                snapshot.memberList.append(GroupMember(groupID: groupID(member.group), studentID: member.studentID))
            }
            let assignments = plan.newAssignments.map {
                TeachingAssignment(
                    groupID: groupID($0.group), subjectID: $0.subjectID, teacherID: $0.teacherID,
                    hoursPerWeek: $0.hoursPerWeek)
            }
            _ = Self.insert(assignments, into: &snapshot.assignmentList, id: \.id, lastID: &lastID)
            for update in plan.updatedAssignments { Self.replace(&snapshot.assignmentList, with: update.after) }
        case .timetable(let plan):
            _ = Self.insert(plan.newEntries.map(\.value), into: &snapshot.timetableList, id: \.id, lastID: &lastID)
        }
    }
}
