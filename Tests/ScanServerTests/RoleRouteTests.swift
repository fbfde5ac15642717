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

    /// Forms that change something, by the roles that may send them; for the others 403 before
    /// anything is read (the allowed ones fail later, on the empty workspace, with 400 or 404).
    static let unknown = "00000000-0000-0000-0000-000000000000"
    static let actions: [(route: String, roles: Set<String>)] = [
        ("/pruefliste/sammel", ["registratur", "records-manager"]),
        ("/pruefliste/sammel/ausfuehren", ["registratur", "records-manager"]),
        ("/quarantaene/\(unknown)/erneut", ["poststelle", "records-manager"]),
        ("/quarantaene/\(unknown)/freigeben", ["poststelle", "records-manager"]),
        // Rescan is the mailroom's too, but the Dokument page needs the queue: poststelle works with scanctl rescan.
        ("/dokumente/\(unknown)/markierung-annehmen", ["registratur", "records-manager"]),
        // Stichprobe: drawing and checking for the mailroom, the Registratur and records managers; the
        // Freigabe zur Vernichtung des Papiers for records managers only.
        ("/stapel/\(unknown)/stichprobe/ziehen", ["poststelle", "registratur", "records-manager"]),
        ("/stapel/\(unknown)/stichprobe/pruefen", ["poststelle", "registratur", "records-manager"]),
        ("/stapel/\(unknown)/freigabe", ["records-manager"]),
    ]

    @Test(arguments: Role.allCases)
    func eachRoleMaySendExactlyItsForms(role: Role) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn(role.rawValue)
            for action in Self.actions {
                try await browser.get("/")
                let status = try await browser.post(action.route, ["reason": "Test der Rollen"]).status
                if action.roles.contains(role.rawValue) {
                    #expect(status != .forbidden && status != .ok, "\(role.rawValue) \(action.route): \(status)")
                } else {
                    #expect(status == .forbidden, "\(role.rawValue) \(action.route): \(status)")
                }
            }
        }
        #expect(try await fixture.workspace.auditEvents().allSatisfy { $0.action.hasPrefix("user.") }, "nothing written")
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
