import CPangoCairo

/// The pages being drawn: one cairo PDF surface, its context and one Pango layout reused for
/// every piece of text. The owner calls ``close()`` exactly once, which frees all three; the
/// sink outlives the surface, which writes into it through an unretained pointer.
final class PDFCanvas {
    /// A4 in points (1/72 inch).
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let margin = 28.0
    static let footerHeight = 16.0
    static let cellPadding = 2.0

    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let layout: OpaquePointer
    private let regularFont: OpaquePointer
    private let fontFamily: String
    /// The size of text of the section being drawn.
    private(set) var fontSize: Double
    /// Whether the canvas only measures: it lays out text and counts pages without drawing.
    private var measuring = false
    /// The heights of rows laid out in this section: a section measured before it is drawn
    /// lays out each row once.
    private var rowHeights: [RowKey: Double] = [:]

    private struct RowKey: Hashable {
        var cells: [String]
        var widths: [Double]
        var fontSize: Double
    }
    private var footer = ""
    private var y = margin
    private var pageStarted = false
    private var closed = false
    /// The pages begun so far.
    private(set) var pageCount = 0

    private var contentWidth: Double { Self.pageWidth - 2 * Self.margin }
    private var bottom: Double { Self.pageHeight - Self.margin - Self.footerHeight }

    init(sink: PDFSink, fontFamily: String, fontSize: Double) throws {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue()
                    sink.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, closure, Self.pageWidth, Self.pageHeight)
        else { throw DocumentError("cairo could not create a PDF surface") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw DocumentError(String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        self.cairo = cairo_create(surface)
        self.layout = pango_cairo_create_layout(cairo)
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.regularFont = pango_font_description_new()
        pango_font_description_set_family(regularFont, fontFamily)
        pango_font_description_set_absolute_size(regularFont, fontSize * Double(sj_pango_scale))
        pango_layout_set_font_description(layout, regularFont)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    /// Frees the layout, the font, the context and the surface.
    func close() {
        guard !closed else { return }
        closed = true
        pango_font_description_free(regularFont)
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Ends the last page and flushes the PDF to the sink; throws cairo's error if any
    /// drawing failed.
    func finish() throws {
        if pageStarted { endPage() }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DocumentError(String(cString: cairo_status_to_string(status)))
        }
    }

    /// Starts a section on a fresh page, its text at `fontSize`.
    func startSection(footer: String, fontSize: Double) {
        if pageStarted { endPage() }
        self.footer = footer
        self.fontSize = fontSize
        startPage()
    }

    /// How many pages `section` takes with its text at `fontSize`: laid out, not drawn. The
    /// canvas is left as it was.
    func pages(of section: DocumentSection, fontSize: Double) -> Int {
        let saved = (y, pageStarted, footer, pageCount, self.fontSize)
        measuring = true
        defer {
            measuring = false
            (y, pageStarted, footer, pageCount, self.fontSize) = saved
        }
        pageCount = 0
        pageStarted = false
        startSection(footer: section.footer, fontSize: fontSize)
        for block in section.blocks { draw(block) }
        return pageCount
    }

    func draw(_ block: DocumentBlock) {
        switch block {
        case .heading(let text):
            drawText(markup: PangoMarkup.bold(text), scale: 1.6, spaceAfter: fontSize * 0.6)
        case .subheading(let text):
            drawText(markup: PangoMarkup.bold(text), scale: 1.2, spaceAfter: fontSize * 0.4)
        case .paragraph(let text, let bold):
            drawText(
                markup: bold ? PangoMarkup.bold(text) : PangoMarkup.escape(text), scale: 1, spaceAfter: fontSize * 0.3)
        case .field(let label, let value):
            drawText(
                markup: PangoMarkup.bold(label) + " " + PangoMarkup.escape(value), scale: 1,
                spaceAfter: fontSize * 0.2)
        case .fields(let fields):
            let markup = fields.map { PangoMarkup.bold($0.label) + " " + PangoMarkup.escape($0.value) }
            drawText(markup: markup.joined(separator: "      "), scale: 1, spaceAfter: fontSize * 0.2)
        case .table(let table):
            drawTable(table)
        case .space(let points):
            y += points
            if y > bottom { newPage() }
        }
    }

    // MARK: Pages

    private func startPage() {
        pageStarted = true
        pageCount += 1
        y = Self.margin
    }

    private func endPage() {
        defer { pageStarted = false }
        guard !measuring else { return }
        if !footer.isEmpty {
            cairo_set_source_rgb(cairo, 0.35, 0.35, 0.35)
            setMarkup(PangoMarkup.escape(footer), width: contentWidth, scale: 0.85)
            let height = textHeight()
            cairo_move_to(cairo, Self.margin, Self.pageHeight - Self.margin - height)
            pango_cairo_show_layout(cairo, layout)
            cairo_set_source_rgb(cairo, 0, 0, 0)
        }
        cairo_show_page(cairo)
    }

    private func newPage() {
        endPage()
        startPage()
    }

    // MARK: Text

    private func setMarkup(_ markup: String, width: Double, scale: Double) {
        pango_font_description_set_absolute_size(regularFont, fontSize * scale * Double(sj_pango_scale))
        pango_layout_set_font_description(layout, regularFont)
        pango_layout_set_width(layout, Int32(width * Double(sj_pango_scale)))
        pango_layout_set_markup(layout, markup, -1)
    }

    private func textHeight() -> Double {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Double(sj_pango_scale)
    }

    private func drawText(markup: String, scale: Double, spaceAfter: Double) {
        setMarkup(markup, width: contentWidth, scale: scale)
        let height = textHeight()
        if y + height > bottom, y > Self.margin { newPage() }
        if !measuring {
            cairo_move_to(cairo, Self.margin, y)
            pango_cairo_show_layout(cairo, layout)
        }
        y += height + spaceAfter
    }

    // MARK: Tables

    private func drawTable(_ table: DocumentTable) {
        guard !table.columns.isEmpty else { return }
        let total = table.columns.reduce(0) { $0 + max($1.width, 0.01) }
        let widths = table.columns.map { max($0.width, 0.01) / total * contentWidth }
        let header = table.columns.map { PangoMarkup.bold($0.title) }
        let headerHeight = rowHeight(header, widths: widths)
        if y + headerHeight * 2 > bottom, y > Self.margin { newPage() }
        drawRow(header, widths: widths, height: headerHeight, shaded: true)
        // What a page holds below the header row: a row taller than that is split.
        let pageRoom = bottom - Self.margin - headerHeight
        for row in table.rows {
            var texts = table.columns.indices.map { $0 < row.count ? row[$0] : "" }
            while true {
                let cells = texts.map(PangoMarkup.escape)
                let height = rowHeight(cells, widths: widths)
                if y + height <= bottom {
                    drawRow(cells, widths: widths, height: height, shaded: false)
                    break
                }
                if height <= pageRoom || bottom - y < fontSize * 4 {
                    // The row fits a fresh page, or too little room is left to start it here.
                    newPage()
                    drawRow(header, widths: widths, height: headerHeight, shaded: true)
                    if height <= pageRoom { continue }
                }
                // Taller than a page: what fits here, the rest continues on the next page.
                let room = bottom - y - 2 * Self.cellPadding
                let parts = zip(texts, widths).map { text, width in split(text, width: width, room: room) }
                drawRow(parts.map { PangoMarkup.escape($0.head) }, widths: widths, height: bottom - y, shaded: false)
                texts = parts.map(\.tail)
                newPage()
                drawRow(header, widths: widths, height: headerHeight, shaded: true)
            }
        }
        y += fontSize * 0.6
    }

    /// A cell's text cut after its last line that ends within `room` points of its top.
    private func split(_ text: String, width: Double, room: Double) -> (head: String, tail: String) {
        guard !text.isEmpty else { return ("", "") }
        setMarkup(PangoMarkup.escape(text), width: width - 2 * Self.cellPadding, scale: 1)
        guard textHeight() > room else { return (text, "") }
        var index: Int32 = 0
        var trailing: Int32 = 0
        pango_layout_xy_to_index(layout, 0, Int32(room * Double(sj_pango_scale)), &index, &trailing)
        var line: Int32 = 0
        var x: Int32 = 0
        pango_layout_index_to_line_x(layout, index, 0, &line, &x)
        // The line that crosses the edge starts the tail.
        guard line > 0, let crossing = pango_layout_get_line_readonly(layout, line) else { return ("", text) }
        let bytes = Array(String(cString: pango_layout_get_text(layout)).utf8)
        let cut = min(max(Int(crossing.pointee.start_index), 0), bytes.count)
        return (
            String(decoding: bytes[..<cut], as: UTF8.self).trimmingWhitespaceAtEnd(),
            String(decoding: bytes[cut...], as: UTF8.self)
        )
    }

    private func rowHeight(_ cells: [String], widths: [Double]) -> Double {
        let key = RowKey(cells: cells, widths: widths, fontSize: fontSize)
        if let known = rowHeights[key] { return known }
        var height = 0.0
        for (markup, width) in zip(cells, widths) where !markup.isEmpty {
            setMarkup(markup, width: width - 2 * Self.cellPadding, scale: 1)
            height = max(height, textHeight())
        }
        height = max(height, fontSize * 1.15) + 2 * Self.cellPadding
        rowHeights[key] = height
        return height
    }

    /// Forgets the rows measured so far: the writer calls it between sections, which share
    /// few rows, so that the memory of a long document stays that of one section.
    func forgetMeasurements() { rowHeights.removeAll(keepingCapacity: true) }

    private func drawRow(_ cells: [String], widths: [Double], height: Double, shaded: Bool) {
        guard !measuring else {
            y += height
            return
        }
        var x = Self.margin
        cairo_set_line_width(cairo, 0.5)
        for (markup, width) in zip(cells, widths) {
            cairo_rectangle(cairo, x, y, width, height)
            if shaded {
                cairo_set_source_rgb(cairo, 0.92, 0.92, 0.92)
                cairo_fill_preserve(cairo)
            }
            cairo_set_source_rgb(cairo, 0, 0, 0)
            cairo_stroke(cairo)
            if !markup.isEmpty {
                setMarkup(markup, width: width - 2 * Self.cellPadding, scale: 1)
                cairo_move_to(cairo, x + Self.cellPadding, y + Self.cellPadding)
                pango_cairo_show_layout(cairo, layout)
            }
            x += width
        }
        y += height
    }
}

extension String {
    fileprivate func trimmingWhitespaceAtEnd() -> String {
        String(self.reversed().drop { $0.isWhitespace }.reversed())
    }
}
