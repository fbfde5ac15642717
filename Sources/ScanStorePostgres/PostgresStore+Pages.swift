import Foundation
package import ScanPipeline
import PostgresNIO

/// A document's recognised pages, as SQLite's store keeps them (`SQLiteStore+Pages.swift`);
/// storing and forgetting pages complete work, so they check the document fence first.
extension PostgresStore {
    package func storePage(_ page: StoredPage, wordCount: Int, of document: String, events: [AuditEntry]) async throws {
        let barcodes = page.barcodes.isEmpty ? nil : try CanonicalJSON.string(page.barcodes)
        let quality = page.quality.isEmpty ? nil : try CanonicalJSON.string(page.quality)
        try await write { [logger] connection in
            try await Self.checkFence(on: connection, logger: logger)
            try await connection.run("""
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, meanConfidence, wordCount, text,
                                  separator, noText, barcodes, quality)
                VALUES (\(document), \(page.number), \(page.imageSHA256), \(page.blank), \(page.rotation), \(page.skew),
                        \(page.meanConfidence), \(wordCount), \(page.text), \(page.separator), \(page.noText), \(barcodes), \(quality))
                """, logger: logger)
            try await Self.append(events, on: connection, logger: logger)
        }
    }

    package func pages(of document: String) async throws -> [StoredPage] {
        try await read { [logger] connection in
            var pages: [StoredPage] = []
            let rows = try await connection.query("""
                SELECT number, imageSHA256, blank, rotation, skew, meanConfidence, text, separator, noText, barcodes, quality FROM page
                WHERE document = \(document) ORDER BY number
                """, logger: logger)
            for try await (number, imageSHA256, blank, rotation, skew, meanConfidence, text, separator, noText, barcodes, quality)
                in rows.decode((Int, String, Bool, Int, Double, Double?, String, Bool, Bool, String?, String?).self) {
                pages.append(StoredPage(
                    number: number, imageSHA256: imageSHA256, blank: blank, rotation: rotation, skew: skew,
                    meanConfidence: meanConfidence, text: text, separator: separator, noText: noText,
                    barcodes: barcodes.flatMap { try? JSONDecoder().decode([Barcode].self, from: Data($0.utf8)) } ?? [],
                    quality: quality.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []))
            }
            return pages
        }
    }

    package func pageNumbers(of document: String) async throws -> [Int] {
        try await read { [logger] connection in
            var numbers: [Int] = []
            for try await number in try await connection.query("SELECT number FROM page WHERE document = \(document) ORDER BY number",
                                                               logger: logger).decode(Int.self) {
                numbers.append(number)
            }
            return numbers
        }
    }

    package func forgetPages(_ numbers: Set<Int>, of document: String) async throws {
        guard !numbers.isEmpty else { return }
        try await write { [logger] connection in
            try await Self.checkFence(on: connection, logger: logger)
            for number in numbers.sorted() {
                try await connection.run("DELETE FROM page WHERE document = \(document) AND number = \(number)", logger: logger)
            }
        }
    }

    package func hasSeparatorPages(_ document: String, whileIn state: DocumentState) async throws -> Bool {
        try await read { [logger] connection in
            try await Self.single(Bool.self, on: connection, logger: logger, PostgresQuery(unsafeSQL: """
                SELECT d.state = $1 AND EXISTS (SELECT 1 FROM page p WHERE p.document = d.id AND p.separator)
                FROM document d WHERE d.id = $2
                """, binds: Self.binds(state.rawValue, document))) ?? false
        }
    }
}
