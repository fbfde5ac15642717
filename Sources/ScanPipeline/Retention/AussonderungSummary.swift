/// What a step of an Aussonderung did: the message written or read, its process, and the records.
public struct AussonderungSummary: Sendable, Encodable {
    /// `anbieten` (0501 written), `bewertung` (0502 read), `aussondern` (0503 written), `receipt` (0504–0507 read).
    public var stage: String
    public var process: String
    /// The message's Nachrichtentyp code: 0501 … 0507.
    public var messageType: String
    /// The file written or read.
    public var message: String
    public var messageSHA256: String
    /// Records offered, handed over or confirmed (by id).
    public var records: [String] = []
    /// From a Bewertung: the records judged archivwürdig and kassabel.
    public var archivwuerdig: [String] = []
    public var kassabel: [String] = []
    /// From a 0506: the records whose import the archive refused, with its message.
    public var failed: [String: String] = [:]
    /// Records whose files were removed after the archive confirmed their import.
    public var removed: [String] = []
}
