public import Foundation

/// A trained statistical layer and the calibration of the layers' combination, as saved in a
/// workspace (`models/<sha256>.json`). Its version is the hash of its canonical JSON, so the same
/// training data and seed always give the same version, and a model file that was altered no
/// longer matches the version the audit trail recorded for it.
public struct ClassificationModel: Sendable, Codable, Equatable {
    /// The statistical layer for one level of the plan: class labels are plan codes at that level.
    struct Level: Sendable, Codable, Equatable {
        var level: Int
        var regression: SoftmaxRegression
        /// The layers' combination at this level, the statistical layer included.
        var combination: LayerCombination
    }

    /// What the model was trained from: documents per source (`corpus classify-dev`, `reviews`).
    public struct Source: Sendable, Codable, Equatable {
        public var name: String
        public var documents: Int
    }

    /// 2: template lines and the character n-gram channel (issue 16); a format 1 model must be trained again.
    static let currentFormat = 2

    var format: Int
    /// The plan the model was trained against; classifying with another plan still works (labels are
    /// plan codes) but is reported.
    public internal(set) var planVersion: String
    public internal(set) var seed: UInt64
    public internal(set) var sources: [Source]
    var vectorizer: TermVectorizer
    var levels: [Level]
    /// The combination for levels without a statistical layer (and for the plan layers alone).
    var planOnly: LayerCombination
    /// The template lines of the documents it was trained on (and of its home town's unlabelled
    /// documents): removed from a text before either layer looks at it. Optional only so that a
    /// format 1 file decodes far enough to be told it must be trained again.
    var templates: TemplateLines?
    /// Whether a document is a record at all, once reviews discarded enough as nicht aktenrelevant.
    var relevance: RelevanceLayer?

    init(planVersion: String, seed: UInt64, sources: [Source], vectorizer: TermVectorizer, levels: [Level],
         planOnly: LayerCombination, templates: TemplateLines = TemplateLines()) {
        self.format = Self.currentFormat
        self.templates = templates
        self.planVersion = planVersion
        self.seed = seed
        self.sources = sources
        self.vectorizer = vectorizer
        self.levels = levels
        self.planOnly = planOnly
    }

    public var documentCount: Int { sources.reduce(0) { $0 + $1.documents } }

    /// The canonical file content: sorted keys, so equal models are equal bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// SHA-256 of the canonical content, in hex.
    public func digest() throws -> String { try encoded().sha256Hex }

    /// `model@` and the first 12 hex digits of the digest: what classification events record.
    public static func version(digest: String) -> String { "model@\(digest.prefix(12))" }

    /// Reads a model file; when `expectedDigest` is given the content must hash to it.
    public static func load(from url: URL, expectedDigest: String? = nil) throws -> ClassificationModel {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScanPipelineError(.invalidModel, path: url.path, "cannot be read: \(error.localizedDescription)")
        }
        let model: ClassificationModel
        do {
            model = try JSONDecoder().decode(ClassificationModel.self, from: data)
        } catch {
            throw ScanPipelineError(.invalidModel, path: url.path, "is not a scanctl model: \(error)")
        }
        guard model.levels.allSatisfy({ $0.regression.isConsistent && $0.regression.featureCount == model.vectorizer.count
                                        && $0.combination.weights.count == LayerCombination.featureNames.count }),
              model.planOnly.weights.count == LayerCombination.featureNames.count,
              model.relevance?.isConsistent ?? true else {
            throw ScanPipelineError(.invalidModel, path: url.path, "is damaged: its parts do not fit together")
        }
        guard model.format == currentFormat else {
            throw ScanPipelineError(.invalidModel, path: url.path, "has format \(model.format); this scanctl reads format \(currentFormat): train the model again with scanctl train")
        }
        if let expectedDigest, try model.digest() != expectedDigest {
            throw ScanPipelineError(.invalidModel, path: url.path, "does not match its recorded hash \(expectedDigest.prefix(12)): the file was changed after training")
        }
        return model
    }

    func level(_ number: Int) -> Level? { levels.first { $0.level == number } }
}
