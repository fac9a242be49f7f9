/// A block node of a page, as cmark 0.30 produces it.
public struct Block: Sendable, Hashable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public enum Kind: Sendable, Hashable {
        case paragraph([Inline])
        case heading(level: Int, [Inline])
        case blockQuote([Block])
        case list(ListStyle, items: [ListItem])
        /// `info` is the fence's info string (empty for indented code); `literal` ends with a newline.
        case codeBlock(info: String, literal: String)
        /// A raw HTML block. Kept so that the model is lossless; the safety rules reject it in content.
        case htmlBlock(String)
        case thematicBreak
    }
}

/// How a list is marked and spaced.
public struct ListStyle: Sendable, Hashable {
    public enum Marker: Sendable, Hashable {
        case bullet
        case ordered(start: Int)
    }

    public var marker: Marker
    /// A tight list renders its paragraphs without paragraph breaks.
    public var isTight: Bool

    public init(marker: Marker, isTight: Bool) {
        self.marker = marker
        self.isTight = isTight
    }
}

/// One item of a list.
public struct ListItem: Sendable, Hashable {
    public var blocks: [Block]
    public var location: SourceLocation

    public init(blocks: [Block], at location: SourceLocation) {
        self.blocks = blocks
        self.location = location
    }
}
