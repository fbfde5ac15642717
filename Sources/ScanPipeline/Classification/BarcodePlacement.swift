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
    /// what it would have done. An Aktenzeichen names the Akte's own node, subdivided or not, and
    /// becomes the record's first Aktenzeichen; a plan code of a node with subdivisions is a
    /// provisional placement for review.
    mutating func place(by placement: BarcodePlacement, in plan: FilePlan) {
        let evidence = "barcode \(placement.barcode.value)"
        if let aktenzeichen = BarcodePlacement.argument(of: placement.barcode.value, after: BarcodePlacement.aktenzeichenWords) {
            place(byAktenzeichen: aktenzeichen, evidence: evidence, in: plan)
            return
        }
        prescribe(placement.node, evidence: evidence, in: plan)
        if placement.node.children.isEmpty {
            decision = .filed
            reviewReason = nil
        } else {
            decision = .needsReview
            reviewReason = "the \(evidence) names \(placement.node.code.written) \(placement.node.title), which has subdivisions"
        }
    }

    /// Files the document under the node of an Aktenzeichen it was given (a delivery's folder or
    /// manifest, a cover sheet's barcode): it wins over anything read from the pages and is the
    /// record's first Aktenzeichen. Its node is the placement even when it has subdivisions (an
    /// Akte lives at its own node); an Aktenzeichen the plan does not hold, or holds only down to
    /// an ancestor, goes to review with the reason.
    mutating func place(byAktenzeichen aktenzeichen: String, evidence: String, in plan: FilePlan) {
        references = [aktenzeichen] + references.filter { $0 != aktenzeichen }
        guard let code = PlanReference.planCode(in: aktenzeichen), let node = plan.deepestNode(matching: code) else {
            holdForReview(because: "the Aktenzeichen \(aktenzeichen) (\(evidence)) names no node of the plan")
            return
        }
        prescribe(node, evidence: "Aktenzeichen \(aktenzeichen) (\(evidence))", in: plan)
        if node.code.key == code.key {
            // The Akte's own node is where it lives: no subdivision below it is suggested (a review
            // accepting the suggestion would move it there).
            candidates.removeAll { candidate in
                candidate.level > node.level && PlanCode(candidate.code)?.isDescendant(ofOrEqualTo: node.code) == true
            }
            decision = .filed
            reviewReason = nil
        } else {
            decision = .needsReview
            reviewReason = "the Aktenzeichen \(aktenzeichen) (\(evidence)) names \(code.written), which the plan does not have; "
                + "placed under \(node.code.written) \(node.title)"
        }
    }

    /// The path down to `node`, each level certain, ahead of the classifier's own candidates.
    private mutating func prescribe(_ node: PlanNode, evidence: String, in plan: FilePlan) {
        let prescribed = plan.path(to: node).map { level in
            ClassificationCandidate(code: level.code.written, title: level.title, level: level.level, probability: 1,
                                    score: 0, evidence: [evidence])
        }
        candidates = prescribed + candidates.filter { candidate in !prescribed.contains { $0.code == candidate.code } }
        filedUnder = prescribed.last
    }
}
