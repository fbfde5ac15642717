import Foundation
import ScanPipeline

extension SealKey {
    /// The key of a `--seal-key FILE` option, else of `$SCANCTL_SEAL_KEY`; nil when neither names one.
    static func fromOption(_ path: String?) throws -> SealKey? {
        let file = path ?? ProcessInfo.processInfo.environment["SCANCTL_SEAL_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        return try file.map { try SealKey.load(from: URL(fileURLWithPath: $0)) }
    }
}
