import FilePlan
import Foundation
@testable import ScanPipeline
import Testing
import TestSupport

@Suite("InboxSettings: the inboxes file")
struct InboxSettingsTests {
    @Test func theShippedExampleReadsAsTwoInboxesWithTheirNotice() throws {
        let (inboxes, notify) = try InboxSettings.load(Repository.url("contrib/inboxes.yaml"))
        #expect(inboxes.map(\.folder.path) == ["/srv/scanctl/eingang/poststelle", "/srv/scanctl/eingang/personal"])
        #expect(inboxes[0].doneFolder.path == "/srv/scanctl/erledigt" && inboxes[0].quietSeconds == 10)
        #expect(inboxes[1].schutzbedarf == .hoch && inboxes[1].readyMarker)
        #expect(inboxes[1].doneFolder.path == "/srv/scanctl/eingang/done", "done/ beside the inbox by default")
        #expect(notify?.to == ["poststelle@rathaus.example"] && notify?.server.absoluteString == "smtp://mail.rathaus.example:25")
    }

    @Test func aWrongFileIsRefusedWithItsReason() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("inboxes.yaml")
        try "inboxes:\n  - folder: eingang\n    schutzbedarf: streng\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ScanPipelineError.self) { try InboxSettings.load(file) }
        try "inboxes: []\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ScanPipelineError.self) { try InboxSettings.load(file) }
        try "inboxes:\n  - folder: eingang\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try InboxSettings.load(file).inboxes.first?.folder.path == folder.url.appendingPathComponent("eingang").path,
                "a relative folder is read from the file's folder")
    }
}
