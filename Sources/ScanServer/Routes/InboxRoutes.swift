import Foundation
import Hummingbird
import ScanPipeline

/// The Posteingang: the batches with their counts and Transfervermerk.
struct InboxRoutes {
    let state: ServerState

    struct BatchRow {
        var id: String
        var shortID: String
        var openedAt: String
        var operatorName: String
        var profile: String
        var schutzbedarf: String
        var documents: Int
        var pages: Int
        var filed: Int
        var inReview: Int
        var quarantined: Int
        var rescanPages: Int
        var pagesPerSecond: String
        var transfervermerk: String
        /// Nil while the batch has none: no link then.
        var transfervermerkLink: String?
    }

    func add(to router: Router<ServerContext>) {
        router.get("/") { _, context in
            let user = try context.require(.viewBatches)
            let overview = try await state.workspace.batchOverview(limit: 50, for: user)
            let rows = overview.batches.map { batch in
                BatchRow(id: batch.id, shortID: String(batch.id.prefix(8)), openedAt: GermanWording.dateTime(batch.openedAt),
                         operatorName: batch.operatorName, profile: batch.profile, schutzbedarf: batch.schutzbedarf,
                         documents: batch.documents, pages: batch.pages, filed: batch.filed, inReview: batch.inReview,
                         quarantined: batch.quarantined, rescanPages: batch.rescanPages,
                         pagesPerSecond: batch.pagesPerSecond.map { GermanWording.decimal($0, digits: 2) } ?? "–",
                         transfervermerk: Self.germanSealState(batch.transfervermerk),
                         transfervermerkLink: batch.transfervermerk == "missing" ? nil : "/stapel/\(batch.id)/transfervermerk")
            }
            let content: [String: Any] = [
                "batches": rows, "hasBatches": !rows.isEmpty, "inReview": overview.inReview,
                "quarantined": overview.quarantined, "awaitingApproval": overview.awaitingApproval,
                "rescanPages": overview.rescanPages, "batchCount": overview.batchCount,
                "more": overview.batchCount > rows.count ? overview.batchCount - rows.count as Any : NSNull(),
            ]
            return try state.pages.page("posteingang", title: "Posteingang", context: context, content: content)
        }
        router.get("/stapel/{id}/transfervermerk") { _, context in
            let user = try context.require(.viewBatches)
            // The batch by its id or the start of it, as the Stichprobe page takes it.
            let id = try await state.workspace.qualityBatchID(try context.parameters.require("id"))
            guard let text = try await state.workspace.transfervermerkText(batch: id, for: user) else {
                throw ScanServerError(.notFound, "Für diesen Stapel gibt es noch keinen Transfervermerk.")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static func germanSealState(_ state: String) -> String {
        switch state {
        case "sealed": "versiegelt"
        case "written": "geschrieben, nicht versiegelt"
        default: "fehlt (Stapel offen)"
        }
    }
}
