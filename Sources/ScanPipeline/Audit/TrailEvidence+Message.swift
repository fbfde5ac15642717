extension TrailEvidence.Inconsistency {
    /// The finding in words, as `audit verify` prints it.
    var message: String {
        switch self {
        case .batchWithoutOpenedEvent(let batch): "batch \(batch) has no batch.opened event"
        case .closedBatchWithoutClosedEvent(let batch): "batch \(batch) is closed, but the trail records no batch.closed for it"
        case .openBatchClosedByTrail(let batch): "batch \(batch) is open, but the trail closed it"
        case .documentWithoutEvent(let document): "document \(document) has no event in the trail"
        case .recordWithoutWrittenEvent(let document): "document \(document) has a record, but the trail records no record.written for it"
        case .sourceFileWithoutEvent(let sha256): "source file \(sha256) has no event in the trail"
        case .eventNamesUnknownDocument(let document): "the trail names document \(document), which the workspace does not have"
        case .eventNamesUnknownBatch(let batch): "the trail names batch \(batch), which the workspace does not have"
        }
    }
}
