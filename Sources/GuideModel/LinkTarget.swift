/// What a link or image destination in the content points at.
public enum LinkTarget: Sendable, Equatable {
    /// `http`, `https`, `mailto` or `tel`.
    case external(String)
    /// Another page of the guide by file name (`05-sextortion.md`), with an optional heading anchor.
    case page(fileName: String, anchor: String?)
    /// A heading on the same page (`#warning-signs`).
    case anchor(String)
    /// A file next to the pages, such as an image (`media/map.png`), relative to the page's folder.
    case file(String)
    /// A scheme the guide does not allow (`javascript`, `data`, `file`, …).
    case unsafeScheme(String)

    public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    public init(_ destination: String) {
        var text = destination
        self = text.withUTF8 { Self.parse($0, destination) }
    }

    /// `destination`'s target from its UTF-8 bytes: every delimiter is ASCII, and a combining mark
    /// after one must not hide it. A scheme is whatever comes before a ':' that precedes any '/',
    /// '?' or '#', so that "java\tscript:" or "JaVaScRiPt:" cannot pass as a relative path.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ destination: String) -> LinkTarget {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let count = bytes.count
        var stop = 0
        while stop < count, bytes[stop] != 0x3A, bytes[stop] != 0x2F, bytes[stop] != 0x3F, bytes[stop] != 0x23 { stop += 1 }
        if stop < count, bytes[stop] == 0x3A {
            let scheme = text(0..<stop).lowercased()
            return allowedSchemes.contains(scheme) ? .external(destination) : .unsafeScheme(scheme)
        }
        if count >= 2, bytes[0] == 0x2F, bytes[1] == 0x2F { return .external("https:" + destination) }
        if count >= 1, bytes[0] == 0x23 { return .anchor(text(1..<count)) }
        var hash = 0
        while hash < count, bytes[hash] != 0x23 { hash += 1 }
        let path = 0..<hash
        let isPage =
            hash >= 3 && bytes[hash - 3] == 0x2E && bytes[hash - 2] == 0x6D && bytes[hash - 1] == 0x64
            && !bytes[path].contains(0x2F)
        guard isPage else { return .file(text(path)) }
        return .page(fileName: text(path), anchor: hash + 1 < count ? text((hash + 1)..<count) : nil)
    }

    /// A file path written in a page of `locale`, as a path relative to the content root
    /// (`media/map.png` in `es` → `es/media/map.png`); `nil` if it is absolute or climbs out.
    public static func contentPath(_ path: String, locale: String) -> String? {
        guard !path.hasPrefix("/"), !path.contains("\\") else { return nil }
        var parts = [locale]
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
