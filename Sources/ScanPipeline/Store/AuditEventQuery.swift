/// Which events to read; every condition given must hold.
struct AuditEventQuery: Sendable, Equatable {
    var document: String?
    var batch: String?
    /// Only events of these actions (nil: any action, including ones this version does not know).
    var actions: [AuditAction]?
    /// At most this many, the first in sequence order.
    var limit: Int?

    init(document: String? = nil, batch: String? = nil, actions: [AuditAction]? = nil, limit: Int? = nil) {
        self.document = document
        self.batch = batch
        self.actions = actions
        self.limit = limit
    }

    static let all = AuditEventQuery()
}
