import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail: its hash chain, the anchors of its end, the tables and triggers; with --records, every record file.",
            discussion: """
                A hash chain alone proves only that its events fit together: events cut from its end, or a \
                chain recomputed from some event on, fit too. So the trail's end is checked against anchors \
                outside the database: WORKSPACE/audit-head.json (rewritten after every commit that adds \
                events; it may lag one commit behind after a crash, never run ahead), the audit head every \
                Transfervermerk in transfervermerke/ records, and the head every batch.closed event records. \
                A Transfervermerk the trail recorded as written but that is gone is reported as deleted. \
                Every batch, document, record and source file must have the events that made it, every \
                event must name a document and batch the workspace has, and the triggers that make the \
                trail append-only (auditEvent_no_update, auditEvent_no_delete) must be in place.

                With --records, every file of every record is hashed and compared with the SHA-256 the \
                trail recorded when scanctl wrote it (record.written, record.rewritten): missing, changed \
                and unexpected files (in a record folder, but never recorded) are reported.

                Every problem is named. scanctl run and scanctl export refuse a workspace whose trail does \
                not verify, unless given --accept-broken-trail (which is itself recorded).

                Exit codes: 0 everything checks out, 1 a problem was found, 2 no workspace, 64 invalid arguments.
                """)

        @Flag(help: "Also hash every record file and compare it with what the audit trail recorded.")
        var records = false

        @OptionGroup var selection: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try selection.open(create: false)  // the audit commands never create a workspace
            let result: TrailVerification
            do { result = try await workspace.verifyTrail(records: records) } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            if output.json {
                PlanJSON.print(VerificationJSON(result))
            } else {
                StandardOutput.write(Self.text(result))
            }
            if !result.isIntact { throw ExitStatus.refused.code }
        }

        static func text(_ result: TrailVerification) -> String {
            var lines: [String] = []
            if let broken = result.firstBroken {
                lines.append("BROKEN at event \(broken.sequence): \(broken.reason)")
                lines.append("Events before it check out; nothing from event \(broken.sequence) on can be trusted.")
            } else if result.isIntact {
                lines.append("intact: \(result.events) events, last hash \(result.lastHash)")
            } else {
                lines.append("BROKEN: the chain of \(result.events) events fits together, but \(result.problems.count) problem(s) "
                             + "were found (last event \(result.lastSequence), hash \(result.lastHash))")
            }
            let chainProblems = result.firstBroken == nil ? result.problems : result.problems.filter { $0.kind != .chain }
            lines += chainProblems.map { "  \($0.kind.rawValue): \($0.message)" }
            var checked = "Checked: the chain, \(result.anchorsChecked) anchor(s) of its end, the tables against the trail, "
                + "the append-only triggers"
            if let files = result.recordFilesChecked { checked += ", \(files) record file(s)" }
            lines.append(checked + ".")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

/// `audit verify --json`: the chain's result as before, and every problem found.
struct VerificationJSON: Encodable {
    var intact: Bool
    var events: Int
    var lastHash: String
    var firstBrokenEvent: Int64?
    var reason: String?
    var lastSequence: Int64?
    var anchorsChecked: Int?
    var recordFilesChecked: Int?
    var problems: [TrailVerification.Problem]?

    init(intact: Bool, events: Int, lastHash: String, firstBrokenEvent: Int64?, reason: String?) {
        self.intact = intact
        self.events = events
        self.lastHash = lastHash
        self.firstBrokenEvent = firstBrokenEvent
        self.reason = reason
    }

    init(_ result: TrailVerification) {
        self.init(intact: result.isIntact, events: result.events, lastHash: result.lastHash,
                  firstBrokenEvent: result.firstBroken?.sequence, reason: result.firstBroken?.reason)
        lastSequence = result.lastSequence
        anchorsChecked = result.anchorsChecked
        recordFilesChecked = result.recordFilesChecked
        problems = result.problems
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intact, forKey: .intact)
        try container.encode(events, forKey: .events)
        try container.encode(lastHash, forKey: .lastHash)
        try container.encode(firstBrokenEvent, forKey: .firstBrokenEvent)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(lastSequence, forKey: .lastSequence)
        try container.encodeIfPresent(anchorsChecked, forKey: .anchorsChecked)
        try container.encodeIfPresent(recordFilesChecked, forKey: .recordFilesChecked)
        try container.encodeIfPresent(problems, forKey: .problems)
    }

    private enum CodingKeys: String, CodingKey {
        case intact, events, lastHash, firstBrokenEvent, reason, lastSequence, anchorsChecked, recordFilesChecked, problems
    }
}
