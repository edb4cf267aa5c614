internal import CCurl
public import Foundation
public import Workers

/// Sends letters to one SMTP server with libcurl. The conversation blocks, so it runs on the
/// transport's worker threads, never on the cooperative pool that serves requests; each
/// sending is a connection of its own, bounded by the configuration's timeouts (once started,
/// a sending is not cancelled with its task: the timeouts end it).
public struct SMTPTransport: Sendable {
    public let configuration: SMTPConfiguration
    private let workers: WorkerThreads

    /// Two threads for every transport of the process: mail is slow, and rare.
    public static let sharedWorkers = WorkerThreads(name: "smtp", threads: 2, queueLimit: 256)

    public init(configuration: SMTPConfiguration, workers: WorkerThreads = SMTPTransport.sharedWorkers) {
        self.configuration = configuration
        self.workers = workers
    }

    /// Sends `message` to its recipients, the envelope sender being its `from`. Throws
    /// ``DeliveryError`` when the message cannot be written (a bad address) and
    /// ``SMTPFailure`` when the server does not take it.
    public func send(_ message: MailMessage) async throws {
        let data = try message.rendered()
        try await send(data: data, from: message.from.address, to: message.to.map(\.address))
    }

    /// Sends a message already written (RFC 5322 text with CRLF line endings) with the given
    /// envelope. curl stuffs the dots (a line starting with `.`) and ends the data itself.
    public func send(data: Data, from sender: String, to recipients: [String]) async throws {
        let sender = try HeaderEncoding.checked(address: sender)
        let recipients = try recipients.map(HeaderEncoding.checked(address:))
        guard !recipients.isEmpty else { throw DeliveryError("delivery.error.no_recipients") }
        let call = CurlSMTPCall(configuration: configuration, sender: sender, recipients: recipients, data: data)
        do {
            try await workers.run { try call.perform() }
        } catch let busy as WorkerThreads.Busy {
            throw SMTPFailure(replyCode: nil, replyText: "", detail: busy.description, isPermanent: false)
        }
    }
}

/// One SMTP conversation through a curl easy handle, run on a worker thread.
private struct CurlSMTPCall: Sendable {
    let configuration: SMTPConfiguration
    let sender: String
    let recipients: [String]
    let data: Data

    /// curl_global_init, once, before any handle (Swift's static initialisers run once).
    private static let initialised: CURLcode = sj_curl_global_init()

    func perform() throws {
        guard Self.initialised == CURLE_OK, let handle = curl_easy_init() else {
            throw SMTPFailure(replyCode: nil, replyText: "", detail: "libcurl could not start", isPermanent: false)
        }
        defer { curl_easy_cleanup(handle) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipientList: UnsafeMutablePointer<curl_slist>? = nil
        for recipient in recipients { recipientList = curl_slist_append(recipientList, "<\(recipient)>") }
        defer { curl_slist_free_all(recipientList) }
        let upload = Upload(Array(data))
        let transcript = Transcript()

        let result: CURLcode = withExtendedLifetime((upload, transcript)) {
            let uploadPointer = Unmanaged.passUnretained(upload).toOpaque()
            let transcriptPointer = Unmanaged.passUnretained(transcript).toOpaque()
            var options: [CURLcode] = [
                sj_curl_setopt_string(handle, CURLOPT_URL, configuration.curlURL),
                sj_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
                sj_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
                sj_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"),
                sj_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList),
                sj_curl_setopt_long(handle, CURLOPT_UPLOAD, 1),
                sj_curl_setopt_read_function(handle, readUpload),
                sj_curl_setopt_pointer(handle, CURLOPT_READDATA, uploadPointer),
                sj_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.bytes.count)),
                sj_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(usessl.rawValue)),
                sj_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000)),
                sj_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(configuration.timeout * 1000)),
                // The server's replies come through the debug function; curl prints nothing.
                sj_curl_setopt_long(handle, CURLOPT_VERBOSE, 1),
                sj_curl_setopt_debug_function(handle, recordReply),
                sj_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, transcriptPointer),
            ]
            if let username = configuration.username {
                options.append(sj_curl_setopt_string(handle, CURLOPT_USERNAME, username))
                options.append(sj_curl_setopt_string(handle, CURLOPT_PASSWORD, configuration.password ?? ""))
            }
            if let refused = options.first(where: { $0 != CURLE_OK }) { return refused }
            return curl_easy_perform(handle)
        }
        guard result != CURLE_OK else { return }

        // curl's last reply code, unless curl's QUIT came after the refusal the transcript holds.
        var lastCode = 0
        _ = sj_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &lastCode)
        let refusal = transcript.lastRefusal ?? (lastCode >= 400 && lastCode < 600 ? (lastCode, "") : nil)
        let buffered = String(cString: errorBuffer)
        throw SMTPFailure(
            replyCode: refusal?.code, replyText: refusal?.text ?? "",
            detail: buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered,
            isPermanent: refusal.map { $0.code >= 500 } ?? Self.permanentErrors.contains(result))
    }

    private var usessl: curl_usessl {
        switch configuration.security {
        case .opportunistic: CURLUSESSL_TRY
        case .required, .implicit: CURLUSESSL_ALL
        }
    }

    /// Failures without a reply code that no retry will mend: the setting must change.
    private static let permanentErrors: [CURLcode] = [
        CURLE_USE_SSL_FAILED, CURLE_LOGIN_DENIED, CURLE_PEER_FAILED_VERIFICATION, CURLE_URL_MALFORMAT,
        CURLE_UNSUPPORTED_PROTOCOL, CURLE_SSL_CACERT_BADFILE, CURLE_AUTH_ERROR,
    ]
}

/// The message's bytes and how far curl has read them.
private final class Upload {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// The server's replies, each joined from its lines (`250-…`, `250 …`): the last refusal
/// (4xx, 5xx) is what the failure reports — curl says goodbye (`221`) after it.
private final class Transcript {
    var lastRefusal: (code: Int, text: String)?
    private var pending: [String] = []

    func take(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) where line.count >= 3 {
            guard let code = Int(line.prefix(3)), line.prefix(3).allSatisfy(\.isNumber) else { continue }
            pending.append(String(line))
            if line.dropFirst(3).first != "-" {
                if code >= 400 { lastRefusal = (code, pending.joined(separator: " ")) }
                pending = []
            }
        }
    }
}

private let readUpload: sj_curl_read_function = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let upload = Unmanaged<Upload>.fromOpaque(userdata).takeUnretainedValue()
    let length = min(size * count, upload.bytes.count - upload.offset)
    upload.bytes.withUnsafeBytes { bytes in
        guard let base = bytes.baseAddress, length > 0 else { return }
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + upload.offset, byteCount: length)
    }
    upload.offset += length
    return length
}

private let recordReply: sj_curl_debug_function = { _, type, data, size, userdata in
    guard type == CURLINFO_HEADER_IN, let data, let userdata else { return 0 }
    let transcript = Unmanaged<Transcript>.fromOpaque(userdata).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    transcript.take(String(decoding: bytes, as: UTF8.self))
    return 0
}
