/// A printable document as a plain value: sections of blocks that a writer lays out on A4
/// pages. It knows nothing of what it prints; a sheet, a report or a list is built from the
/// same few blocks.
public struct Document: Sendable, Hashable {
    public var sections: [DocumentSection]
    /// The font family every block is set in; Pango shapes the scripts it covers (DejaVu Sans
    /// covers Cyrillic).
    public var fontFamily: String
    /// The size of paragraphs and table cells in points; headings are larger.
    public var fontSize: Double

    public init(sections: [DocumentSection], fontFamily: String = "DejaVu Sans", fontSize: Double = 9) {
        self.sections = sections
        self.fontFamily = fontFamily
        self.fontSize = fontSize
    }
}

/// A part of a document that starts on a new page and flows onto as many pages as its blocks
/// need; its footer is printed at the bottom of each of them.
public struct DocumentSection: Sendable, Hashable {
    public var blocks: [DocumentBlock]
    public var footer: String
    /// When set, a section that would take more than one page is set in a smaller type, by
    /// quarter points down to this size, until it fits one; past it, it flows onto the next.
    public var shrinkToOnePage: Double?

    public init(blocks: [DocumentBlock], footer: String = "", shrinkToOnePage: Double? = nil) {
        self.blocks = blocks
        self.footer = footer
        self.shrinkToOnePage = shrinkToOnePage
    }
}

/// One block of a section, laid out top to bottom.
public enum DocumentBlock: Sendable, Hashable {
    /// A title in a large bold type.
    case heading(String)
    /// A subtitle in a bold type slightly larger than the text.
    case subheading(String)
    /// Text that wraps to the width of the page; `bold` sets all of it in bold.
    case paragraph(String, bold: Bool = false)
    /// A label in bold followed by its value, on one wrapped line: «Класс: 5А».
    case field(label: String, value: String)
    /// Several labelled values on one wrapped line, spaced apart: «Школа: … Класс: 5А».
    case fields([DocumentField])
    /// A table whose cells wrap to their column's width and whose rows continue on the next
    /// page, under a repeated header row, when the page is full.
    case table(DocumentTable)
    /// Vertical space in points.
    case space(Double)
}

/// A table of text: the columns with their header and relative width, and the rows.
public struct DocumentTable: Sendable, Hashable {
    public var columns: [DocumentColumn]
    /// Rows of cells, one per column; missing cells are empty, extra cells are ignored.
    public var rows: [[String]]

    public init(columns: [DocumentColumn], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// A column of a table: its header and its share of the table's width (the shares of all
/// columns are added up and the page's width divided in their proportion).
public struct DocumentColumn: Sendable, Hashable {
    public var title: String
    public var width: Double

    public init(_ title: String, width: Double = 1) {
        self.title = title
        self.width = width
    }
}

/// A labelled value of a ``DocumentBlock/fields(_:)`` line.
public struct DocumentField: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
