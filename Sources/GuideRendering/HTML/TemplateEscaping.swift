import Mustache

/// The escaping of the site's templates: `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`, as
/// swift-mustache's own HTML content type writes them, but on UTF-8 bytes and without a copy
/// when there is nothing to escape (the library looks every Character up in a dictionary, which
/// a page's hundred tags add up to). A mark that combines with one of the five is escaped too.
enum TemplateEscaping {
    static func escape(_ text: String) -> String {
        escape(text, as: named)
    }

    /// `& < > " '` replaced by `references` (in that order); all else copied as UTF-8.
    static func escape(_ text: String, as references: FiveReferences) -> String {
        guard text.utf8.contains(where: { needsEscape[Int($0)] }) else { return text }
        var out = HTMLWriter(capacity: text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.raw(references.ampersand)
            case UInt8(ascii: "<"): out.raw(references.less)
            case UInt8(ascii: ">"): out.raw(references.greater)
            case UInt8(ascii: "\""): out.raw(references.quote)
            case UInt8(ascii: "'"): out.raw(references.apostrophe)
            default: out.byte(byte)
            }
        }
        return out.string
    }

    /// What the five characters become.
    struct FiveReferences {
        var ampersand: StaticString
        var less: StaticString
        var greater: StaticString
        var quote: StaticString
        var apostrophe: StaticString
    }

    static let named = FiveReferences(ampersand: "&amp;", less: "&lt;", greater: "&gt;", quote: "&quot;", apostrophe: "&#39;")

    private static let needsEscape: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "&<>\"'".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// The content type every site template is rendered with.
    static let contentTypeName = "GUIDEGEN_HTML"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { TemplateEscaping.escape(text) }
    }
}
