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
            listing.skipped += found.skipped
            var pages: [InputFile] = []
            for file in found.files {
                if let skip = Self.notAPage(file) { listing.skipped.append(skip) } else { pages.append(file) }
            }
            let root = found.files.first.map { _ in Self.resolvedFolder(input) } ?? input
            let groups = Dictionary(grouping: pages) { ($0.path as NSString).deletingLastPathComponent }
            // Loose files beside Akte folders belong to none of them; a folder of files alone is one Akte.
            let hasSubfolders = groups.keys.contains { $0 != root }
            for folder in groups.keys.sorted(by: { RawPath($0) < RawPath($1) }) {
                let files = groups[folder] ?? []
                if folder == root, hasSubfolders {
                    listing.skipped += files.map {
                        SkippedInput(path: $0.path, code: .outsideAkte,
                                     reason: "loose in the delivery's top folder, in no Akte folder: not processed")
                    }
                    continue
                }
                let name = (folder as NSString).lastPathComponent
                let (aktenzeichen, title) = Self.describe(folderName: name, pattern: pattern)
                listing.akten.append(DeliveryAkte(
                    path: folder, aktenzeichen: aktenzeichen, title: title, origin: .folder,
                    members: files.map { DeliveryMember(name: Self.name(of: $0.path, in: folder), path: $0.path, openPath: $0.openPath) }))
            }
        }
        return listing
    }

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
        var unclaimed: [String: InputFile] = [:]
        var order: [String] = []
        let found = try scanner.scan(inputs, bytes: bytes)
        listing.skipped += found.skipped
        for file in found.files where file.path != manifest.path {
            if let skip = Self.notAPage(file) { listing.skipped.append(skip); continue }
            unclaimed[file.path] = file
            order.append(file.path)
        }
        let base = manifest.deletingLastPathComponent()
        var claimedPaths: [String: Int] = [:]
        for row in rows {
            let target = (row.path.hasPrefix("/") ? URL(fileURLWithPath: row.path) : base.appendingPathComponent(row.path))
                .resolvingSymlinksInPath().standardizedFileURL.path
            if let first = claimedPaths[target] {
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte,
                    reason: "manifest line \(row.line) names \(row.path) again (first on line \(first)): taken once"))
                continue
            }
            claimedPaths[target] = row.line
            let prefix = target.hasSuffix("/") ? target : target + "/"
            let files = order.filter { ($0 == target || $0.hasPrefix(prefix)) && unclaimed[$0] != nil }.compactMap { unclaimed[$0] }
            guard !files.isEmpty else {
                let exists = FileManager.default.fileExists(atPath: target)
                listing.skipped.append(SkippedInput(path: target, code: .missingAkte, reason: exists
                    ? "manifest line \(row.line) (Aktenzeichen \(row.aktenzeichen ?? "–")) names a folder with no page in it"
                    : "manifest line \(row.line) (Aktenzeichen \(row.aktenzeichen ?? "–")) names \(row.path), which is not in the delivery"))
                continue
            }
            for file in files { unclaimed[file.path] = nil }
            let folder = files.count == 1 && files[0].path == target ? (target as NSString).deletingLastPathComponent : target
            listing.akten.append(DeliveryAkte(
                path: target, aktenzeichen: row.aktenzeichen, title: row.title, laufzeitVon: row.laufzeitVon,
                laufzeitBis: row.laufzeitBis, fields: row.fields, origin: .manifest,
                members: files.map { DeliveryMember(name: Self.name(of: $0.path, in: folder), path: $0.path, openPath: $0.openPath) }))
        }
        for path in order where unclaimed[path] != nil {
            listing.skipped.append(SkippedInput(path: path, code: .outsideAkte,
                                                reason: "not named by any row of the manifest \(manifest.lastPathComponent): not processed"))
        }
        return listing
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
        return SkippedInput(path: file.path, code: .notAPage, reason: "a .\(suffix) file, not a page of the Akte: not processed")
    }

    static func name(of path: String, in folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
    }

    static func resolvedFolder(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    static func tidy(_ text: String) -> String? {
        let cleaned = text.replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }
}
