import Foundation

/// The command line as bytes. The argument parser gets strings, in which a file name that is not
/// valid UTF-8 arrives repaired (each bad byte replaced by U+FFFD) and names no file; the run gets
/// the original bytes of such arguments from here.
enum RawArguments {
    /// The bytes of each of `parsed` that was not valid UTF-8 on the command line, by its repaired form.
    static func bytes(of parsed: [String]) -> [String: [UInt8]] {
        let wanted = Set(parsed.filter { $0.contains("\u{FFFD}") })
        guard !wanted.isEmpty else { return [:] }
        var found: [String: [UInt8]] = [:]
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            let repaired = String(decoding: bytes, as: UTF8.self)
            if wanted.contains(repaired), found[repaired] == nil { found[repaired] = bytes }
        }
        return found
    }
}
