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
        // A scheme is whatever comes before a ':' that precedes any '/', '?' or '#', so that
        // "java\tscript:" or "JaVaScRiPt:" cannot pass as a relative path.
        if let colon = destination.firstIndex(of: ":"),
            !destination[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        {
            let scheme = destination[..<colon].lowercased()
            self = Self.allowedSchemes.contains(scheme) ? .external(destination) : .unsafeScheme(scheme)
            return
        }
        if destination.hasPrefix("//") {
            self = .external("https:" + destination)
            return
        }
        if destination.hasPrefix("#") {
            self = .anchor(String(destination.dropFirst()))
            return
        }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let anchor = parts.count > 1 ? String(parts[1]) : nil
        if path.hasSuffix(".md"), !path.contains("/") {
            self = .page(fileName: path, anchor: anchor?.isEmpty == true ? nil : anchor)
        } else {
            self = .file(path)
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
