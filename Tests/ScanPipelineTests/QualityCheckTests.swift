import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// Sample checks (Stichprobe, TR-RESISCAN) on a batch filed with the stub recognizer: six one-page
/// documents, one of them flagged for rescan (almost no text). Drawing, checking, the verdict and
/// the release of the paper, with people of each role.
@Suite struct QualityCheckTests {
    static let flaggedFile = "stapel-003.png"

    struct Scene {
        let fixture: BatchRunnerTests.Fixture
        let batch: String

        init() async throws {
            fixture = try BatchRunnerTests.Fixture(texts: [QualityCheckTests.flaggedFile: "Notiz zur Akte"])
            try PNGWriter.write(count: 4, into: fixture.input)
            let summary = try await fixture.run([fixture.input.path])
            #expect(summary.documents.count == 6)
            batch = try #require(try await fixture.actions(.batchOpened).first?.batch)
        }

        var workspace: Workspace { fixture.workspace }
        func remove() { fixture.folder.remove() }

        static func user(_ name: String, _ role: Role) -> AuthenticatedUser {
            AuthenticatedUser(UserAccount(name: name, displayName: name, role: role), method: "test")
        }

        static let poststelle = user("p.stelle", .poststelle)
        static let registratur = user("c.braun", .registratur)
        static let recordsManager = user("b.meyer", .recordsManager)

        func report() async throws -> QualityReport { try await workspace.qualityReport(batch: batch) }

        func document(of file: String) async throws -> String {
            let report = try await report()
            return try #require(report.rounds.flatMap(\.pages).first { $0.page.file == file }?.page.document
                                ?? report.flaggedPages.first { $0.page.file == file }?.page.document)
        }
    }

    @Test func theSameSeedDrawsTheSamePagesAndTheTrailRecordsTheDraw() async throws {
        let first = try await Scene()
        let second = try await Scene()
        defer { first.remove(); second.remove() }
        let rule = QualitySampleRule(size: .count(3))
        let one = try await first.workspace.drawQualitySample(batch: first.batch, rule: rule, seed: 4711, by: Scene.poststelle)
        let two = try await second.workspace.drawQualitySample(batch: second.batch, rule: rule, seed: 4711, by: Scene.poststelle)
        #expect(one.sampleSize == 3 && one.population == 6 && one.seed == "4711" && one.drawnBy == "p.stelle")
        #expect(one.pages.map(\.page.file) == two.pages.map(\.page.file), "the same seed over the same batch draws the same pages")
        // The draw is the seeded generator's over the population in file order: it can be repeated from the trail.
        let files = try await first.report().rounds[0].pages.map(\.page.file)
        let population = (["02-widerspruch-abfallgebuehren.png", "08-strassenschaden.png"] + (0..<4).map { String(format: "stapel-%03d.png", $0) })
        #expect(files == QualitySampleDraw.indices(count: 3, of: 6, seed: 4711).map { population[$0] })
        let event = try #require(try await first.fixture.actions(.qualitySampleDrawn).first)
        let payload = try #require(event.payload(as: QualityAuditPayload.SampleDrawn.self))
        #expect(payload.seed == "4711" && payload.count == 3 && payload.population == 6 && payload.acceptance == 0)
        #expect(payload.pages.map(\.file) == files && payload.by == "p.stelle" && event.actorName == "p.stelle")
        #expect(event.batch == first.batch)
        // Another seed draws from the pages not drawn yet, once the round is checked.
        for page in one.pages {
            _ = try await first.workspace.checkQualityPage(page.page.reference, outcome: .ok, by: Scene.registratur)
        }
        let next = try await first.workspace.drawQualitySample(batch: first.batch, rule: QualitySampleRule(size: .rate(50)),
                                                               by: Scene.poststelle)
        #expect(next.population == 3 && next.sampleSize == 2 && next.ratePercent == 50 && UInt64(next.seed) != nil)
        #expect(Set(next.pages.map(\.page)).isDisjoint(with: one.pages.map(\.page)))
        #expect(try await first.workspace.verifyAuditTrail().isIntact)
    }

    @Test func releaseIsRefusedWhileADefectOrARescanFlagIsOpenAndAllowedAfter() async throws {
        let scene = try await Scene()
        defer { scene.remove() }
        let workspace = scene.workspace
        let round = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(6), acceptance: 1),
                                                          seed: 1, by: Scene.poststelle)
        let defective = try #require(round.pages.first { $0.page.file == "08-strassenschaden.png" })
        for page in round.pages where page.page != defective.page {
            _ = try await workspace.checkQualityPage(page.page.reference, outcome: .ok, by: Scene.registratur)
        }
        let check = try await workspace.checkQualityPage(defective.page.reference, outcome: .defect, defect: .cutOff,
                                                         note: "unterer Rand mit Sichtvermerk fehlt", by: Scene.registratur)
        #expect(check.checkedBy == "c.braun" && check.defect == .cutOff && check.page.file == "08-strassenschaden.png")

        var report = try await scene.report()
        #expect(report.verdict == .passed, "one defect in six, one allowed: \(report.verdictReason)")
        #expect(report.openDefects.map(\.page) == [defective.page])
        #expect(report.flaggedPages.map(\.page.file) == [QualityCheckTests.flaggedFile])
        #expect(!report.mayRelease && report.blockers.count == 2, "\(report.blockers)")
        // Refused: the defect and the flag are open; and a registratur never releases.
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.releasePaper(batch: scene.batch, by: Scene.registratur)
        } == .forbidden)
        let refused = await #expect(throws: ScanPipelineError.self) {
            _ = try await workspace.releasePaper(batch: scene.batch, by: Scene.recordsManager)
        }
        #expect(refused?.code == .qualityCheck && refused?.reason.contains(defective.page.reference) == true
                && refused?.reason.contains("flagged for rescan") == true, "\(String(describing: refused))")

        // The defect re-checked in order after the rescan: resolved, but the flag is still open.
        _ = try await workspace.checkQualityPage(defective.page.reference, outcome: .ok, by: Scene.recordsManager)
        report = try await scene.report()
        #expect(report.openDefects.isEmpty && report.resolvedDefects.map(\.page) == [defective.page])
        #expect(report.rounds[0].defects == 1, "a defect counts against its round once resolved")
        #expect(report.checks.filter(\.superseded).map(\.page) == [defective.page])
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.releasePaper(batch: scene.batch, by: Scene.recordsManager)
        } == .qualityCheck)

        // The flag accepted as it is: nothing open, the release is given once.
        let flagged = try await scene.document(of: QualityCheckTests.flaggedFile)
        _ = try await workspace.acceptRescanFlags(flagged, pages: [1], reason: "Notizzettel, nur drei Worte", by: Scene.registratur,
                                                  software: "test")
        report = try await workspace.releasePaper(batch: scene.batch, reason: "Vernichtungsauftrag 2026/12", by: Scene.recordsManager)
        #expect(report.release?.by == "b.meyer" && report.release?.reason == "Vernichtungsauftrag 2026/12")
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.releasePaper(batch: scene.batch, by: Scene.recordsManager)
        } == .qualityCheck)
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.checkQualityPage(defective.page.reference, outcome: .ok, by: Scene.registratur)
        } == .qualityCheck, "the checks are closed once the paper is released")
        let released = try #require(try await scene.fixture.actions(.qualityReleased).first?.payload(as: QualityAuditPayload.Released.self))
        #expect(released.by == "b.meyer" && released.defects == 1 && released.checks == 7)
        #expect(try await scene.fixture.actions(.qualityPageChecked).count == 7)
        #expect(try await workspace.verifyAuditTrail().isIntact)
    }

    @Test func aFailedRoundIsPassedOnlyByALargerRound() async throws {
        let scene = try await Scene()
        defer { scene.remove() }
        let workspace = scene.workspace
        let first = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(2)), seed: 9,
                                                          by: Scene.poststelle)
        _ = try await workspace.checkQualityPage(first.pages[0].page.reference, outcome: .defect, defect: .unreadable,
                                                 note: "Stempel unleserlich", by: Scene.poststelle)
        _ = try await workspace.checkQualityPage(first.pages[1].page.reference, outcome: .ok, by: Scene.poststelle)
        var report = try await scene.report()
        #expect(report.verdict == .failed && report.verdictReason.contains("more than 2 pages"), "\(report.verdictReason)")
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(2)), by: Scene.poststelle)
        } == .qualityCheck, "a round after a failed one must be larger")
        let second = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(3)), seed: 10,
                                                           by: Scene.poststelle)
        #expect(second.tightened && second.population == 4)
        for page in second.pages { _ = try await workspace.checkQualityPage(page.page.reference, outcome: .ok, by: Scene.poststelle) }
        report = try await scene.report()
        #expect(report.verdict == .passed && report.rounds.map(\.result) == [.failed, .passed])
        #expect(report.openDefects.count == 1, "round 1's defect is still open")
    }

    @Test func aFullInspectionPassesOnceEveryDefectIsResolved() async throws {
        let scene = try await Scene()
        defer { scene.remove() }
        let workspace = scene.workspace
        let first = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(4)), seed: 2,
                                                          by: Scene.poststelle)
        _ = try await workspace.checkQualityPage(first.pages[0].page.reference, outcome: .defect, defect: .order,
                                                 note: "Seiten vertauscht", by: Scene.poststelle)
        for page in first.pages.dropFirst() { _ = try await workspace.checkQualityPage(page.page.reference, outcome: .ok, by: Scene.poststelle) }
        #expect(try await scene.report().verdict == .failed)
        // Two pages are left, fewer than a larger round needs: taking them all is a 100 % inspection.
        let rest = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .rate(100)), by: Scene.poststelle)
        #expect(rest.sampleSize == 2 && rest.population == 2 && rest.tightened)
        _ = try await workspace.checkQualityPage(rest.pages[0].page.reference, outcome: .defect, defect: .skew,
                                                 note: "deutlich schief", by: Scene.poststelle)
        _ = try await workspace.checkQualityPage(rest.pages[1].page.reference, outcome: .ok, by: Scene.poststelle)
        let report = try await scene.report()
        #expect(report.verdict == .passed && report.verdictReason.contains("100 % inspection"), "\(report.verdictReason)")
        #expect(report.openDefects.count == 2 && !report.mayRelease)
    }

    @Test func onlySampledPagesAreCheckedAndADefectNeedsANote() async throws {
        let scene = try await Scene()
        defer { scene.remove() }
        let workspace = scene.workspace
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(1)),
                                                      by: Scene.user("a.pruef", .auditor))
        } == .forbidden)
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(7)), by: Scene.poststelle)
        } == .qualityCheck, "six pages cannot give seven")
        let round = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(1)), seed: 3,
                                                          by: Scene.poststelle)
        let sampled = round.pages[0].page
        let documents = try await scene.fixture.actions(.recordWritten).compactMap(\.document)
        let other = try #require(documents.first { $0 != sampled.document })
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.checkQualityPage("\(other.prefix(8)):1", outcome: .ok, by: Scene.poststelle)
        } == .qualityCheck, "a page in no sample")
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.checkQualityPage(sampled.reference, outcome: .defect, defect: .skew, note: " ", by: Scene.poststelle)
        } == .qualityCheck, "a defect needs a note")
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.checkQualityPage("\(sampled.document.prefix(8)):x", outcome: .ok, by: Scene.poststelle)
        } == .qualityCheck)
        #expect(await ScanPipelineError.Code.thrown {
            _ = try await workspace.drawQualitySample(batch: scene.batch, rule: QualitySampleRule(size: .count(1)), by: Scene.poststelle)
        } == .qualityCheck, "the last round is not checked yet")
        #expect(try await workspace.qualityBatchID(String(scene.batch.prefix(8))) == scene.batch)
        #expect(try await scene.fixture.actions(.qualityPageChecked).isEmpty)
    }

    @Test(arguments: [(QualitySampleRule.Size.rate(5), 6, 1), (.rate(50), 6, 3), (.rate(34), 6, 3), (.rate(100), 6, 6),
                      (.count(4), 6, 4), (.rate(5), 200, 10)])
    func sampleSizes(size: QualitySampleRule.Size, population: Int, expected: Int) throws {
        #expect(try QualitySampleRule(size: size).sampleSize(population: population) == expected)
    }

    @Test func aSampleIsUniformAndStableForItsSeed() {
        #expect(QualitySampleDraw.indices(count: 5, of: 100, seed: 42) == QualitySampleDraw.indices(count: 5, of: 100, seed: 42))
        #expect(QualitySampleDraw.indices(count: 5, of: 100, seed: 42) != QualitySampleDraw.indices(count: 5, of: 100, seed: 43))
        #expect(Set(QualitySampleDraw.indices(count: 100, of: 100, seed: 1)) == Set(0..<100))
    }
}
