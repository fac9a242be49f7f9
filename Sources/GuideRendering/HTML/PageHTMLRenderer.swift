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

    /// A list of siblings being rendered: what it holds, the next one, and the markup that
    /// closes it. Children are read in place from the frame, so no node is copied to a queue.
    private struct Frame {
        enum Kind { case blocks, items, inlines }
        var kind: Kind
        var blocks: [Block] = []
        var items: [ListItem] = []
        var inlines: [Inline] = []
        var next = 0
        /// Blocks of a tight list item: paragraphs without `<p>`.
        var tight = false
        /// The page's own top-level blocks, whose headings take the anchors.
        var topLevel = false
        var close: String
    }

    public func render(_ blocks: [Block]) -> String {
        var out = HTMLWriter(capacity: 8192)
        render(blocks, into: &out)
        return out.string
    }

    public func render(_ blocks: [Block], into out: inout HTMLWriter) {
        var stack = [Frame(kind: .blocks, blocks: blocks, topLevel: true, close: "")]
        var headingIndex = 0
        while let top = stack.indices.last {
            let next = stack[top].next
            switch stack[top].kind {
            case .blocks:
                guard next < stack[top].blocks.count else {
                    out.raw(stack.removeLast().close)
                    continue
                }
                stack[top].next = next + 1
                renderBlock(
                    stack[top].blocks[next], tight: stack[top].tight, topLevel: stack[top].topLevel, headingIndex: &headingIndex, into: &out, stack: &stack)
            case .items:
                guard next < stack[top].items.count else {
                    out.raw(stack.removeLast().close)
                    continue
                }
                stack[top].next = next + 1
                out.raw("<li>")
                stack.append(Frame(kind: .blocks, blocks: stack[top].items[next].blocks, tight: stack[top].tight, close: "</li>\n"))
            case .inlines:
                guard next < stack[top].inlines.count else {
                    out.raw(stack.removeLast().close)
                    continue
                }
                stack[top].next = next + 1
                renderInline(stack[top].inlines[next], into: &out, stack: &stack)
            }
        }
    }

    private static let headingTags: [(open: String, close: String)] = (1...6).map { ("<h\($0)", "</h\($0)>\n") }

    private func renderBlock(_ block: Block, tight: Bool, topLevel: Bool, headingIndex: inout Int, into out: inout HTMLWriter, stack: inout [Frame]) {
        switch block.kind {
        case .heading(let level, let inlines):
            let tag = Self.headingTags[min(max(level + headingOffset, 1), 6) - 1]
            out.raw(tag.open)
            if topLevel, headingIndex < anchors.count {
                out.raw(" id=\"")
                out.text(anchors[headingIndex])
                out.raw("\"")
                headingIndex += 1
            }
            out.raw(">")
            stack.append(Frame(kind: .inlines, inlines: inlines, close: tag.close))
        case .paragraph(let inlines):
            if !tight { out.raw("<p>") }
            stack.append(Frame(kind: .inlines, inlines: inlines, close: tight ? "" : "</p>\n"))
        case .blockQuote(let children):
            out.raw("<blockquote>\n")
            stack.append(Frame(kind: .blocks, blocks: children, close: "</blockquote>\n"))
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
            stack.append(Frame(kind: .items, items: items, tight: style.isTight, close: close))
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

    private func renderInline(_ inline: Inline, into out: inout HTMLWriter, stack: inout [Frame]) {
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
            stack.append(Frame(kind: .inlines, inlines: children, close: "</em>"))
        case .strong(let children):
            out.raw("<strong>")
            stack.append(Frame(kind: .inlines, inlines: children, close: "</strong>"))
        case .link(let destination, let title, let children):
            let target = LinkTarget(destination)
            guard let href = resolve(target) else {
                stack.append(Frame(kind: .inlines, inlines: children, close: ""))
                return
            }
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
            stack.append(Frame(kind: .inlines, inlines: children, close: "</a>"))
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
