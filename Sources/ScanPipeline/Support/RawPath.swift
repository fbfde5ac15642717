import Foundation

/// A file system path as the kernel sees it: bytes, not necessarily UTF-8.
///
/// Swift strings cannot hold a name that is not valid UTF-8 (`String(cString:)` replaces the bad
/// bytes, and the repaired path names no file), so the input walk works on bytes and only converts
/// to a string to show, record or open a path.
struct RawPath: Sendable, Hashable, Comparable {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }
    init(_ string: String) { bytes = Array(string.utf8) }

    /// The path as a string, when its bytes are valid UTF-8.
    var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The path to show and record: itself when it is UTF-8, else with every byte that is not part
    /// of a valid UTF-8 sequence written as `\xHH`.
    var shown: String {
        if let string { return string }
        var result = ""
        var index = 0
        while index < bytes.count {
            let length = Self.validSequenceLength(bytes, at: index)
            if length > 0 {
                result += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            } else {
                result += String(format: "\\x%02X", bytes[index])
                index += 1
            }
        }
        return result
    }

    var lastComponent: RawPath {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return self }
        return RawPath(bytes: Array(bytes[(slash + 1)...]))
    }

    func appending(_ name: RawPath) -> RawPath {
        if bytes.last == UInt8(ascii: "/") { return RawPath(bytes: bytes + name.bytes) }
        return RawPath(bytes: bytes + [UInt8(ascii: "/")] + name.bytes)
    }

    /// Whether `self` lies below `folder` (both resolved).
    func isInside(_ folder: RawPath) -> Bool {
        let prefix = folder.bytes.last == UInt8(ascii: "/") ? folder.bytes : folder.bytes + [UInt8(ascii: "/")]
        return bytes.count > prefix.count && Array(bytes.prefix(prefix.count)) == prefix
    }

    static func < (lhs: RawPath, rhs: RawPath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Calls `body` with the path as a NUL-terminated C string.
    func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    // MARK: System calls (blocking)

    /// The kind of file at the path, without following a final link (`lstat`).
    func linkStatus() -> stat? {
        var status = stat()
        return withCString { lstat($0, &status) } == 0 ? status : nil
    }

    /// The kind of file the path leads to, following links (`stat`), or the errno.
    func status() -> Swift.Result<stat, POSIXError> {
        var status = stat()
        if withCString({ stat($0, &status) }) == 0 { return .success(status) }
        return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }

    /// The absolute path with links, `.` and `..` resolved, or nil when it leads nowhere.
    func resolved() -> RawPath? {
        withCString { path -> RawPath? in
            guard let result = realpath(path, nil) else { return nil }
            defer { free(result) }
            return RawPath(bytes: Array(UnsafeRawBufferPointer(start: result, count: strlen(result))))
        }
    }

    /// The names in a folder (without `.` and `..`), or the errno when it cannot be listed.
    func folderEntries() -> Swift.Result<[RawPath], POSIXError> {
        guard let folder = withCString({ opendir($0) }) else {
            return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        defer { closedir(folder) }
        var names: [RawPath] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer -> [UInt8] in
                Array(buffer.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(RawPath(bytes: name))
        }
        return .success(names)
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when the byte there does
    /// not start one.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        return String(validating: bytes[index..<index + length], as: UTF8.self) == nil ? 0 : length
    }
}

extension stat {
    /// What kind of file this is, in words, for a file that is not regular.
    var kindDescription: String {
        switch st_mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    var isRegularFile: Bool { st_mode & S_IFMT == S_IFREG }
    var isFolder: Bool { st_mode & S_IFMT == S_IFDIR }
    var isLink: Bool { st_mode & S_IFMT == S_IFLNK }
}
