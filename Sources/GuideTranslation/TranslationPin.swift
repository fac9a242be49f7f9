import GuideModel

/// The source-locale version a translated page was made from: one entry per top-level block.
public struct TranslationPin: Sendable, Equatable {
    /// The page id, the same in every locale.
    public var pageID: String
    public var blocks: [PinnedBlock]
    /// Where the pin is written in its lock file, for diagnostics.
    public var location: SourceLocation

    public init(pageID: String, blocks: [PinnedBlock], location: SourceLocation = SourceLocation(file: "")) {
        self.pageID = pageID
        self.blocks = blocks
        self.location = location
    }

    /// A pin of `blocks` as they are now.
    public init(pageID: String, current blocks: [SourceBlock]) {
        self.init(pageID: pageID, blocks: blocks.map { PinnedBlock(hash: $0.hash, text: $0.text) })
    }

    public var hashes: [String] { blocks.map(\.hash) }

    /// Whether the pin is exactly the page's current blocks.
    public func matches(_ current: [SourceBlock]) -> Bool {
        hashes == current.map(\.hash)
    }

    public static func == (a: TranslationPin, b: TranslationPin) -> Bool {
        a.pageID == b.pageID && a.hashes == b.hashes
    }
}

/// One pinned block: its hash and its source text, so `diff` needs no history.
public struct PinnedBlock: Sendable, Equatable {
    public var hash: String
    public var text: String
    public var location: SourceLocation

    public init(hash: String, text: String, location: SourceLocation = SourceLocation(file: "")) {
        self.hash = hash
        self.text = text
        self.location = location
    }

    public static func == (a: PinnedBlock, b: PinnedBlock) -> Bool { a.hash == b.hash && a.text == b.text }
}
