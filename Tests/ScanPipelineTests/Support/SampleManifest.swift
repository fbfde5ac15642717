import Testing
import Foundation

/// samples/batch-manifest.json: what samples/generate.py did to each page, to check scanctl against.
struct SampleManifest: Decodable {
    struct File: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var subject: String
        var planCode: String
        var schutzbedarf: String
        var pages: [Page]

        var testDescription: String { file }
    }

    struct Page: Decodable, Sendable {
        var page: Int
        /// Counter-clockwise rotation the generator gave the content (PIL's convention).
        var skewCcwDegrees: Double
        /// Clockwise turn of the sheet as fed into the scanner.
        var rotationCwDegrees: Int
        var blank: Bool
        var groundtruth: String
    }

    var dpi: Int
    var files: [File]

    static let root = SampleScans.folder.deletingLastPathComponent()

    static let shared: SampleManifest? = {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("batch-manifest.json").path)
        else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(SampleManifest.self, from: data)
    }()

    static func groundTruth(_ page: Page) throws -> String {
        try String(contentsOf: root.appendingPathComponent(page.groundtruth), encoding: .utf8)
    }
}
