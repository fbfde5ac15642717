import Foundation

/// Tesseract is built with OpenMP. Several engines in one process, each spawning its own OpenMP
/// threads, were measured 5× slower than with `OMP_THREAD_LIMIT=1`. libgomp reads the variable once,
/// when it is loaded (before `main`), so scanctl sets it and re-executes itself when it is unset.
/// A value the user set on purpose is left alone.
enum OpenMPEnvironment {
    static func pinToOneThreadPerEngine() {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        // On success execv does not return; on failure scanctl goes on and the OCR pool warns.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
