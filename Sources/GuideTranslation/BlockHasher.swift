import Crypto
import GuideModel
import GuideParsing

/// One top-level block of a page as written: its Markdown source and the hash pins compare.
public struct SourceBlock: Sendable, Equatable {
    /// The block's source lines, exactly as in the file, without trailing blank lines.
    public var text: String
    /// SHA-256 of `text` in UTF-8, lower-case hex.
    public var hash: String
    /// The block's first line in its file (1-based), 0 for a block known only from a pin.
    public var line: Int
    public var kind: BlockKind

    public init(text: String, line: Int = 0, kind: BlockKind) {
        self.text = text
        self.hash = BlockHasher.hash(text)
        self.line = line
        self.kind = kind
    }
}

/// Cuts a page's Markdown into top-level blocks and hashes each one.
///
/// A block's canonical text is its source slice: the lines cmark says it spans, unchanged. So a
/// reworded sentence, a fixed link or a new list item changes the hash of exactly that block,
/// and the pinned text is what the translator sees in `diff`.
public enum BlockHasher {
    public static func hash(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The blocks of a page file's text (front matter included, LF line endings).
    public static func blocks(ofPage text: String, file: String) -> Result<[SourceBlock], Diagnostic> {
        switch FrontMatter.split(text, file: file) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let split): return .success(blocks(ofMarkdown: split.body, file: file))
        }
    }

    /// The hashes of a page file's top-level blocks, in order: what `blocks(ofPage:file:)` gives,
    /// without the parse that finds each block's kind.
    public static func hashes(ofPage text: String, file: String) -> Result<[String], Diagnostic> {
        FrontMatter.split(text, file: file).map { split in
            let lines = sourceLines(split.body)
            return MarkdownParser.topLevelLineRanges(split.body).map { hash(sliceText(lines, $0)) }
        }
    }

    /// The blocks of Markdown `body` whose line 1 is the file's line 1.
    public static func blocks(ofMarkdown body: String, file: String) -> [SourceBlock] {
        let lines = sourceLines(body)
        let ranges = MarkdownParser.topLevelLineRanges(body)
        let parsed = MarkdownParser.parse(body, file: file).blocks
        return ranges.enumerated().map { index, range in
            let text = sliceText(lines, range)
            let blockKind = index < parsed.count && ranges.count == parsed.count ? BlockKind(parsed[index]) : kind(of: text)
            return SourceBlock(text: text, line: range.lowerBound, kind: blockKind)
        }
    }

    /// Split on the UTF-8 bytes: splitting Characters costs a grapheme walk over the page.
    private static func sourceLines(_ body: String) -> [Substring] {
        body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The source lines of `range`, without trailing blank lines.
    private static func sliceText(_ lines: [Substring], _ range: ClosedRange<Int>) -> String {
        let upper = min(range.upperBound, lines.count)
        var slice = range.lowerBound <= upper ? Array(lines[(range.lowerBound - 1)..<upper]) : []
        while let last = slice.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), slice.count > 1 {
            slice.removeLast()
        }
        return slice.joined(separator: "\n")
    }

    /// The kind of a block known only by its text, such as a pinned block.
    public static func kind(of text: String) -> BlockKind {
        MarkdownParser.parse(text, file: "block").blocks.first.map(BlockKind.init) ?? .paragraph
    }
}
