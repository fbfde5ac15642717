import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct VerifySeal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-seal",
            abstract: "Check a batch's sealed Transfervermerk: its Ed25519 seal and the audit trail it pins.",
            discussion: """
                A sealed Transfervermerk (scanctl run --seal-key FILE) names the audit trail's last event when \
                it was written. This checks the seal against the note, the signer against --public-key when \
                given, that the named event still has the sealed hash, and the whole chain. Without --batch, \
                every sealed batch is checked.

                Exit codes: 0 every seal checks out, 1 a seal, note or the trail does not, 2 no workspace, \
                64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The batch id.", valueName: "id"))
        var batch: String?

        @Option(help: ArgumentHelp("The public key the seal must be made with (base64, as `audit seal-key` printed it).",
                                   valueName: "key"))
        var publicKey: String?

        @OptionGroup var selection: WorkspaceSelection

        func run() async throws {
            let workspace = try selection.open(create: false)
            var batches: [String]
            if let batch {
                batches = [batch]
            } else {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.transfervermerkFolder.path)) ?? []
                batches = names.filter { $0.hasSuffix(".seal.json") }.map { String($0.dropLast(".seal.json".count)) }.sorted()
                if batches.isEmpty {
                    Terminal.error("no sealed Transfervermerk in \(workspace.transfervermerkFolder.path)")
                    throw ExitCode(1)
                }
            }
            var broken = false
            for batch in batches {
                do {
                    let problems = try await workspace.verifySeal(batch: batch, trusted: publicKey)
                    if problems.isEmpty {
                        StandardOutput.write("sealed and intact: batch \(batch)\n")
                    } else {
                        broken = true
                        StandardOutput.write("BROKEN: batch \(batch): " + problems.joined(separator: "; ") + "\n")
                    }
                } catch let error as ScanPipelineError {
                    broken = true
                    Terminal.error(error.description)
                }
            }
            if broken { throw ExitCode(1) }
        }
    }

    struct SealKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal-key",
            abstract: "Make an Ed25519 key for sealing Transfervermerke (scanctl run --seal-key FILE).",
            discussion: """
                Writes the private key to FILE, readable only by its owner, and prints the public key: give \
                that to whoever checks seals (scanctl audit verify-seal --public-key KEY). An existing file \
                is never overwritten.
                """)

        @Option(help: ArgumentHelp("Where to write the private key.", valueName: "file"))
        var out: String

        func run() async throws {
            let key = ScanPipeline.SealKey.generate()
            let url = URL(fileURLWithPath: out)
            guard !FileManager.default.fileExists(atPath: url.path) else {
                Terminal.error("\(out) exists; a key is never overwritten")
                throw ExitCode(1)
            }
            guard FileManager.default.createFile(atPath: url.path, contents: Data(key.fileContent.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                Terminal.error("\(out): cannot write the key")
                throw ExitCode(1)
            }
            StandardOutput.write("public key: \(key.publicKey)\n")
        }
    }
}
