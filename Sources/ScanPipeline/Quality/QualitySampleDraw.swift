/// Drawing a sample: `count` of `population` items, chosen by a seeded generator (SplitMix64, the
/// same on every machine and Swift release), so that the same seed over the same population draws
/// the same pages. Pure: the store gives the population in a stable order.
enum QualitySampleDraw {
    /// The indices (into the population) drawn, in population order.
    static func indices(count: Int, of population: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<population)
        // A partial Fisher–Yates: the first `count` positions are a uniform sample.
        for position in 0..<min(count, population) {
            let other = position + Int(generator.next() % UInt64(population - position))
            order.swapAt(position, other)
        }
        return order.prefix(count).sorted()
    }

    /// A fresh seed when none is given (recorded with the round, so the draw can be repeated).
    static func randomSeed() -> UInt64 { UInt64.random(in: 1...UInt64(Int64.max)) }
}
