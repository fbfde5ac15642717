import ArgumentParser
import FilePlan
import Foundation
import Logging
import ScanPipeline

/// How hot folders are watched: by `scanctl watch`, and by `scanctl serve --watch`.
struct WatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A YAML file of inboxes (folder, profile, operator, schutzbedarf, settle-seconds, quiet-seconds, "
                               + "ready-marker, done, failed) and notify (smtp, from, to).", valueName: "file"), completion: .file())
    var inboxes: String?

    @Option(help: ArgumentHelp("The scanning profile of the folders given on the command line (default posteingang).", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Named as each batch's operator (default: $USER).", valueName: "name"))
    var operatorName: String?

    @Option(help: ArgumentHelp("Protection need of the batches (default: the profile's).", valueName: "level"))
    var schutzbedarf: SchutzbedarfOption?

    @Option(help: ArgumentHelp("A file is complete once its size and time stay the same this long.", valueName: "seconds"))
    var settleSeconds: Double = 5

    @Option(help: ArgumentHelp("What arrived is one batch once nothing new arrived for this long.", valueName: "seconds"))
    var quietSeconds: Double = 5

    @Flag(help: "Take a file only once NAME.ready is beside it (written by the scanner or a script when it is complete).")
    var readyMarker = false

    @Option(help: ArgumentHelp("Where handled files go, in a folder per day (default: done/ beside the inbox).", valueName: "dir"))
    var done: String?

    @Option(help: ArgumentHelp("Where files that reached no record go (default: failed/ beside the inbox).", valueName: "dir"))
    var failed: String?

    @Option(help: ArgumentHelp("How often the folders are looked at.", valueName: "seconds"))
    var pollSeconds: Double = 1

    @Option(help: ArgumentHelp("Send a notice when a batch has quarantined files, pages to rescan or unfinished documents, "
                               + "over this SMTP server (smtp://host:port, smtps:// for TLS).", valueName: "url"))
    var notifySmtp: String?

    @Option(help: ArgumentHelp("The notice's sender.", valueName: "address"))
    var notifyFrom = "scanctl@localhost"

    @Option(help: ArgumentHelp("Who gets the notice (repeatable).", valueName: "address"))
    var notifyTo: [String] = []

    @Option(help: ArgumentHelp("Seal each batch's Transfervermerk with this Ed25519 key; default $SCANCTL_SEAL_KEY.",
                               valueName: "file"), completion: .file())
    var sealKey: String?

    @OptionGroup var ocr: OCROptions
    @OptionGroup var decision: DecisionPolicyOption

    func validate() throws {
        guard settleSeconds >= 0, quietSeconds >= 0, pollSeconds >= 0.1 else {
            throw ValidationError("--settle-seconds and --quiet-seconds are 0 or more, --poll-seconds at least 0.1")
        }
        if notifySmtp != nil, notifyTo.isEmpty { throw ValidationError("--notify-smtp needs at least one --notify-to ADDRESS") }
    }

    /// The inboxes of `folders` and of `--inboxes`, and where notices go.
    func settings(folders: [String]) throws -> (inboxes: [InboxSettings], mail: MailSettings?) {
        var inboxes: [InboxSettings] = []
        var mail: MailSettings?
        if let file = self.inboxes {
            let loaded = try InboxSettings.load(URL(fileURLWithPath: file))
            inboxes = loaded.inboxes
            mail = loaded.notify
        }
        for folder in folders {
            var inbox = InboxSettings(folder: URL(fileURLWithPath: folder), operatorName: operatorName ?? ScanCtl.Run.defaultOperator,
                                      doneFolder: done.map { URL(fileURLWithPath: $0) }, failedFolder: failed.map { URL(fileURLWithPath: $0) })
            inbox.profile = profile
            inbox.schutzbedarf = schutzbedarf?.level
            inbox.settleSeconds = settleSeconds
            inbox.quietSeconds = quietSeconds
            inbox.readyMarker = readyMarker
            inboxes.append(inbox)
        }
        for index in inboxes.indices { inboxes[index].pollSeconds = pollSeconds }
        if let server = notifySmtp {
            guard let url = URL(string: server), ["smtp", "smtps"].contains(url.scheme ?? "") else {
                throw ValidationError("--notify-smtp is an smtp:// or smtps:// address")
            }
            mail = MailSettings(server: url, from: notifyFrom, to: notifyTo)
        }
        let folders = inboxes.map(\.folder.standardizedFileURL.path)
        if Set(folders).count != folders.count { throw ValidationError("a folder is named twice") }
        return (inboxes, mail)
    }

    /// One watcher per inbox, sharing the monitor and the run gate.
    func watchers(_ inboxes: [InboxSettings], mail: MailSettings?, workspace: Workspace, plan: FilePlan,
                  monitor: WatchMonitor, logger: Logger, printBatches: Bool = false) throws -> [InboxWatcher] {
        let key = try SealKey.fromOption(sealKey)
        var setup = RunSetup.Request(inputs: [], operatorName: "", workers: ocr.workerCount, ocr: ocr.ocrConfiguration,
                                     softwareVersion: ScanCtlVersion.current)
        setup.languagesGiven = ocr.languagesGiven
        setup.policy = decision.thresholds
        let gate = WatchRunGate()
        return inboxes.map { inbox in
            InboxWatcher(inbox: inbox, workspace: workspace, plan: plan, setup: setup, sealKey: key,
                         mailer: mail.map(SMTPMailer.init), monitor: monitor, gate: gate, logger: logger) { batch in
                guard printBatches else { return }
                // One line per batch (JSON Lines), for a scheduler or a log collector.
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                if let data = try? encoder.encode(batch) { StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n") }
            }
        }
    }
}
