import Foundation
import Hummingbird

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`), decoded with
/// Foundation's URL components. A field may repeat (the checkboxes of a selection).
struct FormFields: Sendable {
    private let pairs: [(name: String, value: String)]

    init(_ body: String) {
        var components = URLComponents()
        // Forms encode a space as '+', which URL query decoding does not undo.
        components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        pairs = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    /// Reads the request's body (at most 1 MiB) as a form.
    static func of(_ request: inout Request) async throws -> FormFields {
        let buffer = try await request.collectBody(upTo: 1 << 20)
        return FormFields(String(buffer: buffer))
    }

    /// The first value of `name`, trimmed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return value
    }

    /// Every non-empty value of `name`, in order.
    func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A required field, or a 400 naming it (in German, by its label).
    func required(_ name: String, label: String) throws -> String {
        guard let value = self[name] else { throw ScanServerError(.badRequest, "Bitte füllen Sie „\(label)“ aus.") }
        return value
    }
}
