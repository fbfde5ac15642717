import Foundation
import ScanPipeline

/// Plain-text layout for the review commands.
enum ReviewText {
    static func short(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Columns padded to their widest cell.
    static func table(_ rows: [[String]]) -> String {
        // A cell is one line, whatever a file name or OCR text holds.
        let rows = rows.map { $0.map(PlainText.line) }
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                index == row.count - 1 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
