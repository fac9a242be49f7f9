/// What a top-level block carries that a translation of it must carry too: its list items,
/// links, numbers and emphasis, and its length. Small enough to keep in a page's outline, so a
/// translation can be compared with a source page whose body was dropped.
public struct BlockProfile: Sendable, Hashable {
    public var kind: BlockKind
    public var location: SourceLocation
    /// List items at every depth.
    public var listItems: Int
    /// Link destinations, in order.
    public var links: [String]
    /// The distinct runs of ASCII digits in the block's text and code (ages, hours, phone
    /// numbers, article numbers), sorted.
    public var numbers: [String]
    /// Strong (bold) and emphasis (italic) spans.
    public var strong: Int
    public var emphasis: Int
    /// Words of the block's text without markup.
    public var words: Int
    /// The block's first words, to name it in a message.
    public var start: String

    /// The profile of each of `blocks`.
    public static func profiles(of blocks: [Block]) -> [BlockProfile] {
        blocks.map(BlockProfile.init)
    }

    public init(_ block: Block) {
        kind = BlockKind(block)
        location = block.location
        var items = 0
        var links: [String] = []
        var numbers = Set<String>()
        var strong = 0
        var emphasis = 0
        var text = ""
        [block].walk(
            block: { inner in
                switch inner.kind {
                case .list(_, let listItems): items += listItems.count
                case .codeBlock(_, let literal):
                    numbers.formUnion(Self.digitRuns(literal))
                    text += " " + literal
                case .paragraph, .heading, .blockQuote, .htmlBlock, .thematicBreak: text += " "
                }
            },
            inline: { inline in
                switch inline.kind {
                case .text(let s), .code(let s):
                    numbers.formUnion(Self.digitRuns(s))
                    text += s
                case .softBreak, .lineBreak: text += " "
                case .link(let destination, _, _): links.append(destination)
                case .strong: strong += 1
                case .emphasis: emphasis += 1
                case .image, .html: break
                }
            })
        listItems = items
        self.links = links
        self.numbers = numbers.sorted()
        self.strong = strong
        self.emphasis = emphasis
        let allWords = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        words = allWords.count
        start = allWords.prefix(6).joined(separator: " ") + (allWords.count > 6 ? "…" : "")
    }

    /// The runs of ASCII digits in `text`, in order: "1-800-668-6868" → 1, 800, 668, 6868.
    public static func digitRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if byte &- 0x30 < 10 {
                current.append(byte)
            } else if !current.isEmpty {
                runs.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { runs.append(String(decoding: current, as: UTF8.self)) }
        return runs
    }
}

extension Page {
    /// The profile of each top-level block: from the outline when the body was dropped; nil for
    /// an outline made before the body was parsed.
    public var blockProfiles: [BlockProfile]? {
        if let outline { return outline.profiles }
        return BlockProfile.profiles(of: blocks)
    }
}
