public import Foundation

/// Small grey-scale PNGs with a black bar at a different place in each (distinct content, ink on
/// every page), written by Python's zlib: no image library needed.
public enum PNGWriter {
    /// `count` files `stapel-NNN.png` at `dpi`.
    public static func write(count: Int, into folder: URL, dpi: Int = 300) throws {
        let script = """
            import struct, sys, zlib
            def chunk(kind, data):
                return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
            folder, count, dpi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            width, height = 400, 200
            for n in range(count):
                rows = []
                for y in range(height):
                    row = bytearray([255] * width)
                    if 40 + n % 100 <= y < 60 + n % 100:
                        for x in range(20 + 3 * n, 120 + 3 * n): row[x] = 0
                    rows.append(b'\\x00' + bytes(row))
                png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0))
                ppm = round(dpi / 0.0254)
                png += chunk(b'pHYs', struct.pack('>IIB', ppm, ppm, 1))
                png += chunk(b'IDAT', zlib.compress(b''.join(rows))) + chunk(b'IEND', b'')
                open(f'{folder}/stapel-{n:03d}.png', 'wb').write(png)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, folder.path, String(count), String(dpi)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "python3 could not write the PNGs"])
        }
    }
}
