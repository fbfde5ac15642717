/// What every export format does: the files for each record, and the files for the export as a
/// whole (a manifest). ``Workspace/export(_:selection:to:actor:)`` writes them, skips what is
/// already there unchanged, and audits the rest.
protocol RecordExporter: Sendable {
    var target: ExportTarget { get }
    /// The files for one record.
    func files(for record: ExportableRecord) throws -> [ExportFile]
    /// Files describing the whole export (empty when the format has none).
    func summaryFiles(for records: [ExportableRecord]) throws -> [ExportFile]
}
