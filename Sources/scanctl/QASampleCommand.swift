import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.QA {
    struct Sample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a round of pages at random from a batch's records for the visual comparison.",
            discussion: """
                The population is the batch's record pages (of filed, in-review and exported documents; \
                blank pages kept in a record count) not drawn in an earlier round. --rate is a percentage \
                (5 = 5 %, rounded up, at least one page); --count a number of pages. The same --seed over \
                the same batch draws the same pages; without one a random seed is chosen, printed and \
                recorded. A new round is refused while the last one has unchecked pages; after a failed \
                round it must be larger and allow no more defects.
                Exit codes: 0 drawn; 1 refused (unknown batch, the run not finished, the last round \
                unchecked, a rate or count the batch cannot give, released already, a role without \
                quality-check); 2 the workspace cannot be used; 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The batch id or its first characters (at least 4).", valueName: "id"))
        var batch: String

        @Option(help: ArgumentHelp("The share of the pages to draw, in percent (5 = 5 %).", valueName: "percent"))
        var rate: String?

        @Option(help: ArgumentHelp("The number of pages to draw.", valueName: "n"))
        var count: Int?

        @Option(help: ArgumentHelp("The generator's seed (default: a random one, printed and recorded).", valueName: "s"))
        var seed: UInt64?

        @Option(help: ArgumentHelp("The acceptance number c: the round passes with at most c defective pages (default 0).",
                                   valueName: "c"))
        var accept = 0

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        var percent: Double? {
            rate.flatMap { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
                .replacingOccurrences(of: ",", with: ".")) }
        }

        func validate() throws {
            guard (rate == nil) != (count == nil) else { throw ValidationError("give either --rate PERCENT or --count N") }
            if rate != nil {
                guard let percent, percent > 0, percent <= 100 else {
                    throw ValidationError("--rate is a percentage above 0 and at most 100, e.g. --rate 5 for 5 %")
                }
            }
            if let count, count < 1 { throw ValidationError("--count is at least 1") }
            guard accept >= 0 else { throw ValidationError("--accept is 0 or more") }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let size: QualitySampleRule.Size = if let count { .count(count) } else { .rate(percent ?? 0) }
            let round: QualityReport.Round
            do {
                let id = try await workspace.qualityBatchID(batch)
                round = try await workspace.drawQualitySample(batch: id, rule: QualitySampleRule(size: size, acceptance: accept),
                                                              seed: seed, by: user)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(round)
                return
            }
            let asked = round.ratePercent.map { " (\(QAText.number($0)) %)" } ?? ""
            var text = "round \(round.number): \(round.sampleSize) of \(round.population) page(s) drawn\(asked), seed \(round.seed); "
                + "passes with at most \(round.acceptance) defective\(round.tightened ? " (tightened after a failed round)" : "")\n"
            text += QAText.pages(round.pages)
            text += "check each with: scanctl qa check PAGE --ok | --defect KIND --note TEXT\n"
            StandardOutput.write(text)
        }
    }
}
