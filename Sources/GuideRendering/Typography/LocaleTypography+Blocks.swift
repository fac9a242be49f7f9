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
        applied(to: blocks) ?? blocks
    }

    /// `inlines` (one paragraph's or heading's) with typography on every text node.
    public func apply(to inlines: [Inline]) -> [Inline] {
        applied(to: inlines) ?? inlines
    }

    /// `apply(to:)`, or `nil` when nothing changes: most blocks hold nothing to change, and then
    /// nothing is copied or rebuilt.
    func applied(to blocks: [Block]) -> [Block]? {
        guard language != .other else { return nil }
        var result: [Block]? = nil
        for index in blocks.indices {
            var changed: Block.Kind? = nil
            switch blocks[index].kind {
            case .paragraph(let inlines):
                if let new = applied(to: inlines) { changed = .paragraph(new) }
            case .heading(let level, let inlines):
                if let new = applied(to: inlines) { changed = .heading(level: level, new) }
            case .blockQuote(let children):
                if let new = applied(to: children) { changed = .blockQuote(new) }
            case .list(let style, let items):
                var newItems: [ListItem]? = nil
                for item in items.indices {
                    if let new = applied(to: items[item].blocks) {
                        if newItems == nil { newItems = items }
                        newItems![item].blocks = new
                    }
                }
                if let newItems { changed = .list(style, items: newItems) }
            case .codeBlock, .htmlBlock, .thematicBreak:
                break
            }
            if let changed {
                if result == nil { result = blocks }
                result![index].kind = changed
            }
        }
        return result
    }

    /// `apply(to:)` on inlines, or `nil` when nothing changes.
    func applied(to inlines: [Inline]) -> [Inline]? {
        guard language != .other, mayChange(inlines) else { return nil }
        var pieces: [Piece] = []
        Self.collect(inlines, into: &pieces)
        // The first character after each piece: of the next piece that has one.
        var following = [Unicode.Scalar?](repeating: nil, count: pieces.count)
        for index in pieces.indices.dropLast().reversed() { following[index] = pieces[index + 1].first ?? following[index + 1] }
        var results: [String] = []
        results.reserveCapacity(pieces.count)
        var open: [OpenQuote] = []
        var previous: Unicode.Scalar? = nil
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text):
                let result = apply(text, previous: previous, next: following[index], open: &open)
                results.append(result)
                previous = result.unicodeScalars.last ?? previous
            case .other(let text):
                previous = text.unicodeScalars.last ?? previous
            }
        }
        var cursor = 0
        return Self.rebuild(inlines, with: results, cursor: &cursor)
    }

    /// Whether a text node among `inlines` (at any depth) holds anything to change.
    func mayChange(_ inlines: [Inline]) -> Bool {
        for inline in inlines {
            switch inline.kind {
            case .text(let s): if mayChange(s) { return true }
            case .emphasis(let children), .strong(let children), .link(_, _, let children):
                if mayChange(children) { return true }
            case .code, .html, .softBreak, .lineBreak, .image: break
            }
        }
        return false
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
