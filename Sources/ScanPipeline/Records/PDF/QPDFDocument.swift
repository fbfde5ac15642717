internal import COCR
import Foundation

/// A PDF opened with qpdf's C API: objects are made and edited through handles, pages are copied
/// in from other documents, and qpdf writes the whole file again (cross-reference table, object
/// streams, a fresh /ID). One instance belongs to one thread: qpdf objects are not thread-safe.
final class QPDFDocument {
    typealias Object = qpdf_oh

    private var handle: qpdf_data?
    /// The file this document was read from, for error messages.
    let path: String
    /// Documents whose pages were copied in: qpdf reads their objects only when writing.
    private var sources: [QPDFDocument] = []

    static var version: String { String(cString: qpdf_get_qpdf_version()) }

    init(reading path: String) throws {
        self.path = path
        handle = qpdf_init()
        // Errors come back as values; qpdf should not print them on our stderr.
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_read(handle, path, nil) & QPDF_ERRORS != 0 {
            throw error("cannot be read")
        }
    }

    deinit { qpdf_cleanup(&handle) }

    var root: Object { qpdf_get_root(handle) }
    var trailer: Object { qpdf_get_trailer(handle) }
    var pageCount: Int { Int(qpdf_get_num_pages(handle)) }

    func name(_ name: String) -> Object { qpdf_oh_new_name(handle, "/" + name) }
    /// A text string: PDFDocEncoding where it suffices, else UTF-16BE, as qpdf chooses.
    func text(_ text: String) -> Object { qpdf_oh_new_unicode_string(handle, text) }
    func integer(_ value: Int) -> Object { qpdf_oh_new_integer(handle, Int64(value)) }

    func dictionary(_ entries: [(String, Object)]) -> Object {
        let dictionary = qpdf_oh_new_dictionary(handle)
        for (key, value) in entries { set(key, value, in: dictionary) }
        return dictionary
    }

    func array(_ items: [Object]) -> Object {
        let array = qpdf_oh_new_array(handle)
        for item in items { qpdf_oh_append_item(handle, array, item) }
        return array
    }

    /// A new indirect stream holding `data` unfiltered (qpdf compresses it on writing where allowed).
    func stream(_ data: Data, _ entries: [(String, Object)]) -> Object {
        let stream = qpdf_oh_new_stream(handle)
        let null = qpdf_oh_new_null(handle)
        data.withUnsafeBytes { bytes in
            qpdf_oh_replace_stream_data(handle, stream, bytes.bindMemory(to: UInt8.self).baseAddress,
                                        bytes.count, null, null)
        }
        let dictionary = qpdf_oh_get_dict(handle, stream)
        for (key, value) in entries { set(key, value, in: dictionary) }
        return stream
    }

    func indirect(_ object: Object) -> Object { qpdf_make_indirect_object(handle, object) }

    func set(_ key: String, _ value: Object, in object: Object) {
        qpdf_oh_replace_key(handle, object, "/" + key, value)
    }

    func remove(_ key: String, from object: Object) { qpdf_oh_remove_key(handle, object, "/" + key) }

    /// Appends every page of `other` after this document's pages.
    func appendPages(of other: QPDFDocument) throws {
        for index in 0..<other.pageCount {
            let page = qpdf_get_page_n(other.handle, index)
            if qpdf_add_page(handle, other.handle, page, QPDF_FALSE) & QPDF_ERRORS != 0 {
                throw error("cannot take page \(index + 1) of \(other.path)")
            }
        }
        sources.append(other)
    }

    /// Writes the document, unencrypted, with object streams, an end-of-line before each
    /// `endstream` and a deterministic /ID (an MD5 of the content), so the same pages and metadata
    /// give the same bytes.
    func write(to output: String) throws {
        try failOnError("cannot be assembled")
        guard qpdf_init_write(handle, output) & QPDF_ERRORS == 0 else { throw error("cannot be written to \(output)") }
        qpdf_set_preserve_encryption(handle, QPDF_FALSE)
        qpdf_set_object_stream_mode(handle, qpdf_o_generate)
        qpdf_set_compress_streams(handle, QPDF_TRUE)
        qpdf_set_deterministic_ID(handle, QPDF_TRUE)
        // PDF/A (ISO 19005-2, 6.1.7.1) wants an end-of-line before every `endstream`.
        qpdf_set_newline_before_endstream(handle, QPDF_TRUE)
        guard qpdf_write(handle) & QPDF_ERRORS == 0 else { throw error("cannot be written to \(output)") }
    }

    /// Throws qpdf's pending error, if an object operation left one.
    func failOnError(_ doing: String) throws {
        if qpdf_has_error(handle) != 0 { throw error(doing) }
    }

    private func error(_ doing: String) -> ScanPipelineError {
        var detail = ""
        if qpdf_has_error(handle) != 0, let error = qpdf_get_error(handle),
           let text = qpdf_get_error_full_text(handle, error) {
            detail = ": " + String(cString: text)
        }
        return ScanPipelineError(.archivalPDF, path: path, "\(doing)\(detail)")
    }
}
