import Foundation
import Testing

@testable import JournalDocuments

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Bar charts as SVG")
struct BarChartSVGTests {
    /// The elements of a parsed SVG in document order, with their attributes and text.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
        }

        var all: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            open.append(all.count)
            all.append(Element(name: elementName, attributes: attributeDict))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { all[index].text += string }
        }

        func named(_ name: String) -> [Element] { all.filter { $0.name == name } }
        /// The widths of the bars, not of the tracks behind them.
        var barWidths: [Double] {
            named("rect").filter { $0.attributes["fill"] == "#3b6ea5" }.compactMap { Double($0.attributes["width"]!) }
        }
        var texts: [String] { named("text").map(\.text) }
    }

    /// The SVG parsed as XML; the test fails when it is not well-formed.
    func parse(_ svg: String) throws -> Elements {
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        let parsed = parser.parse()
        try #require(parsed, "not well-formed: \(String(describing: parser.parserError))\n\(svg)")
        return elements
    }

    @Test func escapesMarkupInTitleAndLabels() throws {
        let nasty = #"<script>&"'"#
        let svg = BarChart(title: nasty, bars: [.init(label: nasty, value: 1)], total: 1).svg()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;&apos;"))
        let elements = try parse(svg)
        #expect(elements.named("title").map(\.text) == [nasty])
        #expect(elements.named("svg").first?.attributes["aria-label"] == nasty)
        #expect(elements.texts.filter { $0 == nasty }.count == 2)
    }

    @Test func scalesWithItsViewBoxAndNamesItself() throws {
        let elements = try parse(BarChart(title: "Ответы", bars: [.init(label: "Да", value: 3)], total: 4).svg())
        let root = try #require(elements.all.first)
        #expect(root.name == "svg")
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-label"] == "Ответы")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 400 ") == true)
        #expect(root.attributes["font-family"] == "DejaVu Sans, sans-serif")
        #expect(elements.all.dropFirst().first?.name == "title")
        #expect(!elements.all.contains { $0.attributes["id"] != nil })
    }

    @Test func drawsBarsInProportionToTheLargest() throws {
        let chart = BarChart(
            title: "Оценки",
            bars: [.init(label: "5", value: 10), .init(label: "4", value: 5), .init(label: "3", value: 0)],
            total: 0)
        let widths = try parse(chart.svg()).barWidths
        let full = Double(BarChartLayout.trackWidth)
        #expect(widths == [full, full / 2, 0])
        let third = try parse(
            BarChart(title: "", bars: [.init(label: "a", value: 3), .init(label: "b", value: 1)], total: 0).svg())
        #expect(third.barWidths == [full, 98.67])
    }

    @Test func clampsNegativeValuesToZero() throws {
        let chart = BarChart(title: "T", bars: [.init(label: "a", value: -5), .init(label: "b", value: 2)], total: 4)
        let elements = try parse(chart.svg())
        #expect(elements.barWidths == [0, Double(BarChartLayout.trackWidth)])
        #expect(elements.texts.contains("0 · 0%"))
    }

    @Test func showsCountsWithWholePercentages() throws {
        let chart = BarChart(
            title: "Опрос",
            bars: [.init(label: "Да", value: 12), .init(label: "Нет", value: 1), .init(label: "Не знаю", value: 17)],
            total: 30)
        let texts = try parse(chart.svg()).texts
        #expect(texts.contains("12 · 40%"))
        #expect(texts.contains("1 · 3%"))
        #expect(texts.contains("17 · 57%"))
        let noTotal = try parse(BarChart(title: "Опрос", bars: [.init(label: "Да", value: 12)], total: 0).svg())
        #expect(noTotal.texts.contains("12"))
        #expect(!noTotal.texts.contains { $0.contains("%") })
    }

    /// A Cyrillic label of `count` characters, in words.
    func label(_ count: Int) -> String {
        let words = ["учащиеся", "посещают", "дополнительные", "занятия", "после", "уроков", "в", "школе"]
        return String((0..<40).map { words[$0 % words.count] }.joined(separator: " ").prefix(count))
    }

    @Test func wrapsLongLabelsOntoThreeLines() throws {
        // 120 characters fit three lines of 48 when broken between words, so nothing is lost.
        let label = label(120)
        #expect(label.count == 120)
        let lines = BarChartLayout.wrap(label, width: 48)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 48 })
        #expect(lines.joined(separator: " ") == label)

        let texts = try parse(BarChart(title: "T", bars: [.init(label: label, value: 1)], total: 0).svg()).texts
        #expect(texts == ["T"] + lines + ["1"])
    }

    @Test func ellipsisesLabelsLongerThanThreeLines() throws {
        let label = label(200)
        let lines = BarChartLayout.wrap(label, width: 48)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 48 })
        #expect(lines.last?.hasSuffix("…") == true)
        #expect(lines.dropLast().allSatisfy { !$0.contains("…") })
        #expect(label.hasPrefix(lines.joined(separator: " ").dropLast()))

        let texts = try parse(BarChart(title: "T", bars: [.init(label: label, value: 1)], total: 0).svg()).texts
        #expect(texts == ["T"] + lines + ["1"])
    }

    @Test func wrapsWithoutEllipsisWhenTheLabelFits() {
        #expect(BarChartLayout.wrap("Короткая подпись", width: 48) == ["Короткая подпись"])
        #expect(BarChartLayout.wrap("", width: 48) == [""])
        let unbroken = String(repeating: "ж", count: 100)
        let lines = BarChartLayout.wrap(unbroken, width: 48)
        #expect(lines.map(\.count) == [48, 48, 4])
        #expect(BarChartLayout.wrap(String(repeating: "ж", count: 150), width: 48).last?.count == 48)
    }

    @Test func drawsADashWithoutBars() throws {
        let elements = try parse(BarChart(title: "Нет ответов", bars: [], total: 10).svg())
        #expect(elements.texts == ["Нет ответов", "—"])
        #expect(elements.named("title").map(\.text) == ["Нет ответов"])
        #expect(elements.named("rect").isEmpty)
    }

    @Test func isDeterministic() {
        let chart = BarChart(title: "Опрос", bars: [.init(label: "Да", value: 2)], total: 3)
        #expect(chart.svg() == chart.svg())
        #expect(chart.svg() == BarChart(title: "Опрос", bars: [.init(label: "Да", value: 2)], total: 3).svg())
    }
}
