/// Who hands records over and who receives them, as the xdomea message head names them.
public struct XdomeaParties: Sendable, Equatable {
    /// The handing-over authority (Absender Institution), e.g. `Stadtverwaltung Lindenau`.
    public var sender: String
    /// The receiving authority or archive (Empfänger Institution).
    public var recipient: String

    public init(sender: String = "Abgebende Stelle", recipient: String = "Archiv") {
        self.sender = sender
        self.recipient = recipient
    }
}
