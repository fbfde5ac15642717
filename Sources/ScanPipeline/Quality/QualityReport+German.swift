extension QualityReport {
    /// The verdict's reason in German, as the workstation and the supplement to the
    /// Transfervermerk show it (``verdictReason`` is English, for the CLI).
    public var germanVerdictReason: String {
        guard let round = rounds.last else { return "Noch keine Stichprobe gezogen." }
        let found = "\(round.defects) von \(round.sampleSize) Seiten mit Mangel, höchstens \(round.acceptance) zulässig"
        switch round.result {
        case .open: return "Runde \(round.number): \(round.sampleSize - round.checked) von \(round.sampleSize) Seiten noch nicht geprüft."
        case .failed:
            return "Runde \(round.number): \(found). Bitte eine größere Runde ziehen (mehr als \(round.sampleSize) Seiten, "
                + "verschärfte Prüfung) oder alle übrigen Seiten."
        case .passed where round.sampleSize == round.population && round.defects > round.acceptance:
            return "Runde \(round.number) hat alle übrigen Seiten geprüft (Vollprüfung): \(found); jeder Mangel muss behoben sein."
        case .passed: return "Runde \(round.number): \(found)."
        }
    }
}
