import Testing
import Foundation

/// The shared test corpus (../shared/corpus beside the repository, or `SCANCTL_CORPUS`).
/// Tests that need it are skipped, with this reason, on a clone without it.
enum Corpus {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["SCANCTL_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/ScanPipelineTests/Support/Corpus.swift → repository root → ../shared/corpus
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpus")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
    }

    static let missingReason: Comment = "the shared corpus (../shared/corpus or $SCANCTL_CORPUS) is not present"

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static let tesseractTesting = "scans/tesseract/testing"
    static let paperlessTesseract = "scans/paperless/src/paperless/tests/samples/tesseract"
}

