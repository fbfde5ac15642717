/// What a visual comparison of a sampled page with its paper found wrong (TR-RESISCAN's checks of
/// completeness, legibility and fidelity). The raw values are what `scanctl qa check --defect` takes
/// and what the trail keeps; they never change once written.
public enum QualityDefect: String, Sendable, Codable, CaseIterable {
    /// A page (or its back) of the paper is not in the record.
    case missingPage = "missing-page"
    /// Text or marks legible on paper are not legible in the scan.
    case unreadable
    /// Part of the page (an edge, a margin note, a stamp) is cut off.
    case cutOff = "cut-off"
    /// The page is crooked in the scan.
    case skew
    /// The page is upside down or on its side.
    case wrongRotation = "wrong-rotation"
    /// Colour that carries meaning (a stamp, a correction in red) is lost.
    case colourLoss = "colour-loss"
    /// The resolution is too low for the detail on paper.
    case resolution
    /// The pages are not in the paper's order.
    case order
    /// Anything else; the note says what.
    case other

    /// The kind as a records office names it (German, for the workstation and the Transfervermerk).
    public var germanName: String {
        switch self {
        case .missingPage: "Seite fehlt"
        case .unreadable: "unleserlich"
        case .cutOff: "abgeschnitten"
        case .skew: "schief"
        case .wrongRotation: "falsch gedreht"
        case .colourLoss: "Farbverlust"
        case .resolution: "Auflösung zu gering"
        case .order: "falsche Reihenfolge"
        case .other: "sonstiger Mangel"
        }
    }
}
