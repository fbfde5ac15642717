import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// The archive's messages are read without a DTD: no entity can pull a local file into the
/// message or expand without end.
@Suite struct XdomeaIncomingMessageTests {
    static func message(doctype: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(doctype)
        <xdomea:Aussonderung.Bewertungsverzeichnis.0502 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
          <xdomea:Kopf><xdomea:ProzessID>p</xdomea:ProzessID>
            <xdomea:Nachrichtentyp><code>&e;</code></xdomea:Nachrichtentyp></xdomea:Kopf>
        </xdomea:Aussonderung.Bewertungsverzeichnis.0502>
        """
    }

    @Test(arguments: [
        #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>"#,
        #"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY e "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#,
        #"<!doctype x SYSTEM "http://127.0.0.1:9/x.dtd">"#,
    ])
    func aMessageWithADoctypeIsRefused(doctype: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("0502.xml")
        try Data(Self.message(doctype: doctype).utf8).write(to: file)
        let error = #expect(throws: ScanPipelineError.self) { try XdomeaIncomingMessage.read(file) }
        #expect(error?.reason.contains("DOCTYPE") == true, "\(String(describing: error))")
    }
}
