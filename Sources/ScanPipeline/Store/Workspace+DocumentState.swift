internal import GRDB
import Foundation

extension Workspace {
    /// Moves a document to `state`, refusing transitions the state machine does not allow.
    static func move(_ db: Database, document: String, to state: DocumentState, extra: [String: (any DatabaseValueConvertible)?] = [:]) throws {
        guard let current = try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [document])
            .flatMap(DocumentState.init(rawValue:)) else {
            throw ScanPipelineError(.workspace, "document \(document) is not in the workspace")
        }
        guard current == state || current.successors.contains(state) else {
            throw ScanPipelineError(.workspace, "document \(document) cannot move from \(current.rawValue) to \(state.rawValue)")
        }
        var assignments = ["state = ?", "updatedAt = ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [state.rawValue, AuditTrail.timestamp(Date())]
        for (column, value) in extra.sorted(by: { $0.key < $1.key }) {
            assignments.append("\(column) = ?")
            arguments.append(value)
        }
        arguments.append(document)
        try db.execute(sql: "UPDATE document SET \(assignments.joined(separator: ", ")) WHERE id = ?",
                       arguments: StatementArguments(arguments))
    }
}
