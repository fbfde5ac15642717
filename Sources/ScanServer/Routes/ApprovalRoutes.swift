import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Freigaben: the changes waiting for a second person (four eyes), for records managers. Approving
/// and rejecting go through the library, which compares the authenticated requester with the
/// approver inside the approving transaction.
struct ApprovalRoutes {
    let state: ServerState

    struct Request {
        var id: String
        var shortID: String
        var source: String
        var change: String
        var requestedBy: String
        var mine: Bool
    }

    func add(to router: Router<ServerContext>) {
        router.get("/freigaben") { _, context in
            let user = try context.require(.approve)
            let policy = try state.policy()
            var query = ReviewQueueQuery(states: .all, pageSize: 500)
            query.awaitingApproval = true
            let rows = try await state.workspace.reviewQueue(query, for: user, policy: policy).rows.map { row in
                Request(id: row.document, shortID: String(row.document.prefix(8)), source: (row.source as NSString).lastPathComponent,
                        change: "\(row.planCode ?? "–") → \(row.pendingTo ?? "")", requestedBy: row.pendingBy ?? "?",
                        mine: row.pendingBy == user.name)
            }
            let content: [String: Any] = ["requests": rows, "hasRequests": !rows.isEmpty]
            return try state.pages.page("freigaben", title: "Freigaben", context: context, content: content)
        }
        router.post("/freigaben/{id}/genehmigen") { request, context in
            let user = try context.require(.approve)
            let id = try DocumentRoutes.documentID(context)
            var request = request
            let form = try await FormFields.of(&request)
            do {
                _ = try await state.workspace.approve(id, reason: form["reason"], session: session(user))
            } catch let error as ScanPipelineError where error.code == .forbidden {
                // The role may approve (checked above): what is refused is approving one's own request.
                throw ScanServerError(.forbidden, "Vier-Augen-Prinzip: Sie haben diese Änderung selbst beantragt. "
                                      + "Eine zweite Person muss sie freigeben; Sie können sie nur zurückziehen.")
            }
            context.sessions.withLockedSession { $0?.notice = "Freigegeben: die Änderung ist wirksam." }
            return Response.redirect(to: "/freigaben", type: .normal)
        }
        router.post("/freigaben/{id}/ablehnen") { request, context in
            let user = try context.require(.viewQueue)
            let id = try DocumentRoutes.documentID(context)
            var request = request
            let form = try await FormFields.of(&request)
            let reason = try form.required("reason", label: "Begründung")
            _ = try await state.workspace.reject(id, reason: reason, session: session(user))
            context.sessions.withLockedSession { $0?.notice = "Abgelehnt: das Dokument bleibt, wo es war." }
            return Response.redirect(to: user.permits(.approve) ? "/freigaben" : "/dokumente/\(id)", type: .normal)
        }
    }

    private func session(_ user: AuthenticatedUser) throws -> ReviewSession {
        ReviewSession(user: user, plan: state.plan, policy: try state.policy(), software: state.configuration.software)
    }
}
