import Foundation
import Logging
import Testing
@testable import ScanPipeline
#if canImport(FoundationXML)
import FoundationXML
import TestSupport
#endif

/// Record PDFs as PDF/A-2b. No PDF/A validator can be installed here (veraPDF is not packaged for
/// Debian or PyPI), so each requirement the writer implements is checked on its own, reading the
/// file with qpdf and Poppler: identification and metadata in XMP equal to the document
/// information dictionary, every own XMP property declared in an extension schema, an sRGB output
/// intent, fonts embedded, no encryption, JavaScript or actions, an unfiltered metadata stream, a
/// file identifier and a binary header comment.
@Suite("PDF/A-2b records")
struct ArchivalPDFTests {
    /// Two pages Tesseract made searchable: a 1-bit TIFF page and a colour JPEG.
    struct Fixture: Sendable {
        var folder: URL
        var pages: [URL]
        var pdf: URL
        var description: ArchivalPDFDescription
    }

    static let description = ArchivalPDFDescription(
        title: "Wohngebäude: <Nachreichung> & \"Prüfung\"\u{7}.tif", subject: "6 Bauwesen / 63 Bauordnung",
        keywords: "632.10; 63.2-0147/2026", creatorTool: "scanctl test", producer: "scanctl test (Tesseract, qpdf)",
        created: Date(timeIntervalSince1970: 1_796_000_000.75),
        properties: .init(record: "1bd4e2b1-01c6-48dc-8d89-1a43b93ccf7c", batch: "b-1", state: "filed",
                          planCode: "632.10", planTitle: "Wohngebäude", planVersion: "lindenau-kgst@781f1d36ae26",
                          aktenzeichen: ["63.2-0147/2026", "Az. <x> & y"], schutzbedarf: "normal",
                          sourceFile: "01-bauantrag.tif", sourceSHA256: String(repeating: "ab", count: 32)))

    static let fixture = Task<Fixture, any Error> {
        let folder = try TemporaryFolder().url
        let pool = try await OCRWorkerPool(configuration: OCRConfiguration(), workers: 1, logger: .init(label: "test"))
        let inspector = try SourceInspector(configuration: IngestConfiguration())
        var pages: [URL] = []
        for (index, name) in ["01-bauantrag-nachreichung.tif", "03-hundesteuer-abmeldung.jpg"].enumerated() {
            let page = folder.appendingPathComponent("page-\(index).pdf")
            let source = try inspector.inspect(path: SampleScans.path(name))
            _ = try await pool.perform { engine in try engine.recognize(source, page: 0, searchablePDF: page) }
            pages.append(page)
        }
        await pool.shutdown()
        let pdf = folder.appendingPathComponent("document.pdf")
        try ArchivalPDFWriter().write(pages: pages, description: description, to: pdf)
        return Fixture(folder: folder, pages: pages, pdf: pdf, description: description)
    }

    func tool(_ name: String, _ arguments: [String], package: String = "poppler-utils") throws -> String {
        let output = try ExternalTool(name: name, package: package).run(arguments, timeout: 60)
        #expect(output.status == 0, "\(name) \(arguments): \(output.standardError)")
        return output.text
    }

    /// The XMP packet from the catalog's /Metadata stream, parsed.
    func xmp(_ structure: PDFStructure) throws -> XMLDocument {
        let data = try #require(structure.streamData(structure.catalog["/Metadata"]))
        return try XMLDocument(data: data)
    }

    func values(_ xmp: XMLDocument, _ path: String) throws -> [String] {
        try xmp.nodes(forXPath: path).compactMap(\.stringValue)
    }

    @Test func identifiesItselfAsPDFA2bWithTheSameMetadataInXMPAndInfo() async throws {
        let fixture = try await Self.fixture.value
        let structure = try PDFStructure(fixture.pdf)
        let xmp = try xmp(structure)
        #expect(try values(xmp, "//*[local-name()='part']") == ["2"])
        #expect(try values(xmp, "//*[local-name()='conformance']") == ["B"])

        let info = structure.info
        let pairs: [(info: String, xmp: String)] = [
            ("/Title", "//*[local-name()='title']/*/*"), ("/Subject", "//*[local-name()='description' and namespace-uri()='http://purl.org/dc/elements/1.1/']/*/*"),
            ("/Keywords", "//*[local-name()='Keywords']"), ("/Creator", "//*[local-name()='CreatorTool']"),
            ("/Producer", "//*[local-name()='Producer']"),
        ]
        for pair in pairs {
            let infoValue = try #require(PDFStructure.text(info[pair.info]), "Info \(pair.info)")
            #expect(try values(xmp, pair.xmp) == [infoValue], "\(pair.info) vs XMP")
        }
        // Cleaned of what XML cannot carry, the same way in both places; escaped in XMP.
        #expect(PDFStructure.text(info["/Title"]) == "Wohngebäude: <Nachreichung> & \"Prüfung\" .tif")

        // The dates name the same instant in their two forms.
        let created = try #require(PDFStructure.text(info["/CreationDate"]))
        #expect(created == "D:20261130005320+00'00'")
        #expect(PDFStructure.text(info["/ModDate"]) == created)
        for name in ["CreateDate", "ModifyDate", "MetadataDate"] {
            #expect(try values(xmp, "//*[local-name()='\(name)']") == ["2026-11-30T00:53:20+00:00"])
        }
        #expect(try values(xmp, "//*[local-name()='DocumentID']") == ["uuid:1bd4e2b1-01c6-48dc-8d89-1a43b93ccf7c"])
    }

    @Test func declaresEveryOwnXMPPropertyInAnExtensionSchema() async throws {
        let fixture = try await Self.fixture.value
        let xmp = try xmp(PDFStructure(fixture.pdf))
        let used = try xmp.nodes(forXPath: "//*[namespace-uri()='\(XMPPacket.recordNamespace)']").compactMap(\.localName)
        #expect(Set(used) == Set(XMPPacket.recordProperties.map(\.name)))
        #expect(try values(xmp, "//*[local-name()='namespaceURI']") == [XMPPacket.recordNamespace])
        #expect(try values(xmp, "//*[local-name()='prefix']") == ["scanctl"])
        let declared = try values(xmp, "//*[local-name()='property']//*[local-name()='name']")
        #expect(Set(declared) == Set(used))
        #expect(try values(xmp, "//*[local-name()='planCode' and namespace-uri()='\(XMPPacket.recordNamespace)']") == ["632.10"])
        #expect(try values(xmp, "//*[local-name()='aktenzeichen']//*[local-name()='li']") == ["63.2-0147/2026", "Az. <x> & y"])
    }

    @Test func carriesAnSRGBOutputIntent() async throws {
        let fixture = try await Self.fixture.value
        let structure = try PDFStructure(fixture.pdf)
        let intents = try #require(structure.catalog["/OutputIntents"] as? [Any])
        #expect(intents.count == 1)
        let intent = try #require(structure.dictionary(intents.first))
        #expect(intent["/S"] as? String == "/GTS_PDFA1")
        #expect(PDFStructure.text(intent["/OutputConditionIdentifier"]) == "sRGB IEC61966-2.1")
        #expect(structure.dictionary(intent["/DestOutputProfile"])?["/N"] as? Int == 3)
        let profile = try #require(structure.streamData(intent["/DestOutputProfile"]))
        #expect(SRGBProfile.isRGBProfile(profile))
        #expect(profile == (try SRGBProfile.data()))
    }

    @Test func embedsItsFontsAndHasNoEncryptionJavaScriptOrActions() async throws {
        let fixture = try await Self.fixture.value
        let fonts = try tool("pdffonts", [fixture.pdf.path]).split(separator: "\n").dropFirst(2)
        #expect(fonts.count == 2)
        for font in fonts {
            // ... emb sub uni object generation: "emb" is fifth from the end (types have spaces).
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "font not embedded: \(font)")
        }
        let info = try tool("pdfinfo", [fixture.pdf.path])
        #expect(info.contains("Encrypted:       no"))
        #expect(info.contains("JavaScript:      no"))

        let stored = try PDFStructure(fixture.pdf, decoded: false)
        #expect(stored.trailer["/Encrypt"] == nil)
        let identifiers = try #require(stored.trailer["/ID"] as? [String])
        #expect(identifiers.count == 2 && identifiers.allSatisfy { !$0.isEmpty })
        for key in ["/AA", "/OpenAction", "/Names", "/AcroForm"] { #expect(stored.catalog[key] == nil, "catalog has \(key)") }
        let metadata = try #require(stored.dictionary(stored.catalog["/Metadata"]))
        #expect(metadata["/Type"] as? String == "/Metadata" && metadata["/Subtype"] as? String == "/XML")
        #expect(metadata["/Filter"] == nil, "PDF/A forbids a filtered metadata stream")

        // Every `endstream` follows an end-of-line (6.1.7.1).
        let bytes = try Data(contentsOf: fixture.pdf)
        var endstreams = 0
        var from = bytes.startIndex
        while let found = bytes.range(of: Data("endstream".utf8), in: from..<bytes.endIndex) {
            endstreams += 1
            #expect([0x0A, 0x0D].contains(bytes[found.lowerBound - 1]), "endstream at \(found.lowerBound) without an EOL")
            from = found.upperBound
        }
        #expect(endstreams > 5)

        // `%PDF-1.n`, then a comment of at least four bytes above 127 (marks the file as binary).
        let head = [UInt8](bytes.prefix(20))
        #expect(Array(head.prefix(7)) == Array("%PDF-1.".utf8))
        let second = head.drop { $0 != 0x0A }.dropFirst()
        #expect(second.first == UInt8(ascii: "%") && second.dropFirst().prefix(4).allSatisfy { $0 > 127 })
        #expect(try tool("qpdf", ["--check", fixture.pdf.path], package: "qpdf").contains("No syntax or stream encoding errors"))
    }

    @Test func keepsTheScansAndTheirTextLayersInOrder() async throws {
        let fixture = try await Self.fixture.value
        let images = try tool("pdfimages", ["-list", fixture.pdf.path]).split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(images.count == 2)
        #expect(images.first.map { [$0[0], $0[5], $0[8]] } == ["1", "gray", "ccitt"])
        #expect(images.last.map { [$0[0], $0[8]] } == ["2", "jpeg"])
        let first = try tool("pdftotext", ["-f", "1", "-l", "1", fixture.pdf.path, "-"])
        let second = try tool("pdftotext", ["-f", "2", "-l", "2", fixture.pdf.path, "-"])
        #expect(first.contains("Fachbereich Bauordnung"))
        #expect(second.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("Abmeldung unseres Hundes"))
    }

    @Test func theSamePagesAndDescriptionGiveTheSameBytes() async throws {
        let fixture = try await Self.fixture.value
        let again = fixture.folder.appendingPathComponent("again.pdf")
        try ArchivalPDFWriter().write(pages: fixture.pages, description: fixture.description, to: again)
        #expect(try Data(contentsOf: again) == Data(contentsOf: fixture.pdf))
    }

    @Test func refusesAPageThatIsNotAPDFNamingIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let broken = try folder.file("page-1.pdf", contents: Data("%PDF-1.5\nnot really".utf8))
        let output = folder.url.appendingPathComponent("document.pdf")
        let error = try #require(throws: ScanPipelineError.self) {
            try ArchivalPDFWriter().write(pages: [URL(fileURLWithPath: broken)], description: Self.description, to: output)
        }
        #expect(error.code == .archivalPDF)
        #expect(error.description.contains("page-1.pdf"))
        #expect(throws: ScanPipelineError.self) {
            try ArchivalPDFWriter().write(pages: [URL](), description: Self.description, to: output)
        }
    }

    @Test func theOutputIntentProfileMustBeAnRGBProfile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = SRGBProfile.load(from: [folder.url.appendingPathComponent("none.icc").path])
        #expect(throws: ScanPipelineError.self) { try missing.get() }
        if case .failure(let error) = missing { #expect(error.reason.contains("icc-profiles-free")) }

        let gray = try folder.file("gray.icc", contents: Data(repeating: 0, count: 200))
        if case .failure(let error) = SRGBProfile.load(from: [gray]) {
            #expect(error.description.contains("gray.icc") && error.reason.contains("not an RGB"))
        } else {
            Issue.record("a file of zeros was taken for an ICC profile")
        }
        #expect(SRGBProfile.isRGBProfile(try SRGBProfile.data()))
    }
}
