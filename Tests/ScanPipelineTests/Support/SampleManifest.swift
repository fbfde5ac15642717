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

    /// The manifest, or why it cannot be read (missing, or no longer decoding after a change of
    /// samples/generate.py).
    static let loaded: Result<SampleManifest, Unreadable> = {
        let path = root.appendingPathComponent("batch-manifest.json").path
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(Unreadable(reason: "\(path) is missing")) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return .success(try decoder.decode(SampleManifest.self, from: data)) } catch {
            return .failure(Unreadable(reason: "\(path) does not decode: \(error)"))
        }
    }()

    static var shared: SampleManifest? { try? loaded.get() }

    /// The manifest, or a thrown error that fails the test saying why.
    static func required() throws -> SampleManifest { try loaded.get() }

    struct Unreadable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// One case of a test parameterised over the sample files. An unreadable manifest is one case
    /// that fails (`file()` throws), so such a test never passes by running zero cases.
    enum Case: Sendable, CustomTestStringConvertible {
        case file(File)
        case manifestUnreadable(String)

        func file() throws -> File {
            switch self {
            case .file(let file): return file
            case .manifestUnreadable(let reason): throw Unreadable(reason: reason)
            }
        }

        var testDescription: String {
            switch self {
            case .file(let file): file.testDescription
            case .manifestUnreadable: "batch-manifest.json (unreadable)"
            }
        }
    }

    /// Every sample file as a test case, or the one failing case.
    static var cases: [Case] {
        switch loaded {
        case .success(let manifest): manifest.files.map(Case.file)
        case .failure(let error): [.manifestUnreadable(error.reason)]
        }
    }

    static func groundTruth(_ page: Page) throws -> String {
        try String(contentsOf: root.appendingPathComponent(page.groundtruth), encoding: .utf8)
    }
}
