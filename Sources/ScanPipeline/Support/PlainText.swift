/// Text from outside (file names, OCR text, reasons typed by people) made safe to print on one line
/// of a plain-text output: a name with a line break cannot add a forged line ("Quality check:
/// passed") to a Transfervermerk, a table or a report.
public enum PlainText {
    /// `text` with every line break, control character and bidirectional override written as an
    /// escape (`\n`, `\r`, `\t`, `\u{2028}`), so that it stays on its line and shows what it holds.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Control characters (C0, DEL, C1), Unicode line and paragraph separators, and the
    /// bidirectional controls that can make text display in another order than it is stored.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
