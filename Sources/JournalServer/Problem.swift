import Foundation
import HTTPTypes
import Hummingbird
import JournalAccess
import JournalImport
import JournalModel
import JournalRules
import JournalService
import Localization
import Logging
import NIOCore
import NIOHTTP1
import Workers

/// An RFC 9457 problem document: every error the API returns, with a title in the reader's
/// language and a detail that says what was wrong and what is accepted.
public struct Problem: Error, Sendable, Codable {
    /// A relative URI naming the kind of problem: `/problems/access-denied`.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    /// For validation problems: the field that was wrong.
    public var field: String?
    /// For conflicts: the current value, as JSON text.
    public var current: String?
    /// For denials: the rule that decided.
    public var decidedBy: String?
    /// For a method the path does not answer: the methods it does, sent as `Allow`.
    var allow: [HTTPRequest.Method] = []
    /// Seconds after which trying again may succeed, sent as `Retry-After`: refusals of too
    /// many attempts and a busy server.
    var retryAfter: Int?
    /// The detail in the reader's language; `detail` holds the English text until then.
    var localizedDetail: (@Sendable (Language) -> String)?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, field, current, decidedBy
    }

    init(_ slug: String, status: HTTPResponse.Status, detail: String, field: String? = nil) {
        self.type = "/problems/\(slug)"
        self.title = slug
        self.status = status.code
        self.detail = detail
        self.field = field
    }

    /// A problem whose detail is a key of the localisation table with its values.
    init(
        _ slug: String, status: HTTPResponse.Status, key: String, _ values: [String: String] = [:],
        field: String? = nil
    ) {
        self.init(slug, status: status, detail: Strings.text(key, .en, values), field: field)
        localizedDetail = { Strings.text(key, $0, values) }
    }

    /// A problem whose detail is what a journal error says.
    init(_ slug: String, status: HTTPResponse.Status, error: JournalError, field: String? = nil) {
        self.init(slug, status: status, detail: error.description, field: field)
        localizedDetail = { error.text($0) }
    }

    static let unauthorized = Problem("unauthorized", status: .unauthorized, key: "problem.sign_in_first")
    static let passwordChangeRequired = Problem(
        "password-change-required", status: .forbidden, key: "problem.change_password_first")

    /// A request the API cannot take; `key` names the words that say what is accepted.
    static func badRequest(_ key: String, _ values: [String: String] = [:], field: String? = nil) -> Problem {
        Problem("invalid-request", status: .badRequest, key: key, values, field: field)
    }

    static func notFound(_ key: String) -> Problem { Problem("not-found", status: .notFound, key: key) }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> Problem {
        var problem = Problem(
            "method-not-allowed", status: .methodNotAllowed, key: "problem.method_not_answered",
            ["method": method.rawValue, "allowed": allowed.map(\.rawValue).joined(separator: ", ")])
        problem.allow = allowed
        return problem
    }

    /// The problem for any error a handler threw.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let forbidden as WebForbidden:
            return Problem("access-denied", status: .forbidden, detail: forbidden.reason)
        case let denied as AccessDenied:
            var problem = Problem("access-denied", status: .forbidden, detail: denied.description)
            problem.localizedDetail = { denied.text($0) }
            problem.decidedBy = denied.decision.decidedBy
            return problem
        case let forbidden as WebForbidden:
            return Problem("access-denied", status: .forbidden, detail: forbidden.reason)
        case let error as JournalError:
            switch error {
            case .invalid(let field, _):
                return Problem("invalid-value", status: .unprocessableContent, error: error, field: field)
            case .notFound: return Problem("not-found", status: .notFound, error: error)
            case .conflict(_, _, let current):
                var problem = Problem("conflict", status: .conflict, error: error)
                problem.current = current
                return problem
            case .refused: return Problem("refused", status: .unprocessableContent, error: error)
            }
        case let refusal as ExamScales.Refusal:
            let message = JournalService.message(refusal)
            return Problem("invalid-value", status: .unprocessableContent, key: message.key, message.values)
        case let refusal as ExamProtocolRefusal:
            var problem = Problem("invalid-value", status: .unprocessableContent, detail: refusal.description)
            problem.localizedDetail = { refusal.text($0) }
            return problem
        case let clash as TimetableClash:
            return Problem("timetable-clash", status: .conflict, key: clash.message.key, clash.message.values)
        case let closed as PeriodClosed:
            return Problem("period-closed", status: .forbidden, key: closed.message.key, closed.message.values)
        case let error as SchoolCalendar.UnknownPeriod:
            var problem = Problem(
                "invalid-value", status: .unprocessableContent, key: error.message.key, error.message.values)
            problem.field = "period"
            return problem
        case let error as ServiceError:
            let message = error.message
            switch error {
            case .unknown, .unknownClass:
                return Problem("not-found", status: .notFound, key: message.key, message.values)
            case .notInitialized, .alreadyInitialized, .cannotOpen:
                return Problem("unavailable", status: .serviceUnavailable, key: message.key, message.values)
            }
        case let error as SignInError:
            let slug =
                switch error {
                case .invalidCredentials: "invalid-credentials"
                case .locked: "account-locked"
                case .tooManyAttempts: "too-many-attempts"
                case .disabled: "account-disabled"
                }
            let status: HTTPResponse.Status =
                switch error {
                case .invalidCredentials: .unauthorized
                case .locked, .tooManyAttempts: .tooManyRequests
                case .disabled: .forbidden
                }
            var problem = Problem(slug, status: status, key: error.message.key, error.message.values)
            problem.retryAfter = error.retryAfter.map(Self.seconds)
            return problem
        case let error as RulesFailure:
            var problem = Problem("invalid-rules", status: .unprocessableContent, detail: error.description)
            problem.localizedDetail = { language in error.errors.map { $0.text(language) }.joined(separator: "\n") }
            return problem
        case let error as SurveyScriptProblem:
            var problem = Problem("invalid-survey", status: .unprocessableContent, detail: error.description)
            problem.localizedDetail = { language in error.errors.map { $0.text(language) }.joined(separator: "\n") }
            return problem
        case let error as RulesError:
            var problem = Problem("invalid-rules", status: .unprocessableContent, detail: error.description)
            problem.localizedDetail = { error.text($0) }
            return problem
        case let error as ImportFailure:
            var problem = Problem("invalid-file", status: .unprocessableContent, detail: error.description)
            problem.localizedDetail = { error.text($0) }
            return problem
        case let error as DecodingError:
            var problem = Problem("invalid-request", status: .badRequest, detail: Self.describe(error, .en))
            problem.localizedDetail = { Self.describe(error, $0) }
            return problem
        case let failure as StorageFailure:
            return Self.storage(failure)
        case is HTTPParserError:
            // The body broke off or its framing was wrong (a bad chunk): the client's fault.
            return Problem.badRequest("http.unreadable")
        case let busy as WorkerThreads.Busy:
            var problem = Problem(
                "busy", status: .serviceUnavailable, key: "problem.busy_detail",
                ["pool": busy.pool, "waiting": String(busy.waiting)])
            problem.retryAfter = Self.busyRetryAfter
            return problem
        case let error as HTTPResponseError:
            let status = error.status
            guard status != .notFound else {
                return Problem("not-found", status: status, key: "problem.no_such_address")
            }
            return Problem("invalid-request", status: status, detail: status.reasonPhrase)
        default:
            return Problem("internal", status: .internalServerError, key: "problem.something_went_wrong")
        }
    }

    /// What a busy server asks to wait, in seconds: its queues drain in well under that.
    static let busyRetryAfter = 2

    /// Whole seconds for `Retry-After`, rounded up and at least one.
    static func seconds(_ interval: TimeInterval) -> Int {
        guard interval.isFinite else { return 1 }
        return max(1, Int(min(interval, 86_400).rounded(.up)))
    }

    /// A database that cannot do what was asked: 503, with `Retry-After` when waiting helps
    /// (busy), and words that say which failure it is and what the operator should do; the
    /// file and SQLite's own words go to the log only.
    static func storage(_ failure: StorageFailure) -> Problem {
        let slug =
            switch failure {
            case .busy: "database-busy"
            case .readOnly: "database-read-only"
            case .full: "database-full"
            case .corrupt: "database-corrupt"
            case .io: "database-unavailable"
            }
        var problem = Problem(slug, status: .serviceUnavailable, key: failure.localizationKey)
        if failure.isTransient { problem.retryAfter = storageRetryAfter }
        return problem
    }

    /// Seconds a busy database asks to wait: the write already waited five for the lock.
    static let storageRetryAfter = 5

    /// What is wrong with a JSON body, in `language`: which field, and what it must be.
    static func describe(_ error: DecodingError, _ language: Language) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty
                ? Strings.text("problem.json.body", language)
                : Strings.text("problem.json.path", language, ["path": keys.joined(separator: ".")])
        }
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Strings.text("problem.json.\(key)", language, values)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return context.codingPath.isEmpty
                ? text("missing_field", ["field": key.stringValue])
                : text("missing_field_in", ["field": key.stringValue, "parent": path(context)])
        case .typeMismatch(let type, let context):
            return text("type_mismatch", ["path": path(context), "type": typeName(type, language)])
        case .valueNotFound(let type, let context):
            return text("null_value", ["path": path(context), "type": typeName(type, language)])
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? text("not_json") : text("corrupted", ["path": path(context), "debug": context.debugDescription])
        @unknown default: return text("unreadable")
        }
    }

    private static func typeName(_ type: Any.Type, _ language: Language) -> String {
        let key =
            switch type {
            case is String.Type: "string"
            case is Int.Type, is Int64.Type: "integer"
            case is Double.Type: "number"
            case is Bool.Type: "boolean"
            default: "object"
            }
        return Strings.text("problem.json.type.\(key)", language)
    }

    /// Localized title for the type.
    func localized(_ language: Language, instance: String) -> Problem {
        var problem = self
        problem.title = Strings.text("problem.\(title)", language)
        if let localizedDetail { problem.detail = localizedDetail(language) }
        problem.instance = instance
        return problem
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json; charset=utf-8"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if !allow.isEmpty { headers[.allow] = allow.map(\.rawValue).joined(separator: ", ") }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error into a problem document, and unknown ones into a 500 that says nothing
/// of the inside while the log keeps the whole error.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The path as the log may keep it: a calendar feed's path is its secret, so it is left out.
    static func loggedPath(_ request: Request) -> String {
        request.uri.path.hasPrefix("/calendar/") ? "/calendar/(token).ics" : request.uri.path
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let redirect as WebRedirect {
            return WebResponse.redirect(redirect.location)
        } catch {
            let problem = Problem.from(error)
            if let failure = error as? StorageFailure {
                context.logger.error("\(request.method) \(Self.loggedPath(request)) failed: \(failure.description)")
            } else if problem.status >= 500, !(error is WorkerThreads.Busy) {
                // A busy server says so to everyone it refuses; the log would only repeat it.
                context.logger.error(
                    "\(request.method) \(Self.loggedPath(request)) failed: \(String(reflecting: error))")
            }
            if request.isAPI {
                let language = Language(preferring: request.headers[.acceptLanguage])
                return problem.localized(language, instance: request.uri.path).response()
            }
            return ErrorPage.response(for: error, problem: problem, request: request)
        }
    }
}
