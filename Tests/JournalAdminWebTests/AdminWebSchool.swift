import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import JournalModel
import JournalRules
import JournalServer
import JournalService
import JournalStore
import NIOCore
import Testing

/// A small school for the administration pages: class 5А with three students, the teacher
/// Петрова (who teaches them mathematics and is their class teacher), two answers in class
/// marked so that Иванова Анна's average is exactly 4.5 and Смирнов Олег's 4.0, and accounts
/// for an administrator, a methodologist (management) and the teacher.
struct AdminWebSchool {
    let service: JournalService
    let students: [Student]
    let teacherAccount: AccountID

    static let password = "Vesna-2026!"
    static let passwordHash = Bcrypt.hash(password, cost: 4)
    static let administrator = "admin"
    static let methodologist = "metodist"
    static let teacher = "petrova"
    static let today = LocalDate("2026-11-20")!
    /// 2026-11-20 12:00 Moscow time.
    static let noon = Date(timeIntervalSince1970: 1_795_165_200)
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    static func make() async throws -> AdminWebSchool {
        let service = JournalService(database: try JournalDatabase.inMemory(now: { noon }))
        try await service.initialize(
            schoolName: "Тестовая школа", rules: try RuleFiles.load(directory: rulesDirectory), today: today)
        let year = try await service.currentYear()
        return try await service.database.write(actor: .system("admin web fixture")) { writer in
            func staff(_ last: String, _ first: String, _ position: String) throws -> Staff {
                try writer.insert(Staff(name: PersonName(lastName: last, firstName: first), position: position))
            }
            func account(_ login: String, _ owner: AccountOwner, _ role: Role) throws -> AccountID {
                let account = try writer.insert(
                    Account(
                        login: login, passwordHash: passwordHash, mustChangePassword: false, owner: owner,
                        createdAt: noon))
                try writer.insert(AccountRole(accountID: account.id!, role: role))
                return account.id!
            }
            let teacher = try staff("Петрова", "Мария", "учитель математики")
            let fiveA = try writer.insert(
                SchoolClass(yearID: year.id!, grade: 5, letter: "А", classTeacherID: teacher.id))
            let students = try [("Иванова", "Анна"), ("Смирнов", "Олег"), ("Кузнецова", "Дарья")].map {
                try writer.insert(Student(classID: fiveA.id!, name: PersonName(lastName: $0, firstName: $1)))
            }
            let math = try writer.insert(Subject(name: "Математика", shortName: "Матем."))
            let group = try writer.insert(
                TeachingGroup(yearID: year.id!, name: "5А", kind: .wholeClass, classID: fiveA.id))
            for student in students { try writer.insert(GroupMember(groupID: group.id!, studentID: student.id!)) }
            let assignment = try writer.insert(
                TeachingAssignment(groupID: group.id!, subjectID: math.id!, teacherID: teacher.id!, hoursPerWeek: 5))
            let lesson = try writer.insert(
                Lesson(
                    assignmentID: assignment.id!, date: LocalDate("2026-11-16")!, number: 2, status: .held,
                    topic: "Дроби"))
            for (anna, oleg) in [("5", "4"), ("4", "4")] {
                let work = try writer.insert(
                    Work(assignmentID: assignment.id!, lessonID: lesson.id, workType: "answer", date: lesson.date))
                try writer.insert(Mark(workID: work.id!, studentID: students[0].id!, value: anna, createdAt: noon))
                try writer.insert(Mark(workID: work.id!, studentID: students[1].id!, value: oleg, createdAt: noon))
            }
            _ = try account(
                administrator, .staff(try staff("Орлов", "Иван", "системный администратор").id!), .administrator)
            _ = try account(
                methodologist, .staff(try staff("Волкова", "Ольга", "заместитель директора").id!), .management)
            let teacherAccount = try account(Self.teacher, .staff(teacher.id!), .teacher)
            return AdminWebSchool(service: service, students: students, teacherAccount: teacherAccount)
        }
    }

    /// Runs `body` against the application the server builds, without sockets.
    func withClient<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await buildApplication(service: service, configuration: ServerConfiguration()).test(.router, body)
    }
}

/// A person in a browser: the session cookie from signing in through the form, and the page's
/// CSRF token.
struct Browser: Sendable {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    /// Signs in as a browser does: reads the login form's token and cookie, posts the form, keeps
    /// the session cookie, and reads the session's CSRF token from a page.
    static func signIn(
        _ client: any TestClientProtocol, _ login: String, password: String = AdminWebSchool.password,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Browser {
        let form = try await client.execute(uri: "/login", method: .get)
        let token = try #require(form.text.hiddenValue("csrf"), sourceLocation: sourceLocation)
        let formCookie = try #require(form.cookie(named: "sj_form"), sourceLocation: sourceLocation)
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = "sj_form=\(formCookie)"
        let body = Browser.encode([("csrf", token), ("login", login), ("password", password), ("next", "/")])
        let signedIn = try await client.execute(
            uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
        #expect(
            signedIn.status == .seeOther, "signing in as \(login): \(signedIn.text)", sourceLocation: sourceLocation)
        let session = try #require(signedIn.cookie(named: "sj_session"), sourceLocation: sourceLocation)
        var browser = Browser(client: client, cookie: "sj_session=\(session)", csrf: "")
        let home = try await browser.get("/")
        browser = Browser(
            client: client, cookie: browser.cookie,
            csrf: try #require(home.text.hiddenValue("csrf"), sourceLocation: sourceLocation))
        return browser
    }

    func get(_ uri: String) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.cookie] = cookie
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Posts a form, with the session's CSRF token unless `csrf` is false.
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.cookie] = cookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = Self.encode((csrf ? [("csrf", self.csrf)] : []) + fields)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0))=\(escape($1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The value of a cookie this response sets.
    func cookie(named name: String) -> String? {
        for header in headers[values: .setCookie] where header.hasPrefix("\(name)=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}

extension String {
    /// The value of the first hidden input named `name` in a page.
    func hiddenValue(_ name: String) -> String? {
        guard let range = range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(self[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension String {
    /// The text as HTML content shows it, for comparing with pages.
    var htmlEscaped: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
