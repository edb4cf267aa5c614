import JournalModel

extension RepresentativesPlan {
    /// Gathers the rows of one file into people and links, then into a plan.
    struct Builder {
        /// One representative of the file, possibly on several rows: what the rows say, and what
        /// the journal had when they match someone.
        struct Person {
            let line: Int
            let before: Representative?
            var name: PersonName
            var phone: String?
            var email: String?
            var code: String?

            var value: Representative {
                let merged = before.map { name.updating($0.name) } ?? name
                return Representative(
                    id: before?.id, name: merged, phone: phone ?? before?.phone, email: email ?? before?.email,
                    externalCode: code ?? before?.externalCode)
            }
        }

        private let classes: ClassIndex
        private let students: PersonIndex<Student>
        private let representatives: PersonIndex<Representative>
        private let links: [StudentID: [StudentRepresentative]]
        private let byID: [StudentID: Student]

        private var persons: [Person] = []
        private var personByCode: [String: Int] = [:]
        private var personsByName: [String: [Int]] = [:]
        private var personByExisting: [RepresentativeID: Int] = [:]
        private var linkLines: [String: Int] = [:]
        private var pendingLinks: [(line: Int, person: Int, studentID: StudentID, kind: RepresentativeKind)] = []
        private var updatedLinks: [PlannedUpdate<StudentRepresentative>] = []
        private var rows: [(line: Int, person: Int, linkChanged: Bool)] = []

        init(context: some ImportContext) {
            classes = ClassIndex(context)
            students = PersonIndex(context.students(), name: \.name, code: \.externalCode)
            representatives = PersonIndex(context.representatives(), name: \.name, code: \.externalCode)
            links = Dictionary(grouping: context.representativeLinks(), by: \.studentID)
            byID = Dictionary(
                context.students().compactMap { student in student.id.map { ($0, student) } },
                uniquingKeysWith: { first, _ in first })
            studentByLogin = { context.student(login: $0) }
        }

        private let studentByLogin: (String) -> StudentID?

        mutating func add(_ row: ImportRow, _ log: inout IssueLog) {
            let issues = log.issues.count
            let name = row.personName(&log)
            let phone = row.value(Columns.phone, &log, Parse.phone)
            let email = row.value(Columns.email, &log, Parse.email)
            let kind = row.value(Columns.kind, &log, Parse.representativeKind) ?? .parent
            let code = row.value(Columns.code, &log, Parse.code)
            let className = row.value(Columns.studentClass, &log, Parse.className)
            let studentText = row.required(Columns.student, &log)
            guard log.issues.count == issues, let name, let studentText else { return }

            var classID: ClassID?
            if let className {
                do throws(ImportMessage) { classID = try classes.resolve(className).id } catch {
                    row.report(Columns.studentClass, error, &log)
                    return
                }
            }
            let student: Student
            do throws(ImportMessage) {
                // A child is named by code, by name, or by the login of their account.
                if let id = studentByLogin(studentText), let found = byID[id] {
                    student = found
                } else {
                    student = try students.reference(studentText, noun: .student) {
                        classID == nil || $0.classID == classID
                    }
                }
            } catch {
                row.report(Columns.student, error, &log)
                return
            }
            if let className, let classID, student.classID != classID {
                let message = ImportMessage.studentNotInClass(student.name.description, className: className)
                row.report(Columns.studentClass, message, &log)
                return
            }
            guard let studentID = student.id else { return }

            let person: Int
            do throws(ImportMessage) {
                person = try self.person(for: row, name: name, phone: phone, email: email, code: code)
            } catch {
                row.report(error, &log)
                return
            }
            let linkKey = "\(person)|\(studentID)"
            if let earlier = linkLines[linkKey] {
                row.report(.duplicateRow(line: earlier), &log)
                return
            }
            linkLines[linkKey] = row.line

            let existingLink = persons[person].before?.id.flatMap { id in
                links[studentID]?.first { $0.representativeID == id }
            }
            if let existingLink {
                if existingLink.kind != kind {
                    var after = existingLink
                    after.kind = kind
                    updatedLinks.append(PlannedUpdate(line: row.line, before: existingLink, after: after))
                }
                rows.append((row.line, person, existingLink.kind != kind))
            } else {
                pendingLinks.append((row.line, person, studentID, kind))
                rows.append((row.line, person, true))
            }
        }

        /// The index of the person a row describes: one met on an earlier row, or a new entry.
        private mutating func person(
            for row: ImportRow, name: PersonName, phone: String?, email: String?, code: String?
        ) throws(ImportMessage) -> Int {
            let nameKey = Key.text(name.description)
            var index: Int?
            if let code {
                index = personByCode[Key.text(code)]
            } else {
                let namesakes = (personsByName[nameKey] ?? []).filter { persons[$0].code == nil }
                index =
                    namesakes.first { persons[$0].phone == phone }
                    ?? namesakes.first { persons[$0].phone == nil || phone == nil }
            }
            if index == nil {
                let existing = try representatives.match(code: code, name: name, noun: .representative) {
                    ($0.phone == nil || phone == nil || $0.phone == phone)
                        && ($0.email == nil || email == nil || Key.text($0.email!) == Key.text(email!))
                }
                if let id = existing?.id, let known = personByExisting[id] {
                    index = known
                } else {
                    persons.append(Person(line: row.line, before: existing, name: name))
                    index = persons.count - 1
                    if let id = existing?.id { personByExisting[id] = index }
                }
            }
            let found = index!
            try merge(into: found, name: name, phone: phone, email: email, code: code)
            if let code { personByCode[Key.text(code)] = found }
            if !(personsByName[nameKey] ?? []).contains(found) { personsByName[nameKey, default: []].append(found) }
            return found
        }

        /// Takes what a row says about a person, refusing what contradicts an earlier row.
        private mutating func merge(
            into index: Int, name: PersonName, phone: String?, email: String?, code: String?
        ) throws(ImportMessage) {
            var person = persons[index]
            let line = person.line
            guard person.name.agrees(with: name) else { throw .differsFromLine(line, field: .name) }
            if let phone, let known = person.phone, known != phone { throw .differsFromLine(line, field: .phone) }
            if let email, let known = person.email, Key.text(known) != Key.text(email) {
                throw .differsFromLine(line, field: .email)
            }
            if let code, let known = person.code, Key.text(known) != Key.text(code) {
                throw .differsFromLine(line, field: .code)
            }
            person.name = person.name.middleName == nil ? name : person.name
            person.phone = person.phone ?? phone
            person.email = person.email ?? email
            person.code = person.code ?? code
            persons[index] = person
        }

        func plan() -> RepresentativesPlan {
            var newRepresentatives: [Planned<Representative>] = []
            var updatedRepresentatives: [PlannedUpdate<Representative>] = []
            var references: [ImportRef<Representative>] = []
            var changed: Set<Int> = []
            for (index, person) in persons.enumerated() {
                let value = person.value
                if let before = person.before, let id = before.id {
                    references.append(.existing(id))
                    if value != before {
                        updatedRepresentatives.append(PlannedUpdate(line: person.line, before: before, after: value))
                        changed.insert(index)
                    }
                } else {
                    references.append(.new(index: newRepresentatives.count))
                    newRepresentatives.append(Planned(line: person.line, value: value))
                    changed.insert(index)
                }
            }
            return RepresentativesPlan(
                newRepresentatives: newRepresentatives, updatedRepresentatives: updatedRepresentatives,
                newLinks: pendingLinks.map {
                    PlannedLink(
                        line: $0.line, representative: references[$0.person], studentID: $0.studentID, kind: $0.kind)
                },
                updatedLinks: updatedLinks,
                unchangedLines: rows.filter { !$0.linkChanged && !changed.contains($0.person) }.map(\.line))
        }
    }
}
