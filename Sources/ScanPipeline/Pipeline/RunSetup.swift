public import FilePlan
public import Foundation
public import Logging

/// Everything a batch run is wired from, decided once for `scanctl run`, `scanctl quarantine retry`
/// (and the service's `serve`/`watch`): which scanning profile applies and where profiles come
/// from, how the operator's options override it, and the classifier (the plan with the model last
/// trained in the workspace). The command line only parses options into a `Request` and prints.
public struct RunSetup: Sendable {
    /// What the operator asked for; nil or false means "the profile's default".
    public struct Request: Sendable {
        public var inputs: [String]
        /// Raw bytes of inputs whose names are not UTF-8, by the form `inputs` shows them in.
        public var inputBytes: [String: [UInt8]] = [:]
        public var operatorName: String
        /// The profile asked for; nil: the fallback profile (see `fallbackProfile`).
        public var profile: String?
        /// The profile to use when none is asked for.
        public var fallbackProfile = ScanProfile.posteingang.name
        /// Whether a fallback profile that cannot be loaded (its profiles file is gone) gives way to
        /// `posteingang` with a note, rather than stopping: a retry of an old batch does.
        public var fallbackMayBeUnavailable = false
        /// A YAML file of more profiles; nil: `WORKSPACE/profiles.yaml` when present.
        public var profilesFile: URL?
        /// The batch's protection need; nil: the profile's.
        public var schutzbedarf: Schutzbedarf?
        /// A lower bound for the protection need (a retried document keeps its batch's).
        public var minimumSchutzbedarf: Schutzbedarf = .normal
        public var workers: Int
        public var ocr: OCRConfiguration
        /// Whether `ocr.languages` was given; otherwise the profile's languages apply.
        public var languagesGiven = false
        /// No barcode reading, no splitting at separator sheets or blank pages.
        public var noSeparation = false
        /// Split at blank pages although the profile does not.
        public var separateAtBlankPages = false
        /// Largest document before review; nil: the profile's.
        public var maximumPagesPerDocument: Int?
        /// Pages above which a file is scheduled last; nil: `RunConfiguration`'s default.
        public var largeFilePages: Int?
        public var acceptBrokenTrail = false
        /// Quarantined documents to retry: document id by input path.
        public var retrying: [String: String] = [:]
        public var policy: DecisionPolicy = .standard
        public var softwareVersion: String
        /// Asked to stop early (`scanctl watch` on SIGTERM).
        public var stop: RunStop?
        /// The inputs are a contractor's delivery of Akten (see ``DeliveryOptions``).
        public var delivery: DeliveryOptions?

        public init(inputs: [String], operatorName: String, workers: Int, ocr: OCRConfiguration, softwareVersion: String) {
            self.inputs = inputs
            self.operatorName = operatorName
            self.workers = workers
            self.ocr = ocr
            self.softwareVersion = softwareVersion
        }
    }

    /// Something the operator should be told about the setup; the run goes on.
    public enum Note: Sendable, Equatable {
        /// The active model was trained against another version of the plan.
        case modelTrainedOnOtherPlan(model: String, trainedOn: String, classifyingAgainst: String)
        /// The fallback profile could not be loaded (its reason), so `posteingang` is used.
        case profileUnavailable(reason: String, using: String)
    }

    public var plan: FilePlan
    public var profile: ScanProfile
    public var configuration: RunConfiguration
    public var classifier: LayeredClassifier
    public var notes: [Note]

    /// `WORKSPACE/profiles.yaml` when present, unless a file was given.
    public static func profilesFile(given: URL?, workspace: Workspace) -> URL? {
        given ?? [workspace.root.appendingPathComponent("profiles.yaml")].first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Decides profile and options, and builds the classifier from the plan and the workspace's
    /// active model. Throws `ScanPipelineError` when the profile is unknown or broken, the model
    /// cannot be read, or the German stemmer is missing (`.stemmerUnavailable`): all before any
    /// file is touched.
    public static func make(_ request: Request, workspace: Workspace, plan: FilePlan) async throws -> RunSetup {
        var notes: [Note] = []
        let file = profilesFile(given: request.profilesFile, workspace: workspace)
        let profile: ScanProfile
        do {
            // A delivery of Akten is a Bestandsakten run unless a profile is named.
            let fallback = request.delivery == nil ? request.fallbackProfile : ScanProfile.bestandsakten.name
            profile = try ScanProfile.named(request.profile ?? fallback, file: file)
        } catch let error as ScanPipelineError where request.profile == nil && request.fallbackMayBeUnavailable {
            notes.append(.profileUnavailable(reason: error.reason, using: ScanProfile.posteingang.name))
            profile = .posteingang
        }
        let configuration = Self.configuration(request, profile: profile)
        _ = try GermanStemmer.requireAvailable()
        _ = try GermanCompounds.requireAvailable()  // and the word list compounds are split with
        let stored = try await workspace.activeModel()
        if let stored, stored.model.planVersion != plan.version {
            notes.append(.modelTrainedOnOtherPlan(model: stored.version, trainedOn: stored.model.planVersion,
                                                  classifyingAgainst: plan.version))
        }
        let classifier = LayeredClassifier(plan: plan, model: stored?.model, modelVersion: stored?.version, policy: request.policy)
        return RunSetup(plan: plan, profile: profile, configuration: configuration, classifier: classifier, notes: notes)
    }

    /// The run's configuration: the profile gives the defaults, options given win.
    static func configuration(_ request: Request, profile: ScanProfile) -> RunConfiguration {
        var ocr = request.ocr
        if !request.languagesGiven { ocr.languages = profile.languages }
        let separation = profile.separation && !request.noSeparation
        ocr.readBarcodes = separation
        ocr.recogniseSeparatorSheets = !ocr.readBarcodes
        var configuration = RunConfiguration(
            inputs: request.inputs, operatorName: request.operatorName, profile: profile.name,
            schutzbedarf: max(request.schutzbedarf ?? profile.schutzbedarf, request.minimumSchutzbedarf),
            workers: request.workers, ocr: ocr, softwareVersion: request.softwareVersion)
        configuration.inputBytes = request.inputBytes
        configuration.separateAtSeparatorSheets = separation
        configuration.separateAtBlankPages = (profile.blankPageSeparation || request.separateAtBlankPages) && !request.noSeparation
        configuration.maximumPagesPerDocument = max(1, request.maximumPagesPerDocument ?? profile.maximumPagesPerDocument)
        if let largeFilePages = request.largeFilePages { configuration.largeFilePages = max(1, largeFilePages) }
        configuration.quality = profile.quality
        configuration.blankPages = profile.blankPages
        configuration.acceptBrokenTrail = request.acceptBrokenTrail
        configuration.retrying = request.retrying
        configuration.stop = request.stop
        if let delivery = request.delivery {
            // An Akte is its folder or manifest row: no blank page divides it, and every page,
            // blank ones too (marked), is in its record.
            configuration.delivery = delivery
            configuration.separateAtBlankPages = false
            configuration.blankPages.keepInRecord = true
            // Its size is the paper's: many pages are no sign of a missed separator sheet.
            configuration.maximumPagesPerDocument = request.maximumPagesPerDocument.map { max(1, $0) } ?? Int.max
        }
        return configuration
    }

    /// The runner for this setup.
    public func runner(workspace: Workspace, logger: Logger) -> BatchRunner {
        BatchRunner(workspace: workspace, plan: plan, classifier: classifier, configuration: configuration, logger: logger)
    }
}
