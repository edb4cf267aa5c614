public import Foundation
public import JournalAccess
public import JournalModel
public import JournalStore
public import Localization

/// A class's social passport as the class teacher sees it: counts per category, no names.
public struct SocialPassportCounts: Sendable, Codable, Hashable {
    public var classID: ClassID
    public var className: String
    public var students: Int
    /// Students with at least one fact.
    public var withFacts: Int
    /// Students per category, by ``SocialFactKind`` raw value.
    public var counts: [String: Int]
}

/// A class's social passport as the social pedagogue keeps it: every student with their facts.
public struct SocialPassport: Sendable, Codable {
    public struct Row: Sendable, Codable, Hashable {
        public var studentID: StudentID
        public var name: String
        public var facts: [SocialFact]
    }

    public var classID: ClassID
    public var className: String
    public var rows: [Row]
}

/// One social fact as the social pedagogue enters it.
public struct SocialFactInput: Sendable, Codable, Hashable {
    public var kind: SocialFactKind
    public var since: LocalDate?
    public var note: String

    public init(kind: SocialFactKind, since: LocalDate?, note: String) {
        self.kind = kind
        self.since = since
        self.note = note
    }
}

extension JournalService {
    /// The school's staff with an account, by name: whom a psychologist may name in a share.
    /// Names of colleagues are general data; only staff ask.
    public func staffChoices(caller: Caller) async throws -> [StaffChoice] {
        if caller.subject != nil, caller.actor.staffID == nil {
            throw JournalError.refused(.init("error.psychology.staff_only"))
        }
        return try await database.read { reader in
            let withAccounts = Set(
                try reader.accounts().filter { !$0.isDisabled }.compactMap { account -> StaffID? in
                    if case .staff(let id)? = account.owner { return id }
                    return nil
                })
            return try reader.allStaff().filter { withAccounts.contains($0.id!) }
                .map { StaffChoice(id: $0.id!, name: $0.name.description) }.sorted { $0.name < $1.name }
        }
    }

    /// Shares a council conclusion with a named member of staff: only its author may, and
    /// only with someone who may see the student and whom the rules do not deny psychology
    /// data (never the administrator). The act records who shared it and when.
    public func shareCouncilConclusion(_ id: Int64, with staff: StaffID, caller: Caller) async throws -> CouncilShare {
        let conclusion = try await ownConclusion(id, caller: caller)
        let target = try await database.read { reader in
            (try reader.staff(staff), try reader.accounts().first { $0.owner == .staff(staff) && !$0.isDisabled })
        }
        guard target.0 != nil else {
            throw JournalError.invalid(
                field: "staff_id", message: .init("error.psychology.unknown_staff", ["id": staff.description]))
        }
        guard staff != conclusion.authorID else {
            throw JournalError.invalid(field: "staff_id", message: .init("error.psychology.share_self"))
        }
        guard let account = target.1 else {
            throw JournalError.invalid(field: "staff_id", message: .init("error.psychology.share_no_account"))
        }
        let subject = try await self.subject(account: account.id!)
        let object = try await database.read { reader in
            try Self.studentObject(reader.student(conclusion.studentID)!, reader)
        }
        let policy = try await accessPolicy()
        let psychology = policy.decide(subject, .psychologyView, object)
        guard psychology.decidedBy == nil || psychology.allowed, policy.decide(subject, .studentsView, object).allowed
        else {
            throw JournalError.refused(.init("error.psychology.share_cannot_read"))
        }
        let now = now()
        return try await database.write(actor: caller.actor, reason: "council conclusion shared") { writer in
            let shares = try writer.reader.councilShares(conclusions: [id])
            guard !shares.contains(where: { $0.staffID == staff && $0.revokedAt == nil }) else {
                throw JournalError.refused(.init("error.psychology.already_shared"))
            }
            return try writer.insert(
                CouncilShare(conclusionID: id, staffID: staff, sharedBy: conclusion.authorID, sharedAt: now))
        }
    }

    /// Revokes a share: the member of staff no longer reads the conclusion.
    public func revokeCouncilShare(_ id: Int64, staff: StaffID, caller: Caller) async throws {
        _ = try await ownConclusion(id, caller: caller)
        let now = now()
        try await database.write(actor: caller.actor, reason: "council conclusion share revoked") { writer in
            guard
                var share = try writer.reader.councilShares(conclusions: [id]).first(where: {
                    $0.staffID == staff && $0.revokedAt == nil
                })
            else {
                throw JournalError.notFound(entity: "share", id: "\(id)/\(staff)")
            }
            share.revokedAt = now
            _ = try writer.update(share)
        }
    }

    /// A conclusion its author acts on; anyone else is refused, whatever their rights.
    private func ownConclusion(_ id: Int64, caller: Caller) async throws -> CouncilConclusion {
        guard let conclusion = try await database.read({ reader in try reader.councilConclusion(id) }) else {
            try await authorize(caller, .psychologyEdit, .school)
            throw ServiceError.unknown(entity: "conclusion", id: String(id))
        }
        try await openSpecial(
            caller, .psychologyEdit, domain: .psychology, about: .students([conclusion.studentID]),
            what: "psychology.council")
        guard caller.subject == nil || caller.actor.staffID == conclusion.authorID else {
            throw JournalError.refused(.init("error.psychology.author_only"))
        }
        return conclusion
    }

    /// The council conclusions shared with the caller and not revoked, about students they may
    /// see. Each read is logged; the administrator (denied psychology data) reads none.
    public func sharedCouncilConclusions(caller: Caller) async throws -> [CouncilConclusionView] {
        guard let subject = caller.subject, let staff = subject.staffID else {
            throw JournalError.refused(.init("error.psychology.staff_only"))
        }
        let shared = try await database.read { reader in
            try reader.councilConclusions(sharedWith: staff).map {
                ($0, try Self.studentObject(reader.student($0.studentID)!, reader))
            }
        }
        let policy = try await accessPolicy()
        var readable: [CouncilConclusion] = []
        for (conclusion, object) in shared {
            let psychology = policy.decide(subject, .psychologyView, object)
            if !psychology.allowed && psychology.decidedBy != nil { continue }
            if policy.decide(subject, .studentsView, object).allowed { readable.append(conclusion) }
        }
        guard !readable.isEmpty else { return [] }
        try await openSpecial(
            caller, .studentsView, domain: .psychology, about: .students(readable.map(\.studentID)),
            what: "psychology.council")
        let found = readable
        return try await database.read { reader in try Self.conclusionViews(found, withShares: false, reader) }
    }

    /// How many conclusions are shared with the caller, without reading them (no special read):
    /// for the home page's link.
    public func sharedCouncilConclusionCount(caller: Caller) async throws -> Int {
        guard let staff = caller.actor.staffID else { return 0 }
        return try await database.read { reader in try reader.councilConclusions(sharedWith: staff).count }
    }

    static func conclusionViews(_ conclusions: [CouncilConclusion], withShares: Bool, _ reader: StoreReader) throws
        -> [CouncilConclusionView]
    {
        let shares = withShares ? try reader.councilShares(conclusions: conclusions.compactMap(\.id)) : []
        let staffIDs = Set(conclusions.map(\.authorID) + shares.map(\.staffID))
        let names = Dictionary(
            uniqueKeysWithValues: try reader.staff(ids: Array(staffIDs)).map {
                ($0.id!.description, $0.name.description)
            })
        return try conclusions.map { conclusion in
            CouncilConclusionView(
                conclusion: conclusion, studentName: try reader.student(conclusion.studentID)?.name.description ?? "",
                authorName: names[conclusion.authorID.description] ?? "",
                shares: shares.filter { $0.conclusionID == conclusion.id }, staffNames: names)
        }
    }

    // MARK: The social passport

    /// Replaces a student's social facts with `facts` (one of each kind at most).
    public func setSocialFacts(_ student: StudentID, _ facts: [SocialFactInput], caller: Caller) async throws
        -> [SocialFact]
    {
        let today = try await today()
        var seen: Set<SocialFactKind> = []
        for (index, fact) in facts.enumerated() {
            guard seen.insert(fact.kind).inserted else {
                throw JournalError.invalid(
                    field: "facts[\(index)].kind",
                    message: .init("error.social.duplicate", ["kind": fact.kind.rawValue]))
            }
            if let since = fact.since, since > today {
                throw JournalError.invalid(
                    field: "facts[\(index)].since",
                    message: .init("error.psychology.future_date", ["date": since.description]))
            }
            guard fact.note.count <= 500 else {
                throw JournalError.invalid(
                    field: "facts[\(index)].note", message: .init("error.social.note", ["max": "500"]))
            }
        }
        try await openSpecial(
            caller, .socialPassportEdit, domain: .psychology, about: .students([student]),
            what: "psychology.social_facts")
        let recorder = caller.actor.staffID
        return try await database.write(actor: caller.actor, reason: "social passport") { writer in
            let current = try writer.reader.socialFacts(students: [student])
            for fact in current where !facts.contains(where: { $0.kind == fact.kind }) {
                try writer.delete(fact)
            }
            var result: [SocialFact] = []
            for input in facts {
                let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
                if var existing = current.first(where: { $0.kind == input.kind }) {
                    if existing.since != input.since || existing.note != note {
                        existing.since = input.since
                        existing.note = note
                        existing.recordedBy = recorder
                        existing = try writer.update(existing)
                    }
                    result.append(existing)
                } else {
                    result.append(
                        try writer.insert(
                            SocialFact(
                                studentID: student, kind: input.kind, since: input.since, note: note,
                                recordedBy: recorder)))
                }
            }
            return result.sorted { $0.kind.rawValue < $1.kind.rawValue }
        }
    }

    /// A class's social passport with names, for the social pedagogue; the read is logged.
    public func socialPassport(_ classID: ClassID, caller: Caller) async throws -> SocialPassport {
        let (schoolClass, students) = try await classAndStudents(classID, .socialPassportEdit, caller: caller)
        try await openSpecial(
            caller, .socialPassportEdit, domain: .psychology, about: .students(students.map { $0.id! }),
            what: "psychology.social_passport")
        return try await database.read { reader in
            let facts = Dictionary(grouping: try reader.socialFacts(students: students.map { $0.id! }), by: \.studentID)
            return SocialPassport(
                classID: classID, className: schoolClass.name,
                rows: students.map {
                    SocialPassport.Row(studentID: $0.id!, name: $0.name.description, facts: facts[$0.id!] ?? [])
                })
        }
    }

    /// The classes of the current year, for the social pedagogue's list of passports
    /// (`social_passport.edit`).
    public func socialPassportClasses(caller: Caller) async throws -> [(id: ClassID, name: String)] {
        try await authorize(caller, .socialPassportEdit, .school)
        return try await database.read { reader in
            guard let year = try reader.currentYear() else { return [] }
            return try reader.classes(year: year.id!).map { ($0.id!, $0.name) }
        }
    }

    /// ``socialPassport(_:caller:)`` of a class named as the school writes it (`5А`).
    public func socialPassport(className: String, caller: Caller) async throws -> SocialPassport {
        try await socialPassport(try await classID(named: className), caller: caller)
    }

    /// ``socialPassportCounts(_:caller:)`` of a class named as the school writes it.
    public func socialPassportCounts(className: String, caller: Caller) async throws -> SocialPassportCounts {
        try await socialPassportCounts(try await classID(named: className), caller: caller)
    }

    private func classID(named name: String) async throws -> ClassID {
        try await database.read { reader in try Self.findClass(name, reader).id! }
    }

    /// A class's social passport as counts per category, no names: what the class teacher
    /// (and management) see (`social_passport.view`); the administrator has no grant of it.
    public func socialPassportCounts(_ classID: ClassID, caller: Caller) async throws -> SocialPassportCounts {
        let (schoolClass, students) = try await classAndStudents(classID, .socialPassportView, caller: caller)
        let facts = try await database.read { reader in try reader.socialFacts(students: students.map { $0.id! }) }
        var counts: [String: Int] = [:]
        for fact in facts { counts[fact.kind.rawValue, default: 0] += 1 }
        return SocialPassportCounts(
            classID: classID, className: schoolClass.name, students: students.count,
            withFacts: Set(facts.map(\.studentID)).count, counts: counts)
    }

    private func classAndStudents(_ classID: ClassID, _ capability: Capability, caller: Caller) async throws
        -> (SchoolClass, [Student])
    {
        let found = try await database.read { reader in
            try reader.schoolClass(classID).map { ($0, try reader.students(inClass: classID)) }
        }
        guard let (schoolClass, students) = found else {
            try await authorize(caller, capability, AccessObject(kind: .group, id: classID.rawValue))
            throw ServiceError.unknown(entity: "class", id: classID.description)
        }
        try await authorize(caller, capability, Self.classObject(schoolClass))
        return (schoolClass, students)
    }

    // MARK: Subject access (152-ФЗ art. 14)

    /// What the school holds about a student in the psychologist's domain, for the
    /// representative's subject-access export: consents, council conclusions, social facts, and
    /// the list of sessions and diagnostics by date, kind, scope and conclusion. The working
    /// notes of a session are the psychologist's professional material and are not included;
    /// the conclusion each record reached is.
    public static func psychologySubjectAccessSections(
        _ student: StudentID, _ reader: StoreReader, _ language: Language
    ) throws -> [SubjectAccessSection] {
        func t(_ key: String) -> String { Strings.text(key, language) }
        let consents = try reader.psychologyConsents(student: student)
        let representatives = try Dictionary(
            uniqueKeysWithValues: consents.map(\.representativeID).uniqued().compactMap { id in
                try reader.representative(id).map { (id, $0.name.description) }
            })
        let conclusions = try reader.councilConclusions(student: student)
        let facts = try reader.socialFacts(students: [student])
        let records = try reader.psychologyRecords(student: student)
        return [
            SubjectAccessSection(
                title: t("psychology.sar.consents"),
                header: [
                    t("psychology.consent.scope"), t("psychology.consent.representative"),
                    t("psychology.consent.given_on"), t("psychology.consent.document"),
                    t("psychology.consent.withdrawn_on"),
                ],
                rows: consents.map {
                    [
                        t("psychology.scope.\($0.scope.rawValue)"), representatives[$0.representativeID] ?? "",
                        $0.givenOn.description, $0.document, $0.withdrawnOn?.description ?? "",
                    ]
                }),
            SubjectAccessSection(
                title: t("psychology.sar.records"),
                header: [
                    t("psychology.record.date"), t("psychology.record.kind"), t("psychology.consent.scope"),
                    t("psychology.record.conclusion"),
                ],
                rows: records.map {
                    [
                        $0.date.description, t("psychology.kind.\($0.kind.rawValue)"),
                        t("psychology.scope.\($0.scope.rawValue)"), $0.conclusion,
                    ]
                }),
            SubjectAccessSection(
                title: t("psychology.sar.council"),
                header: [
                    t("psychology.record.date"), t("psychology.council.conclusion"),
                    t("psychology.council.recommendations"),
                ],
                rows: conclusions.map { [$0.date.description, $0.conclusion, $0.recommendations] }),
            SubjectAccessSection(
                title: t("psychology.sar.social"),
                header: [t("social.kind"), t("social.since"), t("social.note")],
                rows: facts.map { [t("social.kind.\($0.kind.rawValue)"), $0.since?.description ?? "", $0.note] }),
        ]
    }
}

extension Sequence where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
