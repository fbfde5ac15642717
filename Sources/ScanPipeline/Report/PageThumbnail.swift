import Foundation

/// A small PNG of a record's first page, for the report (Poppler's pdftoppm in its own process).
enum PageThumbnail {
    private static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")

    static func png(of pdf: URL, longestSide: Int = 220) throws -> Data {
        // pdftoppm 22 writes nothing to standard output for a single PNG page: go through a file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-thumbnail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("page")
        let output = try pdftoppm.run(["-png", "-f", "1", "-l", "1", "-scale-to", String(longestSide), "-singlefile",
                                       pdf.path, root.path], timeout: 60)
        guard output.status == 0, !output.timedOut, let data = FileManager.default.contents(atPath: root.path + ".png") else {
            throw ScanPipelineError(.externalTool, path: pdf.path, "pdftoppm could not render a thumbnail: \(output.standardError)")
        }
        return data
    }
}
