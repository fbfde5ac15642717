import ArgumentParser

extension ScanCtl {
    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Records at the end of retention: list them, record the archive's Bewertung and receipts, dispose of them.",
            discussion: """
                A record's retention ends on the last day of the year its file was closed plus the plan \
                node's retention years (a scanned record counts as closed in the year it was filed); \
                permanent records are never due. At the end comes the Aussonderung, by the node's \
                Aussonderungsart: A (archivwürdig) and B (bewerten) records are offered to the archive, \
                V (vernichten) ones are destroyed.
                  1. retention due [--before DATE]        the records whose retention ended before DATE \
                (default today), by disposal code
                  2. export --target xdomea-aussonderung --stage anbieten --out DIR   the Anbieteverzeichnis \
                (xdomea 0501) of the due A and B records
                  3. retention evaluation FILE            the archive's Bewertungsverzeichnis (0502): \
                archivwürdig or kassabel per record
                  4. export --target xdomea-aussonderung --stage aussondern --out DIR   the Aussonderung \
                (0503) of the records judged archivwürdig, with their PDF/A files
                  5. retention receipt FILE               the archive's receipts: 0504, 0505, 0507 \
                (received), 0506 (imported per record: the record is archived and its local files removed \
                by the deletion protocol)
                  6. retention dispose --reason TEXT      V records due and records judged kassabel: \
                their files removed, a Löschprotokoll (record.disposed event and \
                WORKSPACE/loeschprotokolle/<record>.json), the audit trail kept
                Changes need a records manager (permission dispose): the scanctl user mapped to your \
                operating-system account, or --as NAME with the password on standard input. xdomea \
                messages are validated against the xdomea 3.0.0 schemas given by --xdomea-schemas DIR \
                (or $SCANCTL_XDOMEA_SCHEMAS).
                """,
            subcommands: [Due.self, Evaluation.self, Receipt.self, Dispose.self])
    }
}
