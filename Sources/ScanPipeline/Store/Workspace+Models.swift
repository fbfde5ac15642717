public import Foundation
internal import GRDB

/// Trained models in the workspace. A model is saved as `models/<sha256>.json` and becomes the one
/// `scanctl run` uses through a `model.trained` audit event, so the trail says which model made
/// every later classification, and a model file changed afterwards no longer loads.
extension Workspace {
    /// A model recorded in the audit trail.
    public struct StoredModel: Sendable {
        public var model: ClassificationModel
        /// `model@…`, as classification events name it.
        public var version: String
        public var digest: String
        public var file: URL
    }

    /// What `model.trained` records besides the model's identity.
    struct ModelTrained: AuditPayload {
        static let actions: [AuditAction] = [.modelTrained]
        var model: String
        var sha256: String
        var file: String
        var planVersion: String
        var seed: UInt64
        var sources: [ClassificationModel.Source]
        var vocabulary: Int
        var levels: [Int]
        var trainingSeconds: Double
    }

    /// Saves `model` (written to a temporary name, synced, renamed) and records it as the model in
    /// use. Saving the same model again records it again: it is then the newest.
    @discardableResult
    public func save(_ model: ClassificationModel, trainingSeconds: Double, actor: AuditActor) async throws -> StoredModel {
        let data = try model.encoded()
        let digest = data.sha256Hex
        let file = modelsFolder.appendingPathComponent("\(digest).json")
        do {
            // A file of that name with other content (damaged since) is replaced.
            let existing = FileManager.default.contents(atPath: file.path)
            if existing?.sha256Hex != digest { try AtomicWrite.write(data, to: file) }
        } catch {
            throw ScanPipelineError(.workspace, path: file.path, "cannot write the model: \(error)")
        }
        let version = ClassificationModel.version(digest: digest)
        let payload = ModelTrained(
            model: version, sha256: digest, file: "models/\(digest).json", planVersion: model.planVersion, seed: model.seed,
            sources: model.sources, vocabulary: model.vectorizer.count, levels: model.levels.map(\.level),
            trainingSeconds: (trainingSeconds * 100).rounded() / 100)
        try await database.write { db in
            _ = try AuditTrail.append(db, actor: actor, action: .modelTrained, payload: payload)
        }
        return StoredModel(model: model, version: version, digest: digest, file: file)
    }

    /// The model the newest `model.trained` event names, checked against its recorded hash; nil
    /// when none was trained here.
    public func activeModel() async throws -> StoredModel? {
        let payload = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM auditEvent WHERE action = 'model.trained' ORDER BY sequence DESC LIMIT 1")
        }
        guard let payload else { return nil }
        struct Recorded: Decodable { var sha256: String }
        guard let recorded = try? JSONDecoder().decode(Recorded.self, from: Data(payload.utf8)) else {
            throw ScanPipelineError(.invalidModel, path: databasePath, "the newest model.trained event has no model hash")
        }
        let file = modelsFolder.appendingPathComponent("\(recorded.sha256).json")
        let model = try ClassificationModel.load(from: file, expectedDigest: recorded.sha256)
        return StoredModel(model: model, version: ClassificationModel.version(digest: recorded.sha256),
                           digest: recorded.sha256, file: file)
    }

    /// Documents whose place in the plan a records manager settled in review (the newest
    /// `document.reviewed` event per document: its `code`), with their recognised text, blank pages
    /// left out.
    public func reviewedTrainingDocuments() async throws -> [TrainingDocument] {
        struct Decision: Sendable { var sequence: Int64; var document: String; var payload: String }
        let (decisions, pages) = try await database.read { db in
            let decisions = try Row.fetchAll(db, sql: """
                SELECT e.sequence AS sequence, e.document AS document, e.payload AS payload FROM auditEvent e
                WHERE e.action = 'document.reviewed' AND e.sequence =
                      (SELECT MAX(sequence) FROM auditEvent f WHERE f.action = 'document.reviewed' AND f.document = e.document)
                ORDER BY e.document
                """).map { Decision(sequence: $0["sequence"], document: $0["document"] ?? "", payload: $0["payload"] ?? "") }
            let pages = try Row.fetchAll(db, sql: """
                SELECT page.document AS document, page.text AS text FROM page
                WHERE NOT page.blank AND page.document IN (SELECT document FROM auditEvent WHERE action = 'document.reviewed')
                ORDER BY page.document, page.number
                """).map { (document: $0["document"] as String, text: $0["text"] as String) }
            return (decisions, pages)
        }
        var texts: [String: [String]] = [:]
        for page in pages { texts[page.document, default: []].append(page.text) }
        struct Reviewed: Decodable { var code: String }
        return try decisions.compactMap { decision in
            guard let reviewed = try? JSONDecoder().decode(Reviewed.self, from: Data(decision.payload.utf8)) else {
                throw ScanPipelineError(.workspace, path: databasePath,
                                        "audit event \(decision.sequence) (document.reviewed) has no plan code")
            }
            let text = (texts[decision.document] ?? []).joined(separator: "\n")
            guard !text.isEmpty else { return nil }  // nothing recognised: nothing to learn from
            return TrainingDocument(id: decision.document, text: text, code: reviewed.code, source: "reviews")
        }
    }
}
