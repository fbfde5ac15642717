extension DocumentState {
    /// The state as the authority's staff read it, in the workstation and the Transfervermerk.
    public var germanName: String {
        switch self {
        case .ingested: "eingelesen"
        case .separated: "getrennt"
        case .recognised: "erkannt"
        case .classified: "zugeordnet"
        case .filed: "abgelegt"
        case .needsReview: "in Prüfung"
        case .exported: "übergeben"
        case .quarantined: "in Quarantäne"
        case .released: "ohne Akte entlassen"
        case .retried: "erneut verarbeitet"
        case .discarded: "nicht aktenrelevant"
        case .offered: "dem Archiv angeboten"
        case .handedOver: "an das Archiv ausgesondert"
        case .archived: "vom Archiv übernommen"
        case .disposed: "vernichtet (Löschprotokoll)"
        }
    }
}
