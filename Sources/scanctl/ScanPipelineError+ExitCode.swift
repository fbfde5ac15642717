import ArgumentParser
import ScanPipeline

extension ScanPipelineError {
    /// `ExitStatus.of(self)` as a process exit code.
    var exitCode: Int32 { ExitStatus.of(self).rawValue }

    /// Shows the error on standard error and returns the exit to throw.
    func reported(refused: ExitStatus = .refused) -> ExitCode {
        Terminal.error(description)
        return ExitStatus.of(self, refused: refused).code
    }
}
