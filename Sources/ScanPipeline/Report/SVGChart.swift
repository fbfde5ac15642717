import Foundation
import Plot

/// Small inline SVG charts for the report: no script, no external files, readable when printed.
enum SVGChart {
    typealias Content = Node<HTML.BodyContext>

    struct Segment {
        var label: String
        var value: Int
        var color: String
    }

    /// One horizontal bar split into segments, with a legend below.
    static func share(_ segments: [Segment], title: String, width: Double = 640) -> Content {
        let total = Double(max(segments.map(\.value).reduce(0, +), 1))
        var x = 0.0
        var nodes: [Content] = []
        for segment in segments where segment.value > 0 {
            let length = width * Double(segment.value) / total
            nodes.append(rect(x: x, y: 0, width: length, height: 28, color: segment.color,
                              tooltip: "\(segment.label): \(segment.value)"))
            x += length
        }
        var legendX = 0.0
        for segment in segments {
            nodes.append(rect(x: legendX, y: 40, width: 12, height: 12, color: segment.color, tooltip: nil))
            let label = "\(segment.label) \(segment.value) (\(percent(segment.value, of: Int(total))))"
            nodes.append(text(label, x: legendX + 16, y: 51))
            legendX += 22 + Double(label.count) * 6.6
        }
        return svg(title: title, width: max(width, legendX), height: 60, nodes)
    }

    /// Counts of values in [0, 1] in ten bins, each bar stacked from two series.
    static func histogram(_ first: [Double], _ second: [Double], labels: (String, String), colors: (String, String),
                          title: String) -> Content {
        func bins(_ values: [Double]) -> [Int] {
            values.reduce(into: Array(repeating: 0, count: 10)) { bins, value in bins[min(9, max(0, Int(value * 10)))] += 1 }
        }
        let (a, b) = (bins(first), bins(second))
        let highest = Double(max(zip(a, b).map { $0 + $1 }.max() ?? 0, 1))
        let (left, bottom, plotHeight, barWidth) = (36.0, 170.0, 150.0, 52.0)
        var nodes: [Content] = []
        for step in 0...4 {
            let value = highest * Double(step) / 4
            let y = bottom - plotHeight * Double(step) / 4
            nodes.append(line(x1: left, y1: y, x2: left + 10 * (barWidth + 6), y2: y))
            nodes.append(text(String(Int(value.rounded())), x: 4, y: y + 4))
        }
        for bin in 0..<10 {
            let x = left + Double(bin) * (barWidth + 6) + 3
            let firstHeight = plotHeight * Double(a[bin]) / highest
            let secondHeight = plotHeight * Double(b[bin]) / highest
            let range = String(format: "%.1f–%.1f", Double(bin) / 10, Double(bin + 1) / 10)
            if a[bin] > 0 {
                nodes.append(rect(x: x, y: bottom - firstHeight, width: barWidth, height: firstHeight, color: colors.0,
                                  tooltip: "\(range): \(a[bin]) \(labels.0)"))
            }
            if b[bin] > 0 {
                nodes.append(rect(x: x, y: bottom - firstHeight - secondHeight, width: barWidth, height: secondHeight,
                                  color: colors.1, tooltip: "\(range): \(b[bin]) \(labels.1)"))
            }
            nodes.append(text(String(format: "%.1f", Double(bin) / 10), x: x - 6, y: bottom + 16))
        }
        nodes.append(text("1.0", x: left + 10 * (barWidth + 6) - 8, y: bottom + 16))
        nodes.append(rect(x: left, y: 198, width: 12, height: 12, color: colors.0, tooltip: nil))
        nodes.append(text(labels.0, x: left + 16, y: 209))
        nodes.append(rect(x: left + 220, y: 198, width: 12, height: 12, color: colors.1, tooltip: nil))
        nodes.append(text(labels.1, x: left + 236, y: 209))
        return svg(title: title, width: left + 10 * (barWidth + 6) + 10, height: 216, nodes)
    }

    /// Horizontal bars, one per item, with its label and count.
    static func bars(_ items: [(label: String, value: Int)], color: String, title: String) -> Content {
        let highest = Double(max(items.map(\.value).max() ?? 0, 1))
        let (labelWidth, barSpace, rowHeight) = (300.0, 300.0, 24.0)
        var nodes: [Content] = []
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight
            nodes.append(text(item.label.count > 44 ? String(item.label.prefix(43)) + "…" : item.label, x: 0, y: y + 16))
            let length = max(barSpace * Double(item.value) / highest, item.value > 0 ? 2 : 0)
            nodes.append(rect(x: labelWidth, y: y + 4, width: length, height: 16, color: color, tooltip: "\(item.label): \(item.value)"))
            nodes.append(text(String(item.value), x: labelWidth + length + 6, y: y + 16))
        }
        return svg(title: title, width: labelWidth + barSpace + 50, height: max(Double(items.count) * rowHeight, rowHeight), nodes)
    }

    static func percent(_ part: Int, of total: Int) -> String {
        total == 0 ? "0 %" : String(format: "%.0f %%", 100 * Double(part) / Double(total))
    }

    private static func svg(title: String, width: Double, height: Double, _ nodes: [Content]) -> Content {
        .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(number(width)) \(number(height))"),
            .attribute(named: "width", value: number(width)),
            .attribute(named: "height", value: number(height)),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-label", value: title),
            .element(named: "title", text: title),
        ] + nodes)
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, color: String, tooltip: String?) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "width", value: number(width)), .attribute(named: "height", value: number(height)),
            .attribute(named: "fill", value: color),
        ]
        if let tooltip { nodes.append(.element(named: "title", text: tooltip)) }
        return .element(named: "rect", nodes: nodes)
    }

    private static func text(_ value: String, x: Double, y: Double) -> Content {
        .element(named: "text", nodes: [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "font-size", value: "12"), .text(value),
        ])
    }

    private static func line(x1: Double, y1: Double, x2: Double, y2: Double) -> Content {
        .element(named: "line", nodes: [
            .attribute(named: "x1", value: number(x1)), .attribute(named: "y1", value: number(y1)),
            .attribute(named: "x2", value: number(x2)), .attribute(named: "y2", value: number(y2)),
            .attribute(named: "stroke", value: "#ddd"),
        ])
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
