internal import COCR

extension OCREngine {
    /// Before recognition: the text-shape check settles an upright page (the common case, ~40 ms);
    /// a page it finds turned is turned only when recognising a strip both ways agrees. Returns
    /// the correction and whether orientation is settled; an unsettled page is recognised as it
    /// is and checked again by ``orientAfterRecognition`` if it reads poorly.
    func orientBeforeRecognition(_ image: inout PixImage, resolution: Int) -> (OrientationCorrection, settled: Bool) {
        guard let quick = textOrientation.estimate(image, resolution: resolution) else {
            return (OrientationCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0, detector: nil), false)
        }
        if quick.degrees == 0 {
            return (OrientationCorrection(detectedDegrees: 0, confidence: quick.upConfidence, appliedDegrees: 0,
                                          detector: .textShape), true)
        }
        var result = OrientationCorrection(detectedDegrees: quick.degrees, confidence: quick.upConfidence,
                                           appliedDegrees: 0, detector: .textShape)
        // Reading strips costs half a second or more; OSD (0.1 s) must see the same turn first.
        guard let orientationDetector,
              let osd = detectOrientation(image, resolution: resolution, with: orientationDetector),
              osd.degrees == quick.degrees, osd.confidence >= configuration.minimumOrientationConfidence else {
            return (result, false)
        }
        let decision = compareStrips(image, proposed: quick.degrees, resolution: resolution)
        result.evidence = decision.evidence
        guard decision.degrees != 0, let upright = image.rotatedClockwise(quarterTurns: (360 - decision.degrees) / 90) else {
            return (result, false)
        }
        image = upright
        result.appliedDegrees = decision.degrees
        result.detector = .recognition
        return (result, true)
    }

    /// After a poor recognition of a page the text shapes left undecided: OSD proposes a turn,
    /// and recognising a strip both ways decides it; OSD alone never turns a page (it said 180°
    /// with confidence 7 on upright photographed pages with handwriting). Returns the correction
    /// to apply; the caller turns the page and recognises it again.
    func orientAfterRecognition(_ image: borrowing PixImage, resolution: Int) -> OrientationCorrection {
        guard let orientationDetector,
              let detected = detectOrientation(image, resolution: resolution, with: orientationDetector) else {
            return OrientationCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0, detector: .osd)
        }
        var result = OrientationCorrection(detectedDegrees: detected.degrees, confidence: detected.confidence,
                                           appliedDegrees: 0, detector: .osd)
        guard detected.degrees % 360 != 0, detected.confidence >= configuration.minimumOrientationConfidence else {
            return result
        }
        let decision = compareStrips(image, proposed: detected.degrees, resolution: resolution)
        result.evidence = decision.evidence
        if decision.degrees != 0 {
            result.appliedDegrees = decision.degrees
            result.detector = .recognition
        }
        return result
    }

    /// Recognises the inkiest band of the page (a fifth of its height once upright) as scanned, as
    /// proposed, and for a quarter turn also the opposite quarter turn, and returns the reading
    /// that is far better than the page as scanned (0 when none is). The strips are read as one
    /// block of horizontal lines: Tesseract's layout analysis would find sideways lines and read
    /// them as vertical text, equally well both ways.
    func compareStrips(_ image: borrowing PixImage, proposed: Int, resolution: Int) -> (degrees: Int, evidence: String) {
        let candidates = proposed % 180 == 0 ? [0, proposed] : [0, proposed, (proposed + 180) % 360]
        guard let band = inkiestBand(image, turnedBy: proposed) else { return (0, "no text band to compare") }
        recognizer.setPageSegmentation(PSM_SINGLE_BLOCK)
        defer { recognizer.setPageSegmentation(PSM_AUTO) }
        var scores: [Int: RecognitionScore] = [:]
        for degrees in candidates {
            // `band` is the strip upright as proposed; each candidate is that strip turned so the
            // page would be `degrees` from as scanned.
            let turns = ((proposed - degrees) / 90 + 4) % 4
            guard let strip = band.rotatedClockwise(quarterTurns: turns),
                  let reading = try? recognizer.recognize(strip, resolution: resolution, pageNumber: 0,
                                                          deadline: Self.stripDeadline) else { continue }
            scores[degrees] = RecognitionScore(reading.words)
        }
        let asScanned = scores[0] ?? RecognitionScore(letters: 0, allLetters: 0)
        let best = scores.filter { $0.key != 0 }.max { $0.value.letters < $1.value.letters }
        let evidence = candidates.map { "\($0)°: \(scores[$0]?.letters ?? 0) letters" }.joined(separator: ", ")
        guard let best, best.value.isFarBetter(than: asScanned) else { return (0, "strip read " + evidence) }
        return (best.key, "strip read " + evidence)
    }

    /// The band of a fifth of the page's height with the most ink, cut from the page turned
    /// upright as `degrees` (clockwise rotation of the content) proposes, and from the paper only:
    /// the widest run of columns that are not mostly dark (a dark desk or scanner lid beside the
    /// sheet would make Tesseract read one giant blob for seconds).
    private func inkiestBand(_ image: borrowing PixImage, turnedBy degrees: Int) -> PixImage? {
        guard let turned = image.rotatedClockwise(quarterTurns: (360 - degrees) / 90),
              let binary = turned.binarised() else { return nil }
        let width = turned.width, height = turned.height
        let columnCounts = Self.counts(pixCountPixelsByColumn(binary.pointer), length: width)
        var paper = (start: 0, length: 0), run = 0
        for column in 0..<width {
            run = columnCounts[column] * 2 < height ? run + 1 : 0
            if run > paper.length { paper = (column - run + 1, run) }
        }
        guard paper.length >= width / 8 else { return nil }
        var paperBox = boxCreate(Int32(paper.start), 0, Int32(paper.length), Int32(height))
        defer { boxDestroy(&paperBox) }
        let rowCounts = Self.counts(pixCountByRow(binary.pointer, paperBox), length: height)
        let bandHeight = max(1, height / 5)
        var sum = rowCounts.prefix(bandHeight).reduce(0, +), best = sum, bestTop = 0
        if height > bandHeight {
            for top in 1...(height - bandHeight) {
                sum += rowCounts[top + bandHeight - 1] - rowCounts[top - 1]
                if sum > best { best = sum; bestTop = top }
            }
        }
        var box = boxCreate(Int32(paper.start), Int32(bestTop), Int32(paper.length), Int32(bandHeight))
        defer { boxDestroy(&box) }
        return PixImage(taking: pixClipRectangle(turned.pointer, box, nil))
    }

    /// A Leptonica count per row or column as integers (`length` of them), the NUMA freed.
    private static func counts(_ numa: UnsafeMutablePointer<NUMA>?, length: Int) -> [Int] {
        var numa = numa
        defer { numaDestroy(&numa) }
        var result = [Int](repeating: 0, count: length)
        guard numa != nil else { return result }
        for index in 0..<min(length, Int(numaGetCount(numa))) {
            var value: Float = 0
            numaGetFValue(numa, Int32(index), &value)
            result[index] = Int(value)
        }
        return result
    }

    /// OSD runs Tesseract's layout analysis on the whole page, which at 300 dpi cost as much as 40 %
    /// of the recognition itself. Text is still clearly oriented at lower resolution, so OSD looks
    /// at a copy reduced to `orientationResolution`.
    func detectOrientation(_ image: borrowing PixImage, resolution: Int,
                           with detector: TesseractHandle) -> (degrees: Int, confidence: Double)? {
        let target = Self.orientationResolution
        guard resolution > target, let reduced = image.scaled(by: Double(target) / Double(resolution)) else {
            return detector.detectOrientation(image, resolution: resolution)
        }
        return detector.detectOrientation(reduced, resolution: target)
    }

    static let orientationResolution = 150
    /// A strip that takes Tesseract longer than this is not worth reading (milliseconds).
    static let stripDeadline = 1000
}
