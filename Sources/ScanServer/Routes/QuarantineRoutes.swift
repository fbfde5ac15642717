import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Quarantäne: the files put aside with their reasons, and releasing one with a reason. Running a
/// file again is an OCR run and stays with `scanctl quarantine retry` (the page says so).
struct QuarantineRoutes {
    let state: ServerState

    struct Entry {
        var id: String
        var shortID: String
        var file: String
        var reason: String
        var quarantinedAt: String
        var status: String
        var open: Bool
    }

    func add(to router: Router<ServerContext>) {
        router.get("/quarantaene") { _, context in
            let user = try context.require(.viewBatches)
            let entries = try await state.workspace.quarantineEntries().reversed().map { entry in
                Entry(id: entry.id, shortID: String(entry.id.prefix(8)), file: (entry.source as NSString).lastPathComponent,
                      reason: [entry.code, entry.reason].compactMap { $0 }.joined(separator: ": "), quarantinedAt: entry.quarantinedAt,
                      status: Self.germanStatus(entry), open: entry.status == .open)
            }
            let content: [String: Any] = ["entries": entries, "hasEntries": !entries.isEmpty,
                                          "canHandle": user.permits(.handleQuarantine)]
            return try state.pages.page("quarantaene", title: "Quarantäne", context: context, content: content)
        }
        router.post("/quarantaene/{id}/freigeben") { request, context in
            let user = try context.require(.handleQuarantine)
            let id = try DocumentRoutes.documentID(context)
            var request = request
            let form = try await FormFields.of(&request)
            let reason = try form.required("reason", label: "Begründung")
            _ = try await state.workspace.releaseFromQuarantine(id, reason: reason, by: user)
            context.sessions.withLockedSession { $0?.notice = "Aus der Quarantäne entlassen (ohne Akte): \(reason)" }
            return Response.redirect(to: "/quarantaene", type: .normal)
        }
        router.get("/healthz") { _, _ in
            // Answers once the workspace's database answers.
            _ = try await state.workspace.users()
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }

    static func germanStatus(_ entry: QuarantineEntry) -> String {
        switch entry.status {
        case .open: "offen"
        case .released: "entlassen von \(entry.closedBy ?? "?"): \(entry.closeReason ?? "")"
        case .retried: "erneut verarbeitet als \(entry.retriedAs.map { String($0.prefix(8)) } ?? "?") (\(entry.retriedState ?? "?"))"
        }
    }
}
