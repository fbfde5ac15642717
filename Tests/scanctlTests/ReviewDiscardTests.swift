import FilePlan
import Foundation
import ScanServer
import Testing
@testable import ScanPipeline
import TestSupport

/// `scanctl review discard`: a document that is no record at all (nicht aktenrelevant) leaves the
/// records for good, with a reason, audited, four eyes where the policy says so, never exported,
/// and gathered for training under its own code. On copies of the review suite's workspace: 01
/// filed (632.10), 02 and 06 in review, 07 in review with Schutzbedarf hoch.
@Suite("scanctl review discard, end to end")
struct ReviewDiscardTests {
    func copy() async throws -> ReviewCommandTests.Copy { try await ReviewCommandTests().copy() }

    func state(_ ws: ReviewCommandTests.Copy, _ id: String) throws -> String? { try ws.metadata(id)["state"] as? String }

    @Test func aDiscardWithAReasonEndsTheDocumentAndIsAudited() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        let short = String(waste.prefix(8))
        let discard = try ws.scanctl(["review", "discard", short, "--reason", "Werbung, kein Vorgang", "--as", "a.schmidt"])
        #expect(discard.status == 0 && discard.standardOutput.contains("discarded as nicht aktenrelevant"),
                "\(discard.standardOutput)\(discard.standardError)")
        #expect(try state(ws, waste) == "discarded")
        let review = try #require(try ws.metadata(waste)["review"] as? [String: Any])
        #expect(review["decision"] as? String == "discarded" && review["reason"] as? String == "Werbung, kein Vorgang")
        let event = try #require(try ws.payloads("document.discarded").last)
        #expect(event["reviewer"] as? String == "a.schmidt" && event["reason"] as? String == "Werbung, kein Vorgang")
        #expect(event["previousState"] as? String == "needs-review" && event["state"] as? String == "discarded")
        #expect(event["approvedBy"] == nil && event["planVersion"] as? String != nil)
        // The record's PDF/A says so too.
        let pdf = String(decoding: try Data(contentsOf: ws.workspace.appendingPathComponent("records/\(waste)/document.pdf")), as: UTF8.self)
        #expect(pdf.contains("<scanctl:state>discarded</scanctl:state>"))

        // Listed apart from the queue, shown with its history.
        let queue = try ws.scanctl(["review", "list"])
        #expect(!queue.standardOutput.contains(short) && queue.standardOutput.contains("2 document(s)"))
        let discarded = try ws.scanctl(["review", "list", "--state", "discarded"])
        #expect(discarded.standardOutput.contains(short) && discarded.standardOutput.contains("discarded by a.schmidt: Werbung"),
                "\(discarded.standardOutput)")
        let show = try ws.scanctl(["review", "show", short])
        #expect(show.status == 0 && show.standardOutput.contains("(discarded)"), "\(show.standardOutput)\(show.standardError)")
        #expect(show.standardOutput.contains("nicht-aktenrelevant"))

        // The end: no second discard, no review files it again.
        let again = try ws.scanctl(["review", "discard", short, "--reason", "again", "--as", "b.meyer"])
        #expect(again.status == 1 && again.standardError.contains("cannot be discarded"), "\(again.standardError)")
        let accept = try ws.scanctl(["review", "accept", short, "--as", "b.meyer"])
        #expect(accept.status == 1, "\(accept.standardOutput)")
        #expect(try state(ws, waste) == "discarded")

        let report = ws.folder.path("report.html")
        #expect(try ws.scanctl(["report", "--out", report]).status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("<td data-count=\"discarded\">1</td>"))
        #expect(try ws.scanctl(["audit", "verify"]).status == 0)
    }

    @Test(arguments: [["--reason", ""], ["--reason", "   "], []])
    func aDiscardWithoutAReasonIsRefused(reason: [String]) async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        let refused = try ws.scanctl(["review", "discard", String(waste.prefix(8)), "--as", "a.schmidt"] + reason)
        #expect(refused.status == 64 && refused.standardError.contains("needs a reason"), "\(refused.standardError)")
        #expect(try state(ws, waste) == "needs-review")
        #expect(try ws.payloads("document.discarded").isEmpty)
    }

    /// The library refuses too, whoever calls it.
    @Test func theLibraryRefusesAnEmptyReason() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let workspace = try Workspace(root: ws.workspace, create: false)
        let plan = try FilePlanLoader().load(path: Repository.shippedPlan)
        let user = try await workspace.authenticate("a.schmidt", password: TestUsers.password, client: nil, hasher: BcryptHasher())
        let session = ReviewSession(user: user, plan: plan, policy: ReviewPolicy(), software: "test")
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        await #expect(throws: ScanPipelineError.self) {
            try await workspace.discard(documents: [waste], reason: " \n", session: session)
        }
        #expect(try state(ws, waste) == "needs-review")
    }

    @Test func discardingAConfidentialDocumentNeedsASecondReviewer() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let application = try ws.id("07-bewerbung-vertraulich.tif")
        let short = String(application.prefix(8))
        let request = try ws.scanctl(["review", "discard", short, "--reason", "Duplicate of an application on file",
                                      "--as", "a.schmidt"])
        #expect(request.status == 0 && request.standardOutput.contains("waits for a second reviewer"), "\(request.standardOutput)")
        #expect(request.standardOutput.contains("four eyes: Schutzbedarf hoch"))
        #expect(try state(ws, application) == "needs-review", "nothing takes effect before the second reviewer")
        #expect(try ws.payloads("review.requested").last?["toCode"] as? String == TrainingDocument.notRecordRelevantCode)

        let same = try ws.scanctl(["review", "approve", short, "--as", "a.schmidt"])
        #expect(same.status == 1 && same.standardError.contains("second, different reviewer"))
        let approve = try ws.scanctl(["review", "approve", short, "--as", "b.meyer", "--reason", "seen the original"])
        #expect(approve.status == 0 && approve.standardOutput.contains("approved: discarded as nicht aktenrelevant"),
                "\(approve.standardOutput)\(approve.standardError)")
        #expect(try state(ws, application) == "discarded")
        let event = try #require(try ws.payloads("document.discarded").last)
        #expect(event["reviewer"] as? String == "a.schmidt" && event["approvedBy"] as? String == "b.meyer")
        #expect(event["reason"] as? String == "Duplicate of an application on file")
        #expect(event["approvalReason"] as? String == "seen the original")
        #expect(try ws.scanctl(["audit", "verify"]).status == 0)
    }

    @Test func aPolicyMayLetOneReviewerDiscard() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        try Data("four_eyes:\n  discard: single\n".utf8).write(to: ws.workspace.appendingPathComponent("review-policy.yaml"))
        let policy = try ws.scanctl(["review", "policy"])
        #expect(policy.standardOutput.contains("discards (nicht aktenrelevant) by one reviewer"), "\(policy.standardOutput)")
        let application = try ws.id("07-bewerbung-vertraulich.tif")
        let discard = try ws.scanctl(["review", "discard", String(application.prefix(8)), "--reason", "Duplicate",
                                      "--as", "a.schmidt"])
        #expect(discard.status == 0 && !discard.standardOutput.contains("waits"), "\(discard.standardOutput)")
        #expect(try state(ws, application) == "discarded")

        try Data("four_eyes:\n  discard: sometimes\n".utf8).write(to: ws.workspace.appendingPathComponent("review-policy.yaml"))
        let broken = try ws.scanctl(["review", "discard", String(try ws.id("06-kita-platz.jpg").prefix(8)), "--reason", "x",
                                     "--as", "a.schmidt"])
        #expect(broken.status == 2 && broken.standardError.contains("four_eyes.discard"), "\(broken.standardError)")
    }

    @Test func aDiscardedDocumentIsNeverExported() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        #expect(try ws.scanctl(["review", "discard", String(waste.prefix(8)), "--reason", "Werbung", "--as", "a.schmidt"])
            .status == 0)
        let out = ws.folder.url.appendingPathComponent("export")
        let export = try ws.scanctl(["export", "--target", "json", "--state", "all", "--out", out.path])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput.contains("3 record(s) written"), "\(export.standardOutput)")
        #expect(export.standardOutput.contains("Left out 1 document(s) discarded as nicht aktenrelevant: \(waste.prefix(8))"))
        let manifest = try String(contentsOfFile: out.appendingPathComponent("manifest.json").path, encoding: .utf8)
        #expect(!manifest.contains(waste))
        #expect(try ws.payloads("record.exported").count == 3)
        let json = try ws.scanctl(["export", "--target", "json", "--state", "all", "--out", out.path, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(summary["discarded"] as? [String] == [waste])

        // An exported record is the DMS's now: not discarded here.
        let filed = try ws.id("01-bauantrag-nachreichung.tif")
        let refused = try ws.scanctl(["review", "discard", String(filed.prefix(8)), "--reason", "Werbung", "--as", "a.schmidt"])
        #expect(refused.status == 1 && refused.standardError.contains("exported"), "\(refused.standardError)")
    }

    @Test func trainingFromReviewsGathersDiscardedDocumentsUnderTheirOwnCode() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        #expect(try ws.scanctl(["review", "discard", String(waste.prefix(8)), "--reason", "Werbung", "--as", "a.schmidt"])
            .status == 0)
        let workspace = try Workspace(root: ws.workspace, create: false)
        let gathered = try await workspace.reviewedTrainingDocuments()
        let document = try #require(gathered.first { $0.id == waste })
        #expect(document.code == TrainingDocument.notRecordRelevantCode && document.code == "nicht-aktenrelevant")
        #expect(document.source == "reviews" && !document.text.isEmpty)

        // The plan-code model leaves it to the relevance layer, and says so.
        let corpus = try EvalCommandTests.writeCorpus(in: ws.folder)
        let train = try ws.scanctl(["train", "--corpus", corpus.path, "--from-reviews", "--json"])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardError.contains("1 document(s) discarded as nicht aktenrelevant are kept"), "\(train.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(train.standardOutput.utf8)) as? [String: Any])
        #expect(summary["documents"] as? Int == 27)
    }
}
