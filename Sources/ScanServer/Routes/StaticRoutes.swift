import Foundation
import Hummingbird

/// The script and style sheet, from the installation's bundle (never from the workspace: record
/// files go only through handlers that check the role).
struct StaticRoutes {
    static let files: [String: String] = ["app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"]

    func add(to router: Router<ServerContext>) throws {
        var contents: [String: ByteBuffer] = [:]
        for name in Self.files.keys {
            guard let url = Bundle.module.url(forResource: "static/" + name, withExtension: nil)
                    ?? Bundle.module.resourceURL?.appendingPathComponent("static").appendingPathComponent(name),
                  let data = FileManager.default.contents(atPath: url.path) else {
                throw ScanServerError(.rendering, "Die Datei \(name) fehlt in der Installation.")
            }
            contents[name] = ByteBuffer(bytes: data)
        }
        let loaded = contents
        router.get("/static/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let body = loaded[name], let type = Self.files[name] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                            body: ResponseBody(byteBuffer: body))
        }
    }
}
