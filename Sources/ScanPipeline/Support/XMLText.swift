/// Text as XML 1.0 can carry it: OCR output and file names may hold control characters, which no
/// XML document may contain (not even escaped). They become spaces.
enum XMLText {
    static func safe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value) || (0xFFFE...0xFFFF).contains(scalar.value) ? " " : scalar
        }))
    }
}
