import ArgumentParser

extension ScanCtl {
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check and read a workspace's audit trail.",
            discussion: """
                Every step that changes a record leaves an event in the workspace's audit trail: who or \
                what (with versions), when, what changed from what to what, and why. Each event carries \
                the SHA-256 of the one before it, so a changed, removed or reordered event breaks the chain.

                Exit codes: 0 success (verify: the chain is intact), 1 the chain is broken (the first bad \
                event is named), 2 no workspace, 64 invalid arguments.
                """,
            subcommands: [Verify.self, Log.self, Export.self, VerifySeal.self, SealKeyCommand.self, TransfervermerkCommand.self]
        )
    }
}
