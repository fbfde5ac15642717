import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A submitted `multipart/form-data` form (a file upload), parsed by MultipartKit: its text fields
/// and its files, each with the name the browser gave it.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var filename: String
        var data: ByteBuffer
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: File] = [:]

    /// The largest upload: a rescanned page or a few, as TIFF at 600 dpi in colour.
    static let maximumBytes = 256 << 20

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    /// Reads the request's body as a multipart form (the body stays readable for the next reader).
    static func of(_ request: inout Request) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
            throw ScanServerError(.badRequest, "Das Formular ist kein Datei-Upload (multipart/form-data).")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maximumBytes) } catch {
            throw ScanServerError(.badRequest, "Die Datei ist zu groß (höchstens \(maximumBytes >> 20) MB).")
        }
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var part = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in part.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = Self.parameter("name", in: disposition) {
                if let filename = Self.parameter("filename", in: disposition) {
                    form.files[name] = File(filename: filename, data: part)
                } else {
                    form.fields[name] = String(buffer: part)
                }
            }
            headers = [:]
            part = ByteBuffer()
        }
        do { try parser.execute(body) } catch {
            throw ScanServerError(.badRequest, "Das hochgeladene Formular ist unvollständig oder beschädigt.")
        }
        return form
    }

    /// The first value of `name`, trimmed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func boundary(_ contentType: String) -> String? {
        parameter("boundary", in: contentType)
    }

    /// `name=value` or `name="value"` from a header's parameters.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
