public import Foundation

/// Why a document could not be written: cairo's own words for its status.
public struct DocumentError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// A rendered PDF: its bytes and how many pages it has.
public struct PDF: Sendable {
    public var data: Data
    public var pageCount: Int
}

/// Writes a ``Document`` as a PDF of A4 pages with cairo and Pango.
///
/// Each call renders on its own cairo surface and Pango layout, freed before it returns, so
/// calls from several threads do not share C state.
public enum PDFWriter {
    /// The document as the bytes of a PDF file.
    public static func data(_ document: Document) throws -> Data { try pdf(document).data }

    /// The document as a PDF, with its number of pages.
    public static func pdf(_ document: Document) throws -> PDF {
        let sink = PDFSink()
        let pages = try render(document, into: sink)
        return PDF(data: sink.data, pageCount: pages)
    }

    /// Writes the document to a PDF file at `path`, replacing it. The file is written beside
    /// the target and moved into place, so a failed write leaves no half a file.
    public static func write(_ document: Document, toFile path: String) throws {
        let data = try data(document)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DocumentError("\(path): \(error.localizedDescription)")
        }
    }

    static func render(_ document: Document, into sink: PDFSink) throws -> Int {
        let canvas = try PDFCanvas(sink: sink, fontFamily: document.fontFamily, fontSize: document.fontSize)
        defer { canvas.close() }
        for section in document.sections {
            canvas.forgetMeasurements()
            var size = document.fontSize
            if let smallest = section.shrinkToOnePage {
                while size - 0.25 >= smallest, canvas.pages(of: section, fontSize: size) > 1 { size -= 0.25 }
            }
            canvas.startSection(footer: section.footer, fontSize: size)
            for block in section.blocks {
                canvas.draw(block)
            }
        }
        try canvas.finish()
        return canvas.pageCount
    }
}

/// Where cairo's stream surface writes: the bytes of the PDF as they come.
final class PDFSink {
    var data = Data()

    func append(_ bytes: UnsafePointer<UInt8>, count: Int) { data.append(bytes, count: count) }
}
