import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// Sammelbearbeitung on the sample batch (real Tesseract): the selection is shown first with
/// nothing written; unsure or rescan-flagged documents change only when ticked; a selection that
/// changed meanwhile is refused whole.
@Suite("scanctl serve: Sammelbearbeitung", .serialized)
struct BulkRoutesTests {
    func rows(_ fixture: ServerFixture) async throws -> [ReviewQueuePage.Row] {
        try await fixture.workspace.reviewQueue(ReviewQueueQuery(), for: fixture.user("records-manager"), policy: ReviewPolicy()).rows
            .filter { $0.schutzbedarf == "normal" && $0.pendingTo == nil }
    }

    /// Decisions on the document: reviewed, or asked for a second reviewer (the policy's four eyes).
    func reviewed(_ fixture: ServerFixture, _ document: String) async throws -> Int {
        let decisions = [AuditAction.documentReviewed, .reviewRequested].map(\.rawValue)
        return try await fixture.workspace.auditEvents(document: document).filter { decisions.contains($0.action) }.count
    }

    /// The hidden and checkbox fields of the confirmation page's form, as a browser submits them
    /// (`ticked`: the flagged documents whose box is ticked).
    static func confirmationFields(_ body: String, ticked: Set<String>) -> [(String, String)] {
        let form = body.components(separatedBy: "action=\"/pruefliste/sammel/ausfuehren\"").last ?? ""
        var fields: [(String, String)] = []
        for match in form.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/) where match.1 != "csrf" {
            fields.append((String(match.1), String(match.2).replacingOccurrences(of: "&amp;", with: "&")))
        }
        fields += ticked.map { ("bestaetigt", $0) }
        return fields
    }

    @Test func aBulkAcceptShowsTheSelectionFirstAndAsksForUnsureDocuments() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let rows = try await rows(fixture)
        try #require(rows.count >= 3, "the sample batch leaves ordinary letters in review")
        // The queue's probabilities set for the test: one unsure (below 50 %: it needs its own tick), two sure.
        let selection = rows.prefix(3).map(\.document)
        let unsure = selection[0]
        try await DatabaseQueue(path: fixture.workspace.databasePath).write { db in
            for id in selection {
                try db.execute(sql: "UPDATE document SET confidence = ? WHERE id = ?", arguments: [id == unsure ? 0.31 : 0.9, id])
            }
        }
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/pruefliste")
            #expect(browser.lastBody.contains("name=\"dokument\" value=\"\(selection[0])\""), "the rows can be selected")
            let before = try await fixture.workspace.auditEvents().count
            let shown = try await browser.post("/pruefliste/sammel", pairs: selection.map { ("dokument", $0) } + [("aktion", "annehmen")])
            #expect(shown.status == .ok, "\(browser.lastBody)")
            #expect(try await fixture.workspace.auditEvents().count == before, "showing the selection writes nothing")
            let page = browser.lastBody
            #expect(page.contains("id=\"sammel-unsicher\"") && page.contains("id=\"bestaetigt-\(unsure)\""))
            #expect(page.contains("unsicher: Wahrscheinlichkeit 31 %"))
            for id in selection.dropFirst() { #expect(page.contains("name=\"dokument\" value=\"\(id)\"")) }

            // Not ticked: the unsure one stays in review, the others are filed.
            let applied = try await browser.post("/pruefliste/sammel/ausfuehren", pairs: Self.confirmationFields(page, ticked: []))
            #expect(applied.status == .seeOther, "\(browser.lastBody)")
            try await browser.get(try #require(applied.headers[.location]))
            let done = try #require(browser.lastBody.firstMatch(of: /Sammelbearbeitung: (\d) Dokument\(e\) angenommen(, (\d) warte[tn])?/))
            #expect(Int(done.1)! + (done.3.flatMap { Int($0) } ?? 0) == 2, "two changed, the unsure one not: \(done.0)")
        }
        #expect(try await reviewed(fixture, unsure) == 0)
        for id in selection.dropFirst() { #expect(try await reviewed(fixture, id) == 1) }
        let events = try await fixture.workspace.auditEvents().filter {
            [AuditAction.documentReviewed, .reviewRequested].map(\.rawValue).contains($0.action)
        }
        #expect(events.allSatisfy { $0.actorName == "registratur" })

        // Ticked: it is filed too.
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/pruefliste")
            try await browser.post("/pruefliste/sammel", pairs: [("dokument", unsure), ("aktion", "annehmen")])
            let applied = try await browser.post("/pruefliste/sammel/ausfuehren",
                                                 pairs: Self.confirmationFields(browser.lastBody, ticked: [unsure]))
            #expect(applied.status == .seeOther, "\(browser.lastBody)")
        }
        #expect(try await reviewed(fixture, unsure) == 1)
        #expect(try await fixture.workspace.verifyTrail().isIntact)
    }

    @Test func aSelectionThatChangedMeanwhileIsRefusedWhole() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let selection = try await rows(fixture).prefix(2).map(\.document)
        try #require(selection.count == 2)
        try await fixture.test { client in
            let one = Browser(client)
            _ = try await one.logIn("registratur")
            try await one.get("/pruefliste")
            try await one.post("/pruefliste/sammel", pairs: selection.map { ("dokument", $0) } + [("aktion", "umordnen"), ("code", "701"),
                                                                                              ("reason", "Straßenbau")])
            let fields = Self.confirmationFields(one.lastBody, ticked: Set(selection))
            #expect(fields.contains { $0 == ("code", "701") })
            #expect(Set(fields.filter { ["dokument", "unsicher"].contains($0.0) }.map(\.1)) == Set(selection))
            // Someone else files the second one first.
            let other = Browser(client)
            _ = try await other.logIn("records-manager")
            try await other.get("/dokumente/\(selection[1])")
            let version = try #require(other.lastBody.firstMatch(of: /name="version" value="([^"]*)"/)?.1)
            #expect(try await other.post("/dokumente/\(selection[1])/annehmen", ["version": String(version)]).status == .seeOther)
            let stale = try await one.post("/pruefliste/sammel/ausfuehren", pairs: fields)
            #expect(stale.status == .conflict && one.lastBody.contains("Es wurde nichts geändert"))
            #expect(one.lastBody.contains("Abmelden"), "the error page keeps the user's navigation")
        }
        #expect(try await reviewed(fixture, selection[0]) == 0, "nothing of the stale selection was applied")
        #expect(try await reviewed(fixture, selection[1]) == 1)
    }

    /// A filed document confirmed by someone else after the selection was shown: its state and
    /// code stay the same, its last change does not.
    @Test func aConfirmationMeanwhileMakesTheSelectionStale() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let filed = try await fixture.workspace.reviewQueue(ReviewQueueQuery(states: .filed), for: fixture.user("records-manager"),
                                                            policy: ReviewPolicy()).rows.filter { $0.schutzbedarf == "normal" }
        let document = try #require(filed.first?.document)
        try await fixture.test { client in
            let one = Browser(client)
            _ = try await one.logIn("registratur")
            try await one.get("/pruefliste")
            try await one.post("/pruefliste/sammel", pairs: [("dokument", document), ("aktion", "annehmen")])
            let fields = Self.confirmationFields(one.lastBody, ticked: [document])
            let other = Browser(client)
            _ = try await other.logIn("records-manager")
            try await other.get("/pruefliste")
            try await other.post("/pruefliste/sammel", pairs: [("dokument", document), ("aktion", "annehmen")])
            #expect(try await other.post("/pruefliste/sammel/ausfuehren",
                                         pairs: Self.confirmationFields(other.lastBody, ticked: [document])).status == .seeOther)
            #expect(try await one.post("/pruefliste/sammel/ausfuehren", pairs: fields).status == .conflict)
        }
        #expect(try await reviewed(fixture, document) == 1, "confirmed once, by the records manager")
    }

    @Test func aReclassificationNeedsACodeAndAReasonAndAReadOnlyRoleMayNotBulkEdit() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let document = try #require(try await rows(fixture).first?.document)
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/pruefliste")
            #expect(try await browser.post("/pruefliste/sammel", pairs: [("dokument", document), ("aktion", "umordnen"),
                                                                         ("code", "701")]).status == .badRequest)
            #expect(try await browser.post("/pruefliste/sammel", pairs: [("aktion", "annehmen")]).status == .badRequest)
            let auditor = Browser(client)
            _ = try await auditor.logIn("auditor")
            try await auditor.get("/pruefliste")
            #expect(!auditor.lastBody.contains("name=\"dokument\""), "no selection for a read-only role")
            #expect(try await auditor.post("/pruefliste/sammel", pairs: [("dokument", document), ("aktion", "annehmen")]).status
                    == .forbidden)
        }
        #expect(try await reviewed(fixture, document) == 0)
    }
}
