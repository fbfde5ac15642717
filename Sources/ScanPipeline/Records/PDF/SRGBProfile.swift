import Foundation

/// The sRGB ICC profile a PDF/A output intent embeds. It comes from Debian's icc-profiles-free (or
/// colord, or Ghostscript), read once and checked to be an RGB profile before any record uses it.
enum SRGBProfile {
    static let candidates = [
        "/usr/share/color/icc/sRGB.icc",
        "/usr/share/color/icc/colord/sRGB.icc",
        "/usr/share/ghostscript/iccprofiles/srgb.icc",
    ]

    /// The profile's bytes, or the reason there is none. Loaded once per process.
    static let loaded: Result<Data, ScanPipelineError> = load(from: candidates)

    static func data() throws -> Data { try loaded.get() }

    static func load(from paths: [String]) -> Result<Data, ScanPipelineError> {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(ScanPipelineError(.archivalPDF, path: path, "the sRGB ICC profile cannot be read"))
            }
            guard isRGBProfile(data) else {
                return .failure(ScanPipelineError(.archivalPDF, path: path, "is not an RGB ICC profile"))
            }
            return .success(data)
        }
        return .failure(ScanPipelineError(
            .archivalPDF, "no sRGB ICC profile for the PDF/A output intent (install icc-profiles-free)"))
    }

    /// The ICC header: the size at 0, the colour space `RGB ` at 16, the signature `acsp` at 36.
    static func isRGBProfile(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(40))
        guard bytes.count == 40 else { return false }
        let size = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        return size == data.count && Array(bytes[16..<20]) == Array("RGB ".utf8) && Array(bytes[36..<40]) == Array("acsp".utf8)
    }
}
