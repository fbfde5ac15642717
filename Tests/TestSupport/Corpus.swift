public import Foundation
public import Testing

/// The shared test corpus (../shared/corpus beside the repository, or `SCANCTL_CORPUS`).
/// Tests that need it are skipped, with `missingReason`, on a clone without it.
public enum Corpus {
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["SCANCTL_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        return Repository.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    /// Why a test that needs the corpus did not run: `@Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))`.
    public static let missingReason: Comment = "the shared corpus (../shared/corpus or $SCANCTL_CORPUS) is not present"

    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    public static let tesseractTesting = "scans/tesseract/testing"
    public static let paperlessTesseract = "scans/paperless/src/paperless/tests/samples/tesseract"
}
