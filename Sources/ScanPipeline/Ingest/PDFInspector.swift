import Foundation

/// Reads a PDF's page count, page sizes, encryption, embedded scan resolution and text layer
/// with Poppler's command-line tools (`pdfinfo`, `pdfimages`, `pdftotext`).
///
/// Blocking: runs on a worker thread.
struct PDFInspector: Sendable {
    var configuration: IngestConfiguration

    private static let pdfinfo = ExternalTool(name: "pdfinfo", package: "poppler-utils")
    private static let pdfimages = ExternalTool(name: "pdfimages", package: "poppler-utils")
    private static let pdftotext = ExternalTool(name: "pdftotext", package: "poppler-utils")

    /// A page needs at least this many non-space characters of extractable text to count as having a text layer.
    static let textLayerMinimumCharacters = 16

    func inspect(path: String, byteCount: Int) throws -> SourceFile {
        let info = try Self.pdfinfo.run(
            ["-f", "1", "-l", "100000", path],
            timeout: configuration.pdfToolTimeout, memoryLimitBytes: configuration.pdfToolMemoryLimit)
        try Self.checkEncryption(info, path: path)
        guard info.status == 0 else {
            throw ScanPipelineError(.corruptFile, path: path,
                                    "the PDF cannot be opened (\(Self.firstLine(of: info.standardError, or: "pdfinfo failed")))")
        }
        let sizes = Self.pageSizes(fromPdfinfo: info.text)
        guard !sizes.isEmpty else {
            throw ScanPipelineError(.corruptFile, path: path, "the PDF has no pages")
        }
        let nativeResolutions = try scanResolutions(path: path)
        let textCounts = try textCharacterCounts(path: path)

        var pages: [SourcePage] = []
        for (index, size) in sizes.enumerated() {
            var page = try plan(page: index, size: size, nativeResolution: nativeResolutions[index + 1], path: path)
            page.textLayerCharacters = index < textCounts.count ? textCounts[index] : 0
            pages.append(page)
        }
        let textPages = textCounts.filter { $0 >= Self.textLayerMinimumCharacters }.count
        var warnings: [String] = []
        if textPages > 0 {
            warnings.append("the PDF already has a text layer on \(textPages) of \(pages.count) page(s); "
                            + "it is ignored and the pages are recognised from their images")
        }
        return SourceFile(path: path, format: .pdf, byteCount: byteCount, pages: pages,
                          textLayerPageCount: textPages, warnings: warnings, device: ScannerDevice.pdf(pdfinfo: info.text))
    }

    static let minimumResolution = 200
    static let lowImageResolution = 300

    /// Chooses the rasterisation resolution of one page: the native resolution of its scan image,
    /// capped by `maxPDFResolution` and by the pixel limit.
    private func plan(page index: Int, size: (width: Double, height: Double),
                      nativeResolution: Int?, path: String) throws -> SourcePage {
        var warnings: [String] = []
        var resolution: Int
        let source: ResolutionSource
        if let nativeResolution, nativeResolution > 0 {
            // Never below 200 dpi: a page whose images are coarser (a 7-dpi figure, a 90-dpi
            // page) is rendered at 300 dpi, so its text, vector or image, can be read.
            resolution = nativeResolution >= Self.minimumResolution ? nativeResolution : Self.lowImageResolution
            if nativeResolution < Self.minimumResolution {
                warnings.append("page \(index + 1)'s images are \(nativeResolution) dpi; rendered at \(resolution) dpi")
            }
            source = .pdfImage
            if resolution > configuration.maxPDFResolution {
                warnings.append("page \(index + 1) is a \(resolution)-dpi scan; rendered at "
                                + "\(configuration.maxPDFResolution) dpi")
                resolution = configuration.maxPDFResolution
            }
        } else {
            resolution = configuration.pdfTextPageResolution
            source = .assumed
        }
        func pixels(at dpi: Int) -> (Int, Int) {
            (Int((size.width / 72 * Double(dpi)).rounded()), Int((size.height / 72 * Double(dpi)).rounded()))
        }
        var (width, height) = pixels(at: resolution)
        if width * height > configuration.maxPixelsPerPage {
            // Lower the resolution so that the page fits the limit; refuse pages that would become unreadable.
            let fitting = Int((Double(resolution) * (Double(configuration.maxPixelsPerPage) / Double(width * height)).squareRoot()).rounded(.down))
            guard fitting >= 100 else {
                let inches = "\(Int(size.width / 72)) × \(Int(size.height / 72)) inches"
                throw ScanPipelineError(.imageTooLarge, path: path,
                    "page \(index + 1) measures \(inches); even at 100 dpi it exceeds the limit of "
                    + "\(configuration.maxPixelsPerPage / 1_000_000) megapixels per page")
            }
            warnings.append("page \(index + 1) rendered at \(fitting) dpi instead of \(resolution) dpi "
                            + "to stay within \(configuration.maxPixelsPerPage / 1_000_000) megapixels")
            resolution = fitting
            (width, height) = pixels(at: resolution)
        }
        return SourcePage(index: index, width: width, height: height, resolution: resolution,
                          resolutionSource: source, warnings: warnings)
    }

    /// The highest image resolution on each page (1-based page number → dpi), from `pdfimages -list`:
    /// the layer that carries the text, on a compact (MRC) scan.
    private func scanResolutions(path: String) throws -> [Int: Int] {
        let output = try Self.pdfimages.run(
            ["-list", path], timeout: configuration.pdfToolTimeout,
            memoryLimitBytes: configuration.pdfToolMemoryLimit)
        guard output.status == 0 else { return [:] }
        var result: [Int: Int] = [:]
        for line in output.text.split(separator: "\n").dropFirst(2) {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
            // Stencil masks count: an MRC page's text is a 300-ppi stencil over a 150-ppi image,
            // and the text is what must be read. Soft masks (transparency) do not.
            guard columns.count >= 14, let page = Int(columns[0]), ["image", "stencil", "mask"].contains(columns[2]),
                  let xppi = Int(columns[12]), let yppi = Int(columns[13]) else { continue }
            result[page] = max(result[page] ?? 0, max(xppi, yppi))
        }
        return result
    }

    /// The number of non-space characters of extractable text per page.
    private func textCharacterCounts(path: String) throws -> [Int] {
        let output = try Self.pdftotext.run(
            ["-enc", "UTF-8", path, "-"], timeout: configuration.pdfToolTimeout,
            memoryLimitBytes: configuration.pdfToolMemoryLimit)
        guard output.status == 0 else { return [] }
        return output.text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.count
        }
    }

    private static func checkEncryption(_ info: ExternalTool.Output, path: String) throws {
        if info.standardError.contains("Incorrect password") {
            throw ScanPipelineError(.encryptedPDF, path: path,
                "the PDF is encrypted with a password that is needed to open it; "
                + "scan the paper again or ask the sender for an unprotected copy")
        }
        if info.status == 0,
           let line = info.text.split(separator: "\n").first(where: { $0.hasPrefix("Encrypted:") }),
           line.contains("yes") {
            throw ScanPipelineError(.encryptedPDF, path: path,
                "the PDF is encrypted (owner password with restricted permissions); an archival record "
                + "cannot be made from it: ask the sender for an unprotected copy")
        }
    }

    /// Page sizes in points from `pdfinfo -f 1 -l N`: lines like `Page    1 size:  595.28 x 841.89 pts (A4)`.
    static func pageSizes(fromPdfinfo text: String) -> [(width: Double, height: Double)] {
        var sizes: [(Double, Double)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("Page ") && line.contains(" size:") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let colon = words.firstIndex(of: "size:"), words.count > colon + 3,
                  let width = Double(words[colon + 1]), let height = Double(words[colon + 3]) else { continue }
            sizes.append((width, height))
        }
        return sizes
    }

    static func firstLine(of text: String, or fallback: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? fallback
    }
}
