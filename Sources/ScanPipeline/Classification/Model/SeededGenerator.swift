/// SplitMix64: a small random generator that gives the same sequence for the same seed on every
/// machine, so that fold assignment, and with it the trained model, is reproducible.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// `count` items dealt into `folds` folds in a seeded random order: fold number per item.
    static func folds(count: Int, folds: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        // Fisher–Yates with our generator: the standard library's shuffle may change between releases.
        if count > 1 {
            for index in stride(from: count - 1, to: 0, by: -1) {
                let other = Int(generator.next() % UInt64(index + 1))
                order.swapAt(index, other)
            }
        }
        var assignment = [Int](repeating: 0, count: count)
        for (position, item) in order.enumerated() { assignment[item] = position % max(folds, 1) }
        return assignment
    }
}
