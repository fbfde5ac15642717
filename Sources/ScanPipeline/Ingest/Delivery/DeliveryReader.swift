import Foundation
import SwiftCSV

/// Reads a contractor's delivery into Akten: by folder (every folder that holds files is one Akte,
/// its files the pages in name order, its name giving Aktenzeichen and title) or by a CSV manifest
/// (one row per Akte, naming its folder or file). Files are found by ``InputScanner``, with its
/// care for links, FIFOs and hidden names; every file that is not a page of an Akte, and every
/// manifest row that names nothing, is named with its reason.
///
/// Blocking: runs on a worker thread.
struct DeliveryReader: Sendable {
    var options: DeliveryOptions
    var scanner: InputScanner

    struct Listing: Sendable, Equatable {
        var akten: [DeliveryAkte] = []
        var skipped: [SkippedInput] = []
    }

    /// Files a delivery carries beside its pages: checksums, notes, lists. Anything else in an
    /// Akte's folder is a page, and one that cannot be read puts the Akte aside (never filed short).
    static let notPageExtensions: Set<String> = ["csv", "txt", "xml", "json", "md5", "sha1", "sha256", "sha512",
                                                 "ini", "db", "log", "md", "html", "htm"]

    func read(_ inputs: [String], bytes: [String: [UInt8]] = [:]) throws -> Listing {
        switch options.source {
        case .folder: try byFolder(inputs, bytes: bytes)
        case .manifest: try byManifest(inputs, bytes: bytes)
        }
    }

    // MARK: Folders

    private func byFolder(_ inputs: [String], bytes: [String: [UInt8]]) throws -> Listing {
        let pattern = try Self.pattern(options.aktenzeichenPattern ?? DeliveryOptions.defaultAktenzeichenPattern)
        var listing = Listing()
        for input in inputs {
            let found = try scanner.scan([input], bytes: bytes)
            let root = Self.resolvedFolder(input)
            var pages: [InputFile] = []
            for file in found.files {
                if let skip = Self.notAPage(file) { listing.skipped.append(skip) } else { pages.append(file) }
            }
            let folders = Set(pages.map { Self.parent(of: $0.path) })
            // Loose files beside Akte folders belong to none of them; a folder of files alone is one Akte.
            let hasSubfolders = folders.contains { $0 != root }
            // An Akte is the outermost folder holding pages; the pages of its subfolders (Bände,
            // Teilakten) are its own, after its own files: a subfolder never splits an Akte.
            func akteFolder(of path: String) -> String? {
                var outermost: String?
                var folder = Self.parent(of: path)
                while folder.count >= root.count {
                    if folders.contains(folder), folder != root || !hasSubfolders { outermost = folder }
                    if folder == root { break }
                    folder = Self.parent(of: folder)
                }
                return outermost
            }
            var groups: [String: [InputFile]] = [:]
            var order: [String] = []
            for file in pages {
                guard let folder = akteFolder(of: file.path) else {
                    listing.skipped.append(SkippedInput(path: file.path, code: .outsideAkte,
                                                        reason: "loose in the delivery's top folder, in no Akte folder: not processed"))
                    continue
                }
                if groups[folder] == nil { order.append(folder) }
                groups[folder, default: []].append(file)
            }
            var unreadable: [String: [String]] = [:]
            for skip in found.skipped {
                if Self.blocksAnAkte(skip), let folder = akteFolder(of: skip.path), groups[folder] != nil {
                    unreadable[folder, default: []].append("\(Self.name(of: skip.path, in: folder)): \(skip.reason)")
                }
                listing.skipped.append(skip)
            }
            for folder in order.sorted(by: { RawPath($0) < RawPath($1) }) {
                let files = Self.inPageOrder(groups[folder] ?? [], in: folder)
                let (aktenzeichen, title) = Self.describe(folderName: (folder as NSString).lastPathComponent, pattern: pattern)
                var akte = DeliveryAkte(
                    path: folder, aktenzeichen: aktenzeichen, title: title, origin: .folder,
                    members: files.map { DeliveryMember(name: Self.name(of: $0.path, in: folder), path: $0.path, openPath: $0.openPath) })
                akte.unreadable = unreadable[folder] ?? []
                listing.akten.append(akte)
            }
            listing.skipped += Self.foldersWithoutPages(under: root, pages: pages)
        }
        return listing
    }

    /// Whether a skipped entry inside an Akte's folder means a page may be missing: a link out of
    /// the delivery, a FIFO or device, a file above the size limit, a folder that cannot be read, a
    /// hidden file with a scan's name. Not: a second link to the same file, a hidden system file
    /// (`.DS_Store`, macOS's `._` copies), a checksum list.
    static func blocksAnAkte(_ skip: SkippedInput) -> Bool {
        switch skip.code {
        case .sameFile, .notAPage, .outsideAkte, .missingAkte, .linkLoop: return false
        case .hiddenName:
            let name = (skip.path as NSString).lastPathComponent
            return !name.hasPrefix("._") && scanExtensions.contains((name as NSString).pathExtension.lowercased())
        case .linkOutsideFolder, .brokenLink, .notRegularFile, .fileTooLarge, .unreadableFolder: return true
        }
    }

    static let scanExtensions: Set<String> = ["tif", "tiff", "png", "jpg", "jpeg", "pdf"]

    /// An Akte's files: its own first, then each subfolder's, each in name order.
    static func inPageOrder(_ files: [InputFile], in folder: String) -> [InputFile] {
        files.sorted { left, right in
            let (a, b) = (name(of: left.path, in: folder), name(of: right.path, in: folder))
            let (aNested, bNested) = (a.contains("/"), b.contains("/"))
            return aNested != bNested ? !aNested : RawPath(a) < RawPath(b)
        }
    }

    /// Folders of the delivery with no page at or below them (an Akte folder left empty, or with
    /// nothing but notes): named, so that no Akte disappears without a word.
    static func foldersWithoutPages(under root: String, pages: [InputFile]) -> [SkippedInput] {
        let holding = Set(pages.flatMap { file -> [String] in
            var folders: [String] = []
            var folder = parent(of: file.path)
            while folder.count > root.count { folders.append(folder); folder = parent(of: folder) }
            return folders
        })
        guard let walk = FileManager.default.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isDirectoryKey],
                                                        options: [.skipsHiddenFiles]) else { return [] }
        var folders: [String] = []
        for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            folders.append(url.resolvingSymlinksInPath().standardizedFileURL.path)
        }
        let all = Set(folders)
        // The innermost folders only: a box folder whose Akten are all empty is named through them.
        return folders.filter { folder in !holding.contains(folder) && !all.contains { $0.hasPrefix(folder + "/") } }.sorted()
            .map { SkippedInput(path: $0, code: .missingAkte, reason: "an Akte folder with no page in it: no record") }
    }

    static func parent(of path: String) -> String { (path as NSString).deletingLastPathComponent }

    /// Aktenzeichen and title from a folder's name; the name itself as title when the pattern
    /// does not match (the Akte then has no Aktenzeichen and is classified from its pages).
    static func describe(folderName name: String, pattern: NSRegularExpression) -> (aktenzeichen: String?, title: String?) {
        let range = NSRange(name.startIndex..., in: name)
        guard let match = pattern.firstMatch(in: name, range: range) else {
            return (nil, tidy(name))
        }
        func group(_ label: String) -> String? {
            // Asking for a group the expression does not have is an exception in Foundation.
            guard pattern.pattern.contains("(?<\(label)>") else { return nil }
            let found = match.range(withName: label)
            guard found.location != NSNotFound, let range = Range(found, in: name) else { return nil }
            return String(name[range])
        }
        let aktenzeichen = group("az")?.trimmingCharacters(in: .whitespaces)
        return (aktenzeichen?.isEmpty == false ? aktenzeichen : nil, group("title").flatMap(tidy))
    }

    static func pattern(_ text: String) throws -> NSRegularExpression {
        let expression: NSRegularExpression
        do { expression = try NSRegularExpression(pattern: text) } catch {
            throw ScanPipelineError(.workspace, "--az-pattern \(text) is not a regular expression: \(error.localizedDescription)")
        }
        guard text.contains("(?<az>") else {
            throw ScanPipelineError(.workspace, "--az-pattern \(text) has no group (?<az>…) for the Aktenzeichen")
        }
        return expression
    }

    // MARK: Manifest

    private func byManifest(_ inputs: [String], bytes: [String: [UInt8]]) throws -> Listing {
        guard let manifestPath = options.manifest ?? inputs.first.map({ ($0 as NSString).appendingPathComponent("manifest.csv") }) else {
            throw ScanPipelineError(.workspace, "--akte-from manifest needs --manifest FILE or a delivery folder with manifest.csv")
        }
        let manifest = URL(fileURLWithPath: manifestPath).resolvingSymlinksInPath()
        let rows = try Self.manifestRows(manifest)
        var listing = Listing()
        // Every file the delivery holds; those no row claims are named, not dropped.
        let found = try scanner.scan(inputs, bytes: bytes)
        var files: [InputFile] = []
        for file in found.files where file.path != manifest.path {
            if let skip = Self.notAPage(file) { listing.skipped.append(skip) } else { files.append(file) }
        }
        let base = manifest.deletingLastPathComponent().standardizedFileURL.path
        // Each row's folder or file; a row naming the delivery's own folder (or above) would take
        // every Akte into one, and is refused.
        var targets: [String: Int] = [:]
        var accepted: [(row: ManifestRow, target: String)] = []
        // A row's path is read relative to the manifest's folder, or, when it is not there (a
        // manifest kept apart from the delivery), relative to the delivery folder given.
        let roots = [base] + inputs.map(Self.resolvedFolder).filter { $0 != base }
        for row in rows {
            let candidates = row.path.hasPrefix("/") ? [URL(fileURLWithPath: row.path)]
                : roots.map { URL(fileURLWithPath: $0).appendingPathComponent(row.path) }
            let target = (candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0])
                .resolvingSymlinksInPath().standardizedFileURL.path
            if let problem = Self.problem(of: row) {
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte, reason: "manifest line \(row.line): \(problem): not processed"))
                continue
            }
            if target == base || base.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte,
                    reason: "manifest line \(row.line) names the delivery's own folder (\(row.path)), not one Akte: not processed"))
                continue
            }
            if let first = targets[target] {
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte,
                    reason: "manifest line \(row.line) names \(row.path) again (first on line \(first)): taken once"))
                continue
            }
            targets[target] = row.line
            accepted.append((row, target))
        }
        // A file belongs to the row naming its nearest folder (or itself): nested rows never
        // take each other's files. One walk up per file, not one scan per row.
        func claimant(of path: String) -> String? {
            var candidate = path
            while candidate.count > 1 {
                if targets[candidate] != nil { return candidate }
                let up = Self.parent(of: candidate)
                if up == candidate { break }
                candidate = up
            }
            return nil
        }
        var claimed: [String: [InputFile]] = [:]
        for file in files {
            if let target = claimant(of: file.path) {
                claimed[target, default: []].append(file)
            } else {
                listing.skipped.append(SkippedInput(path: file.path, code: .outsideAkte,
                    reason: "not named by any row of the manifest \(manifest.lastPathComponent): not processed"))
            }
        }
        var unreadable: [String: [String]] = [:]
        for skip in found.skipped {
            if Self.blocksAnAkte(skip), let target = claimant(of: skip.path) {
                unreadable[target, default: []].append("\(Self.name(of: skip.path, in: target)): \(skip.reason)")
            }
            listing.skipped.append(skip)
        }
        for (row, target) in accepted {
            guard let members = claimed[target], !members.isEmpty else {
                let exists = FileManager.default.fileExists(atPath: target)
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte, reason: exists
                    ? "manifest line \(row.line) (Aktenzeichen \(row.aktenzeichen ?? "–")) names a folder with no page in it"
                    : "manifest line \(row.line) (Aktenzeichen \(row.aktenzeichen ?? "–")) names \(row.path), which is not in the delivery"))
                continue
            }
            let folder = members.count == 1 && members[0].path == target ? Self.parent(of: target) : target
            var akte = DeliveryAkte(
                path: target, aktenzeichen: row.aktenzeichen, title: row.title, laufzeitVon: row.laufzeitVon,
                laufzeitBis: row.laufzeitBis, fields: row.fields, origin: .manifest,
                members: Self.inPageOrder(members, in: folder).map {
                    DeliveryMember(name: Self.name(of: $0.path, in: folder), path: $0.path, openPath: $0.openPath)
                })
            akte.unreadable = unreadable[target] ?? []
            listing.akten.append(akte)
        }
        return listing
    }

    /// Why a row's Aktenzeichen or title cannot be taken: a line break or control character would
    /// forge lines wherever it is shown.
    static func problem(of row: ManifestRow) -> String? {
        for (name, value) in [("Aktenzeichen", row.aktenzeichen), ("title", row.title)] {
            if let value, value.unicodeScalars.contains(where: PlainText.needsEscape) {
                return "the \(name) holds a line break or control character"
            }
        }
        return nil
    }

    struct ManifestRow: Sendable, Equatable {
        var line: Int
        var path: String
        var aktenzeichen: String?
        var title: String?
        var laufzeitVon: String?
        var laufzeitBis: String?
        var fields: [String: String]
    }

    static let manifestColumns = ["path", "aktenzeichen", "title", "laufzeit_von", "laufzeit_bis"]

    /// The manifest's rows: semicolon-separated, a header row naming at least `path` and
    /// `aktenzeichen` (as contractors deliver it: UTF-8 or Windows-1252, a BOM allowed).
    static func manifestRows(_ manifest: URL) throws -> [ManifestRow] {
        guard let data = FileManager.default.contents(atPath: manifest.path) else {
            throw ScanPipelineError(.workspace, path: manifest.path, "the manifest cannot be read")
        }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw ScanPipelineError(.workspace, path: manifest.path, "the manifest is neither UTF-8 nor Windows-1252 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: CSV<Enumerated>
        do { csv = try CSV<Enumerated>(string: text, delimiter: .semicolon, loadColumns: false) } catch {
            throw ScanPipelineError(.workspace, path: manifest.path, "the manifest cannot be parsed: \(error)")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let pathColumn = header.firstIndex(of: "path"), header.contains("aktenzeichen") else {
            throw ScanPipelineError(.workspace, path: manifest.path,
                                    "the manifest's first line must name the columns, at least path and aktenzeichen (found: \(header.joined(separator: ";")))")
        }
        func column(_ name: String, _ fields: [String]) -> String? {
            guard let index = header.firstIndex(of: name), index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        var rows: [ManifestRow] = []
        for (offset, fields) in csv.rows.enumerated() {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let line = offset + 2
            guard pathColumn < fields.count, !fields[pathColumn].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ScanPipelineError(.workspace, path: manifest.path, "line \(line) has no path")
            }
            var extra: [String: String] = [:]
            for (index, name) in header.enumerated() where !manifestColumns.contains(name) && index < fields.count && !name.isEmpty {
                let value = fields[index].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { extra[name] = value }
            }
            rows.append(ManifestRow(line: line, path: fields[pathColumn].trimmingCharacters(in: .whitespaces),
                                    aktenzeichen: column("aktenzeichen", fields), title: column("title", fields),
                                    laufzeitVon: column("laufzeit_von", fields), laufzeitBis: column("laufzeit_bis", fields),
                                    fields: extra))
        }
        return rows
    }

    // MARK: Helpers

    static func notAPage(_ file: InputFile) -> SkippedInput? {
        let suffix = (file.path as NSString).pathExtension.lowercased()
        guard notPageExtensions.contains(suffix) else { return nil }
        return SkippedInput(path: file.path, code: .notAPage, reason: "a .\(suffix) file, not a page: not processed")
    }

    static func name(of path: String, in folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
    }

    static func resolvedFolder(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// A title from a folder's name: underscores as spaces, runs of white space as one, control
    /// characters left out (they would forge lines or break XML wherever the title goes).
    static func tidy(_ text: String) -> String? {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.filter { !PlainText.needsEscape($0) || $0 == "\n" || $0 == "\t" }))
        let cleaned = printable.replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }
}
