import Yams

/// Writes a ``PlanDocument`` as YAML in the format ``FilePlanLoader`` reads, with Yams.
public struct FilePlanWriter: Sendable {
    public init() {}

    /// The YAML text, preceded by `header` as comment lines.
    public func yaml(_ document: PlanDocument, header: [String] = []) throws -> String {
        var pairs: [(Node, Node)] = [
            (key("name"), text(document.name)),
            (key("id"), text(document.id)),
        ]
        if let validFrom = document.validFrom { pairs.append((key("valid_from"), plain(validFrom.description))) }
        pairs += attributes(document.defaults)
        pairs.append((key("nodes"), Node(document.nodes.map(node))))
        let body = try Yams.serialize(node: Node(pairs), indent: 2, width: 120, allowUnicode: true, sortKeys: false)
        let comments = header.map { $0.isEmpty ? "#" : "# \($0)" }.joined(separator: "\n")
        return (comments.isEmpty ? "" : comments + "\n") + body
    }

    private func node(_ node: PlanDocument.Node) -> Node {
        var pairs: [(Node, Node)] = [(key("code"), Node(node.code, Tag(.str), .doubleQuoted)), (key("title"), text(node.title))]
        if let description = node.description { pairs.append((key("description"), text(description))) }
        if !node.keywords.isEmpty {
            pairs.append((key("keywords"), Node(node.keywords.map(text), Tag(.seq), .flow)))
        }
        pairs += attributes(node.declared)
        if let validFrom = node.validFrom { pairs.append((key("valid_from"), plain(validFrom.description))) }
        if let validUntil = node.validUntil { pairs.append((key("valid_until"), plain(validUntil.description))) }
        if node.closed { pairs.append((key("closed"), plain("true"))) }
        if !node.children.isEmpty { pairs.append((key("children"), Node(node.children.map(self.node)))) }
        return Node(pairs)
    }

    private func attributes(_ attributes: PlanNode.Attributes) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if let retention = attributes.retention { pairs.append((key("retention"), plain(retention.serialised))) }
        if let disposal = attributes.disposal { pairs.append((key("disposal"), plain(disposal.rawValue))) }
        if let schutzbedarf = attributes.schutzbedarf { pairs.append((key("schutzbedarf"), plain(schutzbedarf.rawValue))) }
        return pairs
    }

    private func key(_ name: String) -> Node { Node(name) }
    private func plain(_ value: String) -> Node { Node(value) }
    /// Text is written as a string whatever it looks like (a title "2026" or "ja" stays text).
    private func text(_ value: String) -> Node { Node(value, Tag(.str), Self.needsQuotes(value) ? .doubleQuoted : .plain) }

    static func needsQuotes(_ value: String) -> Bool {
        let scalar = Node(value)
        let readsAsOtherType = scalar.int != nil || scalar.float != nil || scalar.bool != nil || scalar.null != nil
            || scalar.timestamp != nil
        return readsAsOtherType || value.contains(": ") || value.contains(" #") || value.hasPrefix(" ") || value.hasSuffix(" ")
    }
}
