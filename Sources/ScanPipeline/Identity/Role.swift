/// What a scanctl user does in the records office; each role is a fixed set of ``Permission``s.
///
/// The raw values are what `scanctl user add --role` takes and what the store and the audit trail
/// keep; they never change once written.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Mailroom (digitale Poststelle): batches, quarantine, the rescan list.
    case poststelle
    /// Registratur: reviews documents (accept, reclassify).
    case registratur
    /// Records manager: reviews, approves or rejects four-eyes changes, discards; Aussonderung and
    /// disposal at the end of retention.
    case recordsManager = "records-manager"
    /// Auditor: reads everything, verifies and exports the audit trail; changes nothing.
    case auditor
    /// Administrator: manages users.
    case admin

    /// The permissions of the role.
    public var permissions: Set<Permission> {
        switch self {
        case .poststelle: [.viewBatches, .viewReports, .handleQuarantine, .rescan, .qualityCheck]
        case .registratur: [.viewBatches, .viewReports, .viewQueue, .review, .rescan, .qualityCheck]
        case .recordsManager: [.viewBatches, .viewReports, .viewQueue, .review, .approve, .discard, .handleQuarantine,
                               .viewConfidential, .rescan, .dispose, .qualityCheck, .releasePaper]
        case .auditor: [.viewBatches, .viewReports, .viewQueue, .viewAudit, .viewConfidential]
        case .admin: [.viewBatches, .manageUsers]
        }
    }

    public func permits(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// The role's name as the authority's staff read it (German).
    public var germanName: String {
        switch self {
        case .poststelle: "Poststelle"
        case .registratur: "Registratur"
        case .recordsManager: "Schriftgutverwaltung"
        case .auditor: "Prüfung"
        case .admin: "Administration"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
