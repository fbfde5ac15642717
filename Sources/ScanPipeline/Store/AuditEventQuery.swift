/// Which events to read; every condition given must hold.
package struct AuditEventQuery: Sendable, Equatable {
    package var document: String?
    package var batch: String?
    /// Only events of these actions (nil: any action, including ones this version does not know).
    package var actions: [AuditAction]?
    /// At most this many, the first in sequence order.
    package var limit: Int?

    package init(document: String? = nil, batch: String? = nil, actions: [AuditAction]? = nil, limit: Int? = nil) {
        self.document = document
        self.batch = batch
        self.actions = actions
        self.limit = limit
    }

    package static let all = AuditEventQuery()
}
