public import Foundation

/// What a PDF says, read with poppler's `pdftotext` and `pdfinfo` (poppler-utils): tests check
/// printed documents by their text and pages, never by their size.
public struct PDFText: Sendable {
    /// The text of each page, in order.
    public let pages: [String]

    public init(_ data: Data) throws {
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("pdftext-\(UUID().uuidString).pdf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let info = try Self.run("/usr/bin/pdfinfo", [file.path])
        guard
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
            let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)), count > 0
        else { throw PDFTextError("pdfinfo gave no page count: \(info)") }
        pages = try (1...count).map { page in
            try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"])
        }
    }

    /// The text of every page, its lines and spaces collapsed to single spaces: what a
    /// reader sees, whatever the cell a phrase wrapped in.
    public var text: String { Self.collapse(pages.joined(separator: " ")) }

    /// One page's text, collapsed as ``text`` is.
    public func page(_ index: Int) -> String { Self.collapse(pages[index]) }

    public static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PDFTextError("\(tool) failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public struct PDFTextError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
