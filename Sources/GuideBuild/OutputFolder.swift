import Foundation

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
        let entries = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).sorted()
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

    /// Writes `files` into a new staging folder and swaps it in for the output folder.
    public func replace(with files: [OutputFile]) throws {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = parent + "/" + stagingPrefix + String(getpid())
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var made: Set<String> = [staging]
            for file in files + [OutputFile(path: Self.markerName, text: Self.markerText)] {
                let target = staging + "/" + file.path
                let folder = (target as NSString).deletingLastPathComponent
                if !made.contains(folder) {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    made.insert(folder)
                }
                guard fm.createFile(atPath: target, contents: Data(file.bytes)) else {
                    throw BuildError.io(target, "cannot write the file")
                }
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        let old = parent + "/" + oldPrefix + String(getpid())
        if fm.fileExists(atPath: absolutePath) {
            guard rename(absolutePath, old) == 0 else {
                try? fm.removeItem(atPath: staging)
                throw BuildError.io(path, "cannot move the previous output aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging, absolutePath) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, absolutePath)
            try? fm.removeItem(atPath: staging)
            throw BuildError.io(path, "cannot move the new output in place: \(reason)")
        }
        try? fm.removeItem(atPath: old)
    }
}

import GuideRendering
