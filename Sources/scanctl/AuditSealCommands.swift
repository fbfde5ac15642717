import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
                batches = try await workspace.sealedBatches()
                if batches.isEmpty {
                    Terminal.error("the audit trail of \(workspace.root.path) records no sealed Transfervermerk, and transfervermerke/ holds no seal")
                    throw ExitStatus.refused.code
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
            if broken { throw ExitStatus.refused.code }
        }
    }

    struct SealKeyCommand: AsyncParsableCommand {
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
            let key = SealKey.generate()
            let url = URL(fileURLWithPath: out)
            // Created exclusively and owner-only from the first byte: never over an existing key.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else {
                Terminal.error("\(out): " + (errno == EEXIST ? "exists; a key is never overwritten" : "cannot create the key file"))
                throw ExitStatus.refused.code
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: Data(key.fileContent.utf8))
                try handle.synchronize()
            } catch {
                Terminal.error("\(out): cannot write the key: \(error.localizedDescription)")
                throw ExitStatus.refused.code
            }
            StandardOutput.write("public key: \(key.publicKey)\n")
        }
    }
}
