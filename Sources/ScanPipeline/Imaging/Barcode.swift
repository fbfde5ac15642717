/// A barcode or QR code found on a page.
public struct Barcode: Sendable, Codable, Equatable, Hashable {
    /// zbar's name of the symbology: `CODE-39`, `CODE-128`, `QR-Code`, `EAN-13`, ...
    public var symbology: String
    public var value: String

    public init(symbology: String, value: String) {
        self.symbology = symbology
        self.value = value
    }

    /// A separator sheet's code: Kodak's Patch T or Patch 2 sheet carries the Code 39 "PATCHT" /
    /// "PATCH2" beside its bars; paperless-ngx's separator barcode is "PATCHT" too.
    public var isSeparator: Bool {
        let compact = value.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
        return compact == "PATCHT" || compact == "PATCH2"
    }
}
