/// A document to create, in the state its lifecycle gives it: its origin's initial state, moved on
/// by the events that happen in the same transaction (a source file is ingested and separated at
/// once, so its row starts `separated`).
package struct NewDocument: Sendable {
    package var id: String
    package var batch: String
    package var sourceFile: String
    /// The document it was split from, whose work folder holds its page files.
    package var parent: String?
    package var pageCount: Int
    package var problemCode: String?
    package var problem: String?
    package let origin: DocumentLifecycle.Origin
    /// The state the row is created in.
    package let state: DocumentState

    package init(id: String, batch: String, sourceFile: String, parent: String? = nil, pageCount: Int,
         origin: DocumentLifecycle.Origin, then events: [DocumentLifecycle.Event] = [],
         problemCode: String? = nil, problem: String? = nil) throws(ScanPipelineError) {
        var lifecycle = DocumentLifecycle(origin: origin)
        for event in events { try lifecycle.handle(event) }
        self.id = id
        self.batch = batch
        self.sourceFile = sourceFile
        self.parent = parent
        self.pageCount = pageCount
        self.problemCode = problemCode
        self.problem = problem
        self.origin = origin
        state = lifecycle.state
    }
}
