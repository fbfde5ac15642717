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

    var validator: XdomeaSchemaValidator? {
        (schemas ?? ProcessInfo.processInfo.environment["SCANCTL_XDOMEA_SCHEMAS"]).map { XdomeaSchemaValidator(schemas: URL(fileURLWithPath: $0)) }
    }
}
