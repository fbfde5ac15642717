import Foundation

/// Expands the inputs of a run into the files to process and the entries that are not processed,
/// each with its reason: nothing a folder holds is dropped without a word.
///
/// A given input may be a link (it is followed). Inside a folder, links are followed only while
/// they stay inside it; FIFOs, devices and sockets are refused without being opened (opening a FIFO
/// blocks until someone writes to it). Names are handled as bytes, so a name that is not UTF-8 is
/// found and opened (through an alias link) and shown escaped. Paths are recorded resolved.
///
/// Blocking: runs on a worker thread.
struct InputScanner: Sendable {
    /// Where aliases for names that are not UTF-8 are made.
    var aliasFolder: URL
    /// Larger files are refused without being read.
    var maxFileBytes = IngestConfiguration().maxFileBytes

    struct Listing: Sendable, Equatable {
        var files: [InputFile] = []
        var skipped: [SkippedInput] = []
    }

    /// Walks `inputs` in order; `bytes` has the raw form of inputs whose names are not UTF-8 (the
    /// string being the repaired form the argument parser gave).
    func scan(_ inputs: [String], bytes: [String: [UInt8]] = [:]) throws -> Listing {
        var walk = Walk()
        for input in inputs {
            let raw = bytes[input].map(RawPath.init(bytes:)) ?? RawPath(input)
            try walk.given(raw, scanner: self)
        }
        return walk.listing
    }

    /// One walk's state: what was found, and which files and folders were already reached.
    private struct Walk {
        var listing = Listing()
        var seenFiles: [RawPath: String] = [:]
        var seenFolders: Set<FileIdentity> = []

        struct FileIdentity: Hashable { var device: UInt64; var inode: UInt64 }

        mutating func given(_ raw: RawPath, scanner: InputScanner) throws {
            guard raw.linkStatus() != nil else {
                // Named but not there: ingest quarantines it as "no such file", with its reason.
                listing.files.append(InputFile(path: raw.shown))
                return
            }
            guard let resolved = raw.resolved(), case .success(let status) = resolved.status() else {
                if errno == ELOOP { skip(raw, .linkLoop, "a chain of symbolic links that loops") } else {
                    skip(raw, .brokenLink, "a symbolic link that leads nowhere")
                }
                return
            }
            if status.isFolder {
                var found: [InputFile] = []
                try folder(resolved, root: resolved, into: &found, scanner: scanner)
                listing.files += found.sorted { RawPath($0.path) < RawPath($1.path) }
            } else {
                var found: [InputFile] = []
                try file(resolved, status: status, shownAs: raw, into: &found, scanner: scanner)
                listing.files += found
            }
        }

        mutating func folder(_ folder: RawPath, root: RawPath, into found: inout [InputFile], scanner: InputScanner) throws {
            if case .success(let status) = folder.status() {
                seenFolders.insert(FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
            }
            let names: [RawPath]
            switch folder.folderEntries() {
            case .success(let entries): names = entries.sorted()
            case .failure(let error):
                skip(folder, .unreadableFolder, "the folder cannot be listed: \(String(cString: strerror(error.code.rawValue)))")
                return
            }
            for name in names {
                let entry = folder.appending(name)
                if name.bytes.first == UInt8(ascii: ".") {
                    let what = entry.linkStatus()?.isFolder == true ? "a hidden folder: not entered" : "a hidden or temporary file"
                    skip(entry, .hiddenName, "the name starts with a dot (\(what))")
                    continue
                }
                guard let link = entry.linkStatus() else { continue }  // gone since it was listed
                var target = entry
                if link.isLink {
                    guard let resolved = entry.resolved() else {
                        if errno == ELOOP { skip(entry, .linkLoop, "a chain of symbolic links that loops") } else {
                            skip(entry, .brokenLink, "a symbolic link that leads nowhere")
                        }
                        continue
                    }
                    guard resolved.isInside(root) else {
                        skip(entry, .linkOutsideFolder, "a symbolic link to \(resolved.shown), outside the input folder: not followed")
                        continue
                    }
                    target = resolved
                }
                guard case .success(let status) = target.status() else { continue }
                if status.isFolder {
                    let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
                    guard !seenFolders.contains(identity) else {
                        if link.isLink {
                            skip(entry, .linkLoop, "a link to \(target.shown), a folder already read: not entered again")
                        } else {
                            skip(entry, .sameFile, "a folder already read through a link: read once")
                        }
                        continue
                    }
                    try self.folder(target, root: root, into: &found, scanner: scanner)
                } else {
                    try file(target, status: status, shownAs: entry, into: &found, scanner: scanner)
                }
            }
        }

        mutating func file(_ resolved: RawPath, status: stat, shownAs entry: RawPath, into found: inout [InputFile],
                           scanner: InputScanner) throws {
            guard status.isRegularFile else {
                skip(entry, .notRegularFile, "\(status.kindDescription), not a regular file: not opened")
                return
            }
            if Int(status.st_size) > scanner.maxFileBytes {
                skip(entry, .fileTooLarge, "\(Int(status.st_size) / (1 << 20)) MiB, above the limit of "
                     + "\(scanner.maxFileBytes / (1 << 20)) MiB for one file: not read")
                return
            }
            if let first = seenFiles[resolved] {
                skip(entry, .sameFile, "the same file as \(first), reached again through a link: processed once")
                return
            }
            let shown = resolved.shown
            seenFiles[resolved] = shown
            let open = resolved.string == nil ? try InputFile.makeAlias(for: resolved, shown: shown, in: scanner.aliasFolder) : shown
            found.append(InputFile(path: shown, openPath: open))
        }

        mutating func skip(_ path: RawPath, _ code: SkippedInput.Code, _ reason: String) {
            listing.skipped.append(SkippedInput(path: path.shown, code: code, reason: reason))
        }
    }
}
