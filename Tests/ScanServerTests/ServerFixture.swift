import FilePlan
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import ScanPipeline
@testable import ScanServer
import TestSupport

/// A workspace with one user per role and the server's router on it, driven in-process; a browser
/// session (its cookie and the CSRF token of the last page) per client.
struct ServerFixture {
    static let password = "test-passwort-1"
    static let hasher = BcryptHasher(cost: 4)

    let folder: TemporaryFolder
    let workspace: Workspace
    let configuration: ServerConfiguration

    /// The sample batch (samples/batch) run once with real Tesseract; tests that need documents
    /// start from a copy of it.
    static let scannedSamples = Task<URL, any Error> {
        let folder = try TemporaryFolder(prefix: "scanctl-server-samples")
        let root = folder.url.appendingPathComponent("ws")
        let workspace = try Workspace(root: root, create: true, software: "test")
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        let runner = BatchRunner(workspace: workspace, plan: plan, classifier: LayeredClassifier(plan: plan),
                                 configuration: RunConfiguration(inputs: [Repository.sampleBatch.path], operatorName: "Poststelle Test",
                                                                 workers: 2, softwareVersion: "test"),
                                 logger: Logger(label: "test"))
        _ = try await runner.run()
        return root
    }

    init(samples: Bool = false) async throws {
        folder = try TemporaryFolder()
        let root = folder.url.appendingPathComponent("ws")
        if samples { try FileManager.default.copyItem(at: try await Self.scannedSamples.value, to: root) }
        workspace = try Workspace(root: root, create: true, software: "test")
        configuration = ServerConfiguration(workspace: root, secureCookies: false, software: "test")
        try await workspace.addUser(UserAccount(name: "admin", displayName: "Test Admin", role: .admin), password: Self.password,
                                    by: nil, hasher: Self.hasher)
        let admin = try await workspace.authenticate("admin", password: Self.password, client: nil, hasher: Self.hasher)
        for role in Role.allCases where role != .admin {
            try await workspace.addUser(UserAccount(name: role.rawValue, displayName: role.germanName, role: role),
                                        password: Self.password, by: admin, hasher: Self.hasher)
        }
    }

    /// Runs a batch of `count` generated pages (a bar each, no text; see `PNGWriter`) at `dpi`
    /// through the pipeline with real Tesseract.
    func runGeneratedBatch(count: Int, dpi: Int = 300) async throws -> RunSummary {
        let inbox = folder.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try PNGWriter.write(count: count, into: inbox, dpi: dpi)
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        let runner = BatchRunner(workspace: workspace, plan: plan, classifier: LayeredClassifier(plan: plan),
                                 configuration: RunConfiguration(inputs: [inbox.path], operatorName: "poststelle", workers: 1,
                                                                 softwareVersion: "test"),
                                 logger: Logger(label: "test"))
        return try await runner.run()
    }

    func router() async throws -> Router<ServerContext> {
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        return try await ScanServer.router(configuration: configuration, workspace: workspace, plan: plan, hasher: Self.hasher)
    }

    /// Runs `test` against the application.
    func test(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = Application(router: try await router())
        try await application.test(.router, test)
    }
}

/// One browser: keeps its session cookie and the CSRF token of the last page it read.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?
    var lastBody = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers(), body: nil)
        take(response)
        return response
    }

    /// Posts a form; `csrf` nil sends the token of the last page.
    @discardableResult
    func post(_ uri: String, _ fields: [String: String], csrf: String? = nil, origin: String? = nil) async throws -> TestResponse {
        try await post(uri, pairs: fields.map { ($0.key, $0.value) }, csrf: csrf, origin: origin)
    }

    /// Posts a form whose fields may repeat (the checkboxes of a selection).
    @discardableResult
    func post(_ uri: String, pairs: [(String, String)], csrf: String? = nil, origin: String? = nil) async throws -> TestResponse {
        var all = pairs
        if let token = csrf ?? self.csrf { all.append(("csrf", token)) }
        var components = URLComponents()
        components.queryItems = all.map { URLQueryItem(name: $0.0, value: $0.1) }
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let origin { headers[.origin] = origin }
        // URLComponents leaves '+' as is, which a form decoder reads as a space.
        let body = ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
        take(response)
        return response
    }

    /// Logs in as `name` (a fresh login page first, for its token).
    func logIn(_ name: String, password: String = ServerFixture.password) async throws -> TestResponse {
        try await get("/anmelden")
        return try await post("/anmelden", ["name": name, "passwort": password])
    }

    private func headers() -> HTTPFields {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    private func take(_ response: TestResponse) {
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first { cookie = String(pair) }
        lastBody = String(buffer: response.body)
        if let range = lastBody.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = lastBody[range]
            csrf = match.split(separator: "\"").dropFirst(3).first.map(String.init)
        }
    }
}

extension Browser {
    /// Posts a `multipart/form-data` form with one file, as a browser sends an upload; the CSRF
    /// token of the last page goes with it.
    @discardableResult
    func upload(_ uri: String, fields: [(String, String)], file: (field: String, name: String, data: Data)) async throws
        -> TestResponse {
        let boundary = "scanctl-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in fields + (csrf.map { [("csrf", $0)] } ?? []) {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n")
        body.append(file.data)
        add("\r\n--\(boundary)--\r\n")
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first { cookie = String(pair) }
        lastBody = String(buffer: response.body)
        return response
    }
}
