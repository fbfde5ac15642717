import ArgumentParser

extension ScanCtl {
    struct Quarantine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quarantine",
            abstract: "Act on files put aside by scanctl run: list them, look at one, run it again, or release it.",
            discussion: """
                A file that cannot be read or filed is kept in WORKSPACE/quarantine/ (a copy and a \
                .reason.json beside it) and its document has state quarantined. Once the cause is fixed \
                (a new scan, a missing tool installed), run it again; or close it with a reason. Every \
                command takes --workspace DIR (default ./scanctl-workspace) and --json:
                  1. quarantine list                   every quarantined file: id, file, reason, batch, \
                when, and what became of it (open, released, retried → filed …)
                  2. quarantine show ID                one of them: the kept copy, the reason file, \
                whether the file is still at its path, its audit history
                  3. quarantine retry ID...            run it through the pipeline again: the file at its \
                path (the same one, or a new scan put in its place), else the copy kept in quarantine. It \
                becomes a new document, filed, queued for review or quarantined again with the new \
                reason; the old one is closed as retried (quarantine.retried in the audit trail).
                     quarantine release ID --reason TEXT   close it without a record (e.g. returned to \
                the sender); audited as quarantine.released
                IDs are document ids or their first characters (at least 4). Retry and release act as \
                the scanctl user mapped to your operating-system account, or --as NAME with the password \
                on standard input; the role must handle the quarantine (poststelle, records-manager).

                scanctl run given a file an earlier batch quarantined retries it the same way: it is \
                not a duplicate. A released file given again is reported as a duplicate (it was released \
                on purpose); quarantine retry ID runs it anyway. A file is filed once: a retry of a file \
                part of which is filed already is refused.

                Files that could not be read at all (missing, a folder, no permission) have only their \
                reason file and audit event, no document: run them again once they can be read.
                """,
            subcommands: [List.self, Show.self, Retry.self, Release.self])
    }
}
