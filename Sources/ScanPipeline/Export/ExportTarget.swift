/// The formats `scanctl export` writes.
public enum ExportTarget: String, Sendable, CaseIterable, Codable {
    /// Each record's PDF and metadata, and one manifest listing them all.
    case json
    /// d.velop d.3 hostimport: each record's PDF with a `.jpl` of its index fields beside it.
    case d3
    /// xdomea 3.0.0 Abgabe.Abgabe.0401: one ZIP of the message XML and the record files.
    case xdomea
    /// xdomea 3.0.0 Aussonderung at the end of retention: the Anbieteverzeichnis (0501) of due A
    /// and B records, then the Aussonderung (0503) of those the archive judged archivwürdig
    /// (``Workspace/offerForAussonderung(before:parties:to:by:validator:software:)``,
    /// ``Workspace/handOverToArchive(process:to:by:validator:software:)``).
    case xdomeaAussonderung = "xdomea-aussonderung"
}
