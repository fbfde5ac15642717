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

    /// An empty document, for a record whose first page is grafted from a PDF source.
    init(emptyNamed path: String) throws {
        self.path = path
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_empty_pdf(handle) & QPDF_ERRORS != 0 { throw error("cannot be created") }
    }

    deinit { qpdf_cleanup(&handle) }

    /// The PDF version of the file as read, e.g. `1.4`.
    var pdfVersion: String { String(cString: qpdf_get_pdf_version(handle)) }

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

    /// Appends page `index` (0-based) of `other` as it is.
    func appendPage(_ index: Int, of other: QPDFDocument) throws {
        guard index < other.pageCount, qpdf_add_page(handle, other.handle, qpdf_get_page_n(other.handle, index), QPDF_FALSE)
            & QPDF_ERRORS == 0 else { throw error("cannot take page \(index + 1) of \(other.path)") }
        if !sources.contains(where: { $0 === other }) { sources.append(other) }
    }

    /// Appends page `graft.pageIndex` of `original` unchanged, with the text-only page of
    /// `textLayer` laid over it as a form XObject (see ``PDFPageGraft``).
    func appendGrafted(_ graft: PDFPageGraft, original: QPDFDocument, textLayer: QPDFDocument) throws {
        guard graft.pageIndex < original.pageCount, textLayer.pageCount == 1 else {
            throw error("cannot take page \(graft.pageIndex + 1) of \(original.path)")
        }
        // Inherited /MediaBox, /Resources and /Rotate move onto each page, so the copy has them.
        qpdf_push_inherited_attributes_to_page(original.handle)
        let source = qpdf_get_page_n(original.handle, graft.pageIndex)
        guard qpdf_add_page(handle, original.handle, source, QPDF_FALSE) & QPDF_ERRORS == 0 else {
            throw error("cannot take page \(graft.pageIndex + 1) of \(original.path)")
        }
        sources.append(original)
        let page = qpdf_get_page_n(handle, Int(qpdf_get_num_pages(handle)) - 1)

        // The text layer: its content stream and resources (the GlyphLessFont) as a form XObject.
        // The page is copied in as pages are (the path qpdf keeps its sources alive on), its
        // parts taken, and the page removed again.
        guard qpdf_add_page(handle, textLayer.handle, qpdf_get_page_n(textLayer.handle, 0), QPDF_FALSE) & QPDF_ERRORS == 0 else {
            throw textLayer.error("cannot be read as a text layer")
        }
        sources.append(textLayer)
        let textPage = qpdf_get_page_n(handle, Int(qpdf_get_num_pages(handle)) - 1)
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        guard qpdf_oh_get_page_content_data(handle, textPage, &buffer, &length) & QPDF_ERRORS == 0,
              let buffer else { throw textLayer.error("has no text layer") }
        let content = Data(bytes: buffer, count: length)
        free(buffer)
        let textBox = numbers(qpdf_oh_get_key(handle, textPage, "/MediaBox"))
        guard textBox.count == 4 else { throw textLayer.error("has no media box") }
        let resources = qpdf_oh_get_key(handle, textPage, "/Resources")
        let form = stream(content, [
            ("Type", name("XObject")), ("Subtype", name("Form")),
            ("BBox", array(textBox.map(real))), ("Resources", resources),
        ])
        guard qpdf_remove_page(handle, textPage) & QPDF_ERRORS == 0 else { throw textLayer.error("cannot be laid over a page") }

        // Where it goes: the page's crop box as shown after the new /Rotate.
        var box = numbers(qpdf_oh_get_key(handle, page, "/CropBox"))
        if box.count != 4 { box = numbers(qpdf_oh_get_key(handle, page, "/MediaBox")) }
        guard box.count == 4 else { throw error("page \(graft.pageIndex + 1) has no media box") }
        let rotateKey = qpdf_oh_get_key(handle, page, "/Rotate")
        let oldRotate = qpdf_oh_is_integer(handle, rotateKey) != 0 ? Int(qpdf_oh_get_int_value_as_int(handle, rotateKey)) : 0
        let rotate = ((oldRotate + 360 - graft.turnedDegrees) % 360 + 360) % 360
        if rotate != oldRotate % 360 { set("Rotate", integer(rotate), in: page) }
        let matrix = PDFPageGraft.textMatrix(
            textWidth: textBox[2] - textBox[0], textHeight: textBox[3] - textBox[1],
            cropBox: (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])),
            rotate: rotate, skewDegrees: graft.skewDegrees)

        // The form is drawn after the page's own content, which is wrapped in q … Q so that a
        // graphics state it leaves behind cannot move the text.
        let formName = "ScanctlOCR\(graft.pageIndex + 1)"
        var pageResources = qpdf_oh_get_key(handle, page, "/Resources")
        if qpdf_oh_is_dictionary(handle, pageResources) == 0 {
            pageResources = qpdf_oh_new_dictionary(handle)
            set("Resources", pageResources, in: page)
        }
        var xobjects = qpdf_oh_get_key(handle, pageResources, "/XObject")
        if qpdf_oh_is_dictionary(handle, xobjects) == 0 {
            xobjects = qpdf_oh_new_dictionary(handle)
            set("XObject", xobjects, in: pageResources)
        }
        set(formName, form, in: xobjects)
        let contents = qpdf_oh_wrap_in_array(handle, qpdf_oh_get_key(handle, page, "/Contents"))
        qpdf_oh_insert_item(handle, contents, 0, stream(Data("q\n".utf8), []))
        qpdf_oh_append_item(handle, contents, stream(Data("\nQ\nq \(matrix.operands) cm /\(formName) Do Q\n".utf8), []))
        set("Contents", contents, in: page)
        try failOnError("cannot lay the text layer over page \(graft.pageIndex + 1) of \(original.path)")
    }

    func real(_ value: Double) -> Object { qpdf_oh_new_real_from_double(handle, value, 4) }

    /// The numbers of an array object (a box, a matrix); empty when it is not an array of numbers.
    func numbers(_ object: Object) -> [Double] {
        guard qpdf_oh_is_array(handle, object) != 0 else { return [] }
        return (0..<qpdf_oh_get_array_n_items(handle, object)).compactMap { index in
            let item = qpdf_oh_get_array_item(handle, object, index)
            return qpdf_oh_is_number(handle, item) != 0 ? qpdf_oh_get_numeric_value(handle, item) : nil
        }
    }

    /// Writes the document, unencrypted, with object streams, an end-of-line before each
    /// `endstream` and a deterministic /ID (an MD5 of the content), so the same pages and metadata
    /// give the same bytes.
    func write(to output: String) throws {
        try failOnError("cannot be assembled")
        guard qpdf_init_write(handle, output) & QPDF_ERRORS == 0 else { throw error("cannot be written to \(output)") }
        qpdf_set_preserve_encryption(handle, QPDF_FALSE)
        // A page copied from another file may use what its version allows (object streams,
        // transparency): the output's version is at least the highest of its sources.
        let versions = ([self] + sources).map(\.pdfVersion)
        if let highest = versions.max(by: { $0.compare($1, options: .numeric) == .orderedAscending }) {
            qpdf_set_minimum_pdf_version(handle, highest)
        }
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

    func error(_ doing: String) -> ScanPipelineError {
        var detail = ""
        if qpdf_has_error(handle) != 0, let error = qpdf_get_error(handle),
           let text = qpdf_get_error_full_text(handle, error) {
            detail = ": " + String(cString: text)
        }
        return ScanPipelineError(.archivalPDF, path: path, "\(doing)\(detail)")
    }
}
