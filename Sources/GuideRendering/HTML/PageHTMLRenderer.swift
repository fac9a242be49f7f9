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
    /// For right-to-left text: phone numbers and other digit groups (`0800 1111`, `13–17`) are
    /// isolated left to right in `<bdi dir="ltr">`, and code in `dir="ltr"`, so the bidirectional
    /// algorithm does not reorder their parts.
    public var isolatesNumbers = false

    public init(syntax: Syntax = .html, anchors: [String], resolve: @escaping @Sendable (LinkTarget) -> String?) {
        self.syntax = syntax
        self.anchors = anchors
        self.resolve = resolve
    }

    /// A list of siblings being rendered: what it holds, the next one, and the markup that
    /// closes it (in each output). Children are read in place from the frame, so no node is
    /// copied to a queue.
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
        /// Constant markup: appended without a `String`'s UTF-8 view.
        var close: StaticString
        /// The close in the second output, where it differs (a link that one output drops).
        var otherClose: StaticString

        init(
            _ kind: Kind, blocks: [Block] = [], items: [ListItem] = [], inlines: [Inline] = [], tight: Bool = false, topLevel: Bool = false,
            close: StaticString, otherClose: StaticString? = nil
        ) {
            self.kind = kind
            self.blocks = blocks
            self.items = items
            self.inlines = inlines
            self.tight = tight
            self.topLevel = topLevel
            self.close = close
            self.otherClose = otherClose ?? close
        }
    }

    /// Where a walk writes: this renderer's output and, optionally, a second renderer's. The two
    /// differ only in headings (level, anchor) and link and image targets.
    private struct Sink {
        var out: HTMLWriter
        /// The second renderer and what it wrote.
        var other: (renderer: PageHTMLRenderer, out: HTMLWriter)?

        mutating func raw(_ s: StaticString) {
            out.raw(s)
            other?.out.raw(s)
        }

        mutating func raw(string s: String) {
            out.raw(s)
            other?.out.raw(s)
        }

        /// Escaped once; the second output copies the bytes.
        mutating func text(_ s: String) {
            let start = out.count
            out.text(s)
            other?.out.append(out, from: start)
        }

        /// `s` with each group of digits joined by spaces, hyphens, dashes, dots or slashes
        /// (and a leading `+`) in `<bdi dir="ltr">`.
        mutating func textIsolatingNumbers(_ s: String) {
            let scalars = Array(s.unicodeScalars)
            func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }
            func isJoiner(_ c: Unicode.Scalar) -> Bool { " -\u{2013}\u{2011}./\u{00A0}".unicodeScalars.contains(c) }
            var plainStart = 0
            var i = 0
            while i < scalars.count {
                guard isDigit(scalars[i]) || (scalars[i] == "+" && i + 1 < scalars.count && isDigit(scalars[i + 1])) else {
                    i += 1
                    continue
                }
                // The longest run of digits and joiners that ends in a digit.
                var end = i + 1
                var last = isDigit(scalars[i]) ? i : i + 1
                var groups = 1
                var j = i + 1
                while j < scalars.count, isDigit(scalars[j]) || isJoiner(scalars[j]) {
                    if isDigit(scalars[j]) {
                        if !isDigit(scalars[j - 1]), j - 1 > i { groups += 1 }
                        last = j
                    }
                    j += 1
                }
                end = last + 1
                if groups > 1 || scalars[i] == "+" {
                    text(String(String.UnicodeScalarView(scalars[plainStart..<i])))
                    raw("<bdi dir=\"ltr\">")
                    text(String(String.UnicodeScalarView(scalars[i..<end])))
                    raw("</bdi>")
                    plainStart = end
                }
                i = end
            }
            text(String(String.UnicodeScalarView(scalars[plainStart...])))
        }
    }

    public func render(_ blocks: [Block]) -> String {
        var out = HTMLWriter(capacity: 8192)
        render(blocks, into: &out)
        return out.string
    }

    public func render(_ blocks: [Block], into out: inout HTMLWriter) {
        var sink = Sink(out: out, other: nil)
        out = HTMLWriter(capacity: 0)
        walk(blocks, into: &sink)
        out = sink.out
    }

    /// `blocks` rendered by this renderer into `out` and by `second` into `otherOut`, in one
    /// walk: what a page and its section of a larger document share is read once.
    public func render(_ blocks: [Block], into out: inout HTMLWriter, and second: PageHTMLRenderer, into otherOut: inout HTMLWriter) {
        var sink = Sink(out: out, other: (second, otherOut))
        out = HTMLWriter(capacity: 0)
        otherOut = HTMLWriter(capacity: 0)
        walk(blocks, into: &sink)
        out = sink.out
        otherOut = sink.other!.out
    }

    private func walk(_ blocks: [Block], into sink: inout Sink) {
        var stack = [Frame(.blocks, blocks: blocks, topLevel: true, close: "")]
        var headingIndex = 0
        while let top = stack.indices.last {
            let next = stack[top].next
            switch stack[top].kind {
            case .blocks:
                guard next < stack[top].blocks.count else {
                    close(stack.removeLast(), into: &sink)
                    continue
                }
                stack[top].next = next + 1
                renderBlock(
                    stack[top].blocks[next], tight: stack[top].tight, topLevel: stack[top].topLevel, headingIndex: &headingIndex, into: &sink,
                    stack: &stack)
            case .items:
                guard next < stack[top].items.count else {
                    close(stack.removeLast(), into: &sink)
                    continue
                }
                stack[top].next = next + 1
                sink.raw("<li>")
                stack.append(Frame(.blocks, blocks: stack[top].items[next].blocks, tight: stack[top].tight, close: "</li>\n"))
            case .inlines:
                guard next < stack[top].inlines.count else {
                    close(stack.removeLast(), into: &sink)
                    continue
                }
                stack[top].next = next + 1
                renderInline(stack[top].inlines[next], into: &sink, stack: &stack)
            }
        }
    }

    private func close(_ frame: Frame, into sink: inout Sink) {
        sink.out.raw(frame.close)
        sink.other?.out.raw(frame.otherClose)
    }

    private static let headingTags: [(open: StaticString, close: StaticString)] = [
        ("<h1", "</h1>\n"), ("<h2", "</h2>\n"), ("<h3", "</h3>\n"), ("<h4", "</h4>\n"), ("<h5", "</h5>\n"), ("<h6", "</h6>\n"),
    ]

    /// A heading's opening tag (with its anchor when it is a top-level heading) in `out`; its
    /// closing tag.
    private func openHeading(level: Int, anchor: Int?, into out: inout HTMLWriter) -> StaticString {
        let tag = Self.headingTags[min(max(level + headingOffset, 1), 6) - 1]
        out.raw(tag.open)
        if let anchor, anchor < anchors.count {
            out.raw(" id=\"")
            out.text(anchors[anchor])
            out.raw("\"")
        }
        out.raw(">")
        return tag.close
    }

    private func renderBlock(_ block: Block, tight: Bool, topLevel: Bool, headingIndex: inout Int, into sink: inout Sink, stack: inout [Frame]) {
        switch block.kind {
        case .heading(let level, let inlines):
            let anchor = topLevel ? headingIndex : nil
            if topLevel, headingIndex < anchors.count { headingIndex += 1 }
            let close = openHeading(level: level, anchor: anchor, into: &sink.out)
            var otherClose = close
            if let second = sink.other?.renderer { otherClose = second.openHeading(level: level, anchor: anchor, into: &sink.other!.out) }
            stack.append(Frame(.inlines, inlines: inlines, close: close, otherClose: otherClose))
        case .paragraph(let inlines):
            if !tight { sink.raw("<p>") }
            stack.append(Frame(.inlines, inlines: inlines, close: tight ? "" : "</p>\n"))
        case .blockQuote(let children):
            sink.raw("<blockquote>\n")
            stack.append(Frame(.blocks, blocks: children, close: "</blockquote>\n"))
        case .list(let style, let items):
            let close: StaticString
            switch style.marker {
            case .bullet:
                sink.raw("<ul>\n")
                close = "</ul>\n"
            case .ordered(let start):
                if start == 1 { sink.raw("<ol>\n") } else { sink.raw(string: "<ol start=\"\(start)\">\n") }
                close = "</ol>\n"
            }
            stack.append(Frame(.items, items: items, tight: style.isTight, close: close))
        case .codeBlock(_, let literal):
            sink.raw(isolatesNumbers ? StaticString("<pre dir=\"ltr\"><code>") : StaticString("<pre><code>"))
            sink.text(literal)
            sink.raw("</code></pre>\n")
        case .htmlBlock(let literal):
            sink.raw("<pre class=\"rejected-html\"><code>")
            sink.text(literal)
            sink.raw("</code></pre>\n")
        case .thematicBreak:
            sink.raw(syntax == .xhtml ? StaticString("<hr/>\n") : StaticString("<hr>\n"))
        }
    }

    private func renderInline(_ inline: Inline, into sink: inout Sink, stack: inout [Frame]) {
        switch inline.kind {
        case .text(let s):
            if isolatesNumbers { sink.textIsolatingNumbers(s) } else { sink.text(s) }
        case .softBreak: sink.raw("\n")
        case .lineBreak: sink.raw(syntax == .xhtml ? StaticString("<br/>\n") : StaticString("<br>\n"))
        case .code(let s), .html(let s):
            sink.raw(isolatesNumbers ? StaticString("<code dir=\"ltr\">") : StaticString("<code>"))
            sink.text(s)
            sink.raw("</code>")
        case .emphasis(let children):
            sink.raw("<em>")
            stack.append(Frame(.inlines, inlines: children, close: "</em>"))
        case .strong(let children):
            sink.raw("<strong>")
            stack.append(Frame(.inlines, inlines: children, close: "</strong>"))
        case .link(let destination, let title, let children):
            let target = LinkTarget(destination)
            let close = openLink(target, title: title, into: &sink.out)
            var otherClose = close
            if let second = sink.other?.renderer { otherClose = second.openLink(target, title: title, into: &sink.other!.out) }
            stack.append(Frame(.inlines, inlines: children, close: close, otherClose: otherClose))
        case .image(let source, let title, let alt):
            let target = LinkTarget(source)
            let altText = alt.plainText
            image(target, title: title, alt: altText, into: &sink.out)
            if let second = sink.other?.renderer { second.image(target, title: title, alt: altText, into: &sink.other!.out) }
        }
    }

    /// A link's opening tag in `out`, and its closing tag; nothing when this output drops the link.
    private func openLink(_ target: LinkTarget, title: String, into out: inout HTMLWriter) -> StaticString {
        guard let href = resolve(target) else { return "" }
        out.raw("<a href=\"")
        out.href(href)
        out.raw("\"")
        if !title.isEmpty {
            out.raw(" title=\"")
            out.text(title)
            out.raw("\"")
        }
        if case .external = target { out.raw(" class=\"external\"") }
        out.raw(">")
        return "</a>"
    }

    /// An image, or its alt text when this output drops it.
    private func image(_ target: LinkTarget, title: String, alt: String, into out: inout HTMLWriter) {
        guard let src = resolve(target) else {
            out.text(alt)
            return
        }
        out.raw("<img src=\"")
        out.href(src)
        out.raw("\" alt=\"")
        out.text(alt)
        out.raw("\"")
        if !title.isEmpty {
            out.raw(" title=\"")
            out.text(title)
            out.raw("\"")
        }
        out.raw(syntax == .xhtml ? "/>" : ">")
    }
}
