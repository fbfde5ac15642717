import Testing
@testable import ScanPipeline

@Suite struct SourceFormatTests {
    @Test(arguments: [
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], SourceFormat.tiff),
        ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
        ([0xFF, 0xD8, 0xFF, 0xE1, 0, 0, 0, 0], .jpeg),
        (Array("%PDF-1.7\n".utf8), .pdf),
    ] as [([UInt8], SourceFormat)])
    func recognisesFormatsByContent(bytes: [UInt8], format: SourceFormat) {
        #expect(SourceFormat.sniff(bytes) == format)
    }

    @Test func recognisesNothingElse() {
        #expect(SourceFormat.sniff(Array("GIF89a".utf8)) == nil)
        #expect(SourceFormat.sniff([]) == nil)
        #expect(SourceFormat.sniff([0xFF, 0xD8]) == nil)
    }

    @Test func findsAPDFHeaderAfterLeadingJunk() {
        #expect(SourceFormat.sniffPDFHeader(in: Array("\r\n  %PDF-1.4".utf8)))
        #expect(!SourceFormat.sniffPDFHeader(in: Array("hello".utf8)))
    }
}

@Suite struct ResolutionPolicyTests {
    let policy = ResolutionPolicy(defaultResolution: 300)

    @Test func trustsAPlausibleResolution() {
        let (dpi, source, warning) = policy.resolve(stored: 200, width: 1700, height: 2200)
        #expect(dpi == 200 && source == .file && warning == nil)
    }

    @Test func assumesTheDefaultWhenMissing() {
        let (dpi, source, warning) = policy.resolve(stored: 0, width: 2480, height: 3508)
        #expect(dpi == 300 && source == .assumed)
        #expect(warning?.contains("no resolution") == true)
    }

    @Test(arguments: [1, 10, 5000, 9600])
    func assumesTheDefaultForAbsurdValues(stored: Int) {
        let (dpi, source, warning) = policy.resolve(stored: stored, width: 2480, height: 3508)
        #expect(dpi == 300 && source == .assumed && warning?.contains("implausible") == true)
    }

    @Test func catchesScreenResolutionsOnLargeScans() {
        // 72 dpi on a 600-dpi A3 scan would make the page 3.5 m long.
        let (dpi, _, warning) = policy.resolve(stored: 72, width: 7016, height: 9921)
        #expect(dpi == 300 && warning != nil)
        // ...but a genuine 72-dpi screenshot is fine.
        #expect(policy.resolve(stored: 72, width: 800, height: 600).0 == 72)
    }
}

@Suite struct ReorderBufferTests {
    @Test func releasesItemsInSequence() {
        var buffer = ReorderBuffer<String>()
        #expect(buffer.insert("c", at: 2).isEmpty)
        #expect(buffer.insert("b", at: 1).isEmpty)
        #expect(buffer.insert("a", at: 0) == ["a", "b", "c"])
        #expect(buffer.insert("d", at: 3) == ["d"])
    }
}

@Suite struct PDFInspectorTests {
    @Test func readsPageSizesFromPdfinfo() {
        let output = """
            Pages:           2
            Encrypted:       no
            Page    1 size:  595.276 x 841.89 pts (A4)
            Page    1 rot:   0
            Page    2 size:  841.89 x 595.276 pts (A4)
            """
        let sizes = PDFInspector.pageSizes(fromPdfinfo: output)
        #expect(sizes.count == 2)
        #expect(sizes.first?.width == 595.276 && sizes.last?.width == 841.89)
    }
}
