import ArgumentParser
import ScanPipeline

/// `--thresholds 0.95,0.9,0.85`: the probability a candidate needs at level 1, 2, 3 (the last holds
/// below) to be filed automatically.
struct DecisionPolicyOption: ParsableArguments {
    @Option(help: ArgumentHelp("Probabilities needed to file automatically at level 1,2,3,... (default \(DecisionPolicy.standard)).",
                               valueName: "p1,p2,..."),
            transform: { text in
                guard let policy = DecisionPolicy(parsing: text) else {
                    throw ValidationError("--thresholds takes probabilities between 0 and 1 separated by commas, e.g. 0.95,0.9,0.85")
                }
                return policy
            })
    var thresholds: DecisionPolicy = .standard
}
