import FilePlan
import Foundation

/// JSON output of the `plan` commands.
enum PlanJSON {
    static func print(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Plain structs of strings and numbers: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}

/// A plan node for JSON output.
struct NodeJSON: Encodable {
    var code: String
    var title: String
    var level: Int
    var description: String?
    var keywords: [String]
    var retention: String?
    var disposal: String?
    var schutzbedarf: String
    var validFrom: String?
    var validUntil: String?
    var closed: Bool
    var parent: String?
    var children: [NodeJSON]?

    init(_ node: PlanNode, children: [NodeJSON]? = nil) {
        code = node.code.written
        title = node.title
        level = node.level
        description = node.description
        keywords = node.keywords
        retention = node.retention.map { retention in
            switch retention {
            case .years(let years): String(years)
            case .permanent: "permanent"
            }
        }
        disposal = node.disposal?.rawValue
        schutzbedarf = node.schutzbedarf.rawValue
        validFrom = node.validFrom?.description
        validUntil = node.validUntil?.description
        closed = node.closed
        parent = node.parent?.written
        self.children = children
    }
}
