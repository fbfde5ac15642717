import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit events in order, optionally only those about one document or batch.")

        @Option(help: ArgumentHelp("Only events about this document (its id or at least its first 4 characters).",
                                   valueName: "id"))
        var document: String?

        @Option(help: ArgumentHelp("Only events about this batch (its id or at least its first 4 characters).", valueName: "id"))
        var batch: String?

        @OptionGroup var selection: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try selection.open(create: false)  // the audit commands never create a workspace
            let (document, batch) = try await AuditSubjectFilter.resolve(document: document, batch: batch, in: workspace)
            let events = try await workspace.auditEvents(document: document, batch: batch)
            if output.json {
                PlanJSON.print(events.map(EventJSON.init))
                return
            }
            var lines: [String] = []
            for event in events {
                let actor = event.actor.version.map { "\(event.actor.name) \($0)" } ?? event.actor.name
                var subjects: [String] = []
                if let batch = event.batch { subjects.append("batch \(batch.prefix(8))") }
                if let document = event.document { subjects.append("document \(document.prefix(8))") }
                if let file = event.file { subjects.append("file \(file.prefix(12))") }
                lines.append("\(String(event.sequence).leftPadded(to: 5))  \(event.time)  \(event.action)  by \(actor)"
                             + (subjects.isEmpty ? "" : "  [\(subjects.joined(separator: ", "))]"))
                lines.append("       \(event.payload)")
            }
            StandardOutput.write(lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
        }
    }
}

/// An audit event for `--json`: the payload as a JSON object, not a string.
struct EventJSON: Encodable {
    var event: AuditEvent

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.sequence, forKey: .sequence)
        try container.encode(event.time, forKey: .time)
        try container.encode(event.actor, forKey: .actor)
        try container.encode(event.action, forKey: .action)
        try container.encode(event.subjects, forKey: .subjects)
        let payload = try JSONDecoder().decode(JSONValue.self, from: Data(event.payload.utf8))
        try container.encode(payload, forKey: .payload)
        try container.encode(event.previousHash, forKey: .previousHash)
        try container.encode(event.hash, forKey: .hash)
    }

    private enum CodingKeys: String, CodingKey { case sequence, time, actor, action, subjects, payload, previousHash, hash }
}

/// Any JSON value, for passing a stored payload through unchanged in meaning.
enum JSONValue: Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
