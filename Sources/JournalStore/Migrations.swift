import GRDB

/// The schema, as named migrations that are only ever appended: a database built by an
/// older version is brought up to date by running the ones it has not seen.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 school, people and teaching", migrate: schoolPeopleAndTeaching)
        migrator.registerMigration("v1 timetable and lessons", migrate: timetableAndLessons)
        migrator.registerMigration("v1 marks and attendance", migrate: marksAndAttendance)
        migrator.registerMigration("v1 attestation and exams", migrate: attestationAndExams)
        migrator.registerMigration("v1 accounts", migrate: accounts)
        migrator.registerMigration("v1 rules and audit", migrate: rulesAndAudit)
        migrator.registerMigration("v2 sessions, rights extensions and caseloads", migrate: accessAndSessions)
        migrator.registerMigration(
            "v3 who entered a mark, who arranged a substitution, security notices", migrate: authorsOfEntries)
        migrator.registerMigration("v4 reopened periods", migrate: periodReopenings)
        migrator.registerMigration("v5 the page or call of each change") { db in
            try db.alter(table: "audit") { t in t.add(column: "via", .text) }
        }
        migrator.registerMigration("v6 exam protocols") { db in
            try db.alter(table: "examResult") { t in
                t.add(column: "examDate", .text)
                t.add(column: "protocolNumber", .text)
                t.add(column: "passed", .boolean)
                t.add(column: "enteredByID", .integer).references("staff")
            }
        }
        migrator.registerMigration("v7 merged groups") { db in
            try db.alter(table: "timetableChange") { t in t.add(column: "hostLessonID", .integer).references("lesson") }
        }
        migrator.registerMigration("v8 entries unlocked after their deadline") { db in
            try db.create(table: "entryUnlock") { t in
                t.autoIncrementedPrimaryKey("id")
                t.reference("lessonID", to: "lesson").indexed()
                t.reference("workID", to: "work").indexed()
                t.column("until", .text).notNull()
                t.column("reason", .text).notNull()
                t.reference("openedByID", to: "staff")
                t.column("openedBy", .text).notNull()
                t.column("openedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v9 contacts, agreed forms and the outbox", migrate: contactsAndDelivery)
        // The issuance register of weekly paper sheets (R19): the id is the number printed on
        // the sheet.
        migrator.registerMigration("v10 printed sheets") { db in
            try db.create(table: "printedSheet") { t in
                t.autoIncrementedPrimaryKey("id")
                t.reference("studentID", to: "student").notNull()
                t.reference("classID", to: "schoolClass").notNull()
                t.column("weekStart", .text).notNull()
                t.column("printedAt", .datetime).notNull()
                t.reference("printedByID", to: "account")
                t.column("printedBy", .text).notNull()
                t.column("issuedTo", .text)
                t.column("issuedAt", .datetime)
                t.reference("issuedByID", to: "account")
                t.column("issuedBy", .text)
            }
            try db.create(
                index: "printedSheet_on_classID_weekStart", on: "printedSheet", columns: ["classID", "weekStart"])
        }
        migrator.registerMigration("v11 calendar feeds") { db in
            // A family's calendar subscription: only the token's SHA-256 is kept, like a session's.
            try db.create(table: "calendarFeed") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("tokenHash", .text).notNull().unique()
                t.reference("accountID", to: "account").notNull()
                t.reference("studentID", to: "student").notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
        migrator.registerMigration("v12 surveys", migrate: surveys)
        migrator.registerMigration("v13 plugins", migrate: plugins)
        migrator.registerMigration("v14 special-category reads and emergency access", migrate: specialReads)
        migrator.registerMigration("v15 health", migrate: health)
        migrator.registerMigration("v16 psychology", migrate: psychology)
        migrator.registerMigration("v17 personnel", migrate: personnel)
        migrator.registerMigration("v18 personal files", migrate: personalFiles)
        return migrator
    }

    /// Every migration's name in order; tests replay them one by one.
    static var names: [String] { migrator.migrations }

    /// Contacts with their basis (R18), each representative's agreed form per message class,
    /// the outbox of messages, and how far each consumer of the audit log has read.
    private static func contactsAndDelivery(_ db: Database) throws {
        try db.create(table: "contact") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("representativeID", to: "representative").notNull().indexed()
            t.column("kind", .text).notNull()
            t.column("value", .text).notNull()
            t.column("basis", .text).notNull()
            t.column("basisNumber", .text)
            t.column("basisDate", .text)
            t.column("receivedBy", .text)
            t.column("signer", .text)
            t.column("certificateSerial", .text)
            t.column("certificateValidUntil", .text)
            t.column("validFrom", .text).notNull()
            t.column("validTo", .text)
            t.column("enteredBy", .text).notNull()
            t.column("enteredAt", .datetime).notNull()
        }
        try db.create(table: "deliveryPreference") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("representativeID", to: "representative").notNull()
            t.column("messageClass", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("frequency", .text).notNull()
            t.column("applicationNumber", .text)
            t.column("updatedBy", .text).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.uniqueKey(["representativeID", "messageClass"])
        }
        try db.create(table: "outboxMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("representativeID", to: "representative").notNull()
            t.reference("studentID", to: "student")
            t.column("messageClass", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("frequency", .text).notNull()
            t.column("status", .text).notNull()
            t.column("sourceKey", .text).notNull()
            t.column("childName", .text)
            t.column("subject", .text).notNull()
            t.column("body", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("dueAt", .datetime).notNull()
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("lastReply", .text)
            t.column("sentAt", .datetime)
            t.column("sentTo", .text)
            t.uniqueKey(["representativeID", "messageClass", "sourceKey"])
        }
        try db.create(index: "outboxMessage_due", on: "outboxMessage", columns: ["status", "dueAt"])
        try db.create(index: "outboxMessage_representative", on: "outboxMessage", columns: ["representativeID", "id"])
        try db.create(table: "consumerPosition") { t in
            t.primaryKey("consumer", .text)
            t.column("position", .integer).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
    }

    private static func periodReopenings(_ db: Database) throws {
        try db.create(table: "periodReopening") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("yearID", to: "academicYear").notNull().indexed()
            t.column("period", .text).notNull()
            t.reference("classID", to: "schoolClass")
            t.column("until", .text).notNull()
            t.column("reason", .text).notNull()
            t.reference("openedByID", to: "staff")
            t.column("openedBy", .text).notNull()
            t.column("openedAt", .datetime).notNull()
        }
    }

    private static func schoolPeopleAndTeaching(_ db: Database) throws {
        try db.create(table: "school") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("timeZone", .text).notNull()
        }
        try db.create(table: "academicYear") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("title", .text).notNull().unique()
            t.column("startsOn", .text).notNull()
            t.column("endsOn", .text).notNull()
            t.column("isCurrent", .boolean).notNull().defaults(to: false)
        }
        try db.create(table: "staff") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("lastName", .text).notNull()
            t.column("firstName", .text).notNull()
            t.column("middleName", .text)
            t.column("position", .text).notNull()
            t.column("externalCode", .text).unique()
            t.column("roles", .text).notNull().defaults(to: "")
        }
        try db.create(table: "schoolClass") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("yearID", to: "academicYear").notNull()
            t.column("grade", .integer).notNull().check { (1...11).contains($0) }
            t.column("letter", .text).notNull()
            t.reference("classTeacherID", to: "staff")
            t.uniqueKey(["yearID", "grade", "letter"])
        }
        try db.create(table: "student") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("classID", to: "schoolClass").notNull()
            t.column("lastName", .text).notNull()
            t.column("firstName", .text).notNull()
            t.column("middleName", .text)
            t.column("birthDate", .text)
            t.column("externalCode", .text).unique()
        }
        try db.create(table: "representative") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("lastName", .text).notNull()
            t.column("firstName", .text).notNull()
            t.column("middleName", .text)
            t.column("phone", .text)
            t.column("email", .text)
            t.column("externalCode", .text).unique()
        }
        try db.create(table: "studentRepresentative") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("studentID", to: "student").notNull()
            t.reference("representativeID", to: "representative").notNull().indexed()
            t.column("kind", .text).notNull()
            t.uniqueKey(["studentID", "representativeID"])
        }
        try db.create(table: "subject") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("shortName", .text).notNull()
        }
        try db.create(table: "teachingGroup") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("yearID", to: "academicYear").notNull()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.reference("classID", to: "schoolClass")
            t.uniqueKey(["yearID", "name"])
        }
        try db.create(table: "groupMember") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("groupID", to: "teachingGroup").notNull()
            t.reference("studentID", to: "student").notNull().indexed()
            t.uniqueKey(["groupID", "studentID"])
        }
        try db.create(table: "teachingAssignment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("groupID", to: "teachingGroup").notNull()
            t.reference("subjectID", to: "subject").notNull()
            t.reference("teacherID", to: "staff").notNull().indexed()
            t.column("hoursPerWeek", .integer).notNull()
            t.uniqueKey(["groupID", "subjectID", "teacherID"])
        }
    }

    private static func timetableAndLessons(_ db: Database) throws {
        try db.create(table: "bell") { t in
            t.primaryKey("number", .integer)
            t.column("startsAt", .text).notNull()
            t.column("endsAt", .text).notNull()
        }
        try db.create(table: "timetableEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("assignmentID", to: "teachingAssignment").notNull()
            t.column("weekday", .integer).notNull().check { (1...7).contains($0) }
            t.column("lessonNumber", .integer).notNull()
            t.column("room", .text)
            t.column("validFrom", .text).notNull()
            t.column("validTo", .text).notNull()
        }
        try db.create(table: "lesson") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("assignmentID", to: "teachingAssignment").notNull()
            t.column("date", .text).notNull().indexed()
            t.column("number", .integer).notNull()
            t.column("room", .text)
            t.column("status", .text).notNull()
            t.column("topic", .text)
            t.column("material", .text)
            t.column("homework", .text)
            t.reference("taughtByID", to: "staff")
            t.column("recordedAt", .datetime)
            t.column("homeworkSetAt", .datetime)
            t.column("version", .integer).notNull().defaults(to: 1)
        }
        try db.create(indexOn: "lesson", columns: ["assignmentID", "date", "number"])
        try db.create(table: "timetableChange") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("lessonID", to: "lesson").notNull()
            t.column("kind", .text).notNull()
            t.column("previousDate", .text)
            t.column("previousNumber", .integer)
            t.column("previousRoom", .text)
            t.reference("substituteID", to: "staff")
            t.column("reason", .text)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "individualHomework") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("lessonID", to: "lesson").notNull()
            t.reference("studentID", to: "student").notNull().indexed()
            t.column("text", .text).notNull()
        }
    }

    private static func marksAndAttendance(_ db: Database) throws {
        try db.create(table: "work") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("assignmentID", to: "teachingAssignment").notNull()
            t.reference("lessonID", to: "lesson")
            t.column("workType", .text).notNull()
            t.column("title", .text)
            t.column("date", .text).notNull()
            t.column("dueDate", .text)
            t.column("weightOverride", .double)
        }
        try db.create(indexOn: "work", columns: ["assignmentID", "date"])
        try db.create(table: "mark") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("workID", to: "work").notNull()
            t.reference("studentID", to: "student").notNull()
            t.column("value", .text)
            t.column("comment", .text)
            t.column("isDebt", .boolean).notNull().defaults(to: false)
            t.column("debtDueOn", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.column("version", .integer).notNull().defaults(to: 1)
        }
        try db.create(indexOn: "mark", columns: ["studentID", "workID"])
        try db.create(table: "attendance") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("lessonID", to: "lesson").notNull()
            t.reference("studentID", to: "student").notNull().indexed()
            t.column("code", .text).notNull()
            t.column("comment", .text)
            t.column("version", .integer).notNull().defaults(to: 1)
            t.uniqueKey(["lessonID", "studentID"])
        }
    }

    private static func attestationAndExams(_ db: Database) throws {
        try db.create(table: "attestationMark") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("studentID", to: "student").notNull()
            t.reference("subjectID", to: "subject").notNull()
            t.reference("yearID", to: "academicYear").notNull()
            t.column("kind", .text).notNull()
            t.column("period", .text).notNull()
            t.column("recommended", .text)
            t.column("recommendedAverage", .double)
            t.column("rulesVersion", .integer)
            t.column("value", .text)
            t.column("overrideReason", .text)
            t.reference("setByID", to: "staff")
            t.column("setAt", .datetime)
            t.column("version", .integer).notNull().defaults(to: 1)
            t.uniqueKey(["studentID", "subjectID", "yearID", "kind", "period"])
        }
        try db.create(table: "examResult") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("studentID", to: "student").notNull().indexed()
            t.reference("subjectID", to: "subject").notNull()
            t.reference("yearID", to: "academicYear").notNull()
            t.column("examKind", .text).notNull()
            t.column("score", .double)
            t.column("mark", .text)
            t.column("resultsKnownOn", .text).notNull()
            t.column("publishedAt", .datetime)
        }
    }

    private static func accounts(_ db: Database) throws {
        try db.create(table: "account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("login", .text).notNull().unique(onConflict: .abort).collate(.nocase)
            t.column("passwordHash", .text).notNull()
            t.column("mustChangePassword", .boolean).notNull().defaults(to: true)
            t.reference("studentID", to: "student").unique()
            t.reference("representativeID", to: "representative").unique()
            t.reference("staffID", to: "staff").unique()
            t.column("isDisabled", .boolean).notNull().defaults(to: false)
            t.column("failedAttempts", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
            t.column("createdAt", .datetime).notNull()
            t.check(sql: "(studentID IS NOT NULL) + (representativeID IS NOT NULL) + (staffID IS NOT NULL) = 1")
        }
        try db.create(table: "accountRole") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("accountID", to: "account").notNull()
            t.column("role", .text).notNull()
            t.uniqueKey(["accountID", "role"])
        }
    }

    private static func rulesAndAudit(_ db: Database) throws {
        try db.create(table: "ruleset") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("author", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("comment", .text)
            t.column("isActive", .boolean).notNull().defaults(to: false)
        }
        try db.create(table: "ruleFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("rulesetID", to: "ruleset").notNull()
            t.column("path", .text).notNull()
            t.column("source", .text).notNull()
            t.uniqueKey(["rulesetID", "path"])
        }
        try db.create(table: "audit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull().indexed()
            t.column("actorAccountID", .integer)
            t.column("actorName", .text).notNull()
            t.column("entity", .text).notNull()
            t.column("entityID", .integer).notNull()
            t.column("action", .text).notNull()
            t.column("before", .text)
            t.column("after", .text)
            t.column("reason", .text)
            t.column("deadlineMet", .boolean)
            t.column("deadline", .text)
        }
        try db.create(indexOn: "audit", columns: ["entity", "entityID"])
    }
}

extension Migrations {
    fileprivate static func accessAndSessions(_ db: Database) throws {
        try db.create(table: "session") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("tokenHash", .text).notNull().unique()
            t.reference("accountID", to: "account").notNull()
            t.column("kind", .text).notNull()
            t.column("csrfToken", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
        }
        try db.create(table: "rightsExtension") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("role", .text)
            t.reference("accountID", to: "account")
            t.column("capability", .text).notNull()
            t.column("scope", .text).notNull()
            t.column("effect", .text).notNull()
            t.column("condition", .text)
            t.column("comment", .text)
            t.column("author", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("isActive", .boolean).notNull().defaults(to: true)
            t.check(sql: "(role IS NULL) <> (accountID IS NULL)")
        }
        try db.create(table: "caseload") { t in
            t.autoIncrementedPrimaryKey("id")
            t.reference("staffID", to: "staff")
            t.reference("studentID", to: "student")
            t.uniqueKey(["staffID", "studentID"])
        }
    }
}

extension Migrations {
    /// A substitute may change only the marks they entered, and only management arranges a
    /// substitution (R15): marks record who entered them, substitutions who arranged them. Rows
    /// written before stay unknown, which gives no substitute anything. Acts over accounts that
    /// hold data their actor may not read are kept as notices to the holders of those roles.
    fileprivate static func authorsOfEntries(_ db: Database) throws {
        try db.alter(table: "mark") { t in t.add(column: "enteredByID", .integer).references("staff") }
        // What each change was about, for readers that follow changes and read the history.
        try db.alter(table: "audit") { t in
            t.add(column: "studentID", .integer)
            t.add(column: "assignmentID", .integer)
        }
        try db.create(
            index: "audit_on_studentID", on: "audit", columns: ["studentID"], condition: Column("studentID") != nil)
        try db.alter(table: "timetableChange") { t in t.add(column: "arrangedByID", .integer).references("account") }
        try db.create(table: "securityNotice") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull().indexed()
            t.column("kind", .text).notNull()
            t.reference("actorAccountID", to: "account")
            t.column("actorName", .text).notNull()
            t.reference("accountID", to: "account").notNull()
            t.column("accountLogin", .text).notNull()
            t.column("role", .text).notNull()
        }
    }
}

extension TableDefinition {
    /// An indexed integer column referring to `table`'s id. Deleting the referenced row is
    /// refused while references remain: every deletion goes through the audited path, so
    /// nothing disappears by cascade without its own audit record.
    @discardableResult
    fileprivate func reference(_ column: String, to table: String) -> ColumnDefinition {
        self.column(column, .integer).references(table).indexed()
    }
}
