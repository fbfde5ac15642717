import Foundation
import Prometheus
import ScanPipeline

/// `/metrics` in the Prometheus text format, rendered by swift-prometheus from what the workspace
/// and the watchers hold now: a new registry per scrape, so that the figures are always the
/// database's and the monitor's, never a second count kept beside them.
struct MetricsExposition {
    private let registry = PrometheusCollectorRegistry()

    static func render(figures: BatchOverview, monitor: WatchMonitor?) -> String {
        let metrics = MetricsExposition()
        metrics.workspace(figures)
        if let monitor { metrics.watchers(monitor.status) }
        return metrics.registry.emitToString()
    }

    private func workspace(_ figures: BatchOverview) {
        for (state, count) in figures.documentsByState.sorted(by: { $0.key < $1.key }) {
            gauge("documents", "count", "Documents in the workspace by state", [("state", state)], Double(count))
        }
        gauge("pages", "count", "Pages in the workspace", [], Double(figures.pages))
        gauge("review_queue_documents", "count", "Documents waiting in the review queue", [], Double(figures.inReview))
        gauge("awaiting_approval_documents", "count", "Four-eyes changes waiting for a second reviewer", [],
              Double(figures.awaitingApproval))
        gauge("quarantine_open_documents", "count", "Documents in quarantine, not yet released or retried", [],
              Double(figures.quarantined))
        gauge("rescan_pages_open", "count", "Pages flagged for rescan in documents not yet settled", [], Double(figures.rescanPages))
        gauge("batches", "count", "Batches in the workspace", [], Double(figures.batchCount))
    }

    private func watchers(_ status: WatchMonitor.Status) {
        for inbox in status.inboxes {
            let labels = [("inbox", inbox.folder)]
            gauge("watch_files_waiting", "count", "Files in the inbox not yet taken", labels, Double(inbox.waiting))
            counter("watch_batches", "Batches run from the inbox", labels, inbox.batches)
            counter("watch_files", "Files handled and moved away, by outcome", labels + [("outcome", "done")], inbox.filesDone)
            counter("watch_files", "Files handled and moved away, by outcome", labels + [("outcome", "failed")], inbox.filesFailed)
            counter("watch_pages", "Pages recognised from the inbox", labels, inbox.pages)
            for (outcome, count) in inbox.documents.sorted(by: { $0.key < $1.key }) {
                counter("watch_documents", "Documents from the inbox by outcome", labels + [("outcome", outcome)], count)
            }
            gauge("watch_last_batch_pages_per_second", "ratio", "Pages per second of the inbox's last batch", labels,
                  inbox.lastBatchPagesPerSecond)
            gauge("watch_last_poll", "timestamp_seconds", "When the watcher last looked at the inbox", labels,
                  inbox.lastPoll?.timeIntervalSince1970 ?? 0)
        }
        counter("notifications", "Notification e-mails by result", [("result", "sent")], status.notificationsSent)
        counter("notifications", "Notification e-mails by result", [("result", "failed")], status.notificationsFailed)
        gauge("last_error", "timestamp_seconds", "When the last error happened (0: none)", [],
              status.lastErrorAt?.timeIntervalSince1970 ?? 0)
        // The message itself (with folder and file names) stays in the log: /metrics carries counts only.
    }

    private func gauge(_ name: String, _ unit: String, _ help: String, _ labels: [(String, String)], _ value: Double) {
        let descriptor = MetricNameDescriptor(namespace: "scanctl", metricName: name, unitName: unit, helpText: help)
        registry.makeGauge(descriptor: descriptor, labels: labels).set(to: value)
    }

    private func counter(_ name: String, _ help: String, _ labels: [(String, String)], _ value: Int) {
        let descriptor = MetricNameDescriptor(namespace: "scanctl", metricName: name, unitName: "total", helpText: help)
        registry.makeCounter(descriptor: descriptor, labels: labels).increment(by: Int64(value))
    }
}
