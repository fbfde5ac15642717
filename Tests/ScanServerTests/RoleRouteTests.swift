import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// Every role against every page: allowed (200), refused (403), or without a login sent to the
/// login page. The table is written out, not derived from the roles, so that a route guarded by
/// the wrong permission fails here.
@Suite("scanctl serve: roles × routes")
struct RoleRouteTests {
    static let routes = ["/", "/pruefliste", "/freigaben", "/quarantaene", "/berichte", "/berichte/bericht.html", "/pruefpfad",
                         "/pruefpfad/export.json", "/plan?q=Bauantrag"]
    static let allowed: [String: Set<String>] = [
        "poststelle": ["/", "/quarantaene", "/berichte", "/berichte/bericht.html"],
        "registratur": ["/", "/pruefliste", "/quarantaene", "/berichte", "/berichte/bericht.html", "/plan?q=Bauantrag"],
        "records-manager": ["/", "/pruefliste", "/freigaben", "/quarantaene", "/berichte", "/berichte/bericht.html",
                            "/plan?q=Bauantrag"],
        "auditor": ["/", "/pruefliste", "/quarantaene", "/berichte", "/berichte/bericht.html", "/pruefpfad",
                    "/pruefpfad/export.json", "/plan?q=Bauantrag"],
        "admin": ["/", "/quarantaene"],
    ]

    @Test(arguments: Role.allCases)
    func eachRoleReachesExactlyItsPages(role: Role) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        let allowed = try #require(Self.allowed[role.rawValue])
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn(role.rawValue)
            for route in Self.routes {
                let status = try await browser.get(route).status
                #expect(status == (allowed.contains(route) ? .ok : .forbidden), "\(role.rawValue) \(route): \(status)")
            }
        }
    }

    @Test func withoutALoginEveryPageSendsToTheLoginPage() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            for route in Self.routes {
                let response = try await Browser(client).get(route)
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/anmelden?weiter=") == true, "\(route)")
            }
            #expect(try await Browser(client).get("/healthz").status == .ok)
        }
    }
}
