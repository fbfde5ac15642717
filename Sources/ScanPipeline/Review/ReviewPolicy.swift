public import FilePlan
public import Foundation
import Yams

/// When a change of placement needs a second reviewer (four eyes): documents whose Schutzbedarf is
/// at least `schutzbedarf`, and documents moved into or out of a listed plan node (or below it).
/// Read from `WORKSPACE/review-policy.yaml` when present:
///
/// ```yaml
/// four_eyes:
///   schutzbedarf: hoch          # hoch (default), sehr-hoch, or none
///   codes: ["0", "11", "632"]   # plan nodes whose records need a second reviewer
///   discard: four-eyes          # four-eyes (default: by the rules above) or single
/// visibility:                   # who sees documents of a Schutzbedarf (default: every role that reviews)
///   hoch: [records-manager, auditor]
///   sehr-hoch: [records-manager]
/// ```
public struct ReviewPolicy: Sendable, Equatable {
    /// Whether discarding a document as nicht aktenrelevant follows the four-eyes rules.
    public enum Discard: String, Sendable, Equatable, CaseIterable {
        /// By the same rules as a change of placement (Schutzbedarf, plan codes): the default,
        /// since a discarded record is never exported.
        case fourEyes = "four-eyes"
        /// One reviewer is enough, whatever the document.
        case single
    }

    /// The lowest Schutzbedarf that needs four eyes; nil: none does.
    public var schutzbedarf: Schutzbedarf?
    public var codes: [PlanCode]
    public var discard: Discard
    /// The roles that may see documents of a Schutzbedarf; a level not listed is seen by every
    /// role that sees the queue. A listed level also governs the levels above it that are not listed.
    public var visibility: [Schutzbedarf: Set<Role>]

    public init(schutzbedarf: Schutzbedarf? = .hoch, codes: [PlanCode] = [], discard: Discard = .fourEyes,
                visibility: [Schutzbedarf: Set<Role>] = [:]) {
        self.schutzbedarf = schutzbedarf
        self.codes = codes
        self.discard = discard
        self.visibility = visibility
    }

    /// Whether `role` may see a document of Schutzbedarf `level`.
    public func permits(_ role: Role, toSee level: Schutzbedarf) -> Bool {
        guard let governing = visibility.keys.filter({ $0 <= level }).max() else { return true }
        return visibility[governing]?.contains(role) ?? true
    }

    /// The Schutzbedarf levels `role` may see; nil when it sees them all.
    public func visibleLevels(for role: Role) -> [Schutzbedarf]? {
        let levels = Schutzbedarf.allCases.filter { permits(role, toSee: $0) }
        return levels.count == Schutzbedarf.allCases.count ? nil : levels
    }

    public static let fileName = "review-policy.yaml"

    /// Why moving a document from `old` to `new` needs a second reviewer, or nil when it does not.
    /// `target` is the Schutzbedarf of the node the document moves to (a document gets its node's).
    public func secondReviewerRule(schutzbedarf level: Schutzbedarf, target: Schutzbedarf = .normal, from old: PlanCode?,
                                   to new: PlanCode) -> String? {
        if let threshold = schutzbedarf {
            if level >= threshold { return "Schutzbedarf \(level.rawValue)" }
            if target >= threshold { return "Schutzbedarf \(target.rawValue) of \(new.written)" }
        }
        for code in codes {
            if new.isDescendant(ofOrEqualTo: code) { return "plan code \(new.written) is under \(code.written)" }
            if let old, old.isDescendant(ofOrEqualTo: code) { return "plan code \(old.written) is under \(code.written)" }
        }
        return nil
    }

    /// Why discarding a document filed under `code` with Schutzbedarf `level` needs a second
    /// reviewer, or nil when it does not.
    public func discardSecondReviewerRule(schutzbedarf level: Schutzbedarf, code: PlanCode?) -> String? {
        guard discard == .fourEyes else { return nil }
        if let threshold = schutzbedarf, level >= threshold { return "Schutzbedarf \(level.rawValue)" }
        if let code, let listed = codes.first(where: { code.isDescendant(ofOrEqualTo: $0) }) {
            return "plan code \(code.written) is under \(listed.written)"
        }
        return nil
    }

    private struct File: Decodable {
        struct FourEyes: Decodable {
            var schutzbedarf: String?
            var codes: [String]?
            var discard: String?
        }
        var four_eyes: FourEyes?
        var visibility: [String: [String]]?
    }

    /// The policy in `file`, or the default (four eyes from Schutzbedarf hoch) when there is none.
    public static func load(_ file: URL) throws -> ReviewPolicy {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            if FileManager.default.fileExists(atPath: file.path) {
                throw ScanPipelineError(.review, path: file.path, "the review policy cannot be read")
            }
            return ReviewPolicy()
        }
        let parsed: File
        do { parsed = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw ScanPipelineError(.review, path: file.path, "is not a review policy: \(error)")
        }
        var policy = ReviewPolicy()
        if let level = parsed.four_eyes?.schutzbedarf {
            if level == "none" {
                policy.schutzbedarf = nil
            } else {
                guard let parsedLevel = Schutzbedarf(rawValue: level) else {
                    throw ScanPipelineError(.review, path: file.path,
                                            "four_eyes.schutzbedarf must be normal, hoch, sehr-hoch or none, not \(level)")
                }
                policy.schutzbedarf = parsedLevel
            }
        }
        if let discard = parsed.four_eyes?.discard {
            guard let parsedDiscard = Discard(rawValue: discard) else {
                throw ScanPipelineError(.review, path: file.path, "four_eyes.discard must be four-eyes or single, not \(discard)")
            }
            policy.discard = parsedDiscard
        }
        policy.codes = try (parsed.four_eyes?.codes ?? []).map { text in
            guard let code = PlanCode(text) else {
                throw ScanPipelineError(.review, path: file.path, "four_eyes.codes: \(text) is not a plan code")
            }
            return code
        }
        for (level, roles) in parsed.visibility ?? [:] {
            guard let parsedLevel = Schutzbedarf(rawValue: level) else {
                throw ScanPipelineError(.review, path: file.path, "visibility: \(level) is not normal, hoch or sehr-hoch")
            }
            policy.visibility[parsedLevel] = Set(try roles.map { name in
                guard let role = Role(rawValue: name) else {
                    throw ScanPipelineError(.review, path: file.path, "visibility.\(level): \(name) is not a role")
                }
                return role
            })
        }
        return policy
    }
}
