import Foundation
@testable import ScanPipeline

/// A PDF's objects as `qpdf --json=2` shows them, read by a separate program, so the tests check
/// what is in the file, not what the writer meant to put there. With `decoded`, streams come
/// decoded and inline (their dictionaries then lose /Filter); without, dictionaries are as stored.
struct PDFStructure {
    let objects: [String: Any]
    let path: String

    init(_ url: URL, decoded: Bool = true) throws {
        path = url.path
        let streams = decoded ? ["--json-stream-data=inline", "--decode-level=generalized"] : ["--json-stream-data=none"]
        let output = try ExternalTool(name: "qpdf", package: "qpdf").run(
            ["--json=2", "--json-key=qpdf"] + streams + [url.path], timeout: 60)
        guard output.status == 0 || output.status == 3,
              let json = try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [String: Any],
              let qpdf = json["qpdf"] as? [Any], qpdf.count == 2, let objects = qpdf[1] as? [String: Any] else {
            throw ScanPipelineError(.externalTool, path: url.path, "qpdf --json failed: \(output.standardError)")
        }
        self.objects = objects
    }

    var trailer: [String: Any] { (objects["trailer"] as? [String: Any])?["value"] as? [String: Any] ?? [:] }
    var catalog: [String: Any] { dictionary(trailer["/Root"]) ?? [:] }
    var info: [String: Any] { dictionary(trailer["/Info"]) ?? [:] }

    /// The dictionary a value is or refers to (a stream's dictionary for a stream).
    func dictionary(_ value: Any?) -> [String: Any]? {
        if let direct = value as? [String: Any] { return direct }
        guard let reference = value as? String, let object = objects["obj:\(reference)"] as? [String: Any] else { return nil }
        return object["value"] as? [String: Any] ?? (object["stream"] as? [String: Any])?["dict"] as? [String: Any]
    }

    /// The decoded bytes of the stream a reference names.
    func streamData(_ value: Any?) -> Data? {
        guard let reference = value as? String, let object = objects["obj:\(reference)"] as? [String: Any],
              let base64 = (object["stream"] as? [String: Any])?["data"] as? String else { return nil }
        return Data(base64Encoded: base64)
    }

    /// A text string: qpdf writes them `u:<text>` (or `b:<hex>` for binary).
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String, string.hasPrefix("u:") else { return nil }
        return String(string.dropFirst(2))
    }
}
