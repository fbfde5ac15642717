public import Foundation

/// Checks an xdomea message against the xdomea 3.0.0 schemas (a folder holding `xdomea.xsd` and
/// the XÖV schemas it imports, as ../shared/xdomea/schema-3.0.0 has them) with libxml2's xmllint,
/// so that scanctl never sends, and never acts on, a message that does not validate.
public struct XdomeaSchemaValidator: Sendable {
    public var schemas: URL
    public var xmllint: String

    public init(schemas: URL, xmllint: String = "/usr/bin/xmllint") {
        self.schemas = schemas
        self.xmllint = xmllint
    }

    /// Refuses (`aussonderung`, naming `name` and what xmllint said) unless `xml` validates.
    func validate(_ xml: Data, name: String) async throws {
        let schemas = schemas
        let xmllint = xmllint
        try await BlockingWork.run {
            guard FileManager.default.fileExists(atPath: schemas.appendingPathComponent("xdomea.xsd").path) else {
                throw ScanPipelineError(.aussonderung, path: schemas.path, "holds no xdomea.xsd (the xdomea 3.0.0 schemas)")
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-xdomea-\(UUID().uuidString).xml")
            defer { try? FileManager.default.removeItem(at: file) }
            try xml.write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", "--schema", "xdomea.xsd", file.path]
            process.currentDirectoryURL = schemas
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            do { try process.run() } catch {
                throw ScanPipelineError(.externalTool, path: xmllint, "cannot be started (Debian: libxml2-utils): \(error.localizedDescription)")
            }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let said = text.replacingOccurrences(of: file.path, with: name).split(separator: "\n").prefix(5).joined(separator: "; ")
                throw ScanPipelineError(.aussonderung, path: name, "does not validate against the xdomea 3.0.0 schemas: \(said)")
            }
        }
    }
}
