import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import Testing
import TestSupport

/// The server's front door, in-process: sessions, login, CSRF, security headers.
@Suite("scanctl serve: login, sessions and CSRF")
struct LoginAndCSRFTests {
    @Test func aPageWithoutALoginSendsTheBrowserToTheLoginPage() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            let response = try await browser.get("/?batch=1")
            #expect(response.status == .seeOther || response.status == .found)
            #expect(response.headers[.location] == "/anmelden?weiter=%2F%3Fbatch%3D1")
            let cookie = try #require(response.headers[.setCookie], "the first request gets an (anonymous) session")
            let login = try await browser.get("/anmelden")
            #expect(login.status == .ok)
            #expect(browser.lastBody.contains("<html lang=\"de\">") && browser.lastBody.contains("id=\"anmeldung\""))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.hasPrefix("scanctl-sitzung="))
            let csp = try #require(login.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
            #expect(login.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test func aLoginGetsANewSessionAndComesBackWhereItWanted() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            try await browser.get("/anmelden?weiter=%2F%3Fx%3D1")
            let anonymous = browser.cookie
            let login = try await browser.post("/anmelden", ["name": "registratur", "passwort": ServerFixture.password,
                                                            "weiter": "/?x=1"])
            #expect(login.headers[.location] == "/?x=1")
            #expect(browser.cookie != nil && browser.cookie != anonymous, "a login gets a new session id")
            let inbox = try await browser.get("/")
            #expect(inbox.status == .ok && browser.lastBody.contains("Posteingang") && browser.lastBody.contains("Registratur"))
            // The anonymous session's cookie is worth nothing now.
            let planted = Browser(client)
            planted.cookie = anonymous
            #expect(try await planted.get("/").status != .ok)
        }
        let events = try await fixture.workspace.auditEvents()
        #expect(events.contains { $0.action == AuditAction.userLoggedIn.rawValue && $0.actorName == "registratur" })
    }

    @Test(arguments: [("registratur", "falsches-passwort"), ("niemand", ServerFixture.password)])
    func aWrongLoginIsRefusedAndAudited(name: String, password: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            let login = try await browser.logIn(name, password: password)
            #expect(login.status == .unauthorized)
            #expect(browser.lastBody.contains("Benutzername oder Passwort ist falsch"))
            #expect(try await browser.get("/").status != .ok)
        }
        let refused = try await fixture.workspace.auditEvents().filter { $0.action == AuditAction.userLoginRefused.rawValue }
        #expect(refused.count == 1 && refused.first?.actorName == name)
    }

    @Test func repeatedFailuresAreThrottled() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await browser.logIn("registratur", password: "falsch-falsch").status) }
            #expect(statuses.contains(.tooManyRequests), "\(statuses)")
            // Even the right password waits while the back-off runs.
            #expect(try await browser.logIn("registratur").status == .tooManyRequests)
        }
    }

    @Test(arguments: ["missing", "wrong", "foreign-origin"])
    func aChangeWithoutTheSessionsTokenIsRefused(kind: String) async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        let before = try await fixture.workspace.auditEvents().count
        try await fixture.test { client in
            let browser = Browser(client)
            try await browser.get("/anmelden")
            let token = browser.csrf
            let response: TestResponse = switch kind {
            case "missing": try await browser.post("/anmelden", ["name": "registratur", "passwort": ServerFixture.password],
                                                   csrf: "")
            case "wrong": try await browser.post("/anmelden", ["name": "registratur", "passwort": ServerFixture.password],
                                                 csrf: String((token ?? "x").reversed()))
            default: try await browser.post("/anmelden", ["name": "registratur", "passwort": ServerFixture.password],
                                            origin: "https://evil.example")
            }
            #expect(response.status == .forbidden)
            #expect(try await browser.get("/").status != .ok, "not logged in")
        }
        let after = try await fixture.workspace.auditEvents().count
        #expect(after == before, "nothing written: not even a login attempt")
    }

    @Test func aDisabledUserIsOutAtTheNextRequest() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("poststelle")
            #expect(try await browser.get("/").status == .ok)
            let admin = try await fixture.workspace.authenticate("admin", password: ServerFixture.password, client: nil,
                                                                 hasher: ServerFixture.hasher)
            try await fixture.workspace.setUser("poststelle", enabled: false, reason: "left", by: admin)
            #expect(try await browser.get("/").status != .ok)
        }
    }

    @Test func loggingOutEndsTheSession() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.folder.remove() }
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.logIn("auditor")
            try await browser.get("/")
            let out = try await browser.post("/abmelden", [:])
            #expect(out.headers[.location] == "/anmelden?abgemeldet=1")
            #expect(try await browser.get("/").status != .ok)
        }
    }
}
