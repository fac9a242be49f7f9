import GuideModel

extension LocaleTypography {
    /// `blocks` with typography on every text node of their paragraphs and headings, inside
    /// lists and block quotes too. Code, raw HTML, link destinations and titles, and image
    /// descriptions (an attribute in HTML) are left as they are.
    ///
    /// The text nodes of one paragraph or heading are treated as one run of text: each sees
    /// the characters around it across emphasis, links and code, and a quote opened before a
    /// link closes after it.
    public func apply(to blocks: [Block]) -> [Block] {
        guard language != .other else { return blocks }
        return blocks.map { block in
            var block = block
            switch block.kind {
            case .paragraph(let inlines): block.kind = .paragraph(apply(to: inlines))
            case .heading(let level, let inlines): block.kind = .heading(level: level, apply(to: inlines))
            case .blockQuote(let children): block.kind = .blockQuote(apply(to: children))
            case .list(let style, let items):
                block.kind = .list(
                    style,
                    items: items.map { item in
                        var item = item
                        item.blocks = apply(to: item.blocks)
                        return item
                    })
            case .codeBlock, .htmlBlock, .thematicBreak: break
            }
            return block
        }
    }

    /// `inlines` (one paragraph's or heading's) with typography on every text node.
    public func apply(to inlines: [Inline]) -> [Inline] {
        guard language != .other else { return inlines }
        var pieces: [Piece] = []
        Self.collect(inlines, into: &pieces)
        // Most paragraphs hold nothing to change: leave them as they are, without a rebuild.
        guard pieces.contains(where: { if case .text(let s) = $0 { return mayChange(s) } else { return false } }) else { return inlines }
        var results: [String] = []
        var open: [OpenQuote] = []
        var previous: Unicode.Scalar? = nil
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text):
                let next = pieces[(index + 1)...].lazy.compactMap(\.first).first
                let result = apply(text, previous: previous, next: next, open: &open)
                results.append(result)
                previous = result.unicodeScalars.last ?? previous
            case .other(let text):
                previous = text.unicodeScalars.last ?? previous
            }
        }
        var cursor = 0
        return Self.rebuild(inlines, with: results, cursor: &cursor)
    }

    /// What the text of a paragraph is made of, in reading order: text nodes to change, and
    /// the rest, which only gives context.
    enum Piece {
        case text(String)
        case other(String)

        var first: Unicode.Scalar? {
            switch self {
            case .text(let s), .other(let s): return s.unicodeScalars.first
            }
        }
    }

    static func collect(_ inlines: [Inline], into pieces: inout [Piece]) {
        for inline in inlines {
            switch inline.kind {
            case .text(let s): pieces.append(.text(s))
            case .code(let s), .html(let s): pieces.append(.other(s))
            case .softBreak, .lineBreak: pieces.append(.other(" "))
            case .image: pieces.append(.other("\u{FFFC}"))
            case .emphasis(let children), .strong(let children), .link(_, _, let children):
                collect(children, into: &pieces)
            }
        }
    }

    static func rebuild(_ inlines: [Inline], with results: [String], cursor: inout Int) -> [Inline] {
        inlines.map { inline in
            var inline = inline
            switch inline.kind {
            case .text:
                inline.kind = .text(results[cursor])
                cursor += 1
            case .emphasis(let children): inline.kind = .emphasis(rebuild(children, with: results, cursor: &cursor))
            case .strong(let children): inline.kind = .strong(rebuild(children, with: results, cursor: &cursor))
            case .link(let destination, let title, let children):
                inline.kind = .link(destination: destination, title: title, children: rebuild(children, with: results, cursor: &cursor))
            case .code, .html, .softBreak, .lineBreak, .image: break
            }
            return inline
        }
    }
}
