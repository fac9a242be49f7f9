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
        // On the UTF-8 bytes: every delimiter is ASCII, and a combining mark after one must not
        // hide it. A scheme is whatever comes before a ':' that precedes any '/', '?' or '#', so
        // that "java\tscript:" or "JaVaScRiPt:" cannot pass as a relative path.
        let bytes = destination.utf8
        if let stop = bytes.firstIndex(where: { $0 == 0x3A || $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }), bytes[stop] == 0x3A {
            let scheme = String(decoding: bytes[..<stop], as: UTF8.self).lowercased()
            self = Self.allowedSchemes.contains(scheme) ? .external(destination) : .unsafeScheme(scheme)
            return
        }
        if bytes.starts(with: "//".utf8) {
            self = .external("https:" + destination)
            return
        }
        if bytes.first == 0x23 {
            self = .anchor(String(decoding: bytes.dropFirst(), as: UTF8.self))
            return
        }
        let hash = bytes.firstIndex(of: 0x23)
        let path = bytes[..<(hash ?? bytes.endIndex)]
        let anchor = hash.map { bytes[bytes.index(after: $0)...] }
        if path.reversed().starts(with: "dm.".utf8), !path.contains(0x2F) {
            self = .page(fileName: String(decoding: path, as: UTF8.self), anchor: anchor.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) })
        } else {
            self = .file(String(decoding: path, as: UTF8.self))
        }
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
