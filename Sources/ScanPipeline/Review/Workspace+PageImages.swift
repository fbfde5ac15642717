public import Foundation

/// Page images of a record for the browser: rendered from the record's PDF with Poppler's
/// pdftoppm on first request and cached in `WORKSPACE/cache/pages/`, keyed by the PDF's size and
/// modification time (a rewritten record gets new images).
extension Workspace {
    private static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")

    /// The PNG (its bytes) of page `number` (1-based, as the record's PDF counts) of `document`'s record, at
    /// `resolution` dpi; only for a user who sees the queue. Blocks in Poppler off the cooperative pool.
    public func pageImage(_ document: String, page number: Int, resolution: Int = 100,
                          for user: AuthenticatedUser, policy: ReviewPolicy) async throws -> Data {
        try await requireVisible(document, to: user, policy: policy)
        return try await recordPageImage(document, page: number, resolution: resolution)
    }

    /// The PNG of page `number` of the record's PDF, rendered (and cached) without a permission check:
    /// the caller checked who may see it.
    func recordPageImage(_ document: String, page number: Int, resolution: Int) async throws -> Data {
        guard let placement = try await reviews.recordPlacement(document: document), let recordPath = placement.recordPath else {
            throw ScanPipelineError(.unknownID, "document \(document) has no record")
        }
        let pdf = root.appendingPathComponent(recordPath).appendingPathComponent(Self.pdfFileName)
        let cache = root.appendingPathComponent("cache/pages", isDirectory: true)
        let resolution = min(max(resolution, 30), 300)
        return try await BlockingWork.run {
            let attributes = try FileManager.default.attributesOfItem(atPath: pdf.path)
            let stamp = "\((attributes[.size] as? Int) ?? 0)-\(Int(((attributes[.modificationDate] as? Date) ?? .distantPast).timeIntervalSince1970))"
            let target = cache.appendingPathComponent("\(document)-\(stamp)-\(resolution)-\(number).png")
            if let cached = FileManager.default.contents(atPath: target.path) { return cached }
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let prefix = cache.appendingPathComponent("partial-\(UUID().uuidString)").path
            let output = try Self.pdftoppm.run(["-f", String(number), "-l", String(number), "-r", String(resolution), "-png",
                                                "-singlefile", pdf.path, prefix], timeout: 60)
            let rendered = URL(fileURLWithPath: prefix + ".png")
            guard output.status == 0, FileManager.default.fileExists(atPath: rendered.path) else {
                try? FileManager.default.removeItem(at: rendered)
                throw ScanPipelineError(.unknownID, "page \(number) of document \(document) cannot be shown")
            }
            // Renamed into place, so a reader never sees half an image.
            if rename(rendered.path, target.path) != 0 { try? FileManager.default.removeItem(at: rendered) }
            return try Data(contentsOf: FileManager.default.fileExists(atPath: target.path) ? target : rendered)
        }
    }
}
