import Mustache

/// Escaping for the ebook's XML files with numeric character references only: XHTML in an EPUB
/// has no DTD, so no named entity but the five XML ones would be defined, and the house rule is to
/// use none at all.
enum XHTMLEscaping {
    /// `& < > " '` as `&#38; &#60; &#62; &#34; &#39;`; everything else as literal UTF-8.
    static func escape(_ s: String) -> String {
        TemplateEscaping.escape(s, as: numeric)
    }

    static let numeric = TemplateEscaping.FiveReferences(ampersand: "&#38;", less: "&#60;", greater: "&#62;", quote: "&#34;", apostrophe: "&#39;")

    /// Markup from `HTMLWriter` with its named escapes (`&amp; &lt; &gt; &quot;`) turned into
    /// numeric ones. Safe because every `&` the writer emits starts one of its own escapes.
    static func numericReferences(_ markup: String) -> String {
        guard markup.utf8.contains(UInt8(ascii: "&")) else { return markup }
        var out = ""
        out.reserveCapacity(markup.utf8.count)
        var rest = Substring(markup)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            var replaced = false
            for (named, numeric) in replacements where rest.hasPrefix(named) {
                out += numeric
                rest = rest.dropFirst(named.count)
                replaced = true
                break
            }
            if !replaced {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        out += rest
        return out
    }

    private static let replacements = [("&amp;", "&#38;"), ("&lt;", "&#60;"), ("&gt;", "&#62;"), ("&quot;", "&#34;"), ("&apos;", "&#39;")]

    /// The Mustache content type every ebook template is rendered with.
    static let contentTypeName = "XHTML"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { XHTMLEscaping.escape(text) }
    }
}
