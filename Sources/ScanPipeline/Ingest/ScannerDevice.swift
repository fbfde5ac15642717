internal import COCR
import Foundation

/// The scanner a file names in its own metadata, for the Transfervermerk (TR-RESISCAN asks which
/// device made the scans): a TIFF's Make, Model and Software tags, a PDF's Creator and Producer.
/// Nil when the file says nothing; never guessed.
///
/// Blocking: runs on a worker thread.
enum ScannerDevice {
    /// libtiff's own messages about tags it does not know are noise here (the header was read and
    /// checked already); once, before any TIFF is opened for its tags.
    private static let quiet: Void = {
        TIFFSetWarningHandler(nil)
    }()

    static func tiff(_ path: String) -> String? {
        _ = quiet
        guard let tiff = TIFFOpen(path, "r") else { return nil }
        defer { TIFFClose(tiff) }
        func tag(_ number: Int32) -> String? {
            cocr_tiff_string_tag(tiff, UInt32(number)).map { String(cString: $0) }
        }
        return describe(make: tag(TIFFTAG_MAKE), model: tag(TIFFTAG_MODEL), software: tag(TIFFTAG_SOFTWARE))
    }

    /// From `pdfinfo`'s output: `Creator:` (the scanning application, often naming the device)
    /// and `Producer:` (the library that wrote the PDF).
    static func pdf(pdfinfo text: String) -> String? {
        func field(_ name: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("\(name):") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        return describe(make: nil, model: field("Creator"), software: field("Producer"))
    }

    /// `Fujitsu fi-7700 (PaperStream Capture 3.2)`: printable characters only, at most 120.
    static func describe(make: String?, model: String?, software: String?) -> String? {
        func clean(_ value: String?) -> String? {
            guard let value else { return nil }
            let printable = String(value.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.map(Character.init))
                .trimmingCharacters(in: .whitespaces)
            return printable.isEmpty ? nil : String(printable.prefix(120))
        }
        let make = clean(make), model = clean(model), software = clean(software)
        // Many scanners repeat the make in the model ("FUJITSU fi-7160").
        let device = [model?.lowercased().hasPrefix(make?.lowercased() ?? "\u{0}") == true ? nil : make, model]
            .compactMap { $0 }.joined(separator: " ")
        switch (device.isEmpty, software) {
        case (true, nil): return nil
        case (true, let software?): return software
        case (false, nil): return device
        case (false, let software?): return "\(device) (\(software))"
        }
    }
}

private extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
