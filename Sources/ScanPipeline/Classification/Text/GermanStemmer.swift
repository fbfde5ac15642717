internal import COCR

/// The Snowball German stemmer (libstemmer), so that `Bauanträge`, `Bauantrag` and `Bauantrags`
/// count as one term. A libstemmer handle keeps its result in its own buffer and must not be used
/// from two threads at once: calls are serialised by a lock, and stems are remembered, since a
/// corpus repeats the same few thousand words.
final class GermanStemmer: @unchecked Sendable {
    // @unchecked: `handle` is only touched while `memo`'s lock is held.
    private let handle: OpaquePointer
    private let memo = LockedValue<[String: String]>([:])

    /// The one stemmer of the process, or why there is none. "german" with UTF-8 always exists in
    /// libstemmer, so a failure means a broken installation: an error for whoever builds a
    /// classifier (`requireAvailable()`), not a crash of the process.
    static let loaded: Result<GermanStemmer, ScanPipelineError> = {
        guard let handle = sb_stemmer_new("german", "UTF_8") else {
            return .failure(ScanPipelineError(
                .stemmerUnavailable, "libstemmer has no German stemmer for UTF-8: the installation is broken "
                    + "(reinstall libstemmer0d / libstemmer-dev)", cause: "sb_stemmer_new(\"german\", \"UTF_8\") returned NULL"))
        }
        return .success(GermanStemmer(handle: handle))
    }()

    /// The stemmer; throws `.stemmerUnavailable` on a broken installation. Called where a
    /// classifier or a training run is set up, so that the failure is reported before any work.
    static func requireAvailable() throws(ScanPipelineError) -> GermanStemmer { try loaded.get() }

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of a lowercase word (umlauts as written: the stemmer maps ä to a itself).
    func stem(_ word: String) -> String {
        memo.withLock { known in
            if let stem = known[word] { return stem }
            var bytes = Array(word.utf8)
            let stem: String = bytes.withUnsafeMutableBufferPointer { buffer in
                guard let result = sb_stemmer_stem(handle, buffer.baseAddress, Int32(buffer.count)) else { return word }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
            }
            if known.count < 200_000 { known[word] = stem }
            return stem
        }
    }
}
