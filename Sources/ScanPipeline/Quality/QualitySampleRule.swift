/// How a sample round is drawn and when it is accepted: AQL-style, a sample of n pages of the batch
/// (by a rate or a count) passes with at most `acceptance` defective pages (the acceptance number c).
public struct QualitySampleRule: Sendable, Codable, Equatable {
    /// How many pages the round draws.
    public enum Size: Sendable, Codable, Equatable {
        /// A percentage of the population (5 = 5 %), rounded up, at least one page.
        case rate(Double)
        /// A fixed number of pages.
        case count(Int)
    }

    public var size: Size
    /// The acceptance number c: the round passes with at most this many defective pages.
    public var acceptance: Int

    public init(size: Size, acceptance: Int = 0) {
        self.size = size
        self.acceptance = acceptance
    }

    /// The sample size n for a population of `population` pages; refused when the rule cannot be
    /// met (a rate outside 0–100 %, a count larger than the population, an empty population).
    func sampleSize(population: Int) throws -> Int {
        guard population > 0 else {
            throw ScanPipelineError(.qualityCheck, "the batch has no record pages left to draw from")
        }
        guard acceptance >= 0 else { throw ScanPipelineError(.qualityCheck, "the acceptance number cannot be negative") }
        switch size {
        case .rate(let percent):
            guard percent > 0, percent <= 100 else {
                throw ScanPipelineError(.qualityCheck, "a rate is a percentage above 0 and at most 100 (5 = 5 %), not \(percent)")
            }
            return min(population, max(1, Int((Double(population) * percent / 100).rounded(.up))))
        case .count(let count):
            guard count >= 1 else { throw ScanPipelineError(.qualityCheck, "a sample has at least one page") }
            guard count <= population else {
                throw ScanPipelineError(.qualityCheck, "the batch has \(population) page(s) left to draw from, fewer than \(count)")
            }
            return count
        }
    }
}
