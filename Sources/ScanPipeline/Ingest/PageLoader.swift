internal import COCR
import Foundation

/// Decodes one page of an inspected source file into a Leptonica image at its planned resolution.
///
/// Blocking: runs on a worker thread. Only one page per worker is in memory at a time.
struct PageLoader: Sendable {
    var configuration: IngestConfiguration

    private static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")

    func load(_ source: SourceFile, page index: Int) throws -> PixImage {
        LeptonicaDiagnostics.silenced
        guard source.pages.indices.contains(index) else {
            throw ScanPipelineError(.pageOutOfRange, path: source.path,
                                    "page \(index + 1) requested, the file has \(source.pageCount)")
        }
        let page = source.pages[index]
        let image: PixImage
        switch source.format {
        case .tiff:
            image = try decoded(PixImage(taking: pixReadTiff(source.path, Int32(index))), source, page)
        case .png:
            image = try decoded(PixImage(taking: pixRead(source.path)), source, page)
        case .jpeg:
            var warnings: Int32 = 0
            let pix = PixImage(taking: pixReadJpeg(source.path, 0, 1, &warnings, 0))
            guard warnings == 0 else {
                throw ScanPipelineError(.corruptFile, path: source.path,
                                        "the JPEG data is damaged (\(warnings) decoder warning(s))")
            }
            image = try decoded(pix, source, page)
        case .pdf:
            image = try rasterise(source, page)
        }
        image.setResolution(x: page.resolution, y: page.resolution)
        return image
    }

    private func decoded(_ image: consuming PixImage?, _ source: SourceFile, _ page: SourcePage) throws -> PixImage {
        guard let image else {
            let which = source.pageCount > 1 ? "page \(page.index + 1) of \(source.pageCount)" : "the image"
            throw ScanPipelineError(.corruptFile, path: source.path,
                                    "\(which) could not be decoded: the \(source.format.rawValue.uppercased()) data is damaged or truncated")
        }
        // The header promised a size that passed the pixel limit; the decoded image must match it.
        guard image.width == page.width, image.height == page.height else {
            throw ScanPipelineError(.corruptFile, path: source.path,
                "page \(page.index + 1) decoded to \(image.width) × \(image.height) pixels, "
                + "its header says \(page.width) × \(page.height)")
        }
        return image
    }

    /// Renders one PDF page to a grayscale PGM in a private temporary folder and reads it back.
    private func rasterise(_ source: SourceFile, _ page: SourcePage) throws -> PixImage {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("scanctl-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("page").path
        let number = String(page.index + 1)
        let output = try Self.pdftoppm.run(
            ["-f", number, "-l", number, "-r", String(page.resolution), "-gray", "-singlefile", source.path, prefix],
            timeout: configuration.pdfToolTimeout, memoryLimitBytes: configuration.pdfToolMemoryLimit)
        if output.timedOut {
            throw ScanPipelineError(.pdfRasterisation, path: source.path,
                "page \(number) could not be rendered within \(Int(configuration.pdfToolTimeout)) s")
        }
        let file = prefix + ".pgm"
        guard output.status == 0, FileManager.default.fileExists(atPath: file),
              let image = PixImage(taking: pixRead(file)) else {
            throw ScanPipelineError(.pdfRasterisation, path: source.path,
                "page \(number) could not be rendered (\(PDFInspector.firstLine(of: output.standardError, or: "pdftoppm exit status \(output.status)")))")
        }
        return image
    }
}
