import Foundation
internal import GRDB

extension SQLiteStore {
    func storePage(_ page: StoredPage, wordCount: Int, of document: String, events: [AuditEntry]) async throws {
        let barcodes = page.barcodes.isEmpty ? nil : try CanonicalJSON.string(page.barcodes)
        let quality = page.quality.isEmpty ? nil : try CanonicalJSON.string(page.quality)
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, meanConfidence, wordCount, text,
                                  separator, noText, barcodes, quality)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [document, page.number, page.imageSHA256, page.blank, page.rotation, page.skew,
                                 page.meanConfidence, wordCount, page.text, page.separator, page.noText, barcodes, quality])
            try Self.append(db, events)
        }
    }

    func pages(of document: String) async throws -> [StoredPage] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT number, imageSHA256, blank, rotation, skew, meanConfidence, text, separator, noText, barcodes, quality FROM page
                WHERE document = ? ORDER BY number
                """, arguments: [document]).map { row in
                StoredPage(number: row["number"], imageSHA256: row["imageSHA256"], blank: row["blank"],
                           rotation: row["rotation"], skew: row["skew"], meanConfidence: row["meanConfidence"],
                           text: row["text"], separator: row["separator"], noText: row["noText"],
                           barcodes: (row["barcodes"] as String?).flatMap {
                               try? JSONDecoder().decode([Barcode].self, from: Data($0.utf8))
                           } ?? [],
                           quality: (row["quality"] as String?).flatMap {
                               try? JSONDecoder().decode([String].self, from: Data($0.utf8))
                           } ?? [])
            }
        }
    }

    func pageNumbers(of document: String) async throws -> [Int] {
        try await database.read { db in
            try Int.fetchAll(db, sql: "SELECT number FROM page WHERE document = ?", arguments: [document])
        }
    }

    func forgetPages(_ numbers: Set<Int>, of document: String) async throws {
        guard !numbers.isEmpty else { return }
        try await database.write { db in
            for number in numbers.sorted() {
                try db.execute(sql: "DELETE FROM page WHERE document = ? AND number = ?", arguments: [document, number])
            }
        }
    }

    func hasSeparatorPages(_ document: String, whileIn state: DocumentState) async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT d.state = ? AND EXISTS (SELECT 1 FROM page p WHERE p.document = d.id AND p.separator)
                FROM document d WHERE d.id = ?
                """, arguments: [state.rawValue, document]) ?? false
        }
    }
}
