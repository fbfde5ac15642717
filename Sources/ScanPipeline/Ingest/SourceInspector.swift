internal import COCR
import Foundation

/// Checks a source file before any page is decoded: existence, size, format (from the content),
/// page count, page sizes against the pixel limit, resolution, and for PDFs encryption and text layer.
///
/// Blocking: runs on a worker thread.
struct SourceInspector: Sendable {
    var configuration: IngestConfiguration

    func inspect(path: String) throws -> SourceFile {
        LeptonicaDiagnostics.silenced
        let byteCount = try Self.regularFileSize(path)
        guard byteCount > 0 else {
            throw ScanPipelineError(.emptyFile, path: path, "the file is empty (0 bytes)")
        }
        let prefix = try Self.readPrefix(path, count: 1024)
        let format: SourceFormat
        if let sniffed = SourceFormat.sniff(prefix) {
            format = sniffed
        } else if SourceFormat.sniffPDFHeader(in: prefix) {
            format = .pdf
        } else {
            throw ScanPipelineError(.unsupportedFormat, path: path,
                "not a TIFF, PNG, JPEG or PDF file (\(Self.describe(prefix)))")
        }
        switch format {
        case .pdf:
            return try PDFInspector(configuration: configuration).inspect(path: path, byteCount: byteCount)
        case .tiff, .png, .jpeg:
            try Self.checkComplete(format: format, path: path, byteCount: byteCount)
            let pages = try imagePages(path: path, format: format)
            return SourceFile(path: path, format: format, byteCount: byteCount, pages: pages,
                              textLayerPageCount: 0, warnings: [], device: format == .tiff ? ScannerDevice.tiff(path) : nil)
        }
    }

    private func imagePages(path: String, format: SourceFormat) throws -> [SourcePage] {
        let headers: [(width: Int, height: Int, resolution: Int)]
        switch format {
        case .tiff: headers = try Self.tiffHeaders(path)
        case .png: headers = [try Self.pngHeader(path)]
        case .jpeg: headers = [try Self.jpegHeader(path)]
        case .pdf: preconditionFailure("PDFs are inspected by PDFInspector")
        }
        let policy = ResolutionPolicy(defaultResolution: configuration.defaultResolution)
        return try headers.enumerated().map { index, header in
            let pixels = header.width * header.height
            if pixels > configuration.maxPixelsPerPage {
                let where_ = headers.count > 1 ? "page \(index + 1) is" : "the image is"
                throw ScanPipelineError(.imageTooLarge, path: path,
                    "\(where_) \(header.width) × \(header.height) pixels (\(Self.megapixels(pixels))), "
                    + "above the limit of \(Self.megapixels(configuration.maxPixelsPerPage)) per page; "
                    + "it was not decoded")
            }
            let (resolution, source, warning) = policy.resolve(
                stored: header.resolution, width: header.width, height: header.height)
            return SourcePage(index: index, width: header.width, height: header.height,
                              resolution: resolution, resolutionSource: source,
                              warnings: warning.map { [$0] } ?? [])
        }
    }

    // MARK: Headers (Leptonica; no pixel data is decoded)

    private static func tiffHeaders(_ path: String) throws -> [(width: Int, height: Int, resolution: Int)] {
        let count = try withFile(path) { file -> Int32 in
            var count: Int32 = 0
            guard tiffGetCount(file, &count) == 0, count > 0 else {
                throw ScanPipelineError(.corruptFile, path: path, "the TIFF structure is damaged or truncated")
            }
            return count
        }
        return try (0..<count).map { page in
            var width: Int32 = 0, height: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0
            var resolution: Int32 = 0, colormap: Int32 = 0, compression: Int32 = 0
            guard readHeaderTiff(path, page, &width, &height, &bps, &spp, &resolution, &colormap, &compression) == 0,
                  width > 0, height > 0 else {
                throw ScanPipelineError(.corruptFile, path: path,
                    "the header of TIFF page \(page + 1) of \(count) is damaged or truncated")
            }
            return (Int(width), Int(height), Int(resolution))
        }
    }

    private static func pngHeader(_ path: String) throws -> (width: Int, height: Int, resolution: Int) {
        try withFile(path) { file in
            var width: Int32 = 0, height: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, colormap: Int32 = 0
            guard freadHeaderPng(file, &width, &height, &bps, &spp, &colormap) == 0, width > 0, height > 0 else {
                throw ScanPipelineError(.corruptFile, path: path, "the PNG header is damaged")
            }
            rewind(file)
            var xres: Int32 = 0, yres: Int32 = 0
            if fgetPngResolution(file, &xres, &yres) != 0 { xres = 0 }
            return (Int(width), Int(height), Int(xres))
        }
    }

    private static func jpegHeader(_ path: String) throws -> (width: Int, height: Int, resolution: Int) {
        try withFile(path) { file in
            var width: Int32 = 0, height: Int32 = 0, spp: Int32 = 0, ycck: Int32 = 0, cmyk: Int32 = 0
            guard freadHeaderJpeg(file, &width, &height, &spp, &ycck, &cmyk) == 0, width > 0, height > 0 else {
                throw ScanPipelineError(.corruptFile, path: path, "the JPEG header is damaged")
            }
            rewind(file)
            var xres: Int32 = 0, yres: Int32 = 0
            if fgetJpegResolution(file, &xres, &yres) != 0 { xres = 0 }
            return (Int(width), Int(height), Int(xres))
        }
    }

    /// Whether a JPEG holds CMYK (or YCCK) data: a PDF cannot show such a JPEG as it is without a
    /// Decode array, and Tesseract's PDF renderer fails on it, so its page is embedded decoded.
    static func jpegIsCMYK(_ path: String) -> Bool {
        (try? withFile(path) { file -> Bool in
            var width: Int32 = 0, height: Int32 = 0, spp: Int32 = 0, ycck: Int32 = 0, cmyk: Int32 = 0
            guard freadHeaderJpeg(file, &width, &height, &spp, &ycck, &cmyk) == 0 else { return true }
            return cmyk != 0 || ycck != 0 || spp == 4
        }) ?? true
    }

    // MARK: Files

    /// Checks the end marker of PNG and JPEG files, which a truncated transfer cuts off.
    /// (TIFF has no end marker; truncated TIFFs fail on their directory or on decoding.)
    private static func checkComplete(format: SourceFormat, path: String, byteCount: Int) throws {
        guard format == .png || format == .jpeg else { return }
        let tail = try readSuffix(path, count: min(byteCount, 64))
        switch format {
        case .png:
            let iend = Array("IEND".utf8)
            let found = tail.count >= iend.count && (0...(tail.count - iend.count)).contains {
                Array(tail[$0..<$0 + iend.count]) == iend
            }
            if !found {
                throw ScanPipelineError(.corruptFile, path: path, "the PNG is truncated (no IEND chunk at its end)")
            }
        case .jpeg:
            // Some writers pad after the end-of-image marker; look for it near the end.
            let found = tail.count >= 2 && (0..<(tail.count - 1)).contains { tail[$0] == 0xFF && tail[$0 + 1] == 0xD9 }
            if !found {
                throw ScanPipelineError(.corruptFile, path: path, "the JPEG is truncated (no end-of-image marker)")
            }
        default: break
        }
    }

    static func regularFileSize(_ path: String) throws -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScanPipelineError(.unreadableFile, path: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ScanPipelineError(.unreadableFile, path: path, "is a directory, not a file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ScanPipelineError(.unreadableFile, path: path, "permission denied")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ScanPipelineError(.unreadableFile, path: path, "cannot be opened for reading")
        }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    private static func readSuffix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ScanPipelineError(.unreadableFile, path: path, "cannot be opened for reading")
        }
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        try handle.seek(toOffset: end - UInt64(count))
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    private static func withFile<Result>(_ path: String, _ body: (UnsafeMutablePointer<FILE>) throws -> Result) throws -> Result {
        guard let file = fopen(path, "rb") else {
            throw ScanPipelineError(.unreadableFile, path: path, "cannot be opened for reading")
        }
        defer { fclose(file) }
        return try body(file)
    }

    /// What the content looks like, in words, without quoting it: the reason is shown and
    /// recorded, and a file's bytes (a link to /etc/passwd named x.tif) must not end up there.
    static func describe(_ prefix: [UInt8]) -> String {
        func starts(_ signature: [UInt8]) -> Bool { prefix.starts(with: signature) }
        let head = Array(prefix.prefix(512))
        if starts(Array("GIF8".utf8)) { return "the content is a GIF image" }
        if starts([0x42, 0x4D]) { return "the content is a BMP image" }
        if prefix.count >= 12, Array(prefix[0..<4]) == Array("RIFF".utf8), Array(prefix[8..<12]) == Array("WEBP".utf8) {
            return "the content is a WebP image"
        }
        if prefix.count >= 12, Array(prefix[4..<8]) == Array("ftyp".utf8) { return "the content is a HEIC/HEIF image or an MP4 video" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "the content is a ZIP archive (an Office document?)" }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "the content is an old Microsoft Office document" }
        if starts([0x1F, 0x8B]) { return "the content is gzip-compressed" }
        if head.allSatisfy({ (0x20..<0x7F).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 >= 0x80 }),
           String(validating: head, as: UTF8.self) != nil || head.allSatisfy({ $0 < 0x80 }) {
            let text = String(decoding: head, as: UTF8.self).lowercased()
            if text.contains("<html") || text.contains("<!doctype html") { return "the content is an HTML page" }
            if text.hasPrefix("<?xml") { return "the content is XML" }
            return "the content is text"
        }
        return "the content is not an image format scanctl knows"
    }

    static func megapixels(_ pixels: Int) -> String {
        String(format: "%.1f megapixels", Double(pixels) / 1_000_000)
    }
}
