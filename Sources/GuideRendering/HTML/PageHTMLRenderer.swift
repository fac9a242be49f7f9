import GuideModel

/// Renders a page's blocks as the body of a guide page, in HTML or XHTML.
///
/// Unlike `CommonMarkHTMLRenderer` this is the reader-facing renderer: top-level headings carry
/// the guide's stable anchors, links are rewritten for the output format, raw HTML is shown as
/// text (the checks reject it before a build publishes). Typography is applied to the model
/// before rendering (`Guide.typeset`). Iterative, like every walk over the model.
public struct PageHTMLRenderer: Sendable {
    public enum Syntax: Sendable {
        case html
        /// Void elements self-closed; only the five predefined XML entities.
        case xhtml
    }

    public var syntax: Syntax
    /// Anchors of the page's top-level headings, in order (`HeadingAnchors.anchors`).
    public var anchors: [String]
    /// Where a link or image destination goes in this output; `nil` drops the link, keeps its text.
    public var resolve: @Sendable (LinkTarget) -> String?
    /// Added to every heading level (1 when pages are sections of a larger document).
    public var headingOffset: Int = 0

    public init(syntax: Syntax = .html, anchors: [String], resolve: @escaping @Sendable (LinkTarget) -> String?) {
        self.syntax = syntax
        self.anchors = anchors
        self.resolve = resolve
    }

    private enum Work {
        case block(Block, tight: Bool, topLevel: Bool)
        case inline(Inline)
        case close(String)
    }

    public func render(_ blocks: [Block]) -> String {
        var out = HTMLWriter(capacity: 8192)
        render(blocks, into: &out)
        return out.string
    }

    public func render(_ blocks: [Block], into out: inout HTMLWriter) {
        var work: [Work] = blocks.reversed().map { .block($0, tight: false, topLevel: true) }
        var headingIndex = 0
        while let next = work.popLast() {
            switch next {
            case .close(let markup):
                out.raw(markup)
            case .inline(let inline):
                renderInline(inline, into: &out, work: &work)
            case .block(let block, let tight, let topLevel):
                switch block.kind {
                case .heading(let level, let inlines):
                    let h = min(max(level + headingOffset, 1), 6)
                    if topLevel, headingIndex < anchors.count {
                        out.raw("<h\(h) id=\"")
                        out.text(anchors[headingIndex])
                        out.raw("\">")
                        headingIndex += 1
                    } else {
                        out.raw("<h\(h)>")
                    }
                    work.append(.close("</h\(h)>\n"))
                    work.append(contentsOf: inlines.reversed().map(Work.inline))
                case .paragraph(let inlines):
                    if !tight { out.raw("<p>") }
                    work.append(.close(tight ? "" : "</p>\n"))
                    work.append(contentsOf: inlines.reversed().map(Work.inline))
                case .blockQuote(let children):
                    out.raw("<blockquote>\n")
                    work.append(.close("</blockquote>\n"))
                    work.append(contentsOf: children.reversed().map { .block($0, tight: false, topLevel: false) })
                case .list(let style, let items):
                    let close: String
                    switch style.marker {
                    case .bullet:
                        out.raw("<ul>\n")
                        close = "</ul>\n"
                    case .ordered(let start):
                        out.raw(start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n")
                        close = "</ol>\n"
                    }
                    work.append(.close(close))
                    for item in items.reversed() {
                        work.append(.close("</li>\n"))
                        work.append(contentsOf: item.blocks.reversed().map { .block($0, tight: style.isTight, topLevel: false) })
                        work.append(.close("<li>"))
                    }
                case .codeBlock(_, let literal):
                    out.raw("<pre><code>")
                    out.text(literal)
                    out.raw("</code></pre>\n")
                case .htmlBlock(let literal):
                    out.raw("<pre class=\"rejected-html\"><code>")
                    out.text(literal)
                    out.raw("</code></pre>\n")
                case .thematicBreak:
                    out.raw(syntax == .xhtml ? "<hr/>\n" : "<hr>\n")
                }
            }
        }
    }

    private func renderInline(_ inline: Inline, into out: inout HTMLWriter, work: inout [Work]) {
        switch inline.kind {
        case .text(let s): text(s, into: &out)
        case .softBreak: out.raw("\n")
        case .lineBreak: out.raw(syntax == .xhtml ? "<br/>\n" : "<br>\n")
        case .code(let s):
            out.raw("<code>")
            text(s, into: &out)
            out.raw("</code>")
        case .html(let s):
            out.raw("<code>")
            text(s, into: &out)
            out.raw("</code>")
        case .emphasis(let children):
            out.raw("<em>")
            work.append(.close("</em>"))
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .strong(let children):
            out.raw("<strong>")
            work.append(.close("</strong>"))
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .link(let destination, let title, let children):
            let target = LinkTarget(destination)
            if let href = resolve(target) {
                out.raw("<a href=\"")
                out.href(href)
                out.raw("\"")
                if !title.isEmpty {
                    out.raw(" title=\"")
                    text(title, into: &out)
                    out.raw("\"")
                }
                if case .external = target { out.raw(" class=\"external\"") }
                out.raw(">")
                work.append(.close("</a>"))
            }
            work.append(contentsOf: children.reversed().map(Work.inline))
        case .image(let source, let title, let alt):
            guard let src = resolve(LinkTarget(source)) else {
                text(alt.plainText, into: &out)
                return
            }
            out.raw("<img src=\"")
            out.href(src)
            out.raw("\" alt=\"")
            text(alt.plainText, into: &out)
            out.raw("\"")
            if !title.isEmpty {
                out.raw(" title=\"")
                text(title, into: &out)
                out.raw("\"")
            }
            out.raw(syntax == .xhtml ? "/>" : ">")
        }
    }

    /// Escaped text: only `& < > "` become references (all predefined in XML), everything else
    /// stays literal UTF-8, so XHTML needs no named entities.
    private func text(_ s: String, into out: inout HTMLWriter) {
        out.text(s)
    }
}
