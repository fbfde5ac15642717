import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain and name the first broken event.")

        @OptionGroup var selection: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try selection.open(create: false)  // the audit commands never create a workspace
            let result = try await workspace.verifyAuditTrail()
            if output.json {
                PlanJSON.print(VerificationJSON(
                    intact: result.isIntact, events: result.events, lastHash: result.lastHash,
                    firstBrokenEvent: result.firstBroken?.sequence, reason: result.firstBroken?.reason))
            } else if let broken = result.firstBroken {
                StandardOutput.write("BROKEN at event \(broken.sequence): \(broken.reason)\n")
                StandardOutput.write("Events before it check out; nothing from event \(broken.sequence) on can be trusted.\n")
            } else {
                StandardOutput.write("intact: \(result.events) events, last hash \(result.lastHash)\n")
            }
            if !result.isIntact { throw ExitCode(1) }
        }
    }
}

struct VerificationJSON: Encodable {
    var intact: Bool
    var events: Int
    var lastHash: String
    var firstBrokenEvent: Int64?
    var reason: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intact, forKey: .intact)
        try container.encode(events, forKey: .events)
        try container.encode(lastHash, forKey: .lastHash)
        try container.encode(firstBrokenEvent, forKey: .firstBrokenEvent)
        try container.encode(reason, forKey: .reason)
    }

    private enum CodingKeys: String, CodingKey { case intact, events, lastHash, firstBrokenEvent, reason }
}
