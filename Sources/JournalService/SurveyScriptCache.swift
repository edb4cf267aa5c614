import Crypto
import Foundation
import JournalRules
import Synchronization

/// Survey scripts already loaded and tested, by their file name and text. A script's checks
/// depend on nothing but its text, so a launched survey's frozen script is loaded once, not
/// on every ballot (`journal bench surveys`: a ballot cast spent most of its time there).
/// Bounded: when full, it starts again empty.
final class SurveyScriptCache: Sendable {
    static let shared = SurveyScriptCache()
    static let capacity = 64

    private let scripts = Mutex<[String: SurveyScript]>([:])

    static func key(_ source: String, file: String) -> String {
        let digest = SHA256.hash(data: Data((file + "\u{0}" + source).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    func script(_ key: String) -> SurveyScript? { scripts.withLock { $0[key] } }

    func keep(_ script: SurveyScript, as key: String) {
        scripts.withLock { scripts in
            if scripts.count >= Self.capacity { scripts.removeAll() }
            scripts[key] = script
        }
    }
}
