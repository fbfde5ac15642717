import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// Stichprobe in the browser (real Tesseract on two generated pages): a round drawn by the
/// mailroom, its pages shown as images and checked (one Mangel), the Freigabe refused while the
/// Mangel is open and offered to a records manager once the page is checked in order again.
@Suite("scanctl serve: Stichprobe", .serialized)
struct QualityRoutesTests {
    /// A closed batch of two clean pages; its id.
    func batch() async throws -> (ServerFixture, String) {
        let fixture = try await ServerFixture()
        return (fixture, try await fixture.runGeneratedBatch(count: 2).batch)
    }

    func references(_ body: String) -> [String] {
        body.matches(of: /data-seite="([0-9a-f]{8}:[0-9]+)"/).map { String($0.1) }
    }

    @Test func aSampleIsDrawnCheckedAndReleasedInTheBrowser() async throws {
        let (fixture, batch) = try await batch()
        defer { fixture.folder.remove() }
        let page = "/stapel/\(batch)/stichprobe"
        try await fixture.test { client in
            let mailroom = Browser(client)
            _ = try await mailroom.logIn("poststelle")
            try await mailroom.get("/")
            #expect(mailroom.lastBody.contains("href=\"\(page)\""), "the Posteingang links the Stichprobe")
            #expect(try await mailroom.get(page).status == .ok)
            #expect(mailroom.lastBody.contains("Noch keine Stichprobe gezogen"))
            let drawn = try await mailroom.post(page + "/ziehen", ["anzahl": "2", "zulaessig": "1", "startwert": "5"])
            #expect(drawn.status == .seeOther, "\(mailroom.lastBody)")
            try await mailroom.get(page)
            #expect(mailroom.lastBody.contains("Startwert 5"), "\(mailroom.lastBody)")
            let pages = references(mailroom.lastBody)
            #expect(pages.count == 2)
            let image = try #require(mailroom.lastBody.firstMatch(of: /src="(\/stapel\/[^"]+\/seiten\/[^"]+\.png)"/)?.1)
            let source = try #require(mailroom.lastBody.firstMatch(of: /src="(\/stapel\/[^"]+\/quelle\/[^"]+\.png)"/)?.1)
            let png = try await mailroom.get(String(image))
            #expect(png.status == .ok && png.headers[.contentType] == "image/png")
            // The scan beside it: the source file's page as it was ingested.
            let scan = try await mailroom.get(String(source))
            #expect(scan.status == .ok && scan.headers[.contentType] == "image/png")
            #expect(scan.body.readableBytes > 8 && scan.body.getBytes(at: 0, length: 4) == [0x89, 0x50, 0x4E, 0x47])
            try await mailroom.get(page)
            #expect(!mailroom.lastBody.contains("Freigabe zur Vernichtung des Papiers</button>"))
            #expect(try await mailroom.post(page + "/pruefen", ["seite": pages[0], "ergebnis": "mangel", "art": "cut-off"]).status
                    == .badRequest, "a Mangel needs its description")
            try await mailroom.get(page)
            #expect(try await mailroom.post(page + "/pruefen", ["seite": pages[0], "ergebnis": "mangel", "art": "cut-off",
                                                               "notiz": "Rand mit Eingangsstempel fehlt"]).status == .seeOther)
            try await mailroom.get(page)
            #expect(try await mailroom.post(page + "/pruefen", ["seite": pages[1], "ergebnis": "ok"]).status == .seeOther)

            let manager = Browser(client)
            _ = try await manager.logIn("records-manager")
            try await manager.get(page)
            #expect(manager.lastBody.contains("Ergebnis: bestanden") && manager.lastBody.contains("id=\"hindernisse\""),
                    "\(manager.lastBody)")
            #expect(manager.lastBody.contains("abgeschnitten – Rand mit Eingangsstempel fehlt (poststelle"))
            #expect(manager.lastBody.contains("Mangel „abgeschnitten“ offen"), "what is open, in German")
            #expect(!manager.lastBody.contains("Freigabe zur Vernichtung des Papiers</button>"))
            #expect(try await manager.post("/stapel/\(batch)/freigabe", ["grund": "zu früh"]).status == .badRequest)
            try await manager.get(page)
            #expect(try await manager.post(page + "/pruefen", ["seite": pages[0], "ergebnis": "ok"]).status == .seeOther)
            try await manager.get(page)
            #expect(manager.lastBody.contains("Freigabe zur Vernichtung des Papiers</button>"))
            #expect(try await manager.post("/stapel/\(batch)/freigabe", ["grund": "Vernichtungsauftrag 12/2026"]).status == .seeOther)
            try await manager.get(page)
            #expect(manager.lastBody.contains("Freigegeben von records-manager") && manager.lastBody.contains("Vernichtungsauftrag 12/2026"))
            #expect(!manager.lastBody.contains("/stichprobe/pruefen"), "no checks once released")
        }
        let actions = try await fixture.workspace.auditEvents(batch: batch).map(\.action)
        #expect(actions.filter { $0 == "qa.page-checked" }.count == 3 && actions.contains("qa.released"))
        #expect(try await fixture.workspace.verifyAuditTrail().isIntact)
    }
}
