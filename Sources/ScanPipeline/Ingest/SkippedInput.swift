/// An entry of the inputs that was not processed, and why: named in the run's output, the audit
/// trail (`file.skipped`) and the Transfervermerk, never dropped silently.
public struct SkippedInput: Sendable, Codable, Equatable {
    /// Why an entry was not processed, as a stable code.
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The name starts with a dot: a hidden or temporary file (or folder, not entered).
        case hiddenName = "hidden-name"
        /// A symbolic link inside an input folder that leads outside it: not followed.
        case linkOutsideFolder = "link-outside-folder"
        /// A symbolic link that leads nowhere.
        case brokenLink = "broken-link"
        /// A link to a folder already being walked (a loop): not entered again.
        case linkLoop = "link-loop"
        /// The same file reached a second time (through a link): processed once.
        case sameFile = "same-file"
        /// A FIFO, device or socket: refused without opening it (reading it could block for ever).
        case notRegularFile = "not-a-regular-file"
        /// Larger than the file size limit: refused without reading it.
        case fileTooLarge = "file-too-large"
        /// A folder that cannot be listed (permission denied).
        case unreadableFolder = "unreadable-folder"
        /// A delivery's file that is not a page: a checksum list, a note, the manifest itself.
        case notAPage = "not-a-page"
        /// A delivery's file outside every Akte (loose in its top folder, or not in the manifest).
        case outsideAkte = "outside-akte"
        /// A manifest row whose folder or file is not there, or that names one a second time.
        case missingAkte = "missing-akte"
    }

    /// The entry's path as found (names that are not UTF-8 shown with `\xHH` escapes).
    public var path: String
    public var code: Code
    /// The reason in plain words.
    public var reason: String

    public init(path: String, code: Code, reason: String) {
        self.path = path
        self.code = code
        self.reason = reason
    }
}
