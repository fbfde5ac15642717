public import FilePlan

extension LabelledCorpus {
    /// The corpus as training documents, each main group mapped to the plan's main group with that
    /// number (a `code` column, when present, gives a deeper node), grouped by `groupColumn` when
    /// the corpus has it.
    public func trainingDocuments(for plan: FilePlan, source: String,
                                  groupColumn: String = "municipality") throws -> [TrainingDocument] {
        try documents.map { document in
            let code = document.columns["code"].flatMap { $0.isEmpty ? nil : $0 } ?? document.mainGroup
            guard let node = plan.node(code: code) else {
                throw ScanPipelineError(.training, path: labelsFile,
                                        "document \(document.id): \(code) is not a code of the plan \(plan.version)")
            }
            guard node.code.written.hasPrefix(document.mainGroup) else {
                throw ScanPipelineError(.training, path: labelsFile,
                                        "document \(document.id): code \(code) is not in main group \(document.mainGroup)")
            }
            return TrainingDocument(id: document.id, text: document.text, code: node.code.written, source: source,
                                    group: document.columns[groupColumn].map { "\(source): \($0)" })
        }
    }
}
