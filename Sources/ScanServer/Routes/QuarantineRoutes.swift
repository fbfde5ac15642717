import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Quarantäne: the files put aside with their reasons; running one again once its cause is fixed
/// (the same library call as `scanctl quarantine retry`: a new batch, OCR included, while the
/// browser waits), or releasing it with a reason.
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
        /// Open or released: may be run again (a retried one is done; its successor is retried instead).
        var retriable: Bool
    }

    func add(to router: Router<ServerContext>) {
        router.get("/quarantaene") { _, context in
            let user = try context.require(.viewBatches)
            let entries = try await state.workspace.quarantineEntries().reversed().map { entry in
                Entry(id: entry.id, shortID: String(entry.id.prefix(8)), file: (entry.source as NSString).lastPathComponent,
                      reason: [entry.code, entry.reason].compactMap { $0 }.joined(separator: ": "),
                      quarantinedAt: GermanWording.dateTime(entry.quarantinedAt),
                      status: Self.germanStatus(entry), open: entry.status == .open,
                      retriable: entry.status != .retried)
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
        router.post("/quarantaene/{id}/erneut") { _, context in
            let user = try context.require(.handleQuarantine)
            let id = try DocumentRoutes.documentID(context)
            let configuration = state.configuration
            let setup = RunSetup.Request(inputs: [], operatorName: user.name, workers: configuration.retryWorkers,
                                         ocr: OCRConfiguration(), softwareVersion: configuration.software)
            let logger = context.logger
            let outcome = try await state.runGate.run {
                try await state.workspace.retryFromQuarantine([id], by: user, setup: setup, plan: state.plan,
                                                              sealKey: configuration.sealKey, logger: logger)
            }
            let message = outcome.entries.first.map(Self.retryMessage) ?? "Erneut verarbeitet."
            context.sessions.withLockedSession { $0?.notice = message }
            return Response.redirect(to: "/quarantaene", type: .normal)
        }
    }

    /// What a retry made of the file, for the status region.
    static func retryMessage(_ entry: QuarantineEntry) -> String {
        let file = (entry.source as NSString).lastPathComponent
        guard entry.status == .retried, let successor = entry.retriedAs else {
            return "„\(file)“ wurde nicht erneut verarbeitet."
        }
        let link = String(successor.prefix(8))
        return switch entry.retriedState {
        case DocumentState.filed.rawValue?: "„\(file)“ erneut verarbeitet und abgelegt (Dokument \(link))."
        case DocumentState.needsReview.rawValue?: "„\(file)“ erneut verarbeitet; Dokument \(link) liegt in der Prüfliste."
        case DocumentState.quarantined.rawValue?: "„\(file)“ erneut verarbeitet, aber wieder in Quarantäne (Dokument \(link)): "
            + "die Ursache besteht noch."
        default: "„\(file)“ erneut verarbeitet als Dokument \(link)."
        }
    }

    static func germanStatus(_ entry: QuarantineEntry) -> String {
        switch entry.status {
        case .open: "offen"
        case .released: "entlassen von \(entry.closedBy ?? "?"): \(entry.closeReason ?? "")"
        case .retried: "erneut verarbeitet als \(entry.retriedAs.map { String($0.prefix(8)) } ?? "?") (\(entry.retriedState.map(QueueRoutes.germanState) ?? "?"))"
        }
    }
}
