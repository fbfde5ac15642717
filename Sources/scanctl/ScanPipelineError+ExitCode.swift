import ScanPipeline

extension ScanPipelineError {
    /// 2 when the workspace cannot be used or trusted (unusable, its storage failed, a record file changed, the audit
    /// trail broken), 1 when the request itself was refused.
    var exitCode: Int32 { [.workspace, .storage, .recordIntegrity, .brokenTrail].contains(code) ? 2 : 1 }
}
