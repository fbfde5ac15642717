/// The files a document's pages are read from: one source file, or the files of an Akte one after
/// the other. Page numbers are the document's; each maps to a file and its page there.
struct PageSources: Sendable {
    var files: [SourceFile]

    init(_ file: SourceFile) { files = [file] }
    init(files: [SourceFile]) { self.files = files }

    var pageCount: Int { files.reduce(0) { $0 + $1.pageCount } }

    /// The file holding page `index` (zero-based, of the document) and the page's index in it.
    func locate(page index: Int) -> (file: SourceFile, index: Int)? {
        var first = 0
        for file in files {
            if index < first + file.pageCount { return (file, index - first) }
            first += file.pageCount
        }
        return nil
    }
}
