import ArgumentParser
import Foundation
import ScanPipeline

/// `--xdomea-schemas DIR`: the xdomea 3.0.0 schemas messages are validated against.
struct XdomeaSchemaOption: ParsableArguments {
    @Option(name: .customLong("xdomea-schemas"),
            help: ArgumentHelp("The xdomea 3.0.0 schemas (the folder with xdomea.xsd) to validate messages against "
                               + "(default: $SCANCTL_XDOMEA_SCHEMAS; without either, messages are not validated).", valueName: "dir"),
            completion: .directory)
    var schemas: String?

    /// The validator, or nil with a warning on standard error: an unvalidated message is the
    /// operator's choice, never a silent one.
    var validator: XdomeaSchemaValidator? {
        guard let folder = schemas ?? ProcessInfo.processInfo.environment["SCANCTL_XDOMEA_SCHEMAS"] else {
            Terminal.warning("xdomea messages are not validated: name the xdomea 3.0.0 schemas with --xdomea-schemas DIR "
                             + "or SCANCTL_XDOMEA_SCHEMAS")
            return nil
        }
        return XdomeaSchemaValidator(schemas: URL(fileURLWithPath: folder))
    }
}
