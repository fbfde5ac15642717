import FilePlan
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// The Dokument page and Freigaben on the sample batch (real Tesseract): decisions by the
/// authenticated user, "Übernehmen & weiter", a stale form answered 409, four eyes by two people.
@Suite("scanctl serve: Dokument and Freigaben", .serialized)
struct DocumentRoutesTests {
    func queue(_ fixture: ServerFixture, _ query: ReviewQueueQuery = ReviewQueueQuery()) async throws -> ReviewQueuePage {
        try await fixture.workspace.reviewQueue(query, for: fixture.user("records-manager"), policy: ReviewPolicy())
    }

    @Test func acceptAndNextFilesTheDocumentAndOpensTheNextOne() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let normal = try await queue(fixture).rows.filter { $0.schutzbedarf == "normal" && $0.suggestedCode != nil }
        try #require(normal.count >= 2, "the sample batch leaves at least two ordinary letters in review")
        let first = normal[0].document
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            let page = try await browser.get("/dokumente/\(first)")
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            #expect(browser.lastBody.contains("id=\"annehmen-weiter\"") && browser.lastBody.contains("id=\"kandidaten\""))
            let version = try #require(browser.lastBody.firstMatch(of: /name="version" value="([^"]*)"/)?.1)
            let accepted = try await browser.post("/dokumente/\(first)/annehmen", ["version": String(version), "weiter": "1"])
            let next = try #require(accepted.headers[.location])
            #expect(next.hasPrefix("/dokumente/") && !next.contains(first) && next.hasSuffix("fokus=titel"), "\(next)")
            try await browser.get(next)
            #expect(browser.lastBody.contains("Angenommen."), "the result is announced in the status region")
            let image = try await browser.get("/dokumente/\(first)/seiten/1.png")
            #expect(image.status == .ok && image.headers[.contentType] == "image/png" && image.body.readableBytes > 1000)
        }
        let reviewed = try await fixture.workspace.auditEvents(document: first).filter { $0.action == AuditAction.documentReviewed.rawValue }
        #expect(reviewed.count == 1 && reviewed.first?.actorName == "registratur")
    }

    @Test func aFormShownBeforeAChangeIsAnsweredWithAConflict() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let document = try #require(try await queue(fixture).rows.first { $0.schutzbedarf == "normal" }?.document)
        try await fixture.test { client in
            let one = Browser(client)
            _ = try await one.logIn("registratur")
            try await one.get("/dokumente/\(document)")
            let version = try #require(one.lastBody.firstMatch(of: /name="version" value="([^"]*)"/)?.1)
            let other = Browser(client)
            _ = try await other.logIn("records-manager")
            try await other.get("/dokumente/\(document)")
            #expect(try await other.post("/dokumente/\(document)/umordnen",
                                         ["version": String(version), "code": "701", "reason": "Straßenbau"]).status == .seeOther)
            let stale = try await one.post("/dokumente/\(document)/annehmen", ["version": String(version)])
            #expect(stale.status == .conflict)
        }
        let reviews = try await fixture.workspace.auditEvents(document: document).filter { $0.action == AuditAction.documentReviewed.rawValue }
        #expect(reviews.count == 1 && reviews.first?.actorName == "records-manager", "the stale form changed nothing")
    }

    @Test func aReasonIsRequiredToReclassify() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let document = try #require(try await queue(fixture).rows.first { $0.schutzbedarf == "normal" }?.document)
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/dokumente/\(document)")
            let version = try #require(browser.lastBody.firstMatch(of: /name="version" value="([^"]*)"/)?.1)
            #expect(try await browser.post("/dokumente/\(document)/umordnen", ["version": String(version), "code": "701"]).status
                    == .badRequest)
        }
        #expect(try await fixture.workspace.auditEvents(document: document).allSatisfy { $0.action != AuditAction.documentReviewed.rawValue })
    }

    @Test func fourEyesNeedTwoAuthenticatedPeople() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let admin = try await fixture.user("admin")
        try await fixture.workspace.addUser(UserAccount(name: "b.meyer", displayName: "B. Meyer", role: .recordsManager),
                                            password: ServerFixture.password, by: admin, hasher: ServerFixture.hasher)
        let all = try await queue(fixture, ReviewQueueQuery(states: .all))
        let confidential = try #require(all.rows.first { $0.schutzbedarf != "normal" }, "07 is marked vertraulich")
        let document = confidential.document
        try await fixture.test { client in
            let requester = Browser(client)
            _ = try await requester.logIn("records-manager")
            try await requester.get("/dokumente/\(document)")
            let version = try #require(requester.lastBody.firstMatch(of: /name="version" value="([^"]*)"/)?.1)
            let asked = try await requester.post("/dokumente/\(document)/umordnen",
                                                 ["version": String(version), "code": "021", "reason": "Bewerbung: Personal"])
            #expect(asked.status == .seeOther)
            try await requester.get("/freigaben")
            #expect(requester.lastBody.contains("data-request=\"\(document)\"") && !requester.lastBody.contains("class=\"genehmigen\""),
                    "the requester is offered only to withdraw")
            let own = try await requester.post("/freigaben/\(document)/genehmigen", [:])
            #expect(own.status == .forbidden, "the requester cannot approve: \(own.status)")

            let second = Browser(client)
            _ = try await second.logIn("b.meyer")
            try await second.get("/freigaben")
            #expect(second.lastBody.contains("class=\"genehmigen\""))
            let approved = try await second.post("/freigaben/\(document)/genehmigen", [:])
            #expect(approved.status == .seeOther)
        }
        let events = try await fixture.workspace.auditEvents(document: document)
        let reviewed = try #require(events.last { $0.action == AuditAction.documentReviewed.rawValue })
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(reviewed.payload.utf8)) as? [String: Any])
        #expect(payload["reviewer"] as? String == "records-manager" && payload["approvedBy"] as? String == "b.meyer")
        #expect(reviewed.actorName == "b.meyer")
    }
}
