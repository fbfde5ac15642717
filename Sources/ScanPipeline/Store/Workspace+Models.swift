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
    struct ModelTrained: Encodable {
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
            if !FileManager.default.fileExists(atPath: file.path) { try AtomicWrite.write(data, to: file) }
        } catch {
            throw ScanPipelineError(.workspace, path: file.path, "cannot write the model: \(error)")
        }
        let version = ClassificationModel.version(digest: digest)
        let payload = ModelTrained(
            model: version, sha256: digest, file: "models/\(digest).json", planVersion: model.planVersion, seed: model.seed,
            sources: model.sources, vocabulary: model.vectorizer.count, levels: model.levels.map(\.level),
            trainingSeconds: (trainingSeconds * 100).rounded() / 100)
        try await database.write { db in
            _ = try AuditTrail.append(db, actor: actor, action: "model.trained", payload: payload)
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
    /// `document.reviewed` event per document: its `code`), with their recognised text.
    public func reviewedTrainingDocuments() async throws -> [TrainingDocument] {
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.document AS document, e.payload AS payload,
                       (SELECT group_concat(text, char(10)) FROM (SELECT text FROM page
                         WHERE page.document = e.document AND NOT blank ORDER BY number)) AS text
                FROM auditEvent e
                WHERE e.action = 'document.reviewed' AND e.sequence =
                      (SELECT MAX(sequence) FROM auditEvent f WHERE f.action = 'document.reviewed' AND f.document = e.document)
                ORDER BY e.document
                """).map { row in (document: row["document"] as String? ?? "", payload: row["payload"] as String? ?? "",
                                  text: row["text"] as String? ?? "") }
        }
        struct Reviewed: Decodable { var code: String }
        return rows.compactMap { row in
            guard let reviewed = try? JSONDecoder().decode(Reviewed.self, from: Data(row.payload.utf8)), !row.text.isEmpty
            else { return nil }
            return TrainingDocument(id: row.document, text: row.text, code: reviewed.code, source: "reviews")
        }
    }
}
