import Foundation
import Hummingbird
import ScanPipeline

/// `/healthz` and `/metrics`, on the workstation's router and on `scanctl watch`'s own small one.
/// Public (no login): counts only, no document content; a proxy in front decides who may scrape.
struct MonitoringRoutes<Context: RequestContext> {
    let workspace: Workspace
    let monitor: WatchMonitor?
    /// A watcher that has not looked at its folder for this long is unhealthy.
    let healthySeconds: Double

    func add(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            // Answers once the workspace's database answers and every watcher is alive.
            _ = try await workspace.monitoringFigures()
            guard monitor?.isHealthy(within: healthySeconds) ?? true else {
                return Self.text("a watcher has stopped looking at its folder\n", status: .serviceUnavailable)
            }
            return Self.text("ok\n")
        }
        router.get("/metrics") { _, _ in
            let figures = try await workspace.monitoringFigures()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: MetricsExposition.render(figures: figures, monitor: monitor))))
        }
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
