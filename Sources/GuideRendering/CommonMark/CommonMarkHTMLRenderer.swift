import GuideModel

/// Renders the model as plain CommonMark HTML, byte for byte what `cmark_render_html` writes.
///
/// This is the proof that the model keeps everything cmark parsed; the guide's own pages use
/// `PageHTMLRenderer`. Iterative: an explicit work stack instead of recursion.
public struct CommonMarkHTMLRenderer: Sendable {
    /// Pass raw HTML and dangerous URLs through, as cmark's `CMARK_OPT_UNSAFE` does.
    public var unsafe: Bool

    public init(unsafe: Bool = false) {
        self.unsafe = unsafe
    }

    private enum Work {
        case block(Block, tight: Bool)
        case inline(Inline)
        case close(StaticString)
        case closeNewline(StaticString)
    }

    public func render(_ blocks: [Block]) -> String {
        var out = HTMLWriter()
        var work: [Work] = blocks.reversed().map { .block($0, tight: false) }
        while let next = work.popLast() {
            switch next {
            case .close(let tag):
                out.raw(tag)
            case .closeNewline(let tag):
                out.newlineIfNeeded()
                out.raw(tag)
            case .block(let block, let tight):
                renderBlock(block, tight: tight, into: &out, work: &work)
            case .inline(let inline):
                renderInline(inline, into: &out, work: &work)
            }
        }
        return out.string
    }

    private func renderBlock(_ block: Block, tight: Bool, into out: inout HTMLWriter, work: inout [Work]) {
        switch block.kind {
        case .blockQuote(let children):
            out.newlineIfNeeded()
            out.raw("<blockquote>\n")
            work.append(.closeNewline("</blockquote>\n"))
            work.append(contentsOf: children.reversed().map { .block($0, tight: false) })
        case .list(let style, let items):
            out.newlineIfNeeded()
            switch style.marker {
            case .bullet:
                out.raw("<ul>\n")
                work.append(.close("</ul>\n"))
            case .ordered(let start):
                out.raw(start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n")
                work.append(.close("</ol>\n"))
            }
            for item in items.reversed() {
                work.append(.close("</li>\n"))
                work.append(contentsOf: item.blocks.reversed().map { .block($0, tight: style.isTight) })
                work.append(.closeNewline("<li>"))
            }
        case .heading(let level, let inlines):
            out.newlineIfNeeded()
            out.raw("<h\(level)>")
            work.append(.close(Self.headingClose[min(max(level, 1), 6)]))
            work.append(contentsOf: inlines.reversed().map(Work.inline))
        case .paragraph(let inlines):
            if !tight {
                out.newlineIfNeeded()
                out.raw("<p>")
                work.append(.close("</p>\n"))
            }
            work.append(contentsOf: inlines.reversed().map(Work.inline))
        case .codeBlock(let info, let literal):
            out.newlineIfNeeded()
            let language = info.utf8.prefix { !Self.isSpace($0) }
            if language.isEmpty {
                out.raw("<pre><code>")
            } else {
                out.raw("<pre><code class=\"language-")
                out.text(String(decoding: language, as: UTF8.self))
                out.raw("\">")
            }
            out.text(literal)
            out.raw("</code></pre>\n")
        case .htmlBlock(let literal):
            out.newlineIfNeeded()
            if unsafe { out.raw(literal) } else { out.raw("<!-- raw HTML omitted -->") }
            out.newlineIfNeeded()
        case .thematicBreak:
            out.newlineIfNeeded()
            out.raw("<hr />\n")
        }
    }

    private func renderInline(_ inline: Inline, into out: inout HTMLWriter, work: inout [Work]) {
        switch inline.kind {
        case .text(let s): out.text(s)
        case .softBreak: out.raw("\n")
        case .lineBreak: out.raw("<br />\n")
        case .code(let s):
            out.raw("<code>")
            out.text(s)
            out.raw("</code>")
        case .html(let s):
            if unsafe { out.raw(s) } else { out.raw("<!-- raw HTML omitted -->") }
        case .emphasis(let children):
            out.raw("<em>")
            work.append(.close("</em>"))
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .strong(let children):
            out.raw("<strong>")
            work.append(.close("</strong>"))
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .link(let destination, let title, let children):
            out.raw("<a href=\"")
            if unsafe || !Self.isDangerous(destination) { out.href(destination) }
            if !title.isEmpty {
                out.raw("\" title=\"")
                out.text(title)
            }
            out.raw("\">")
            work.append(.close("</a>"))
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .image(let source, let title, let alt):
            out.raw("<img src=\"")
            if unsafe || !Self.isDangerous(source) { out.href(source) }
            out.raw("\" alt=\"")
            out.text(Self.altText(alt))
            if !title.isEmpty {
                out.raw("\" title=\"")
                out.text(title)
            }
            out.raw("\" />")
        }
    }

    /// cmark's "plain" mode for image descriptions: literals of every descendant, breaks as spaces.
    static func altText(_ inlines: [Inline]) -> String {
        var out = ""
        var stack: [ArraySlice<Inline>] = [inlines[...]]
        while var top = stack.popLast() {
            guard let node = top.popFirst() else { continue }
            stack.append(top)
            switch node.kind {
            case .text(let s), .code(let s), .html(let s): out += s
            case .softBreak, .lineBreak: out += " "
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): stack.append(c[...])
            }
        }
        return out
    }

    /// cmark's `scan_dangerous_url`: script-capable schemes and non-image `data:` URLs.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
        }
        return false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static let headingClose: [StaticString] = ["", "</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n"]
}
