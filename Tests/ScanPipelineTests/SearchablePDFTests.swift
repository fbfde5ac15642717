import Foundation
import Logging
import Testing
@testable import ScanPipeline
import TestSupport

/// One-page searchable PDFs from Tesseract's renderer: the corrected scan with an invisible text layer.
@Suite("Searchable PDF pages")
struct SearchablePDFTests {
    func tool(_ name: String, _ arguments: [String]) throws -> String {
        let output = try ExternalTool(name: name, package: "poppler-utils").run(arguments, timeout: 60)
        #expect(output.status == 0, "\(name) \(arguments): \(output.standardError)")
        return output.text
    }

    @Test func carriesTheCorrectedImageAndItsTextLayer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pdf = folder.url.appendingPathComponent("page.pdf")
        let pool = try await OCRWorkerPool(configuration: OCRConfiguration(), workers: 1, logger: .init(label: "test"))
        let source = try SourceInspector(configuration: IngestConfiguration())
            .inspect(path: SampleScans.path("03-hundesteuer-abmeldung.jpg"))
        let page = try await pool.perform { engine in try engine.recognize(source, page: 0, searchablePDF: pdf) }
        await pool.shutdown()

        #expect(page.orientation.appliedDegrees == 180)
        let text = try tool("pdftotext", [pdf.path, "-"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // The text layer reads like the page, upright: the page was turned before recognition.
        #expect(text.contains("Abmeldung unseres Hundes von der Hundesteuer"))
        #expect(text.contains("Hundesteuermarke"))
        // One embedded image at the scan's resolution, the size of the corrected page.
        let images = try tool("pdfimages", ["-list", pdf.path]).split(separator: "\n").dropFirst(2)
        #expect(images.count == 1)
        let columns = try #require(images.first?.split(separator: " ", omittingEmptySubsequences: true))
        #expect(Int(columns[3]) == page.width && Int(columns[4]) == page.height)
        #expect(Int(columns[12]) == 300 && Int(columns[13]) == 300)
    }

    @Test func refusesANameThatDoesNotEndInPDF() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pool = try await OCRWorkerPool(configuration: OCRConfiguration(), workers: 1, logger: .init(label: "test"))
        let source = try SourceInspector(configuration: IngestConfiguration()).inspect(path: SampleScans.path("08-strassenschaden.png"))
        let target = folder.url.appendingPathComponent("page.out")
        await #expect(throws: ScanPipelineError.self) {
            try await pool.perform { engine in try engine.recognize(source, page: 0, searchablePDF: target) }
        }
        await pool.shutdown()
    }
}
