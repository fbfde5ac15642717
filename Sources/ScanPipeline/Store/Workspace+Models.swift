public import Foundation

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
        let folder = modelsFolder
        // Encoding, hashing and the synced write are blocking work: off the cooperative pool.
        let (digest, file) = try await BlockingWork.run { () -> (String, URL) in
            let data = try model.encoded()
            let digest = data.sha256Hex
            let file = folder.appendingPathComponent("\(digest).json")
            do {
                // A file of that name with other content (damaged since) is replaced.
                let existing = FileManager.default.contents(atPath: file.path)
                if existing?.sha256Hex != digest { try AtomicWrite.write(data, to: file) }
            } catch {
                throw ScanPipelineError(.workspace, path: file.path, "cannot write the model: \(error)")
            }
            return (digest, file)
        }
        let version = ClassificationModel.version(digest: digest)
        let payload = ModelTrained(
            model: version, sha256: digest, file: "models/\(digest).json", planVersion: model.planVersion, seed: model.seed,
            sources: model.sources, vocabulary: model.vectorizer.count, levels: model.levels.map(\.level),
            trainingSeconds: (trainingSeconds * 100).rounded() / 100)
        try await modelLedger.recordModelTrained(AuditEntry(actor: actor, payload: payload))
        return StoredModel(model: model, version: version, digest: digest, file: file)
    }

    /// The model the newest `model.trained` event names, checked against its recorded hash; nil
    /// when none was trained here.
    public func activeModel() async throws -> StoredModel? {
        guard let event = try await modelLedger.newestModelTrained() else { return nil }
        guard let recorded = event.payload(as: ModelTrained.self) else {
            throw ScanPipelineError(.invalidModel, path: databasePath, "the newest model.trained event has no model hash")
        }
        let file = modelsFolder.appendingPathComponent("\(recorded.sha256).json")
        let digest = recorded.sha256
        let model = try await BlockingWork.run { try ClassificationModel.load(from: file, expectedDigest: digest) }
        return StoredModel(model: model, version: ClassificationModel.version(digest: recorded.sha256),
                           digest: recorded.sha256, file: file)
    }

    /// Documents whose place in the plan a records manager settled in review (the newest
    /// `document.reviewed` or `document.discarded` event per document: its `code`, or
    /// ``TrainingDocument/notRecordRelevantCode`` for a discarded one), with their recognised text,
    /// blank pages left out.
    public func reviewedTrainingDocuments() async throws -> [TrainingDocument] {
        try await modelLedger.reviewedDecisions().compactMap { decision in
            let code: String
            if let reviewed = decision.event.payload(as: ReviewAuditPayload.Reviewed.self) {
                code = reviewed.code
            } else if decision.event.payload(as: ReviewAuditPayload.Discarded.self) != nil {
                code = TrainingDocument.notRecordRelevantCode
            } else {
                throw ScanPipelineError(.workspace, path: databasePath,
                                        "audit event \(decision.event.sequence) (\(decision.event.action)) has no plan code")
            }
            let text = decision.pageTexts.joined(separator: "\n")
            guard !text.isEmpty else { return nil }  // nothing recognised: nothing to learn from
            return TrainingDocument(id: decision.document, text: text, code: code, source: Workspace.reviewsSource)
        }
    }
}
