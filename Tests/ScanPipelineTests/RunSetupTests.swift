import FilePlan
import Foundation
import Testing
import TestSupport
@testable import ScanPipeline

/// How a run is wired from a profile and the operator's options, for `scanctl run` and
/// `scanctl quarantine retry` alike.
@Suite("Run setup")
struct RunSetupTests {
    static func request(_ inputs: [String] = ["a.tif"]) -> RunSetup.Request {
        var ocr = OCRConfiguration()
        ocr.languages = "eng"
        return RunSetup.Request(inputs: inputs, operatorName: "Petra Muster", workers: 2, ocr: ocr, softwareVersion: "test")
    }

    @Test func theProfileGivesTheDefaults() {
        let configuration = RunSetup.configuration(Self.request(), profile: .bestandsakten)
        #expect(configuration.profile == "bestandsakten")
        #expect(configuration.ocr.languages == "deu")
        #expect(configuration.maximumPagesPerDocument == 1000)
        #expect(configuration.separateAtSeparatorSheets && configuration.ocr.readBarcodes)
        #expect(!configuration.ocr.recogniseSeparatorSheets)
        #expect(!configuration.separateAtBlankPages)
        #expect(configuration.quality == ScanProfile.bestandsakten.quality)
        #expect(configuration.schutzbedarf == .normal)
    }

    @Test func optionsGivenWin() {
        var request = Self.request()
        request.languagesGiven = true
        request.schutzbedarf = .hoch
        request.maximumPagesPerDocument = 0
        request.largeFilePages = 10
        request.separateAtBlankPages = true
        request.acceptBrokenTrail = true
        let configuration = RunSetup.configuration(request, profile: .posteingang)
        #expect(configuration.ocr.languages == "eng")
        #expect(configuration.schutzbedarf == .hoch)
        #expect(configuration.maximumPagesPerDocument == 1)  // at least one page
        #expect(configuration.largeFilePages == 10)
        #expect(configuration.separateAtBlankPages)
        #expect(configuration.acceptBrokenTrail)
    }

    @Test func noSeparationTurnsOffBarcodesAndEverySplit() {
        var request = Self.request()
        request.noSeparation = true
        request.separateAtBlankPages = true
        let configuration = RunSetup.configuration(request, profile: .posteingang)
        #expect(!configuration.separateAtSeparatorSheets && !configuration.separateAtBlankPages)
        #expect(!configuration.ocr.readBarcodes && configuration.ocr.recogniseSeparatorSheets)
    }

    @Test func aRetryKeepsTheProtectionNeedOfItsBatch() {
        var request = Self.request()
        request.minimumSchutzbedarf = .hoch
        request.retrying = ["a.tif": "doc"]
        let configuration = RunSetup.configuration(request, profile: .posteingang)
        #expect(configuration.schutzbedarf == .hoch)
        #expect(configuration.retrying == ["a.tif": "doc"])
    }

    @Test func anUnknownProfileIsRefusedUnlessItIsARetrysFallback() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(root: folder.url.appendingPathComponent("ws"), software: "test")
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        var request = Self.request()
        request.profile = "gibt-es-nicht"
        await #expect(throws: ScanPipelineError.self) { try await RunSetup.make(request, workspace: workspace, plan: plan) }

        request.profile = nil
        request.fallbackProfile = "gibt-es-nicht"
        request.fallbackMayBeUnavailable = true
        let setup = try await RunSetup.make(request, workspace: workspace, plan: plan)
        #expect(setup.profile == .posteingang)
        #expect(setup.notes.contains { if case .profileUnavailable = $0 { true } else { false } })
        #expect(setup.classifier.modelVersion == nil)
    }

    @Test func theStemmerIsAvailableOnAWorkingInstallation() throws {
        _ = try GermanStemmer.requireAvailable()
        #expect(GermanText.terms("Bauanträge") == GermanText.terms("BAUANTRAG"))
    }
}
