/// The file formats scanctl reads, recognised from the content, never from the extension.
public enum SourceFormat: String, Sendable, Equatable, Codable, CaseIterable {
    case tiff
    case png
    case jpeg
    case pdf

    /// The format whose signature starts `prefix` (the first bytes of a file), or `nil`.
    public static func sniff<Bytes: Collection<UInt8>>(_ prefix: Bytes) -> SourceFormat? {
        let bytes = Array(prefix.prefix(8))
        func starts(with signature: [UInt8]) -> Bool {
            bytes.count >= signature.count && Array(bytes.prefix(signature.count)) == signature
        }
        if starts(with: [0x49, 0x49, 0x2A, 0x00]) || starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        // BigTIFF (version 43) is also TIFF.
        if starts(with: [0x49, 0x49, 0x2B, 0x00]) || starts(with: [0x4D, 0x4D, 0x00, 0x2B]) { return .tiff }
        if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    /// Sniffs a PDF whose header does not start at byte 0: the PDF specification lets readers accept
    /// `%PDF-` within the first 1024 bytes, and some scanners write junk before it.
    static func sniffPDFHeader<Bytes: Collection<UInt8>>(in prefix: Bytes) -> Bool {
        let bytes = Array(prefix.prefix(1024))
        let marker = Array("%PDF-".utf8)
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if Array(bytes[start..<start + marker.count]) == marker { return true }
        }
        return false
    }
}
