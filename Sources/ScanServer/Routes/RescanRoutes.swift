import FilePlan
import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Nachscannen on the Dokument page: upload the rescanned page(s) to replace flagged ones, or keep
/// a flagged page as it is with a reason; the same library calls as `scanctl rescan`. Each form
/// carries the document's version: one that moved meanwhile is answered 409.
struct RescanRoutes {
    let state: ServerState

    func add(to router: Router<ServerContext>) {
        router.post("/dokumente/{id}/nachscannen") { request, context in
            let user = try context.require(.rescan)
            let id = try DocumentRoutes.documentID(context)
            var request = request
            let form = try await MultipartForm.of(&request)
            try await requireVersion(form["version"], of: id, for: user)
            let pages = try Self.pages(form["seiten"])
            guard let upload = form.files["datei"], upload.data.readableBytes > 0 else {
                throw ScanServerError(.badRequest, "Bitte wählen Sie die Datei mit dem neuen Scan.")
            }
            let setup = RunSetup.Request(inputs: [], operatorName: user.name, workers: state.configuration.retryWorkers,
                                         ocr: OCRConfiguration(), softwareVersion: state.configuration.software)
            // Its content, not its name, decides how it is read; the name only helps a person find it.
            let (data, name, reason, logger) = (Data(upload.data.readableBytesView), Self.safeName(upload.filename), form["grund"],
                                                context.logger)
            let outcome = try await state.runGate.run {
                try await state.workspace.rescan(id, pages: pages, withUpload: data, named: name, reason: reason, by: user,
                                                 setup: setup, plan: state.plan, logger: logger)
            }
            let still = outcome.rescan.pages.filter { !($0.newFlags ?? []).isEmpty }.map(\.number)
            let message = "Seite(n) \(Self.list(pages)) ersetzt; das Dokument liegt zur Prüfung in der Prüfliste."
                + (still.isEmpty ? "" : " Auch der neue Scan von Seite(n) \(Self.list(still)) ist zum Nachscannen markiert.")
            context.sessions.withLockedSession { $0?.notice = message }
            return Response.redirect(to: "/dokumente/\(id)", type: .normal)
        }
        router.post("/dokumente/{id}/markierung-annehmen") { request, context in
            let user = try context.require(.rescan)
            let id = try DocumentRoutes.documentID(context)
            var request = request
            let form = try await FormFields.of(&request)
            try await requireVersion(form["version"], of: id, for: user)
            let pages = try Self.pages(form["seiten"])
            let reason = try form.required("grund", label: "Begründung")
            let software = state.configuration.software
            _ = try await state.runGate.run {
                try await state.workspace.acceptRescanFlags(id, pages: pages, reason: reason, by: user, software: software)
            }
            context.sessions.withLockedSession { $0?.notice = "Seite(n) \(Self.list(pages)) bleiben, wie sie sind: \(reason)" }
            return Response.redirect(to: "/dokumente/\(id)", type: .normal)
        }
    }

    private func requireVersion(_ version: String?, of document: String, for user: AuthenticatedUser) async throws {
        let detail = try await state.workspace.reviewDetail(document, for: user, policy: try state.policy())
        guard version == DocumentRoutes.version(of: detail) else {
            throw ScanServerError(.conflict, "Das Dokument wurde inzwischen geändert. Es wurde nichts ersetzt; bitte sehen Sie es sich neu an.")
        }
    }

    /// `2` or `2,5` (spaces allowed).
    static func pages(_ text: String?) throws -> [Int] {
        let parts = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap(Int.init)
        guard !numbers.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ $0 >= 1 }) else {
            throw ScanServerError(.badRequest, "Bitte geben Sie die Seite(n) als Zahl oder Liste an, z. B. 2 oder 2,5.")
        }
        return numbers
    }

    static func list(_ pages: [Int]) -> String { pages.map(String.init).joined(separator: ", ") }

    /// The uploaded name reduced to letters, digits, dot, dash and underscore (never a path).
    static func safeName(_ name: String) -> String {
        let kept = (name as NSString).lastPathComponent.unicodeScalars.prefix(80).map { scalar in
            CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
        }
        return kept.isEmpty ? "scan" : String(kept)
    }
}
