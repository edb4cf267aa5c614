import JournalModel

extension AssignmentsPlan {
    /// Resolves the rows of one file, remembering the groups met so far.
    struct Builder {
        /// A group as this file sees it: which it is, where its students were first listed.
        struct FileGroup {
            let reference: ImportRef<TeachingGroup>
            var studentsLine: Int?
            var students: Set<StudentID>
        }

        private let yearID: AcademicYearID
        private let classes: ClassIndex
        private let subjects: SubjectIndex
        private let staff: PersonIndex<Staff>
        private let students: PersonIndex<Student>
        private let groupsByClass: [ClassID: [TeachingGroup]]
        private let members: [GroupID: Set<StudentID>]
        private let assignments: [GroupID: [TeachingAssignment]]

        private var fileGroups: [String: FileGroup] = [:]
        private var assignmentLines: [String: Int] = [:]
        private(set) var newGroups: [Planned<TeachingGroup>] = []
        private(set) var newMembers: [PlannedMember] = []
        private(set) var newAssignments: [PlannedAssignment] = []
        private(set) var updatedAssignments: [PlannedUpdate<TeachingAssignment>] = []
        private(set) var unchangedLines: [Int] = []

        init(context: some ImportContext) {
            yearID = context.year.id ?? 0
            classes = ClassIndex(context)
            subjects = SubjectIndex(context.subjects())
            staff = PersonIndex(context.staff(), name: \.name, code: \.externalCode)
            students = PersonIndex(context.students(), name: \.name, code: \.externalCode)
            groupsByClass = Dictionary(grouping: context.groups().filter { $0.classID != nil }) { $0.classID! }
            members = Dictionary(grouping: context.groupMembers(), by: \.groupID).mapValues { Set($0.map(\.studentID)) }
            assignments = Dictionary(grouping: context.assignments(), by: \.groupID)
        }

        mutating func add(_ row: ImportRow, _ log: inout IssueLog) {
            let issues = log.issues.count
            let schoolClass = row.required(.className, &log) { (text: String) throws(ImportMessage) in
                try classes.resolve(try Parse.className(text))
            }
            let groupName = row.value(.group, &log, Parse.text(limit: ImportLimits.groupName))
            let subject = row.required(.subject, &log, subjects.resolve)
            let teacher = row.required(.teacher, &log) { (text: String) throws(ImportMessage) in
                try staff.reference(text, noun: .staffMember)
            }
            let hours = row.value(Columns.hours, &log, Parse.hoursPerWeek) ?? 1
            if groupName == nil, row[Columns.students] != nil {
                row.report(Columns.students, .studentsForWholeClass, &log)
            }
            guard log.issues.count == issues, let schoolClass, let classID = schoolClass.id, let subject,
                let subjectID = subject.id, let teacher, let teacherID = teacher.id
            else { return }

            let listed = studentList(row, schoolClass: schoolClass, &log)
            guard log.issues.count == issues else { return }
            let groupsBefore = newGroups.count
            let membersBefore = newMembers.count
            let groupKey = "\(classID)|" + Key.text(groupName ?? "")
            guard let group = group(groupKey, name: groupName, of: schoolClass, listed: listed, row, &log) else {
                return
            }

            let assignmentKey = "\(groupKey)|\(subjectID)|\(teacherID)"
            if let earlier = assignmentLines[assignmentKey] {
                row.report(.duplicateRow(line: earlier), &log)
                return
            }
            assignmentLines[assignmentKey] = row.line
            let existing: TeachingAssignment? =
                if case .existing(let groupID) = group {
                    assignments[groupID]?.first { $0.subjectID == subjectID && $0.teacherID == teacherID }
                } else { nil }
            if let existing {
                if existing.hoursPerWeek != hours {
                    var after = existing
                    after.hoursPerWeek = hours
                    updatedAssignments.append(PlannedUpdate(line: row.line, before: existing, after: after))
                } else if newGroups.count == groupsBefore, newMembers.count == membersBefore {
                    unchangedLines.append(row.line)
                }
            } else {
                newAssignments.append(
                    PlannedAssignment(
                        line: row.line, group: group, subjectID: subjectID, teacherID: teacherID, hoursPerWeek: hours))
            }
        }

        /// The students a row lists for its group, each a student of the row's class.
        private func studentList(_ row: ImportRow, schoolClass: SchoolClass, _ log: inout IssueLog) -> Set<StudentID>? {
            guard let text = row[Columns.students] else { return nil }
            var found: Set<StudentID> = []
            for item in Parse.list(text) {
                do throws(ImportMessage) {
                    let student = try students.reference(item, noun: .student) { $0.classID == schoolClass.id }
                    guard student.classID == schoolClass.id else {
                        throw ImportMessage.studentNotInClass(student.name.description, className: schoolClass.name)
                    }
                    if let id = student.id { found.insert(id) }
                } catch {
                    row.report(Columns.students, error, &log)
                }
            }
            return found
        }

        /// The group a row teaches: met earlier in the file, in the journal, or new.
        private mutating func group(
            _ key: String, name: String?, of schoolClass: SchoolClass, listed: Set<StudentID>?, _ row: ImportRow,
            _ log: inout IssueLog
        ) -> ImportRef<TeachingGroup>? {
            guard let classID = schoolClass.id else { return nil }
            if var known = fileGroups[key] {
                if let listed {
                    if let line = known.studentsLine, known.students != listed {
                        row.report(Columns.students, .groupStudentsDiffer(line: line), &log)
                        return nil
                    }
                    if known.studentsLine == nil {
                        addMembers(listed, to: known.reference, line: row.line)
                        known.studentsLine = row.line
                        known.students = listed
                        fileGroups[key] = known
                    }
                }
                return known.reference
            }
            let candidates = groupsByClass[classID] ?? []
            let existing =
                if let name {
                    candidates.first { $0.kind == .subgroup && Key.text($0.name) == Key.text(name) }
                } else {
                    candidates.first { $0.kind == .wholeClass }
                }
            let reference: ImportRef<TeachingGroup>
            if let existing, let id = existing.id {
                reference = .existing(id)
            } else {
                if let name, listed == nil {
                    row.report(Columns.students, .newGroupNeedsStudents(name, className: schoolClass.name), &log)
                    return nil
                }
                reference = .new(index: newGroups.count)
                let group = TeachingGroup(
                    yearID: yearID, name: name ?? schoolClass.name, kind: name == nil ? .wholeClass : .subgroup,
                    classID: classID)
                newGroups.append(Planned(line: row.line, value: group))
            }
            if let listed { addMembers(listed, to: reference, line: row.line) }
            fileGroups[key] = FileGroup(
                reference: reference, studentsLine: listed.map { _ in row.line }, students: listed ?? [])
            return reference
        }

        private mutating func addMembers(_ listed: Set<StudentID>, to group: ImportRef<TeachingGroup>, line: Int) {
            let present: Set<StudentID> =
                if case .existing(let id) = group { members[id] ?? [] } else { [] }
            for studentID in listed.subtracting(present).sorted() {
                newMembers.append(PlannedMember(line: line, group: group, studentID: studentID))
            }
        }
    }
}
