import FilePlan
import Foundation

/// A placement a barcode or QR code prescribes: on a separator or cover sheet, `AZ:<Aktenzeichen>`
/// (for Bestandsakten the file's Aktenzeichen is known before scanning) or `AKTENPLAN:<code>`; a
/// space or hyphen may stand for the colon, which Code 39 cannot encode. It takes precedence over
/// the classifier and is recorded as evidence.
struct BarcodePlacement: Sendable, Equatable {
    var barcode: Barcode
    var node: PlanNode

    static let aktenzeichenWords = ["AKTENZEICHEN", "AZ"]
    static let planWords = ["AKTENPLAN", "PLAN"]

    /// The first barcode among `barcodes` that names a node of `plan`, or nil.
    static func find(in barcodes: [Barcode], plan: FilePlan) -> BarcodePlacement? {
        for barcode in barcodes {
            if let code = argument(of: barcode.value, after: planWords), let node = plan.node(code: code) {
                return BarcodePlacement(barcode: barcode, node: node)
            }
            if let reference = argument(of: barcode.value, after: aktenzeichenWords), let node = plan.resolve(reference: reference) {
                return BarcodePlacement(barcode: barcode, node: node)
            }
        }
        return nil
    }

    /// `632.10` from `AKTENPLAN:632.10`, `Aktenplan 632.10` or `AKTENPLAN-632.10`.
    static func argument(of value: String, after words: [String]) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        for word in words where trimmed.uppercased().hasPrefix(word) {
            let rest = trimmed.dropFirst(word.count)
            guard let separator = rest.first, ": -".contains(separator) else { continue }
            let argument = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            return argument.isEmpty ? nil : argument
        }
        return nil
    }
}

extension Classification {
    /// Files the document where a barcode says, keeping the classifier's candidates after it as
    /// what it would have done. A node with subdivisions is a provisional placement for review.
    mutating func place(by placement: BarcodePlacement, in plan: FilePlan) {
        let path = plan.path(to: placement.node)
        let evidence = "barcode \(placement.barcode.value)"
        let prescribed = path.map { node in
            ClassificationCandidate(code: node.code.written, title: node.title, level: node.level, probability: 1,
                                    score: 0, evidence: [evidence])
        }
        candidates = prescribed + candidates.filter { candidate in !prescribed.contains { $0.code == candidate.code } }
        filedUnder = prescribed.last
        if placement.node.children.isEmpty {
            decision = .filed
            reviewReason = nil
        } else {
            decision = .needsReview
            reviewReason = "the \(evidence) names \(placement.node.code.written) \(placement.node.title), which has subdivisions"
        }
    }
}
