/// An inline node of a paragraph or heading, as cmark 0.30 produces it.
public struct Inline: Sendable, Hashable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public enum Kind: Sendable, Hashable {
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        /// Raw inline HTML. Kept so that the model is lossless; the safety rules reject it in content.
        case html(String)
        case emphasis([Inline])
        case strong([Inline])
        case link(destination: String, title: String, children: [Inline])
        case image(source: String, title: String, alt: [Inline])
    }

    /// The inline's children, for containers; empty for leaves.
    public var children: [Inline] {
        switch kind {
        case .emphasis(let c), .strong(let c): return c
        case .link(_, _, let c): return c
        case .image(_, _, let c): return c
        case .text, .softBreak, .lineBreak, .code, .html: return []
        }
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, without markup: text and code literals, breaks as spaces, image alt
    /// text. Iterative, so deep nesting cannot exhaust the stack.
    public var plainText: String {
        // Most headings are one text node.
        if count == 1, case .text(let text) = self[0].kind { return text }
        var out = ""
        var stack: [ArraySlice<Inline>] = [self[...]]
        while var top = stack.popLast() {
            guard let node = top.popFirst() else { continue }
            stack.append(top)
            switch node.kind {
            case .text(let s), .code(let s): out += s
            case .softBreak, .lineBreak: out += " "
            case .html: break
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c):
                stack.append(c[...])
            }
        }
        return out
    }
}
