import Foundation

extension BatchRun {
    /// Puts aside a registered document whose pages could not be read or recognised.
    func quarantine(_ item: WorkItem, error: ScanPipelineError) async throws {
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let kept = try await BlockingWork.run {
            // A page that could not be written may be the disk's fault, not the file's.
            if let problem = StorageFailure.problem(in: quarantine.folder) { throw problem }
            return try quarantine.keep(InputFile(path: item.path, openPath: item.openPath), sha256: item.sha256, error: error,
                                batch: batch, time: now)
        }
        let payload = RunAuditPayload.Quarantined(path: item.path, sha256: item.sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: kept.storedAs)
        guard let state = try await store.state(of: item.document) else {
            throw ScanPipelineError(.unknownID, "document \(item.document) is not in the workspace")
        }
        let event = AuditEntry(actor: runner.componentActor, action: .documentQuarantined,
                                     subjects: AuditSubjects(batch: item.batch, file: item.sha256, document: item.document),
                                     payload: payload)
        let transition = try DocumentTransition(
            document: item.document, from: state, event: .quarantined,
            changes: DocumentChanges(problemCode: error.code.rawValue, problem: error.reason), events: [event])
        try await store.quarantine(transition, copy: QuarantineCopy(document: item.document, path: item.path, storedAs: kept.storedAs,
                                                                    reasonFile: kept.reasonFile, time: now))
        try await removeWorkFolderIfDone(item)
        let outcome = DocumentOutcome(document: item.document, source: item.path, sha256: item.sha256, state: .quarantined,
                                      note: "\(error.reason) [\(error.code.rawValue)]", pages: item.pageCount, blankPages: 0)
        settle(outcome)
        await events(.quarantined(path: item.path, error: error))
        await events(.settled(outcome))
    }

    /// Records a settled document in the summary.
    func settle(_ outcome: DocumentOutcome) {
        summary.documents.append(outcome)
        switch outcome.state {
        case .filed: summary.filed += 1
        case .needsReview: summary.needsReview += 1
        case .quarantined: summary.quarantined += 1
        default: break
        }
    }
}
