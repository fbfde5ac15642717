import FilePlan
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// Nachscannen in the browser (real Tesseract): a flagged page replaced by an uploaded scan, a
/// flag kept with a reason, a stale form refused, a role that may not.
@Suite("scanctl serve: Nachscannen", .serialized)
struct RescanRoutesTests {
    /// A workspace with one document whose only page is flagged (150 dpi, a bar, no text).
    func flagged() async throws -> (ServerFixture, String) {
        let fixture = try await ServerFixture()
        let document = try #require(try await fixture.runGeneratedBatch(count: 1, dpi: 150).documents.first?.document)
        return (fixture, document)
    }

    func version(_ body: String) throws -> String {
        String(try #require(body.firstMatch(of: /name="version" value="([^"]*)"/)?.1))
    }

    @Test func anUploadedScanReplacesTheFlaggedPage() async throws {
        let (fixture, document) = try await flagged()
        defer { fixture.folder.remove() }
        let letter = try Data(contentsOf: Repository.sampleBatch.appendingPathComponent("08-strassenschaden.png"))
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/dokumente/\(document)")
            #expect(browser.lastBody.contains("id=\"markiert\"") && browser.lastBody.contains("150 dpi"), "the flag is shown")
            let form = try version(browser.lastBody)
            let stale = try await browser.upload("/dokumente/\(document)/nachscannen",
                                                 fields: [("version", "alt"), ("seiten", "1")],
                                                 file: ("datei", "seite1.png", letter))
            #expect(stale.status == .conflict)
            try await browser.get("/dokumente/\(document)")
            let replaced = try await browser.upload("/dokumente/\(document)/nachscannen",
                                                    fields: [("version", form), ("seiten", "1"), ("grund", "zu niedrige Auflösung")],
                                                    file: ("datei", "seite1.png", letter))
            #expect(replaced.status == .seeOther, "\(browser.lastBody.components(separatedBy: "<main").last ?? "")")
            try await browser.get("/dokumente/\(document)")
            #expect(browser.lastBody.contains("Seite(n) 1 ersetzt"), "\(browser.lastBody)")
            #expect(!browser.lastBody.contains("id=\"markiert\""), "the new page passed the quality gate")
        }
        let events = try await fixture.workspace.auditEvents(document: document).filter { $0.action == "document.rescanned" }
        #expect(events.count == 1 && events.first?.actorName == "registratur")
        #expect(try await fixture.workspace.verifyTrail(records: true).isIntact)
    }

    @Test func aFlagIsKeptWithAReasonAndARoleWithoutRescanMayNot() async throws {
        let (fixture, document) = try await flagged()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let auditor = Browser(client)
            _ = try await auditor.logIn("auditor")
            try await auditor.get("/dokumente/\(document)")
            #expect(!auditor.lastBody.contains("id=\"nachscannen\""))
            #expect(try await auditor.post("/dokumente/\(document)/markierung-annehmen",
                                           ["version": "x", "seiten": "1", "grund": "passt so"]).status
                    == .forbidden)
            let browser = Browser(client)
            _ = try await browser.logIn("records-manager")
            try await browser.get("/dokumente/\(document)")
            let kept = try await browser.post("/dokumente/\(document)/markierung-annehmen",
                                              ["version": try version(browser.lastBody), "seiten": "1", "grund": "Vorlage ist so blass"])
            #expect(kept.status == .seeOther, "\(browser.lastBody)")
            try await browser.get("/dokumente/\(document)")
            #expect(!browser.lastBody.contains("id=\"markiert\"") && browser.lastBody.contains("Vorlage ist so blass"))
        }
        let events = try await fixture.workspace.auditEvents(document: document).filter { $0.action == "document.rescan-accepted" }
        #expect(events.count == 1 && events.first?.actorName == "records-manager")
    }
}
