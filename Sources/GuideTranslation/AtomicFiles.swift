import Foundation

/// Writes a set of text files all or nothing.
enum AtomicFiles {
    /// Writes every file whose text changed: each to a temporary file beside it first, then each
    /// renamed over its target, so a failure before the renames leaves every file as it was.
    /// `what` names the files in errors ("the lock file"). Returns the paths written.
    static func write(_ files: [(path: String, text: String)], what: String) throws(TranslationError) -> [String] {
        let fm = FileManager.default
        var staged: [(temporary: String, target: String)] = []
        func discard() {
            for entry in staged { try? fm.removeItem(atPath: entry.temporary) }
        }
        for file in files {
            if let existing = fm.contents(atPath: file.path), existing == Data(file.text.utf8) { continue }
            let folder = (file.path as NSString).deletingLastPathComponent
            let temporary = folder + "/." + (file.path as NSString).lastPathComponent + ".tmp-\(getpid())"
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                try? fm.removeItem(atPath: temporary)
                discard()
                throw .io(file.path, "cannot write \(what): \(error.localizedDescription)")
            }
            staged.append((temporary, file.path))
        }
        for (index, entry) in staged.enumerated() {
            guard rename(entry.temporary, entry.target) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in staged[index...] { try? fm.removeItem(atPath: rest.temporary) }
                throw .io(entry.target, "cannot replace \(what): \(reason)")
            }
        }
        return staged.map(\.target)
    }
}
