/// What sort of block a block is, for matching a translation's blocks with the source's.
public enum BlockKind: Sendable, Hashable {
    case heading(level: Int)
    case paragraph
    case list
    case code
    case quote
    case thematicBreak
    case html

    public init(_ block: Block) {
        switch block.kind {
        case .heading(let level, _): self = .heading(level: level)
        case .paragraph: self = .paragraph
        case .list: self = .list
        case .codeBlock: self = .code
        case .blockQuote: self = .quote
        case .thematicBreak: self = .thematicBreak
        case .htmlBlock: self = .html
        }
    }

    public var isHeading: Bool {
        if case .heading = self { return true }
        return false
    }
}
