import Foundation
import GuideRendering

/// The output folder and its safety rules: guidegen writes a complete new tree beside it and
/// swaps it in only when everything succeeded, and it never replaces a folder it did not create.
public struct OutputFolder: Sendable {
    /// The folder as the user named it.
    public var path: String
    /// Absolute and normalized.
    public var absolutePath: String

    /// A file in every folder guidegen writes; without it an existing folder is not replaced.
    public static let markerName = ".guidegen-output"
    static let markerText = "This folder is written by guidegen. Every build replaces all of it.\n"

    public init(path: String) {
        self.path = path
        self.absolutePath = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    var parent: String { (absolutePath as NSString).deletingLastPathComponent }
    var name: String { (absolutePath as NSString).lastPathComponent }
    var stagingPrefix: String { ".\(name).guidegen-staging-" }
    var oldPrefix: String { ".\(name).guidegen-old-" }

    /// Refuses `/`, the content folder, a folder inside it or containing it, and an existing
    /// non-empty folder without the marker.
    public func validate(contentRoot: String) throws {
        let fm = FileManager.default
        let content = URL(fileURLWithPath: contentRoot).standardizedFileURL.resolvingSymlinksInPath().path
        let output = URL(fileURLWithPath: absolutePath).resolvingSymlinksInPath().path
        if output == "/" || absolutePath == "/" {
            throw BuildError.unsafeOutput(path, "it is the root folder")
        }
        if output == content || output.hasPrefix(content + "/") {
            throw BuildError.unsafeOutput(path, "it is inside the content folder '\(contentRoot)'")
        }
        if content.hasPrefix(output + "/") {
            throw BuildError.unsafeOutput(path, "it contains the content folder '\(contentRoot)'")
        }
        if output == fm.homeDirectoryForCurrentUser.standardizedFileURL.path {
            throw BuildError.unsafeOutput(path, "it is the home folder")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: absolutePath, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BuildError.unsafeOutput(path, "it is a file, not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: absolutePath)) ?? []
            if !entries.isEmpty, !entries.contains(Self.markerName) {
                throw BuildError.unsafeOutput(path, "it exists and was not made by guidegen (no \(Self.markerName)); choose another --output or empty it")
            }
        }
    }

    /// Removes what an interrupted build left: staging folders, and restores a previous output
    /// that a build had moved aside when it was killed between the two renames of a swap.
    public func recover() {
        let fm = FileManager.default
        let (parent, stagingPrefix, oldPrefix) = (self.parent, self.stagingPrefix, self.oldPrefix)
        // Only hidden names can be a build's; a busy parent (`/tmp`) has many others.
        let entries = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(".") }.sorted()
        for entry in entries where entry.hasPrefix(stagingPrefix) {
            try? fm.removeItem(atPath: parent + "/" + entry)
        }
        for entry in entries where entry.hasPrefix(oldPrefix) {
            let old = parent + "/" + entry
            if !fm.fileExists(atPath: absolutePath) {
                try? fm.moveItem(atPath: old, toPath: absolutePath)
            } else {
                try? fm.removeItem(atPath: old)
            }
        }
    }

    /// Starts a new, empty staging folder beside the output folder.
    public func beginStaging() throws -> StagingFolder {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = parent + "/" + stagingPrefix + String(getpid())
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildError.io(staging, "cannot create the staging folder: \(error.localizedDescription)")
        }
        return StagingFolder(path: staging)
    }

    /// Marks the staging folder as guidegen's and swaps it in for the output folder.
    public func commit(_ staging: StagingFolder) throws {
        do {
            try staging.write([OutputFile(path: Self.markerName, text: Self.markerText)])
        } catch {
            staging.discard()
            throw error
        }
        let old = parent + "/" + oldPrefix + String(getpid())
        let fm = FileManager.default
        if fm.fileExists(atPath: absolutePath) {
            guard rename(absolutePath, old) == 0 else {
                staging.discard()
                throw BuildError.io(path, "cannot move the previous output aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging.path, absolutePath) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, absolutePath)
            staging.discard()
            throw BuildError.io(path, "cannot move the new output in place: \(reason)")
        }
        try? fm.removeItem(atPath: old)
    }

    /// Writes `files` into a new staging folder and swaps it in for the output folder.
    public func replace(with files: [OutputFile]) throws {
        let staging = try beginStaging()
        do {
            try staging.write(files)
        } catch {
            staging.discard()
            throw error
        }
        try commit(staging)
    }
}

/// A folder a build writes into before it is swapped in. Renderers on several threads write
/// their files as soon as they have them, so a build never holds its whole output in memory.
///
/// `@unchecked Sendable`: the only mutable state, the set of folders already made, is guarded
/// by the lock; file writes go to distinct paths.
public final class StagingFolder: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var made: Set<String> = []

    init(path: String) {
        self.path = path
        made.insert(path)
    }

    /// Writes `files`; a file for which `reuse` names an existing file with the same bytes is
    /// linked to it instead (a new inode costs more than the write).
    public func write(_ files: [OutputFile], reuse: (OutputFile) -> String? = { _ in nil }) throws {
        for file in files {
            let target = path + "/" + file.path
            try makeFolder(of: target)
            if let existing = reuse(file), link(existing, target) == 0 { continue }
            try Self.writeFile(file.bytes, to: target)
        }
    }

    /// Creates the folder `file` goes in, once per build.
    private func makeFolder(of file: String) throws {
        // Up to the last `/` (a path in the staging folder always has one; `NSString`'s path
        // methods cost more than writing a small file).
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = String(file[..<slash])
        lock.lock()
        let exists = made.contains(folder)
        lock.unlock()
        guard !exists else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        lock.lock()
        made.insert(folder)
        lock.unlock()
    }

    /// A file written from parts that arrive on several threads (see `OrderedFile`), after `head`.
    public func orderedFile(_ relativePath: String, head: [UInt8], parts: Int) throws -> OrderedFile {
        let target = path + "/" + relativePath
        try makeFolder(of: target)
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildError.io(target, "cannot write the file: \(String(cString: strerror(errno)))") }
        let file = OrderedFile(fd: fd, path: target, parts: parts)
        file.write(head)
        return file
    }

    /// Writes `bytes` to a new file at `path`. No temporary file and no `fsync` per file: the
    /// staging folder is swapped in whole, so a file is never seen half-written.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildError.io(path, "cannot write the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try write(bytes, to: fd, path: path)
    }

    static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw BuildError.io(path, "cannot write the file: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// One file of the staging folder made of numbered parts that worker threads finish in any
/// order (a locale's `print.html` sections, its whole-guide text chapters): each part is written
/// as soon as all parts before it are, and held until then. Workers take pages in order, so few
/// parts wait, and the whole file is never in memory.
///
/// `@unchecked Sendable`: all state is guarded by the lock.
public final class OrderedFile: @unchecked Sendable {
    private let fd: Int32
    private let path: String
    private let parts: Int
    private let lock = NSLock()
    private var next = 0
    private var waiting: [Int: [UInt8]] = [:]
    private var failure: BuildError?
    private var closed = false

    init(fd: Int32, path: String, parts: Int) {
        self.fd = fd
        self.path = path
        self.parts = parts
    }

    deinit {
        if !closed { close(fd) }
    }

    /// Part `index` (from 0): written now if every part before it is, else kept until they are.
    public func deliver(_ index: Int, _ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard index != next else {
            write(bytes)
            next += 1
            while let part = waiting.removeValue(forKey: next) {
                write(part)
                next += 1
            }
            return
        }
        waiting[index] = bytes
    }

    /// Writes `tail` after the last part and closes the file; the first write that failed, or a
    /// missing part, is the error.
    public func finish(tail: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil, next != parts { failure = BuildError.io(path, "part \(next + 1) of \(parts) never came") }
        write(tail)
        closed = true
        close(fd)
        if let failure { throw failure }
    }

    /// Appends `bytes` unless an earlier write failed (called with the lock held, or before the
    /// file is shared).
    fileprivate func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        do {
            try StagingFolder.write(bytes, to: fd, path: path)
        } catch let error as BuildError {
            failure = error
        } catch {
            failure = .io(path, "\(error)")
        }
    }
}
