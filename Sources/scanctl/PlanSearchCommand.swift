import ArgumentParser
import FilePlan
import Foundation
import ScanPipeline

extension ScanCtl.Plan {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find plan nodes by code, title, keyword or description.",
            discussion: """
                Every word must match; case, umlauts and ß do not matter (Baumfaellung finds Baumfällung). \
                An Aktenzeichen such as 63.2-0147/2024 finds the node it belongs to.

                Below the exact hits come near ones, each saying how it matched: the same stem \
                (Bauanträge finds Bauantrag), a part of a compound (Kassenbeleg finds Kasse and \
                Buchungsbeleg, Rundfunkbeitrag finds Beitrag), or a small typo (Hundesteur finds \
                Hundesteuer: one letter off in words of 5 to 8 letters, two in longer ones).
                """)

        @Argument(help: "The words to look for, or an Aktenzeichen.")
        var text: [String]

        @Option(help: "Show at most this many results.")
        var limit = 20

        @OptionGroup var selection: PlanSelection
        @OptionGroup var output: JSONFlag

        func run() throws {
            let plan = try PlanLoading.load(selection.path)
            let query = text.joined(separator: " ")
            let exact = plan.search(query)
            var hits = exact
            // An Aktenzeichen ("63.2-0147/2024", "Az. 632.10"), alone or in a line pasted from a
            // letter ("Ihr Zeichen: 63.2-0147/2024"), resolves to its node or nearest ancestor.
            if hits.isEmpty, let node = plan.resolve(reference: query) {
                hits = [FilePlan.SearchHit(node: node, score: 0, matches: ["Aktenzeichen \(query.trimmingCharacters(in: .whitespaces))"])]
            }
            if hits.isEmpty {
                hits = plan.references(in: query).map {
                    FilePlan.SearchHit(node: $0.node, score: 0, matches: ["Aktenzeichen \($0.reference.text)"])
                }
            }
            // Near hits (stems, compound parts, typos) follow the exact ones; an Aktenzeichen stands alone.
            if !exact.isEmpty || hits.isEmpty {
                do { hits = try PlanSearch(plan: plan).search(query) } catch { throw error.reported() }
            }
            hits = Array(hits.prefix(limit))
            if output.json {
                PlanJSON.print(hits.map { SearchHitJSON(node: NodeJSON($0.node), matches: $0.matches,
                                                        path: plan.path(to: $0.node).map(\.code.written)) })
                return
            }
            guard !hits.isEmpty else {
                Terminal.note("No node matches '\(query)'.")
                return
            }
            var lines: [String] = []
            for hit in hits {
                let path = plan.path(to: hit.node).dropLast().map(\.title).joined(separator: " › ")
                lines.append("\(hit.node.code.written.padding(toLength: 8, withPad: " ", startingAt: 0)) \(hit.node.title)")
                lines.append("         in: \(path.isEmpty ? "—" : path)   matched: \(hit.matches.joined(separator: ", "))")
            }
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

struct SearchHitJSON: Encodable {
    var node: NodeJSON
    var matches: [String]
    var path: [String]
}
