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

/// The Posteingang's per-batch figures and Transfervermerk, a quarantined file run again from the
/// browser, and the session's "Angemeldet bleiben".
@Suite("scanctl serve: Posteingang, Quarantäne, session", .serialized)
struct InboxAndQuarantineRoutesTests {
    static let letter = Repository.sampleBatch.appendingPathComponent("08-strassenschaden.png")

    @Test func thePosteingangCountsEachBatchAndLinksItsTransfervermerk() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let written = try await fixture.workspace.writeMissingTransfervermerke(sealKey: nil, actor: .component("test", version: "test"))
        let batch = try #require(written.first)
        let overview = try await fixture.workspace.batchOverview(for: fixture.user("poststelle"))
        let row = try #require(overview.batches.first)
        #expect(row.id == batch && row.documents == 8 && row.filed + row.inReview == 8 && row.quarantined == 0)
        #expect(row.pages >= 8 && (row.pagesPerSecond ?? 0) > 0 && row.transfervermerk == "written")
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("poststelle")
            try await browser.get("/")
            let body = browser.lastBody
            #expect(body.contains("data-stapel=\"\(batch)\"") && body.contains("Seiten/s") && body.contains("Nachscannen"))
            #expect(body.contains("<td class=\"zahl\">\(row.filed)</td><td class=\"zahl\">\(row.inReview)</td>"), "filed, in review")
            let note = try await browser.get("/stapel/\(batch)/transfervermerk")
            #expect(note.status == .ok && note.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(browser.lastBody.contains(batch))
            #expect(try await browser.get("/stapel/00000000-0000-0000-0000-000000000000/transfervermerk").status == .notFound)
        }
    }

    @Test func aQuarantinedFileIsRunAgainFromTheBrowserOnceItsCauseIsFixed() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        // A scan cut off in transfer: quarantined.
        let scan = fixture.folder.url.appendingPathComponent("brief.png")
        let data = try Data(contentsOf: Self.letter)
        try data.prefix(data.count / 2).write(to: scan)
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        let runner = BatchRunner(workspace: fixture.workspace, plan: plan, classifier: LayeredClassifier(plan: plan),
                                 configuration: RunConfiguration(inputs: [scan.path], operatorName: "poststelle", workers: 1,
                                                                 softwareVersion: "test"),
                                 logger: Logger(label: "test"))
        #expect(try await runner.run().quarantined == 1)
        let id = try #require(try await fixture.workspace.quarantineEntries().first?.id)

        try await fixture.test { client in
            let registratur = Browser(client)
            _ = try await registratur.logIn("registratur")
            try await registratur.get("/quarantaene")
            #expect(!registratur.lastBody.contains("/quarantaene/\(id)/erneut"), "no retry button for a role that may not")
            #expect(try await registratur.post("/quarantaene/\(id)/erneut", [:]).status == .forbidden)

            let browser = Browser(client)
            _ = try await browser.logIn("poststelle")
            try await browser.get("/quarantaene")
            #expect(browser.lastBody.contains("action=\"/quarantaene/\(id)/erneut\""))
            // The good scan put in its place.
            try data.write(to: scan)
            let retried = try await browser.post("/quarantaene/\(id)/erneut", [:])
            #expect(retried.status == .seeOther, "\(browser.lastBody)")
            try await browser.get("/quarantaene")
            #expect(browser.lastBody.contains("„brief.png“ erneut verarbeitet"), "\(browser.lastBody)")
            #expect(!browser.lastBody.contains("action=\"/quarantaene/\(id)/erneut\""), "a retried file is not offered again")
        }
        let entry = try #require(try await fixture.workspace.quarantineEntries(only: [id]).first)
        #expect(entry.status == .retried && [DocumentState.filed.rawValue, DocumentState.needsReview.rawValue].contains(entry.retriedState))
        let events = try await fixture.workspace.auditEvents(document: id).filter { $0.action == AuditAction.quarantineRetried.rawValue }
        #expect(events.count == 1 && events.first?.actorName == "poststelle")
        #expect(try await fixture.workspace.verifyTrail().isIntact)
    }

    @Test func stayingLoggedInRenewsTheSessionAndSaysHowLongItLasts() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            try await browser.get("/anmelden")
            #expect(try await browser.post("/sitzung", [:]).status == .forbidden, "no session to extend before login")
            _ = try await browser.logIn("registratur")
            try await browser.get("/")
            let extended = try await browser.post("/sitzung", [:])
            #expect(extended.status == .ok && extended.headers[.contentType] == "application/json")
            let seconds = try #require(browser.lastBody.firstMatch(of: /"sekunden":(\d+)/).flatMap { Int($0.1) })
            #expect(seconds > 29 * 60 && seconds <= 30 * 60)
            #expect(try await browser.post("/sitzung", [:], csrf: "falsch").status == .forbidden, "CSRF applies")
        }
    }
}
