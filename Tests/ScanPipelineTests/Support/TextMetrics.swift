/// Character error rate: edit distance between recognised and reference text over the reference's
/// length, after collapsing runs of whitespace (layout is not what is measured).
enum TextMetrics {
    static func characterErrorRate(_ recognised: String, reference: String) -> Double {
        let hypothesis = Array(normalise(recognised))
        let truth = Array(normalise(reference))
        guard !truth.isEmpty else { return hypothesis.isEmpty ? 0 : 1 }
        return Double(editDistance(hypothesis, truth)) / Double(truth.count)
    }

    static func normalise(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            current.reserveCapacity(b.count + 1)
            for (j, cb) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
