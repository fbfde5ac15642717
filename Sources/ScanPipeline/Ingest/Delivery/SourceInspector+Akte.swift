import Foundation

extension SourceInspector {
    /// Inspects every file of an Akte, in page order. An error names the file (its path is the
    /// file's, its reason starts with the file's name in the Akte).
    func inspectFiles(of akte: DeliveryAkte) throws -> [SourceFile] {
        try akte.members.map { member in
            do {
                return try inspect(path: member.openPath)
            } catch var error as ScanPipelineError {
                error.path = member.path
                error.reason = "its file \(member.name): \(error.reason)"
                throw error
            }
        }
    }

    /// What an Akte's registration records: its pages over all its files, their warnings named
    /// by file, and each file's format and page count.
    func inspect(akte: DeliveryAkte) throws -> Ingestor.Inspected {
        let files = try inspectFiles(of: akte)
        var described = akte
        for (index, file) in files.enumerated() {
            described.members[index].format = file.format.rawValue
            described.members[index].pages = file.pageCount
        }
        let warnings = zip(akte.members, files).flatMap { member, file in
            (file.warnings + file.pages.flatMap(\.warnings)).map { "\(member.name): \($0)" }
        }
        return Ingestor.Inspected(format: Self.akteFormat, pageCount: files.reduce(0) { $0 + $1.pageCount },
                                  textLayerPageCount: files.reduce(0) { $0 + $1.textLayerPageCount },
                                  warnings: warnings,
                                  device: Set(files.compactMap(\.device)).sorted().joined(separator: "; ").nilIfEmpty,
                                  akte: described)
    }

    /// The recorded format of an Akte's source: a folder of files, each with its own format.
    static let akteFormat = "akte"
}
