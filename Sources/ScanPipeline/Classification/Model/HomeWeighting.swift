/// How much a town's own documents count when a model is trained for that town (``ModelTrainer/home``):
/// in the regression, and in fitting the layers' combination, whose probabilities then describe
/// how the model does on that town's next document rather than on a town never seen.
///
/// A few reviewed documents are noisy evidence about a whole town; many of them are the best
/// evidence there is. So the weight grows with their number, and the home town never counts for
/// more than the other towns together until it has as many documents as they do.
struct HomeWeighting: Sendable, Equatable {
    var homeDocuments: Int
    var otherDocuments: Int

    /// Below this many, the town's documents count like any other town's: too few to trust more.
    static let trustedFrom = 10
    /// The weight a home document gets at most.
    static let maximumWeight = 4.0

    /// The weight of one home document, in the regression and as a calibration case alike.
    var documentWeight: Double {
        guard homeDocuments >= Self.trustedFrom, otherDocuments > 0 else { return 1 }
        // Enough weight that the home town counts as much as the other towns together, up to the cap.
        return min(Self.maximumWeight, max(1, Double(otherDocuments) / Double(homeDocuments)))
    }
}
