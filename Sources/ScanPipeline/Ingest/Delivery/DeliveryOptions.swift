/// How a contractor's delivery is read into Akten (`scanctl run --akte-from folder|manifest`).
public struct DeliveryOptions: Sendable, Equatable {
    public enum Source: String, Sendable, CaseIterable {
        /// One Akte per folder, its Aktenzeichen and title from the folder's name.
        case folder
        /// One Akte per row of a CSV manifest (`path;aktenzeichen;title;laufzeit_von;laufzeit_bis;…`).
        case manifest
    }

    public var source: Source
    /// The manifest (with `.manifest`); nil: `manifest.csv` in the delivery's folder.
    public var manifest: String?
    /// How a folder name gives the Aktenzeichen and title: a regular expression with the named
    /// groups `az` and (optionally) `title`; nil: ``defaultAktenzeichenPattern``.
    public var aktenzeichenPattern: String?

    /// `632.10-014 Bauakte Hauptstraße 5`, `632-0147_Bauakte_Birkenweg`: the Aktenzeichen (digits
    /// and dots, then parts after `-` or `/`, or after `_` when they start with a digit), then a
    /// space or underscore, then the title.
    public static let defaultAktenzeichenPattern =
        #"^(?<az>[0-9][0-9.]*(?:[-/][0-9A-Za-z.]+|_[0-9][0-9A-Za-z.]*)*)(?:[ _]+[-–]?[ _]*(?<title>.+))?$"#

    /// Throws when the Aktenzeichen pattern is not a regular expression with an `az` group:
    /// checked before a run starts, not at its first folder.
    public func validate() throws {
        if let aktenzeichenPattern { _ = try DeliveryReader.pattern(aktenzeichenPattern) }
    }

    public init(source: Source, manifest: String? = nil, aktenzeichenPattern: String? = nil) {
        self.source = source
        self.manifest = manifest
        self.aktenzeichenPattern = aktenzeichenPattern
    }
}
