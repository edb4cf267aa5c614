public import JournalModel

/// What importing a staff file writes.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **last_name** (фамилия, last name, surname, family name), **first_name** (имя, first name,
///   given name), middle_name (отчество, middle name, patronymic)
/// - **position** (должность, job title, post): as the school writes it, `учитель математики`
/// - code (код, табельный номер, personnel number): the school's own code, unique
/// - roles (роли, роль, role): `;`- or `,`-separated: administrator (администратор), management
///   (администрация, управление, руководство), teacher (учитель, педагог), secretary
///   (секретарь), medical (медработник, медицинский работник), psychologist (психолог,
///   социальный педагог, соцпедагог), hr (кадры, отдел кадров, специалист по кадрам)
///
/// A row with a known code updates that person; an empty cell keeps what the journal has. A row
/// matching by name agrees when the position is the same. Roles are only ever added.
public struct StaffPlan: Hashable, Sendable, Codable {
    /// Staff members to insert.
    public var newStaff: [Planned<Staff>]
    /// Staff members the file changes; `after` keeps the id.
    public var updatedStaff: [PlannedUpdate<Staff>]
    /// Roles the file names that the person does not hold yet, for new and existing staff. An
    /// import never takes a role away. Only the administrator may run it (R22).
    public var roleGrants: [RoleGrant]
    /// Lines that describe a staff member exactly as the journal has them, roles included.
    public var unchangedLines: [Int]

    enum Columns {
        static let position = Column("position", aliases: ["должность", "job title", "post"], isRequired: true)
        static let code = Column.code("табельный номер", "personnel number")
        static let roles = Column("roles", aliases: ["роли", "роль", "role"])
    }

    public static let columns: [Column] = [
        Column.lastName.required, Column.firstName.required, .middleName, Columns.position, Columns.code,
        Columns.roles,
    ]

    public var summary: ImportSummary {
        let existing = roleGrants.filter { if case .existing = $0.staff { true } else { false } }
        return ImportSummary(
            new: [.staffMember: newStaff.count],
            updated: [.staffMember: updatedStaff.count, .roleGrant: existing.count],
            unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a staff file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        let staff = PersonIndex(context.staff(), name: \.name, code: \.externalCode)
        let held = context.staffRoles()
        newStaff = []
        updatedStaff = []
        roleGrants = []
        unchangedLines = []

        var linesByCode: [String: Int] = [:]
        var linesByExisting: [StaffID: Int] = [:]
        var newByName: [String: [(line: Int, name: PersonName, hasCode: Bool)]] = [:]
        for row in table.rows {
            let issues = log.issues.count
            let name = row.personName(&log)
            let position = row.required(Columns.position, &log, Parse.text(limit: ImportLimits.position))
            let code = row.value(Columns.code, &log, Parse.code)
            var roles = row.value(Columns.roles, &log, Parse.roles) ?? []
            guard log.issues.count == issues, let name, let position else { continue }

            if let code {
                if let earlier = linesByCode[Key.text(code)] {
                    row.report(Columns.code, .duplicateCode(code, line: earlier), &log)
                    continue
                }
                linesByCode[Key.text(code)] = row.line
            }
            let existing: Staff?
            do throws(ImportMessage) {
                existing = try staff.match(code: code, name: name, noun: .staffMember) {
                    Key.text($0.position) == Key.text(position)
                }
            } catch {
                row.report(error, &log)
                continue
            }
            let reference: ImportRef<Staff>
            if let existing, let id = existing.id {
                if let earlier = linesByExisting[id] {
                    row.report(.sameAsLine(earlier, name: existing.name.description), &log)
                    continue
                }
                linesByExisting[id] = row.line
                let after = Staff(
                    id: id, name: name.updating(existing.name), position: position,
                    externalCode: code ?? existing.externalCode, roles: existing.roles)
                roles.subtract(held[id] ?? [])
                if after != existing {
                    updatedStaff.append(PlannedUpdate(line: row.line, before: existing, after: after))
                } else if roles.isEmpty {
                    unchangedLines.append(row.line)
                }
                reference = .existing(id)
            } else {
                let twin = newByName[Key.person(name), default: []].first {
                    $0.name.agrees(with: name) && !($0.hasCode && code != nil)
                }
                if let twin {
                    row.report(.duplicateRow(line: twin.line), &log)
                    continue
                }
                newByName[Key.person(name), default: []].append((row.line, name, code != nil))
                reference = .new(index: newStaff.count)
                let member = Staff(name: name, position: position, externalCode: code)
                newStaff.append(Planned(line: row.line, value: member))
            }
            if !roles.isEmpty {
                roleGrants.append(RoleGrant(line: row.line, staff: reference, roles: roles))
            }
        }
        try log.check()
    }
}

/// Roles to give one staff member, in the order of `Role.allCases`.
public struct RoleGrant: Hashable, Sendable, Codable {
    public var line: Int
    public var staff: ImportRef<Staff>
    public var roles: [Role]

    public init(line: Int, staff: ImportRef<Staff>, roles: Set<Role>) {
        self.line = line
        self.staff = staff
        self.roles = Role.allCases.filter(roles.contains)
    }
}
