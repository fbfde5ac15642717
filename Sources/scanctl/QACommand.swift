import ArgumentParser

extension ScanCtl {
    struct QA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qa",
            abstract: "Sample checks (Stichprobe, TR-RESISCAN) of a batch and the release of its paper for destruction.",
            discussion: """
                Before the paper of a batch is destroyed (ersetzendes Scannen, BSI TR-03138), pages drawn at \
                random from its records are compared with the paper by a named person:
                  1. qa sample --batch ID --rate P | --count N [--seed S] [--accept C]
                  2. qa check PAGE --ok | --defect KIND --note TEXT
                  3. qa status --batch ID
                  4. qa release --batch ID [--reason TEXT]
                A round's seed is printed and recorded, so the draw can be repeated; PAGE is a drawn \
                page as qa sample prints it (3fa2b1c0:2); qa status shows rounds, checks, open defects \
                and rescan flags and the verdict; qa release is the Freigabe zur Vernichtung des Papiers \
                (records-manager only).
                The rule is AQL-style: a round of n pages passes when every page is checked and at most C \
                (--accept, default 0) were found defective. A defect counts against its round even after the \
                page is rescanned (scanctl rescan) and checked in order again; after a failed round only a \
                larger one (tightened inspection) can pass the batch, or one that takes every page left (a 100 % \
                inspection, passed once checked: its defects must all be resolved). The release needs the batch passed, \
                every defect checked in order again, no page flagged for rescan and no file in quarantine.
                Every step is audited (qa.sample-drawn, qa.page-checked, qa.released). Drawing and checking \
                need the role poststelle, registratur or records-manager; acts as the scanctl user mapped to \
                your operating-system account, or --as NAME with the password on standard input. Every \
                command takes --workspace DIR and --json.
                """,
            subcommands: [Sample.self, Check.self, Status.self, Release.self])
    }
}
