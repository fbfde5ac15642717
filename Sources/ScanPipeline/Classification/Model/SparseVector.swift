/// A document as term weights: the indices of its terms in a vocabulary, ascending, and their weights.
struct SparseVector: Sendable, Equatable {
    var indices: [Int]
    var values: [Double]

    init(indices: [Int] = [], values: [Double] = []) {
        self.indices = indices
        self.values = values
    }
}
