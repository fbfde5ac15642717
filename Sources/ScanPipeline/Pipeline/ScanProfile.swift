public import FilePlan
public import Foundation
import Yams

/// How a kind of batch is scanned and checked: separation, the largest document, the protection
/// need, languages and the per-page quality gate. `scanctl run --profile NAME` picks one of the
/// shipped profiles or one defined in a YAML file:
///
/// ```yaml
/// profiles:
///   - name: posteingang-duplex
///     description: Mailroom, duplex scanner
///     separation: true          # split at Patch T / Patch 2 sheets
///     blank_page_separation: false   # simplex: a blank page separates documents
///     blank_page: {max_marks: 0, max_ink_percent: 0.002, keep: false}   # sensitivity; keep blank pages in the record
///     max_pages: 30             # more pages in one document go to review
///     schutzbedarf: normal      # normal, hoch, sehr-hoch
///     languages: deu+eng
///     quality: {min_resolution: 200, min_confidence: 60, nearly_empty_words: 3, max_skew: 5}
/// ```
public struct ScanProfile: Sendable, Equatable {
    public var name: String
    public var description: String
    public var separation: Bool
    /// Blank pages separate documents too (simplex scanning without separator sheets).
    public var blankPageSeparation: Bool
    /// The blank-page sensitivity.
    public var blankPages: BlankPagePolicy
    public var maximumPagesPerDocument: Int
    public var schutzbedarf: Schutzbedarf
    public var languages: String
    public var quality: PageQualityGate

    public init(name: String, description: String, separation: Bool = true, blankPageSeparation: Bool = false,
                blankPages: BlankPagePolicy = BlankPagePolicy(), maximumPagesPerDocument: Int = 50,
                schutzbedarf: Schutzbedarf = .normal, languages: String = "deu", quality: PageQualityGate = PageQualityGate()) {
        self.name = name
        self.description = description
        self.separation = separation
        self.blankPageSeparation = blankPageSeparation
        self.blankPages = blankPages
        self.maximumPagesPerDocument = maximumPagesPerDocument
        self.schutzbedarf = schutzbedarf
        self.languages = languages
        self.quality = quality
    }

    /// The digital mailroom: stacks of incoming letters of a few pages each, between Patch T sheets.
    public static let posteingang = ScanProfile(
        name: "posteingang", description: "Digitale Poststelle: incoming post, letters of a few pages between Patch T sheets",
        separation: true, maximumPagesPerDocument: 30, schutzbedarf: .normal, languages: "deu",
        quality: PageQualityGate(minimumResolution: 200, minimumConfidence: 60, nearlyEmptyWords: 3, maximumSkew: 5))

    /// Digitising legacy files: one Akte per separator sheet, hundreds of pages, old typewriter
    /// text; replacement scanning (TR-RESISCAN) wants 300 dpi.
    public static let bestandsakten = ScanProfile(
        name: "bestandsakten", description: "Bestandsaktendigitalisierung: one Akte per separator sheet, 300 dpi for replacement scanning",
        separation: true, blankPages: BlankPagePolicy(keepInRecord: true), maximumPagesPerDocument: 1000,
        schutzbedarf: .normal, languages: "deu",
        quality: PageQualityGate(minimumResolution: 300, minimumConfidence: 50, nearlyEmptyWords: 2, maximumSkew: 5))

    public static let shipped = [posteingang, bestandsakten]

    private struct File: Decodable {
        struct Profile: Decodable {
            struct BlankPage: Decodable {
                var max_marks: Int?
                var max_ink_percent: Double?
                var keep: Bool?
            }
            struct Quality: Decodable {
                var min_resolution: Int?
                var min_confidence: Double?
                var nearly_empty_words: Int?
                var max_skew: Double?
            }
            var name: String
            var description: String?
            var separation: Bool?
            var blank_page_separation: Bool?
            var blank_page: BlankPage?
            var max_pages: Int?
            var schutzbedarf: String?
            var languages: String?
            var quality: Quality?
        }
        var profiles: [Profile]
    }

    /// The shipped profiles, and those of `file` (a profile of the same name replaces the shipped one).
    public static func available(file: URL?) throws -> [ScanProfile] {
        guard let file else { return shipped }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw ScanPipelineError(.workspace, path: file.path, "the profiles file cannot be read")
        }
        let parsed: File
        do { parsed = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw ScanPipelineError(.workspace, path: file.path, "is not a profiles file: \(error)")
        }
        var profiles = shipped
        for entry in parsed.profiles {
            var level = Schutzbedarf.normal
            if let text = entry.schutzbedarf {
                guard let parsedLevel = Schutzbedarf(rawValue: text) else {
                    throw ScanPipelineError(.workspace, path: file.path, "profile \(entry.name): schutzbedarf is normal, hoch or sehr-hoch")
                }
                level = parsedLevel
            }
            let defaults = PageQualityGate()
            let defaultBlank = BlankPagePolicy()
            let profile = ScanProfile(
                name: entry.name, description: entry.description ?? "", separation: entry.separation ?? true,
                blankPageSeparation: entry.blank_page_separation ?? false,
                blankPages: BlankPagePolicy(maximumMarks: entry.blank_page?.max_marks ?? defaultBlank.maximumMarks,
                                            maximumCoverage: entry.blank_page?.max_ink_percent.map { $0 / 100 }
                                                ?? defaultBlank.maximumCoverage,
                                            keepInRecord: entry.blank_page?.keep ?? defaultBlank.keepInRecord),
                maximumPagesPerDocument: max(1, entry.max_pages ?? 50), schutzbedarf: level, languages: entry.languages ?? "deu",
                quality: PageQualityGate(
                    minimumResolution: entry.quality?.min_resolution ?? defaults.minimumResolution,
                    minimumConfidence: entry.quality?.min_confidence ?? defaults.minimumConfidence,
                    nearlyEmptyWords: entry.quality?.nearly_empty_words ?? defaults.nearlyEmptyWords,
                    maximumSkew: entry.quality?.max_skew ?? defaults.maximumSkew))
            profiles.removeAll { $0.name == profile.name }
            profiles.append(profile)
        }
        return profiles
    }

    /// The profile called `name`, or an error naming those there are.
    public static func named(_ name: String, file: URL?) throws -> ScanProfile {
        let profiles = try available(file: file)
        guard let profile = profiles.first(where: { $0.name == name }) else {
            throw ScanPipelineError(.workspace, path: file?.path,
                                    "no scanning profile \(name); there are: \(profiles.map(\.name).joined(separator: ", "))")
        }
        return profile
    }
}
