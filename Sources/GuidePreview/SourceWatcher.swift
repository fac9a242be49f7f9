import Foundation

/// Notices changes under a set of folders by polling: a file added, removed, resized or touched.
/// Polling needs no platform API and costs little for a content tree this size.
public struct SourceWatcher: Sendable {
    public var folders: [String]
    private var last: [String: [Double]] = [:]

    public init(folders: [String]) {
        self.folders = folders
        last = fingerprint()
    }

    /// The files that changed since the last call (empty when nothing did).
    public mutating func changes() -> [String] {
        let now = fingerprint()
        defer { last = now }
        let paths = Set(now.keys).union(last.keys)
        return paths.filter { now[$0] != last[$0] }.sorted()
    }

    func fingerprint() -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let walker = fm.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = folder + "/" + relative
                guard let attributes = try? fm.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = Double((attributes[.size] as? Int) ?? 0)
                result[path] = [modified, size]
            }
        }
        return result
    }
}
