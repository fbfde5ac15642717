import Foundation

/// Writes diagnostics to standard error, one line each, so that standard output stays clean for results.
enum Terminal {
    /// "Error: …", as the argument parser writes its own errors.
    static func error(_ message: String) { write("Error: \(message)") }
    static func warning(_ message: String) { write("warning: \(message)") }
    static func note(_ message: String) { write(message) }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress then redraws one line).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Writes results to standard output.
enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
