import FilePlan
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// The Prüfliste on the sample batch (real Tesseract): who sees it, filters, saved views, and
/// the review policy's visibility by Schutzbedarf.
@Suite("scanctl serve: the Prüfliste", .serialized)
struct QueueRoutesTests {
    @Test(arguments: [("registratur", true), ("records-manager", true), ("auditor", true), ("poststelle", false),
                      ("admin", false)])
    func onlyRolesThatSeeTheQueueGetIt(role: String, allowed: Bool) async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn(role)
            let response = try await browser.get("/pruefliste")
            #expect(response.status == (allowed ? .ok : .forbidden), "\(role)")
            if allowed { #expect(browser.lastBody.contains("id=\"pruefliste\"")) }
        }
    }

    @Test func filtersNarrowTheQueueAndAViewIsSavedPerUser() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        let all = try await fixture.workspace.reviewQueue(ReviewQueueQuery(states: .all), for: fixture.user("auditor"),
                                                          policy: ReviewPolicy())
        let inReview = try await fixture.workspace.reviewQueue(ReviewQueueQuery(), for: fixture.user("auditor"),
                                                               policy: ReviewPolicy())
        #expect(all.total >= 8 && inReview.total >= 1 && inReview.total < all.total, "\(all.total) \(inReview.total)")
        let kita = try #require(all.rows.first { $0.source.hasSuffix("06-kita-platz.jpg") })
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("registratur")
            try await browser.get("/pruefliste?state=all&quelle=kita")
            #expect(browser.lastBody.contains(String(kita.document.prefix(8))))
            #expect(browser.lastBody.contains("Treffer: 1 "), "only the Kita letter matches")
            try await browser.get("/pruefliste?state=all&text=Betreuungsplatz")
            #expect(browser.lastBody.contains(String(kita.document.prefix(8))), "found by its recognised text")
            try await browser.get("/pruefliste?state=all&text=Zeichenfolge-die-es-nicht-gibt")
            #expect(browser.lastBody.contains("Keine Dokumente"))

            try await browser.get("/pruefliste?state=all&quelle=kita")
            let saved = try await browser.post("/ansichten", ["name": "Kita", "query": "state=all&quelle=kita&unbekannt=1"])
            #expect(saved.headers[.location] == "/pruefliste?state=all&quelle=kita")
            try await browser.get("/pruefliste")
            #expect(browser.lastBody.contains("href=\"/pruefliste?state=all&amp;quelle=kita\">Kita</a>"))
            // Another user does not see it.
            let other = Browser(client)
            _ = try await other.logIn("auditor")
            try await other.get("/pruefliste")
            #expect(!other.lastBody.contains(">Kita</a>"))
        }
    }

    @Test func aConfidentialDocumentIsHiddenFromRolesThePolicyExcludes() async throws {
        let fixture = try await ServerFixture(samples: true)
        defer { fixture.folder.remove() }
        try "visibility:\n  hoch: [records-manager, auditor]\n".write(to: fixture.workspace.reviewPolicyFile, atomically: true,
                                                                      encoding: .utf8)
        let policy = try ReviewPolicy.load(fixture.workspace.reviewPolicyFile)
        let manager = try await fixture.workspace.reviewQueue(ReviewQueueQuery(states: .all), for: fixture.user("records-manager"),
                                                              policy: policy)
        let confidential = try #require(manager.rows.first { $0.schutzbedarf != "normal" }, "07 is marked vertraulich")
        try await fixture.test { client in
            let clerk = Browser(client)
            _ = try await clerk.logIn("registratur")
            try await clerk.get("/pruefliste?state=all")
            #expect(!clerk.lastBody.contains(String(confidential.document.prefix(8))))
            let records = Browser(client)
            _ = try await records.logIn("records-manager")
            try await records.get("/pruefliste?state=all")
            #expect(records.lastBody.contains(String(confidential.document.prefix(8))))
        }
    }

    @Test func aQueryRoundTripsThroughItsQueryString() {
        let query = ReviewQueueQuery(states: .filed, below: 0.6, code: .init("632"), batch: "ab12", schutzbedarf: .hoch,
                                     source: "Bau antrag", text: "Frist & Mahnung", sort: .confidence, page: 3)
        let back = ReviewQueueQuery(queryString: query.queryString())
        #expect(back == query)
        #expect(ReviewQueueQuery(queryItems: [URLQueryItem(name: "unter", value: "2"), URLQueryItem(name: "seite", value: "-4")])
            == ReviewQueueQuery())
    }
}

extension ServerFixture {
    /// A user of the fixture, logged in through the library.
    func user(_ name: String) async throws -> AuthenticatedUser {
        try await workspace.authenticate(name, password: Self.password, client: nil, hasher: Self.hasher)
    }
}
