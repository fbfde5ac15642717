import Testing
@testable import ScanPipeline
import TestSupport

@Suite("Multi-page files", .enabled(if: Corpus.isAvailable, Corpus.missingReason))
struct MultiPageTests {
    let folder = Corpus.paperlessTesseract

    @Test(arguments: ["multi-page-images.tiff", "multi-page-images.pdf"])
    func givesEveryPageInOrder(file: String) async throws {
        let path = Corpus.path("\(folder)/\(file)")
        let outcome = try await OCRHarness(workers: 2).run([path])
        #expect(outcome.failures.isEmpty)
        #expect(outcome.pages.map(\.pageNumber) == [1, 2, 3])
        for page in outcome.pages {
            #expect(page.pageCount == 3)
            #expect(TextMetrics.normalise(page.text).contains("This is a multi page document. Page \(page.pageNumber)."))
        }
    }

    @Test func rendersPDFPagesAtTheirNativeScanResolution() throws {
        let source = try SourceInspector(configuration: IngestConfiguration())
            .inspect(path: Corpus.path("\(folder)/multi-page-images.pdf"))
        #expect(source.format == .pdf)
        #expect(source.pages.map(\.resolution) == [206, 206, 206])
        #expect(source.pages.allSatisfy { $0.resolutionSource == .pdfImage })
        #expect(source.textLayerPageCount == 0)
    }

    @Test func reportsAnExistingTextLayer() async throws {
        let path = Corpus.path("\(folder)/multi-page-mixed.pdf")
        let source = try SourceInspector(configuration: IngestConfiguration()).inspect(path: path)
        #expect(source.pageCount == 6)
        #expect(source.textLayerPageCount == 3)
        #expect(source.warnings.contains { $0.contains("text layer on 3 of 6") })
        let digital = try SourceInspector(configuration: IngestConfiguration())
            .inspect(path: Corpus.path("\(folder)/multi-page-digital.pdf"))
        #expect(digital.textLayerPageCount == 3)
        // Born-digital pages embed no scan and are rendered at the configured resolution.
        #expect(digital.pages.allSatisfy { $0.resolution == 300 && $0.resolutionSource == .assumed })
    }

    @Test func keepsFileAndPageOrderAcrossConcurrentWorkers() async throws {
        let paths = [
            Corpus.path("\(folder)/multi-page-images.tiff"),
            Corpus.path("\(folder)/simple.png"),
            Corpus.path("\(folder)/multi-page-images.pdf"),
        ]
        let outcome = try await OCRHarness(workers: 2).run(paths)
        #expect(outcome.order == [
            "start \(paths[0])", "page \(paths[0]) 1", "page \(paths[0]) 2", "page \(paths[0]) 3", "finish \(paths[0])",
            "start \(paths[1])", "page \(paths[1]) 1", "finish \(paths[1])",
            "start \(paths[2])", "page \(paths[2]) 1", "page \(paths[2]) 2", "page \(paths[2]) 3", "finish \(paths[2])",
        ])
    }
}
