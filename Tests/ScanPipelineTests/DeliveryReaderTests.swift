import FilePlan
import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// Reading a contractor's delivery into Akten: by folder and by manifest, with every file that is
/// not a page of an Akte, and every manifest row that names nothing, named with its reason.
@Suite struct DeliveryReaderTests {
    /// A delivery with two Akte folders (one nested in a box folder), a loose file, a checksum list
    /// and a hidden file; every page a few bytes (the reader does not decode them).
    static func makeDelivery(in folder: URL) throws -> URL {
        let delivery = folder.appendingPathComponent("Lieferung 3")
        let files = [
            "632-0147 Bauakte Birkenweg 14/0002.tif", "632-0147 Bauakte Birkenweg 14/0001.tif",
            "632-0147 Bauakte Birkenweg 14/0010.tif", "632-0147 Bauakte Birkenweg 14/pruefsummen.md5",
            "Karton 2/633-0022 Abbruch_Scheune_Muehlenweg_3/0001.tif", "Karton 2/633-0022 Abbruch_Scheune_Muehlenweg_3/.DS_Store",
            "lose-seite.tif",
        ]
        for file in files {
            let url = delivery.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("II*\0 \(file)".utf8).write(to: url)
        }
        return delivery
    }

    static func reader(_ options: DeliveryOptions, _ folder: TemporaryFolder) -> DeliveryReader {
        DeliveryReader(options: options, scanner: InputScanner(aliasFolder: folder.url.appendingPathComponent("names")))
    }

    @Test func oneAktePerFolderWithItsFilesInNameOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        let listing = try Self.reader(DeliveryOptions(source: .folder), folder).read([delivery.path])

        #expect(listing.akten.map(\.aktenzeichen) == ["632-0147", "633-0022"])
        #expect(listing.akten.map(\.title) == ["Bauakte Birkenweg 14", "Abbruch Scheune Muehlenweg 3"])
        #expect(listing.akten[0].members.map(\.name) == ["0001.tif", "0002.tif", "0010.tif"])
        #expect(listing.akten.allSatisfy { $0.origin == .folder })
        let skipped = Dictionary(uniqueKeysWithValues: listing.skipped.map { (($0.path as NSString).lastPathComponent, $0.code) })
        #expect(skipped["lose-seite.tif"] == .outsideAkte, "a loose file beside Akte folders is in no Akte")
        #expect(skipped["pruefsummen.md5"] == .notAPage)
        #expect(skipped[".DS_Store"] == .hiddenName)
        #expect(listing.skipped.count == 3, "\(listing.skipped)")
    }

    @Test func aFolderOfFilesAloneIsOneAkte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        let akte = delivery.appendingPathComponent("632-0147 Bauakte Birkenweg 14")
        let listing = try Self.reader(DeliveryOptions(source: .folder), folder).read([akte.path])
        #expect(listing.akten.count == 1)
        #expect(listing.akten.first?.aktenzeichen == "632-0147")
        #expect(listing.akten.first?.pageCount == 0, "pages are counted by inspection, not by the reader")
    }

    @Test(arguments: [
        ("632-0147 Bauakte Birkenweg 14", nil, "632-0147", "Bauakte Birkenweg 14"),
        ("632.10-0147_2019 Wohnhaus", nil, "632.10-0147_2019", "Wohnhaus"),
        ("632-0147_Bauakte_Birkenweg_14", nil, "632-0147", "Bauakte Birkenweg 14"),
        ("63.2-014-A - Bauakte", nil, "63.2-014-A", "Bauakte"),
        ("021-0009", nil, "021-0009", nil),
        ("Bauakte ohne Zeichen", nil, nil, "Bauakte ohne Zeichen"),
        ("Bauakte (AZ 632-0147)", #"\(AZ (?<az>[0-9.-]+)\)"#, "632-0147", nil),
        ("BA_632-0147_Birkenweg", #"^BA_(?<az>[0-9.-]+)_(?<title>.+)$"#, "632-0147", "Birkenweg"),
    ] as [(String, String?, String?, String?)])
    func aktenzeichenAndTitleFromTheFolderName(name: String, pattern: String?, aktenzeichen: String?, title: String?) throws {
        let expression = try DeliveryReader.pattern(pattern ?? DeliveryOptions.defaultAktenzeichenPattern)
        let described = DeliveryReader.describe(folderName: name, pattern: expression)
        #expect(described.aktenzeichen == aktenzeichen)
        #expect(described.title == title ?? (aktenzeichen == nil ? name : nil))
    }

    @Test func aPatternWithoutItsGroupIsRefusedBeforeTheRun() {
        #expect(throws: ScanPipelineError.self) { try DeliveryOptions(source: .folder, aktenzeichenPattern: "^[0-9]+").validate() }
        #expect(throws: ScanPipelineError.self) { try DeliveryOptions(source: .folder, aktenzeichenPattern: "(?<az>[0-9").validate() }
    }

    @Test func oneAktePerManifestRowAndEveryOtherFileNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        // Windows-1252, as spreadsheet exports often are; a row for a folder that is not there,
        // a row named twice, a row for one file.
        let manifest = """
            path;aktenzeichen;title;laufzeit_von;laufzeit_bis;karton
            632-0147 Bauakte Birkenweg 14;632-0147;Bauakte Birkenweg 14;02.04.1987;20.11.1989;1
            Karton 2/633-0022 Abbruch_Scheune_Muehlenweg_3;633-0022;Abbruch Scheune Mühlenweg 3;1979;1981;2
            fehlt/021-0009;021-0009;Bewerbungen;1998-01-15;1998-05-31;2
            632-0147 Bauakte Birkenweg 14;632-0147;noch einmal;;;
            lose-seite.tif;700-1;Einzelblatt;;;
            """
        try #require(manifest.data(using: .windowsCP1252)).write(to: delivery.appendingPathComponent("manifest.csv"))
        let listing = try Self.reader(DeliveryOptions(source: .manifest), folder).read([delivery.path])

        #expect(listing.akten.map(\.aktenzeichen) == ["632-0147", "633-0022", "700-1"])
        #expect(listing.akten[1].title == "Abbruch Scheune Mühlenweg 3", "read as Windows-1252")
        #expect(listing.akten[0].fields == ["karton": "1"])
        #expect(listing.akten[0].closedOn == PlanDate(year: 1989, month: 11, day: 20))
        #expect(listing.akten[1].closedOn == PlanDate(year: 1981, month: 12, day: 31))
        #expect(listing.akten[2].members.map(\.name) == ["lose-seite.tif"])
        #expect(listing.akten.allSatisfy { $0.origin == .manifest })
        let missing = listing.skipped.filter { $0.code == .missingAkte }
        #expect(missing.count == 2, "\(listing.skipped)")
        #expect(missing.contains { $0.reason.contains("line 4") && $0.reason.contains("not in the delivery") })
        #expect(missing.contains { $0.reason.contains("line 5") && $0.reason.contains("again") })
        #expect(listing.skipped.contains { $0.code == .notAPage && $0.path.hasSuffix(".md5") })
        #expect(!listing.skipped.contains { $0.path.hasSuffix("manifest.csv") }, "the manifest itself is not a stray file")
    }

    @Test func aManifestWithoutItsColumnsIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        try Data("ordner;zeichen\na;b\n".utf8).write(to: delivery.appendingPathComponent("manifest.csv"))
        #expect(throws: ScanPipelineError.self) {
            try Self.reader(DeliveryOptions(source: .manifest), folder).read([delivery.path])
        }
    }

    @Test func filesNotInTheManifestAreNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        let manifest = folder.url.appendingPathComponent("liste.csv")
        try Data("path;aktenzeichen\nLieferung 3/632-0147 Bauakte Birkenweg 14;632-0147\n".utf8).write(to: manifest)
        let listing = try Self.reader(DeliveryOptions(source: .manifest, manifest: manifest.path), folder).read([delivery.path])
        #expect(listing.akten.count == 1)
        let outside = listing.skipped.filter { $0.code == .outsideAkte }.map { ($0.path as NSString).lastPathComponent }.sorted()
        #expect(outside == ["0001.tif", "lose-seite.tif"])
    }

    @Test func aManifestKeptApartReadsItsPathsFromTheDelivery() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        let elsewhere = folder.url.appendingPathComponent("listen")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let manifest = elsewhere.appendingPathComponent("liste.csv")
        try Data("path;aktenzeichen\n632-0147 Bauakte Birkenweg 14;632-0147\n".utf8).write(to: manifest)
        let listing = try Self.reader(DeliveryOptions(source: .manifest, manifest: manifest.path), folder).read([delivery.path])
        #expect(listing.akten.map(\.aktenzeichen) == ["632-0147"])
        #expect(listing.akten.first?.members.count == 3)
    }

    @Test(arguments: [("1989-11-20", "1989-11-20"), ("20.11.1989", "1989-11-20"), ("1989", "1989-12-31"), ("Nov. 1989", nil)]
          as [(String, String?)])
    func theLaufzeitsEndIsTheClosingDate(text: String, expected: String?) {
        let akte = DeliveryAkte(path: "/x", aktenzeichen: nil, title: nil, laufzeitBis: text, origin: .manifest, members: [])
        #expect(akte.closedOn.map(String.init(describing:)) == expected)
    }

    @Test func theIdentityFollowsTheFilesNotTheDescription() {
        func akte(_ aktenzeichen: String, hashes: [String]) -> DeliveryAkte {
            var akte = DeliveryAkte(path: "/d/\(aktenzeichen)", aktenzeichen: aktenzeichen, title: nil, origin: .folder,
                                    members: hashes.enumerated().map { DeliveryMember(name: "\($0.offset).tif", path: "/d/\($0.offset).tif") })
            for index in akte.members.indices { akte.members[index].sha256 = hashes[index] }
            return akte
        }
        #expect(akte("1", hashes: ["a", "b"]).identity == akte("2", hashes: ["a", "b"]).identity)
        #expect(akte("1", hashes: ["a", "b"]).identity != akte("1", hashes: ["b", "a"]).identity)
        #expect(akte("1", hashes: ["a", "b"]).identity != akte("1", hashes: ["a", "c"]).identity)
    }

    @Test func subfoldersBelongToTheirAkteAndAnEmptyAkteIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = folder.url.appendingPathComponent("Lieferung")
        for file in ["013-0004 Teilakte/0001.tif", "013-0004 Teilakte/Teil 2/0002.tif", "013-0004 Teilakte/Teil 2/0003.tif",
                     "Karton 1/021-0009 Bewerbungen/0001.tif"] {
            let url = delivery.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("II*\0".utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: delivery.appendingPathComponent("633-0022 Leer"), withIntermediateDirectories: true)
        let listing = try Self.reader(DeliveryOptions(source: .folder), folder).read([delivery.path])

        #expect(listing.akten.map(\.aktenzeichen) == ["013-0004", "021-0009"], "a subfolder never splits an Akte")
        #expect(listing.akten.first?.members.map(\.name) == ["0001.tif", "Teil 2/0002.tif", "Teil 2/0003.tif"])
        let empty = listing.skipped.filter { $0.code == .missingAkte }
        #expect(empty.count == 1 && empty.first?.path.hasSuffix("633-0022 Leer") == true, "\(listing.skipped)")
    }

    @Test func aFileThatCannotBeReadMarksItsAkteIncomplete() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.makeDelivery(in: folder.url)
        let akte = delivery.appendingPathComponent("632-0147 Bauakte Birkenweg 14")
        try #require(mkfifo(akte.appendingPathComponent("0004.tif").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: akte.appendingPathComponent("0005.tif").path, withDestinationPath: "/etc/hostname")
        try Data("II*\0".utf8).write(to: akte.appendingPathComponent(".0006.tif"))
        try Data("x".utf8).write(to: akte.appendingPathComponent("._0001.tif"))  // macOS's copy of a file's metadata
        let listing = try Self.reader(DeliveryOptions(source: .folder), folder).read([delivery.path])
        let bauakte = try #require(listing.akten.first { $0.aktenzeichen == "632-0147" })
        #expect(bauakte.unreadable.count == 3, "\(bauakte.unreadable)")
        #expect(bauakte.unreadable.contains { $0.hasPrefix("0004.tif:") } && bauakte.unreadable.contains { $0.hasPrefix(".0006.tif:") })
        #expect(listing.akten.first { $0.aktenzeichen == "633-0022" }?.unreadable.isEmpty == true)
    }

    @Test func manifestRowsNeverTakeEachOthersFilesNorTheWholeDelivery() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = folder.url.appendingPathComponent("d")
        for file in ["c/0001.tif", "c/inner/0001.tif", "e/0001.tif"] {
            let url = delivery.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("II*\0 \(file)".utf8).write(to: url)
        }
        try Data("""
            path;aktenzeichen;title
            .;013-0004;Alles
            c;632-0147;Aussen
            c/inner;632-0148;Innen
            e;633-0022;Zeile\u{202E}verkehrt
            """.utf8).write(to: delivery.appendingPathComponent("manifest.csv"))
        let listing = try Self.reader(DeliveryOptions(source: .manifest), folder).read([delivery.path])
        #expect(listing.akten.map(\.aktenzeichen) == ["632-0147", "632-0148"])
        #expect(listing.akten.map { $0.members.map(\.name) } == [["0001.tif"], ["0001.tif"]], "the nearest row takes a file")
        let refused = listing.skipped.filter { $0.code == .missingAkte }.map(\.reason)
        #expect(refused.contains { $0.contains("line 2") && $0.contains("own folder") }, "\(refused)")
        #expect(refused.contains { $0.contains("line 5") && $0.contains("control character") }, "\(refused)")
        #expect(listing.skipped.contains { $0.code == .outsideAkte && $0.path.hasSuffix("e/0001.tif") })
    }
}
