import ArgumentParser
import ScanPipeline

/// `--document` and `--batch` of the audit commands: full ids for ids or their starts; a filter
/// that names nothing in the trail is an error (exit 1), never an empty result.
enum AuditSubjectFilter {
    static func resolve(document: String?, batch: String?, in workspace: Workspace) async throws -> (String?, String?) {
        do {
            let document = try await document.asyncMap { try await workspace.auditSubject($0, column: .document) }
            let batch = try await batch.asyncMap { try await workspace.auditSubject($0, column: .batch) }
            return (document, batch)
        } catch let error as ScanPipelineError {
            Terminal.error(error.description)
            throw ExitStatus.refused.code
        }
    }
}

extension Optional {
    func asyncMap<Result>(_ transform: (Wrapped) async throws -> Result) async rethrows -> Result? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
