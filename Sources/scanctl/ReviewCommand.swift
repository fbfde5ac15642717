import ArgumentParser

extension ScanCtl {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Work through the review queue: look at documents, accept or correct where they are filed.",
            discussion: """
                A document the classifier was not sure of is filed provisionally and waits in the review \
                queue (state needs-review). A records manager:
                  1. scanctl review list                     the queue
                  2. scanctl review show ID                  one document: where it is filed, the candidates \
                with probabilities and evidence, the start of its text, the path of its PDF
                  3. scanctl review accept ID --reviewer NAME         file it under the classifier's suggestion
                     scanctl review reclassify ID CODE --reason TEXT --reviewer NAME   file it elsewhere
                IDs are document ids or their first characters (at least 4). Filed documents can be \
                confirmed or reclassified the same way (--state filed). accept and reclassify also take a \
                filter instead of IDs (--state, --code, --below, --batch) to review many at once; try \
                --dry-run first.

                Four eyes: changing where a document with Schutzbedarf hoch or sehr-hoch is filed, or \
                moving one into or out of a plan node listed in WORKSPACE/review-policy.yaml, takes effect \
                only when a second, different reviewer approves it (review approve ID), or is turned down \
                (review reject ID --reason TEXT). The policy file:
                  four_eyes:
                    schutzbedarf: hoch        # the lowest level that needs four eyes (or none)
                    codes: ["0", "11"]        # plan nodes whose records need four eyes

                Every review is an audit event (who, old and new plan code, reason); the record's \
                metadata.json and its PDF/A metadata are rewritten, and the next export hands it over \
                again. scanctl train --from-reviews learns from the corrections. --reviewer can be set once \
                with SCANCTL_REVIEWER.
                """,
            subcommands: [List.self, Show.self, Accept.self, Reclassify.self, Approve.self, Reject.self])
    }
}
