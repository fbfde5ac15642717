/// The version scanctl reports (`scanctl --version`) and writes into its outputs.
enum ScanCtlVersion {
    static let current = "0.1.0"
}
