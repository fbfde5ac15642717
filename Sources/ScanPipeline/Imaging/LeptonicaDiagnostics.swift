internal import COCR

/// Leptonica prints its own info and error messages to standard error; scanctl reports every
/// failure itself (with the file's name), so those messages are switched off once per process.
enum LeptonicaDiagnostics {
    static let silenced: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()
}
