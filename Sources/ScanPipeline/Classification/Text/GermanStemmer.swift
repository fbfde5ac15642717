internal import COCR

/// The Snowball German stemmer (libstemmer), so that `Bauanträge`, `Bauantrag` and `Bauantrags`
/// count as one term. A libstemmer handle keeps its result in its own buffer and must not be used
/// from two threads at once: calls are serialised by a lock, and stems are remembered, since a
/// corpus repeats the same few thousand words.
final class GermanStemmer: @unchecked Sendable {
    // @unchecked: `handle` is only touched while `memo`'s lock is held.
    private let handle: OpaquePointer
    private let memo = LockedValue<[String: String]>([:])

    static let shared = GermanStemmer()

    private init() {
        // "german" with UTF-8 always exists in libstemmer; a nil here means a broken installation.
        guard let handle = sb_stemmer_new("german", "UTF_8") else {
            fatalError("libstemmer has no German stemmer (is libstemmer-dev installed correctly?)")
        }
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
