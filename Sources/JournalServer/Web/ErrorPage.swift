import HTTPTypes
import Hummingbird
import JournalAccess
import JournalService
import Localization
import Workers

/// The error pages of the web interface: a plain explanation, never a stack trace.
enum ErrorPage {
    /// A refusal in plain words: the right by its name. Which grant, extension or condition
    /// decided is for explain access, not for everyone who is refused.
    static func denied(_ decision: Decision, _ language: Language) -> String {
        let right = Strings.text("capability.\(decision.capability.rawValue)", language)
        return Strings.text("web.denied", language, ["right": right])
    }

    static func response(for error: any Error, problem: Problem, request: Request) -> Response {
        let language = WebSupport.language(request)
        var status = HTTPResponse.Status(code: problem.status)
        var heading = Strings.text("problem.\(problem.title)", language)
        var detail = problem.detail
        switch error {
        case let forbidden as WebForbidden:
            status = .forbidden
            heading = Strings.text("problem.access-denied", language)
            detail = forbidden.key.map { Strings.text($0, language) } ?? forbidden.reason
        case let denied as AccessDenied:
            detail = Self.denied(denied.decision, language)
        case let invalid as FormFieldError:
            detail = Strings.text(invalid.key, language, ["field": invalid.field])
        case is WorkerThreads.Busy:
            detail = Strings.text("web.busy", language)
        default:
            if let localizedDetail = problem.localizedDetail {
                detail = localizedDetail(language)
            } else if problem.status >= 500 {
                detail = Strings.text("web.internal", language)
            }
            if problem.status == 404 { detail = Strings.text("web.not_found", language) }
        }
        let page = WebPage(
            title: heading, language: language, values: ["heading": heading, "detail": detail, "status": status.code])
        var values = page.context(csrf: nil)
        values["content"] = "error"
        var response = WebResponse.html(WebRenderer.shared.render("error", values), status: status)
        if let retryAfter = problem.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
