import Hummingbird
import HummingbirdTesting
import JournalAccess
import JournalModel
import JournalServer
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("The authorization matrix (R21–R24)")
struct AccessMatrixTests {
    /// Asks the API as the case's person, checks the answer against the table, and checks the
    /// decision's reason: in the denial, or through `explain` as the administrator.
    @Test(arguments: AccessMatrix.cases)
    func accessIsAsTheSchoolExpects(_ entry: MatrixCase) async throws {
        // A request that should change the school gets a school of its own. The others share
        // one: a refused write must change nothing, and the audit log below proves it did not.
        let school =
            try await entry.operation.changesData && entry.expected.isAllowed
            ? TestSchool.makeForAuthorization(signingIn: [entry.role, .administrator]) : TestSchool.shared
        let context = CaseContext(school: school, role: entry.role, target: entry.target)
        let object = entry.operation.object(context)
        try await school.application().test(.router) { client in
            // The decision first: an allowed request may end the administrator's own sessions.
            if let capability = entry.operation.capability, entry.expected.isAllowed || entry.operation.method == nil {
                let explained = entry.operation.explainedObject(context)
                let decision = try await client.explain(
                    account: school.account(Person(entry.role)), capability: capability, object: explained.reference,
                    asAdministrator: school.token(.administrator))
                Self.check(decision, entry, capability: capability, object: explained)
            }
            guard let method = entry.operation.method else { return }
            let (uri, json) = entry.operation.request(context)
            let auditBefore = try await school.service.database.read { try $0.count("audit") }
            let response = try await client.send(method, uri, token: school.token(Person(entry.role)), json: json)
            switch entry.expected {
            case .allowed, .allowedWhen, .extended:
                let code = response.status.code
                #expect(
                    (200..<300).contains(code) || [400, 409, 422].contains(code),
                    "expected to be allowed, got \(code): \(response.text)")
            case .refused:
                let capability = try #require(entry.operation.capability)
                #expect(response.isAccessDenied, "expected 403 access-denied, got \(response.status): \(response.text)")
                let problem = try #require(response.problem)
                let reason =
                    "no grant of \(capability.rawValue) covers \(object.description) for roles \(entry.role.rawValue)"
                // A grant whose condition does not hold is named after the reason, as in `check`.
                #expect(
                    problem.detail == "not allowed: \(reason)" || problem.detail.hasPrefix("not allowed: \(reason); "),
                    "\(problem.detail)")
                #expect(problem.decidedBy == nil)
            case .deniedBy(let scope), .deniedWith(_, let scope):
                var capability = try #require(entry.operation.capability)
                if case .deniedWith(let other, _) = entry.expected { capability = other }
                let denial = "role \(entry.role.rawValue) denies \(capability.rawValue) in \(scope.rawValue)"
                #expect(response.isAccessDenied, "expected 403 access-denied, got \(response.status): \(response.text)")
                let problem = try #require(response.problem)
                #expect(problem.detail == "not allowed: \(denial), and a denial wins over grants")
                #expect(problem.decidedBy == denial)
            }
            if !entry.expected.isAllowed {
                // Nothing half-written: a refused request leaves no trace in the journal.
                #expect(try await school.service.database.read { try $0.count("audit") } == auditBefore)
            }
        }
    }

    /// The administrator's view of the decision agrees with the table and names what decided.
    static func check(_ decision: Decision, _ entry: MatrixCase, capability: Capability, object: ObjectName) {
        let role = entry.role.rawValue
        #expect(decision.capability == capability)
        #expect(decision.object == object.description)
        switch entry.expected {
        case .allowed(let scope?):
            let grant = "role \(role) grants \(capability.rawValue) in \(scope.rawValue)"
            #expect(decision.allowed, "\(decision.reason)")
            #expect(decision.decidedBy == grant)
            #expect(decision.reason == grant)
        case .allowedWhen(let scope):
            let grant = "role \(role) grants \(capability.rawValue) in \(scope.rawValue) when roles.lua:"
            #expect(decision.allowed, "\(decision.reason)")
            #expect(decision.decidedBy?.hasPrefix(grant) == true, "\(decision.decidedBy ?? "nil")")
        case .extended(let scope):
            let grant = "of role \(role) grants \(capability.rawValue) in \(scope.rawValue)"
            #expect(decision.allowed, "\(decision.reason)")
            #expect(decision.decidedBy?.hasPrefix("extension #") == true, "\(decision.decidedBy ?? "nil")")
            #expect(decision.decidedBy?.hasSuffix(grant) == true, "\(decision.decidedBy ?? "nil")")
        case .allowed(nil):
            Issue.record("a route without a capability has no decision to explain")
        case .refused:
            // A grant whose condition does not hold is named after the reason.
            let reason = "no grant of \(capability.rawValue) covers \(object.description) for roles \(role)"
            #expect(!decision.allowed)
            #expect(decision.decidedBy == nil)
            #expect(decision.reason == reason || decision.reason.hasPrefix("\(reason); "), "\(decision.reason)")
        case .deniedWith:
            Issue.record("a denial of another capability is not explained by this operation's")
        case .deniedBy(let scope):
            let denial = "role \(role) denies \(capability.rawValue) in \(scope.rawValue)"
            #expect(!decision.allowed)
            #expect(decision.decidedBy == denial)
            #expect(decision.reason == "\(denial), and a denial wins over grants")
        }
    }

    @Test func psychologistIsToldWhyAStudentOutsideTheCaseloadIsClosed() async throws {
        let school = try await TestSchool.shared
        try await school.application().test(.router) { client in
            let decision = try await client.explain(
                account: school.account(.psychologist), capability: .psychologyView,
                object: "student:\(school.other.student)", asAdministrator: school.token(.administrator))
            #expect(!decision.allowed)
            #expect(decision.reason.hasPrefix("no grant of psychology.view covers student \(school.other.student)"))
            #expect(decision.reason.contains("role psychologist grants psychology.view in school when roles.lua:"))
            #expect(decision.reason.hasSuffix("the condition does not hold"))
        }
    }

    @Test func everyRoleHasAnExpectationForEveryTargetOfEveryOperation() {
        for row in AccessMatrix.rows {
            #expect(Set(row.expected.map(\.key)) == Set(Role.allCases), "\(row.operation)")
            #expect(row.expected.count == Role.allCases.count, "\(row.operation)")
            for (role, outcomes) in row.expected {
                #expect(outcomes.count == row.operation.targets.count, "\(row.operation) for \(role)")
            }
        }
    }

    /// A route added to the server without a row here fails this test: the matrix is complete.
    @Test func everyRouteOnSchoolDataIsInTheMatrix() async throws {
        let school = try await TestSchool.shared
        let routes = Set(buildRouter(service: school.service).operations.map(\.description))
        let inMatrix = Set(AccessMatrix.rows.compactMap { $0.operation.method == nil ? nil : $0.operation.description })
        // Signing in and out, one's own password, and the API's own description: no school data.
        let outside: Set = [
            "POST /api/v1/session", "DELETE /api/v1/session", "POST /api/v1/session/password",
            "GET /api/v1/health", "GET /api/v1/openapi.yaml",
        ]
        #expect(routes.subtracting(outside) == inMatrix)
    }
}
