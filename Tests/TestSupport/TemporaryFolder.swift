public import Foundation

/// A private temporary folder, removed by the test that made it (`defer { folder.remove() }`).
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init(prefix: String = "scanctl-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` in the folder (the file need not exist).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` and returns its path.
    @discardableResult
    public func file(_ name: String, contents: Data) throws -> String {
        let path = path(name)
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try file(name, contents: Data(text.utf8))
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
