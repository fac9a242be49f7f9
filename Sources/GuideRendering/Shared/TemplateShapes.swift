import Foundation
import GuideModel

/// Renders a template once per shape of its context instead of once per page.
///
/// Two contexts have the same shape when they differ only in the text of their strings (not in
/// which strings are empty, booleans, the length of lists, or other values). Every string is
/// replaced by a marker (`NUL m<index> & NUL`), the template is rendered once for the shape,
/// and each page's output is that rendering with the markers replaced by its strings, escaped
/// where the template escaped the marker (the `&` shows which). A template engine look-up
/// costs microseconds and a page makes about a hundred; most pages of a locale share a shape.
///
/// A theme whose templates use transforms (`{{uppercased(x)}}`) or change delimiters is
/// rendered directly, page by page: a transform could depend on more than the shape. So is a
/// shape whose rendering holds a NUL that is not a marker.
final class TemplateShapes: @unchecked Sendable {
    // `@unchecked`: `renderings` is read and written under `lock` only.
    private let lock = NSLock()
    /// Per template and shape: the rendering cut at its markers, or `nil` when the shape is
    /// rendered directly.
    private var renderings: [String: [Piece]?] = [:]
    /// Whether markers may stand in for the strings of these templates.
    let enabled: Bool

    enum Piece {
        case literal([UInt8])
        case string(Int)
        case escapedString(Int)
    }

    init(templates: [String]) {
        enabled = !templates.contains { Self.mayTransform($0) }
    }

    /// Whether `template` has a tag with a transform or a delimiter change.
    static func mayTransform(_ template: String) -> Bool {
        let bytes = Array(template.utf8)
        var inTag = false
        var i = 0
        while i + 1 < bytes.count {
            if !inTag, bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") {
                inTag = true
                i += 2
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") { return true }
                continue
            }
            if inTag, bytes[i] == UInt8(ascii: "}"), bytes[i + 1] == UInt8(ascii: "}") {
                inTag = false
                i += 2
                continue
            }
            if inTag, bytes[i] == UInt8(ascii: "(") { return true }
            i += 1
        }
        return false
    }

    /// `template` rendered by `render` for `context`, as UTF-8; `keep` is a string left as it
    /// is (a marker of the caller's own).
    func render(_ context: [String: Any], template: String, keep: String, render: ([String: Any]) -> String) -> [UInt8] {
        guard enabled else { return Array(render(context).utf8) }
        var marking = Marking(keep: keep)
        marking.shape = template + "\u{0}"
        let marked = marking.mark(context) as! [String: Any]
        lock.lock()
        let known = renderings[marking.shape]
        lock.unlock()
        let pieces: [Piece]?
        if let known {
            pieces = known
        } else {
            pieces = Self.pieces(of: render(marked), strings: marking.strings.count)
            lock.lock()
            renderings[marking.shape] = pieces
            lock.unlock()
        }
        guard let pieces else { return Array(render(context).utf8) }
        var out = HTMLWriter(capacity: 16 * 1024)
        for piece in pieces {
            switch piece {
            case .literal(let bytes): bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { out.append(base, count: $0.count) } }
            case .string(let index): out.raw(marking.strings[index])
            case .escapedString(let index): out.raw(TemplateEscaping.escape(marking.strings[index]))
            }
        }
        return out.bytes
    }

    /// A context with its strings replaced by markers, the strings in marker order, and the
    /// context's shape.
    struct Marking {
        let keep: String
        var strings: [String] = []
        var shape = ""

        mutating func mark(_ value: Any) -> Any {
            switch value {
            case let string as String:
                return mark(string)
            case let bool as Bool:
                shape += bool ? "T" : "F"
                return bool
            case let dictionary as [String: String]:
                // The interface strings: no conversion to `[String: Any]` on the way.
                return mark(dictionary) { $0.mark($1) }
            case let dictionary as [String: Any]:
                return mark(dictionary) { $0.mark($1) }
            case let array as [Any]:
                shape += "["
                let marked = array.map { mark($0) }
                shape += "]"
                return marked
            default:
                let description = "\(value)"
                shape += "(\(description.utf8.count):" + description
                return value
            }
        }

        /// A dictionary in the order of its keys, each key in the shape with its length.
        mutating func mark<Value>(_ dictionary: [String: Value], each: (inout Marking, Value) -> Value) -> [String: Value] {
            shape += "{"
            var marked: [String: Value] = [:]
            marked.reserveCapacity(dictionary.count)
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                shape += "\(key.utf8.count):" + key
                marked[key] = each(&self, value)
            }
            shape += "}"
            return marked
        }

        mutating func mark(_ string: String) -> String {
            if string == keep {
                shape += "k"
                return string
            }
            if string.isEmpty {
                shape += "e"
                return string
            }
            shape += "s"
            strings.append(string)
            return "\u{0}m\(strings.count - 1)&\u{0}"
        }
    }

    /// `rendering` cut at its markers; `nil` if it holds a NUL that is not one (of `strings`).
    static func pieces(of rendering: String, strings: Int) -> [Piece]? {
        let bytes = Array(rendering.utf8)
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0 else {
                literal.append(bytes[i])
                i += 1
                continue
            }
            // NUL m <digits> & NUL, or with `&amp;`.
            var j = i + 1
            guard j < bytes.count, bytes[j] == UInt8(ascii: "m") else {
                // Not a marker of ours: the caller's own (its `keep`) stays as it is.
                literal.append(0)
                i += 1
                continue
            }
            j += 1
            var index = 0
            let digits = j
            while j < bytes.count, bytes[j] &- UInt8(ascii: "0") < 10, j - digits < 9 {
                index = index * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                j += 1
            }
            guard j > digits, index < strings else { return nil }
            let escaped: Bool
            if bytes[j...].starts(with: "&\u{0}".utf8) {
                escaped = false
                j += 2
            } else if bytes[j...].starts(with: "&amp;\u{0}".utf8) {
                escaped = true
                j += 6
            } else {
                return nil
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = []
            pieces.append(escaped ? .escapedString(index) : .string(index))
            i = j
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}
