internal import COCR

/// Finds Kodak patch codes by their bars, for separator sheets that carry no barcode: four
/// parallel black bars, two wide (0.2 in) and two narrow (0.08 in), 0.08 in apart, at least
/// 0.75 in long, parallel to the leading edge. Read top-down on the upright page, narrow-wide-
/// narrow-wide is Patch T and wide-narrow-narrow-wide Patch 2. Columns of the top and the bottom
/// four inches are sampled every 0.1 in; a pattern counts only where it repeats in columns over
/// 0.75 in, which no line of text, underline or table rule does.
enum PatchCodeDetector {
    static func detect(_ page: borrowing PixImage, resolution: Int) -> Barcode? {
        guard page.depth == 8, resolution >= 100 else { return nil }
        let dpi = Double(resolution)
        let width = page.width, height = page.height
        let band = min(height, Int(4 * dpi))
        let step = max(1, Int(0.1 * dpi))
        let needed = Int(0.75 / 0.1)
        for (start, direction) in [(0, 1), (height - 1, -1)] {
            var run: (pattern: String, y: Int, count: Int)?
            for x in stride(from: Int(0.25 * dpi), to: width - Int(0.25 * dpi), by: step) {
                let found = pattern(page, column: x, from: start, direction: direction, length: band, dpi: dpi)
                if let found, let current = run, current.pattern == found.pattern, abs(current.y - found.y) <= Int(0.04 * dpi) {
                    run = (found.pattern, found.y, current.count + 1)
                } else {
                    run = found.map { ($0.pattern, $0.y, 1) }
                }
                if let run, run.count >= needed {
                    // Read from the bottom edge, the sequence runs the other way round.
                    let upright = direction == 1 ? run.pattern : String(run.pattern.reversed())
                    switch upright {
                    case "NWNW": return Barcode(symbology: "PATCH", value: "PATCHT")
                    case "WNNW": return Barcode(symbology: "PATCH", value: "PATCH2")
                    default: continue
                    }
                }
            }
        }
        return nil
    }

    /// The first four-bar pattern in a column, as N/W letters, and where it starts.
    private static func pattern(_ page: borrowing PixImage, column x: Int, from start: Int, direction: Int, length: Int,
                                dpi: Double) -> (pattern: String, y: Int)? {
        var runs: [(black: Bool, length: Int, start: Int)] = []
        var y = start
        var value: UInt32 = 0
        for _ in 0..<length {
            pixGetPixel(page.pointer, Int32(x), Int32(y), &value)
            let black = value < 128
            if let last = runs.last, last.black == black {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((black, 1, y))
            }
            y += direction
        }
        func kind(_ length: Int) -> Character? {
            let inches = Double(length) / dpi
            if (0.055...0.11).contains(inches) { return "N" }
            if (0.16...0.24).contains(inches) { return "W" }
            return nil
        }
        var index = 0
        while index + 6 < runs.count {
            let window = runs[index...(index + 6)]
            if window.first?.black == true,
               zip(window, 0...).allSatisfy({ $0.0.black == ($0.1 % 2 == 0) }) {
                let bars = window.enumerated().filter { $0.offset % 2 == 0 }.map { kind($0.element.length) }
                let gaps = window.enumerated().filter { $0.offset % 2 == 1 }.map { kind($0.element.length) }
                let before = index > 0 ? runs[index - 1].length : 0
                if bars.allSatisfy({ $0 != nil }), gaps.allSatisfy({ $0 == "N" }), before == 0 || Double(before) / dpi >= 0.1 {
                    return (String(bars.compactMap { $0 }), window.first?.start ?? 0)
                }
            }
            index += 1
        }
        return nil
    }
}
