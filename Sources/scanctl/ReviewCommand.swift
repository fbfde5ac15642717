import ArgumentParser

extension ScanCtl {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Work through the review queue: look at documents, accept or correct where they are filed.",
            discussion: """
                A document the classifier was not sure of is filed provisionally and waits in the review \
                queue (state needs-review): at some level of the file plan its best candidate's \
                probability stayed below the threshold (default 0.95 for the main group, 0.90 for the \
                group, 0.85 below; scanctl run --thresholds sets them). A records manager works through it (every command takes \
                --workspace DIR, default ./scanctl-workspace):
                  1. review list                 the queue
                  2. review show ID [--text]     one document: where it is filed, the candidates with \
                probabilities and evidence, its text, the path of its PDF
                  3. review accept ID            file it under the classifier's suggestion, or
                     review reclassify ID CODE --reason TEXT     file it elsewhere (plan show, plan \
                search find codes), or
                     review discard ID --reason TEXT     not a record at all (nicht aktenrelevant): \
                advertising, a receipt of no record value, a duplicate; never exported
                You act as the scanctl user mapped to your operating-system account (scanctl user add), or \
                with --as NAME and your password on standard input. IDs are document ids or their \
                first characters (at least 4). Filed documents are confirmed or reclassified the same way, \
                by ID. Instead of IDs, accept and reclassify take a filter (--state, --code, --below, \
                --batch) to review many at once; try --dry-run first.

                Four eyes: changing where a document is filed, when the document or the plan node it moves \
                to has Schutzbedarf hoch or sehr-hoch, or when it moves into or out of a plan node listed \
                in WORKSPACE/review-policy.yaml, takes effect only when a second, different reviewer \
                user approves it (review approve ID, as another user), or is turned down (review reject ID \
                --reason TEXT). review policy shows the rules in force. Without the file the default is \
                Schutzbedarf hoch and no listed nodes; the file looks like:
                  four_eyes:
                    schutzbedarf: hoch        # the lowest level that needs four eyes (or none)
                    codes: ["0", "11"]        # plan nodes whose records need four eyes
                    discard: four-eyes        # discards by the same rules (default), or single

                Every review is an audit event (who, old and new plan code, reason); the record's \
                metadata.json and its PDF/A metadata are rewritten, and the next export hands it over \
                again. scanctl train --from-reviews learns from the corrections.
                """,
            subcommands: [List.self, Show.self, Accept.self, Reclassify.self, Discard.self, Approve.self, Reject.self, Policy.self])
    }
}
