public import Foundation
import SwiftCSV

/// Imports a plan published as open data, as CSV with the columns `code;title;retention_years`
/// (a header row is optional; German headers are fine), into a ``PlanDocument``.
///
/// Nesting follows the codes: a node's parent is the node with the longest code its digits start
/// with. An empty retention is inherited from the parent. CSVs from authorities are often in
/// Windows-1252 rather than UTF-8; both are read.
public struct FilePlanCSVImporter: Sendable {
    /// The id and name of the plan to create.
    public var id: String
    public var name: String
    /// Disposal for the whole plan, since the CSV has none: B (the archive decides) is the safe choice.
    public var defaultDisposal: Disposal

    public init(id: String, name: String, defaultDisposal: Disposal = .appraise) {
        self.id = id
        self.name = name
        self.defaultDisposal = defaultDisposal
    }

    public func importCSV(path: String) throws -> PlanDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FilePlanError(file: path, .init(.unreadableFile, "the file does not exist or cannot be read"))
        }
        return try importCSV(data: data, file: path)
    }

    public func importCSV(data: Data, file: String) throws -> PlanDocument {
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw FilePlanError(file: file, .init(.invalidCSV, "the file is neither UTF-8 nor Windows-1252 text"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: .semicolon, loadColumns: false)
        } catch {
            throw FilePlanError(file: file, .init(.invalidCSV, "the CSV cannot be parsed: \(error)"))
        }
        // SwiftCSV takes the first row as header; when it is a node, it is data.
        var rows: [(line: Int, fields: [String])] = []
        let headerIsData = csv.header.first.flatMap { PlanCode($0) } != nil
        if headerIsData { rows.append((1, csv.header)) }
        for (offset, row) in csv.rows.enumerated() {
            let line = 2 + offset  // line 1 is the header row (or the first node)
            if row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            rows.append((line, row))
        }

        var problems: [FilePlanError.Problem] = []
        var entries: [(code: PlanCode, node: PlanDocument.Node, line: Int)] = []
        var seen: [String: Int] = [:]
        for (line, fields) in rows {
            let written = fields.first?.trimmingWhitespace() ?? ""
            guard let code = PlanCode(written) else {
                problems.append(.init(.invalidValue, line: line, "'\(written)' in the first column is not a plan code"))
                continue
            }
            let title = fields.count > 1 ? fields[1].trimmingWhitespace() : ""
            if title.isEmpty { problems.append(.init(.missingKey, line: line, node: code.written, "the title (second column) is empty")) }
            var node = PlanDocument.Node(code: code.written, title: title)
            let retentionText = fields.count > 2 ? fields[2].trimmingWhitespace() : ""
            if !retentionText.isEmpty {
                if let retention = Retention(parsing: retentionText) {
                    node.declared.retention = retention
                } else {
                    problems.append(.init(.invalidValue, line: line, node: code.written,
                                          "retention '\(retentionText)' is neither a number of years nor 'dauernd'"))
                }
            }
            if let first = seen[code.key] {
                problems.append(.init(.duplicateCode, line: line, node: code.written, "code \(code.written) already appears on line \(first)"))
                continue
            }
            seen[code.key] = line
            entries.append((code, node, line))
        }
        if entries.isEmpty && problems.isEmpty {
            problems.append(.init(.invalidCSV, "the CSV has no rows"))
        }
        guard problems.isEmpty else { throw FilePlanError(file: file, problems: problems) }
        return PlanDocument(id: id, name: name, validFrom: nil,
                            defaults: PlanNode.Attributes(disposal: defaultDisposal),
                            nodes: Self.nest(entries.map { ($0.code, $0.node) }))
    }

    /// Builds the tree: each node goes under the existing node with the longest code prefix.
    static func nest(_ entries: [(code: PlanCode, node: PlanDocument.Node)]) -> [PlanDocument.Node] {
        let keys = Set(entries.map(\.code.key))
        func parentKey(of key: String) -> String? {
            var candidate = key
            while candidate.count > 1 {
                candidate.removeLast()
                if keys.contains(candidate) { return candidate }
            }
            return nil
        }
        var parents: [String: String] = [:]
        for (code, _) in entries { parents[code.key] = parentKey(of: code.key) }
        func build(_ entry: (code: PlanCode, node: PlanDocument.Node)) -> PlanDocument.Node {
            var node = entry.node
            node.children = entries.filter { parents[$0.code.key] == entry.code.key }.sorted { $0.code < $1.code }.map(build)
            return node
        }
        return entries.filter { parents[$0.code.key] == nil }.sorted { $0.code < $1.code }.map(build)
    }
}
