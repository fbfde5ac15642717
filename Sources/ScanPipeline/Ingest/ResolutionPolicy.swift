/// Decides which resolution to trust for an image: the file's own, or a default with a warning.
///
/// A resolution is plausible when it lies in 50...2400 dpi and the page it implies is at most
/// 50 inches on its longer side. Software that writes 72 or 96 dpi into a 300-dpi scan of a large
/// page implies a poster and is caught by the second rule. Small pages (labels, receipts, crops)
/// are plausible at any size.
struct ResolutionPolicy: Sendable {
    var defaultResolution: Int

    static let plausibleRange = 50...2400
    static let plausibleLongerSideInches = 50.0

    /// The resolution to use, where it came from, and a warning when the file's value was not used.
    func resolve(stored: Int, width: Int, height: Int) -> (Int, ResolutionSource, String?) {
        guard stored > 0 else {
            return (defaultResolution, .assumed,
                    "no resolution stored in the file; assuming \(defaultResolution) dpi")
        }
        let longerSide = Double(max(width, height)) / Double(stored)
        if !Self.plausibleRange.contains(stored) || longerSide > Self.plausibleLongerSideInches {
            let implied = (longerSide * 25.4).rounded()
            return (defaultResolution, .assumed,
                    "implausible resolution \(stored) dpi in the file (it would make the page "
                    + "\(Int(implied)) mm long); assuming \(defaultResolution) dpi")
        }
        return (stored, .file, nil)
    }
}
