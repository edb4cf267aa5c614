/// A horizontal bar chart as a plain value, drawn as an SVG element for a web page: one row per
/// bar, each with its label, its bar and its count. It knows nothing of what it counts; the
/// answers of a survey or the marks of a class are the same bars.
public struct BarChart: Sendable, Hashable {
    /// One row of the chart: what is counted and how many.
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// The count; a negative one is drawn as zero.
        public var value: Int

        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's heading, also its accessible name (`<title>` and `aria-label`).
    public var title: String
    public var bars: [Bar]
    /// What the percentages are of (the number of respondents, say); 0 shows counts alone.
    public var total: Int

    public init(title: String, bars: [Bar], total: Int) {
        self.title = title
        self.bars = bars
        self.total = total
    }

    /// A self-contained <svg> element: one row per bar (label above the bar, so long Cyrillic labels fit a phone),
    /// the bar's width proportional to value / max(value), the count and percentage ("12 · 40%") after the bar.
    /// Uses viewBox and width="100%" so it scales on a phone (readable at 360 px wide); role="img", aria-label, <title>.
    /// All text XML-escaped (&, <, >, ", '). Long labels are wrapped onto at most 3 lines by character count
    /// (about 48 characters per line at the chart's width), then ellipsised.
    public func svg() -> String {
        typealias L = BarChartLayout
        let values = bars.map { max($0.value, 0) }
        let largest = values.max() ?? 0
        var body = ""
        var y = L.padding

        for line in L.wrap(title, width: L.titleLineWidth) {
            y += L.titleLineHeight
            body += #"<text x="\#(L.padding)" y="\#(y - 5)" font-size="15" font-weight="bold">"#
            body += Self.escape(line) + "</text>"
        }
        y += L.titleGap

        if bars.isEmpty {
            y += L.labelLineHeight
            body += #"<text x="\#(L.padding)" y="\#(y - 4)">—</text>"#
        }
        for (bar, value) in zip(bars, values) {
            for line in L.wrap(bar.label, width: L.labelLineWidth) {
                y += L.labelLineHeight
                body += #"<text x="\#(L.padding)" y="\#(y - 4)">"# + Self.escape(line) + "</text>"
            }
            y += L.labelGap
            let width = largest == 0 ? 0 : Double(L.trackWidth) * Double(value) / Double(largest)
            body += #"<rect x="\#(L.padding)" y="\#(y)" width="\#(L.trackWidth)" height="\#(L.barHeight)""#
            body += #" fill="\#(L.trackColour)"/>"#
            body += #"<rect x="\#(L.padding)" y="\#(y)" width="\#(Self.decimal(width))" height="\#(L.barHeight)""#
            body += #" fill="\#(L.barColour)"/>"#
            body += #"<text x="\#(L.padding + L.trackWidth + 8)" y="\#(y + L.barHeight - 4)">"#
            body += Self.escape(caption(value)) + "</text>"
            y += L.barHeight + L.rowGap
        }
        let height = y + L.padding - (bars.isEmpty ? 0 : L.rowGap)

        let name = Self.escape(title)
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(L.width) \#(height)" width="100%""#
        svg += #" role="img" aria-label="\#(name)" font-family="DejaVu Sans, sans-serif" font-size="13""#
        svg += #" fill="\#(L.textColour)">"#
        return svg + "<title>" + name + "</title>" + body + "</svg>"
    }

    /// The count and, when there is a total, its share of it in whole percent: "12 · 40%".
    func caption(_ value: Int) -> String {
        guard total > 0 else { return String(value) }
        let percent = (Double(value) * 100 / Double(total)).rounded()
        return "\(value) · \(Int(percent))%"
    }

    /// Pango markup is XML, so its escaping (entities for `&<>"'`, no control characters)
    /// serves SVG text and attributes as well.
    static func escape(_ text: String) -> String { PangoMarkup.escape(text) }

    /// A length with at most two decimals and no trailing zeros: `148`, `98.67`.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = String(hundredths / 100)
        let fraction = hundredths % 100
        guard fraction != 0 else { return whole }
        let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
        return whole + "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
    }
}

/// The chart's geometry in viewBox units: 400 wide, so that at 360 px on a phone the 13-unit
/// text is still about 12 px, and a 48-character line of DejaVu Sans fits the width.
enum BarChartLayout {
    static let width = 400
    static let padding = 8
    /// The bars' full width; the count column to its right takes the rest.
    static let trackWidth = 296
    static let barHeight = 16
    static let titleLineHeight = 20
    static let titleGap = 6
    static let labelLineHeight = 17
    /// Space between a label and its bar; `rowGap` is the space below a bar.
    static let labelGap = 2
    static let rowGap = 10
    static let titleLineWidth = 41
    static let labelLineWidth = 48
    static let maxLines = 3
    static let barColour = "#3b6ea5"
    static let trackColour = "#e6ecf3"
    static let textColour = "#1f2933"

    /// The text's words on lines of at most `width` characters, a longer word broken where
    /// the line ends; past `maxLines` lines the last one ends in "…". An empty text is one
    /// empty line.
    static func wrap(_ text: String, width: Int, maxLines: Int = maxLines) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            var word = Substring(word)
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        guard lines.count > maxLines else { return lines }

        var last = lines[maxLines - 1]
        if last.count >= width { last = String(last.prefix(width - 1)) }
        while let end = last.last, end.isWhitespace { last.removeLast() }
        return Array(lines.prefix(maxLines - 1)) + [last + "…"]
    }
}
