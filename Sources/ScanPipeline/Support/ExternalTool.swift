import Foundation

/// Runs a command-line program (Poppler's tools) to completion, with a time limit and an
/// optional address-space limit, and returns what it printed.
///
/// PDF parsing runs in a separate process on purpose: a hostile or broken PDF that crashes or
/// hangs the parser takes down that process only, never the batch. Blocking: call it from a
/// worker thread, never from Swift's cooperative pool.
struct ExternalTool: Sendable {
    /// The result of one run.
    struct Output: Sendable {
        var status: Int32
        var standardOutput: Data
        var standardError: String
        var timedOut: Bool

        var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// The program's name, e.g. `pdftoppm`.
    var name: String
    /// The Debian package that provides it, named in the error when it is missing.
    var package: String
    /// What it is needed for, named in the error when it is missing.
    var purpose = "to read PDFs"

    /// The absolute path of the program, searched in `PATH`.
    func executablePath() throws -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ScanPipelineError(
            .externalTool, "\(name) is not installed (Debian package \(package)); it is needed \(purpose)")
    }

    /// Runs the program with `arguments` and waits for it, killing it after `timeout` seconds.
    /// `memoryLimitBytes` caps the child's address space where `prlimit` (util-linux) is available.
    func run(_ arguments: [String], timeout: Double, memoryLimitBytes: Int? = nil) throws -> Output {
        let process = Process()
        let executable = try executablePath()
        if let memoryLimitBytes, FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--as=\(memoryLimitBytes)", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ScanPipelineError(.externalTool, "could not start \(name): \(error.localizedDescription)")
        }

        let timedOutFlag = LockedValue(false)
        let killer = DispatchWorkItem { [process] in
            guard process.isRunning else { return }
            timedOutFlag.withLock { $0 = true }
            process.terminate()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)

        // Drain stderr concurrently so that neither pipe can fill up and block the child.
        let errorBox = LockedValue(Data())
        let errorDrained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBox.withLock { $0 = stderr.fileHandleForReading.readDataToEndOfFile() }
            errorDrained.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorDrained.wait()
        process.waitUntilExit()
        killer.cancel()
        let timedOut = timedOutFlag.withLock { $0 }
        let errorText = String(decoding: errorBox.withLock { $0 }, as: UTF8.self)
        return Output(status: process.terminationStatus, standardOutput: output,
                      standardError: errorText, timedOut: timedOut)
    }
}
