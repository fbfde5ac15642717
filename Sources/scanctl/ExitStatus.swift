import ArgumentParser
import ScanPipeline

/// Every exit code scanctl ends with, and the one mapping from an error to it: commands throw
/// `ExitStatus.x.code` or `error.exitCode`, never a bare number.
enum ExitStatus: Int32 {
    /// Done (duplicates and review queues are not failures).
    case success = 0
    /// The request was refused or something it reports failed: an input quarantined, an unknown or
    /// ambiguous id, a move the lifecycle does not allow, a document someone changed meanwhile, a
    /// trail found broken by `audit verify`.
    case refused = 1
    /// The workspace or the file plan cannot be used or trusted: unusable or locked by another
    /// process, its storage failed, a record file changed, the audit trail broken.
    case unusable = 2
    /// A library the pipeline needs could not start: Tesseract (missing language data) or libstemmer.
    case engine = 3
    /// Invalid arguments (ArgumentParser's own code for a validation error).
    case usage = 64

    var code: ExitCode { ExitCode(rawValue) }

    /// The status for an error. `refused` is what a refusal means to the command: 1 for most, but
    /// 2 for a run that cannot start (a bad profile, seal key or model is an unusable setup).
    static func of(_ error: ScanPipelineError, refused: ExitStatus = .refused) -> ExitStatus {
        switch error.code {
        case .engineInitialisation, .stemmerUnavailable, .dictionaryUnavailable:
            .engine
        case .workspace, .lockHeld, .storage, .recordIntegrity, .brokenTrail:
            .unusable
        case .illegalTransition, .staleState, .unknownID, .qualityCheck:
            refused
        default:
            refused
        }
    }
}
