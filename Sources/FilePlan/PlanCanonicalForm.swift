import Crypto
import Foundation

/// The content that identifies a plan version, serialised as canonical JSON (sorted keys, plan
/// order of nodes, declared attributes only) and hashed with SHA-256.
struct PlanCanonicalForm: Encodable {
    var id: String
    var name: String
    var validFrom: PlanDate?
    var defaults: Attributes
    var nodes: [Node]

    struct Attributes: Encodable {
        var retention: Retention?
        var disposal: Disposal?
        var schutzbedarf: Schutzbedarf?
    }

    struct Node: Encodable {
        var code: String
        var parent: String?
        var title: String
        var description: String?
        var keywords: [String]
        var declared: Attributes
        var validFrom: PlanDate?
        var validUntil: PlanDate?
        var closed: Bool
    }

    init(id: String, name: String, validFrom: PlanDate?, defaults: PlanNode.Attributes, nodes: [PlanNode]) {
        self.id = id
        self.name = name
        self.validFrom = validFrom
        self.defaults = Attributes(defaults)
        self.nodes = nodes.map { node in
            Node(code: node.code.written, parent: node.parent?.written, title: node.title, description: node.description,
                 keywords: node.keywords, declared: Attributes(node.declared), validFrom: node.validFrom,
                 validUntil: node.validUntil, closed: node.closed)
        }
    }

    func sha256() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain structs of strings, numbers and enums: encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

extension PlanCanonicalForm.Attributes {
    init(_ attributes: PlanNode.Attributes) {
        self.init(retention: attributes.retention, disposal: attributes.disposal, schutzbedarf: attributes.schutzbedarf)
    }
}
