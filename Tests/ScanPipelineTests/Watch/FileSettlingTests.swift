import Foundation
@testable import ScanPipeline
import Testing

/// The hot folder's rules, with the time given: a file growing in chunks is never taken, names
/// writers use while writing are never taken, a marker makes a file complete, a batch waits for a
/// quiet folder but not for ever.
@Suite("FileSettling: when a file in a hot folder is complete")
struct FileSettlingTests {
    static let settings = FileSettling.Settings(settleSeconds: 5, quietSeconds: 3, maximumWaitSeconds: 60, readyMarker: false)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func entry(_ name: String, _ size: Int64, modified: Double = 0) -> FileSettling.Entry {
        FileSettling.Entry(name: name, size: size, modified: start.addingTimeInterval(modified))
    }

    @Test func aFileWrittenSlowlyInChunksIsTakenOnlyOnceItStopsGrowing() {
        var settling = FileSettling(settings: Self.settings)
        // A chunk every 2 s (shorter than the settle time) for 20 s: never taken while it grows.
        for second in stride(from: 0.0, through: 20, by: 2) {
            let decision = settling.observe([entry("scan.pdf", Int64(second) * 1000, modified: second)], now: start.addingTimeInterval(second))
            #expect(decision == .wait, "taken half-written at \(second) s")
        }
        #expect(settling.observe([entry("scan.pdf", 20_000, modified: 20)], now: start.addingTimeInterval(24)) == .wait)
        #expect(settling.observe([entry("scan.pdf", 20_000, modified: 20)], now: start.addingTimeInterval(25.5)) == .batch(["scan.pdf"]))
    }

    @Test(arguments: ["scan.pdf.part", "scan.pdf.tmp", ".scan.pdf", "~$scan.docx", ".~lock.scan.pdf#", "scan.pdf.crdownload",
                      "scan.pdf.filepart", "Scan.PDF.TMP", "scan.pdf~", "scan.pdf.ready"])
    func aTemporaryOrLockNameIsNeverTaken(name: String) {
        var settling = FileSettling(settings: Self.settings)
        for second in [0.0, 10, 100, 1000] {
            #expect(settling.observe([entry(name, 5000)], now: start.addingTimeInterval(second)) == .wait)
        }
    }

    @Test func aFileRenamedFromItsTemporaryNameIsTakenAfterTheQuietTime() {
        var settling = FileSettling(settings: Self.settings)
        #expect(settling.observe([entry("brief.pdf.part", 5000)], now: start) == .wait)
        #expect(settling.observe([entry("brief.pdf.part", 9000, modified: 6)], now: start.addingTimeInterval(6)) == .wait)
        // Renamed: the final name appears with its old time, and counts from now.
        #expect(settling.observe([entry("brief.pdf", 9000, modified: 6)], now: start.addingTimeInterval(7)) == .wait)
        #expect(settling.observe([entry("brief.pdf", 9000, modified: 6)], now: start.addingTimeInterval(12.5)) == .batch(["brief.pdf"]))
    }

    @Test func withMarkersAFileCountsOnceItsMarkerIsThere() {
        var settling = FileSettling(settings: .init(settleSeconds: 5, quietSeconds: 0, maximumWaitSeconds: 60, readyMarker: true))
        let file = entry("akte-0815.tif", 70_000)
        for second in [0.0, 10, 100] {
            #expect(settling.observe([file], now: start.addingTimeInterval(second)) == .wait, "no marker yet")
        }
        #expect(settling.observe([file, entry("akte-0815.tif.ready", 0, modified: 100)], now: start.addingTimeInterval(101))
                == .batch(["akte-0815.tif"]))
    }

    @Test func aScanJobBecomesOneBatchOnceTheFolderIsQuiet() {
        var settling = FileSettling(settings: Self.settings)
        var files: [FileSettling.Entry] = []
        // Ten pages arrive one per second; the first is complete long before the last arrives.
        for second in 0..<10 {
            files.append(entry(String(format: "seite-%02d.tif", second), 4000, modified: Double(second)))
            #expect(settling.observe(files, now: start.addingTimeInterval(Double(second))) == .wait)
        }
        #expect(settling.observe(files, now: start.addingTimeInterval(13)) == .wait, "the last page is not settled yet")
        let decision = settling.observe(files, now: start.addingTimeInterval(14))
        #expect(decision == .batch(files.map(\.name)))
    }

    @Test func aCompleteFileWaitsNoLongerThanTheMaximumForAFolderThatIsNeverQuiet() {
        var settling = FileSettling(settings: Self.settings)
        let settled = entry("fertig.pdf", 1000)
        var decision = FileSettling.Decision.wait
        var second = 0.0
        // Another file keeps growing for ever.
        while decision == .wait, second < 200 {
            decision = settling.observe([settled, entry("wird-geschrieben.pdf", Int64(second * 100), modified: second)],
                                        now: start.addingTimeInterval(second))
            second += 1
        }
        #expect(decision == .batch(["fertig.pdf"]))
        #expect(second > 60 && second < 70, "taken at \(second) s: after the maximum wait (60 s) once it was complete (5 s)")
    }

    @Test func anEmptyFileWaitsAMinuteAndAFileSetAsideIsNotTakenAgainUntilItChanges() {
        var settling = FileSettling(settings: Self.settings)
        #expect(settling.observe([entry("leer.pdf", 0)], now: start) == .wait)
        #expect(settling.observe([entry("leer.pdf", 0)], now: start.addingTimeInterval(30)) == .wait)
        #expect(settling.observe([entry("leer.pdf", 0)], now: start.addingTimeInterval(61)) == .batch(["leer.pdf"]))
        settling.setAside(entry("leer.pdf", 0))
        #expect(settling.observe([entry("leer.pdf", 0)], now: start.addingTimeInterval(200)) == .wait)
        #expect(settling.observe([entry("leer.pdf", 10, modified: 200)], now: start.addingTimeInterval(201)) == .wait)
        #expect(settling.observe([entry("leer.pdf", 10, modified: 200)], now: start.addingTimeInterval(210)) == .batch(["leer.pdf"]))
    }
}
