import GuideModel

/// Counts the words of each sentence in text that comes in pieces (a paragraph's text inlines,
/// code spans and breaks), on the UTF-8 bytes, and keeps the sentences longer than a limit.
///
/// A sentence ends at a token whose last character is `.`, `!`, `?` or `…`, or at the end;
/// tokens are split at white space; a word is a token with a letter or digit in it (any
/// non-ASCII character counts as one). Pieces join with nothing between them, so a word can
/// span an emphasis.
struct SentenceCounter {
    /// A sentence of more than `limit` words: its word count and its first words.
    struct Sentence: Sendable, Equatable {
        var words: Int
        var start: String
    }

    /// A place in the pieces fed so far.
    private struct Position: Comparable {
        var piece: Int
        var offset: Int

        static func < (a: Position, b: Position) -> Bool { (a.piece, a.offset) < (b.piece, b.offset) }
    }

    let limit: Int
    private(set) var found: [Sentence] = []
    /// Words of the sentence so far, not counting the token being read.
    private var words = 0
    private var inToken = false
    private var tokenHasLetter = false
    private var tokenEndsSentence = false
    /// The pieces fed so far, and where the previous sentence ended: the current sentence's
    /// first words are looked for from there only when it turns out long.
    private var pieces: [String] = []
    private var sentenceFrom = Position(piece: 0, offset: 0)

    static let startBytes = 60

    init(limit: Int) {
        self.limit = limit
    }

    /// The next piece of text.
    mutating func feed(_ text: String) {
        pieces.append(text)
        let piece = pieces.count - 1
        if text.utf8.withContiguousStorageIfAvailable({ scan($0, piece: piece) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { scan($0, piece: piece) }
        }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, piece: Int) {
        guard let base = bytes.baseAddress else { return }
        // The state in locals for the loop.
        var (words, inToken, tokenHasLetter, tokenEndsSentence) = (self.words, self.inToken, self.tokenHasLetter, self.tokenEndsSentence)
        let count = bytes.count
        Self.classes.withUnsafeBufferPointer { classes in
            var i = 0
            while i < count {
                let b = base[i]
                switch classes[Int(b)] {
                case Self.letter:
                    // A run of letters: nothing in it ends a token or a sentence.
                    i += 1
                    while i < count, classes[Int(base[i])] == Self.letter { i += 1 }
                    inToken = true
                    tokenHasLetter = true
                    tokenEndsSentence = false
                    continue
                case Self.space:
                    // The token read so far is a word or not, and may end the sentence.
                    if inToken {
                        if tokenHasLetter { words += 1 }
                        if tokenEndsSentence {
                            endSentence(words: words, at: Position(piece: piece, offset: i))
                            words = 0
                        }
                        inToken = false
                        tokenHasLetter = false
                        tokenEndsSentence = false
                    }
                case Self.ender:
                    inToken = true
                    tokenEndsSentence = true
                case Self.lastOfEllipsis:
                    // A letter, and the end of `…` (E2 80 A6).
                    inToken = true
                    tokenHasLetter = true
                    tokenEndsSentence = i >= 2 && base[i - 1] == 0x80 && base[i - 2] == 0xE2
                default:
                    inToken = true
                    tokenEndsSentence = false
                }
                i += 1
            }
        }
        (self.words, self.inToken, self.tokenHasLetter, self.tokenEndsSentence) = (words, inToken, tokenHasLetter, tokenEndsSentence)
    }

    /// The end of the text: its last sentence ends. The counter is then ready for another text.
    mutating func finish() -> [Sentence] {
        if inToken, tokenHasLetter { words += 1 }
        endSentence(words: words, at: Position(piece: pieces.count, offset: 0))
        let result = found
        words = 0
        inToken = false
        tokenHasLetter = false
        tokenEndsSentence = false
        found.removeAll()
        pieces.removeAll(keepingCapacity: true)
        sentenceFrom = Position(piece: 0, offset: 0)
        return result
    }

    /// The sentence from `sentenceFrom` to `end` (exclusive) has `words` words.
    private mutating func endSentence(words: Int, at end: Position) {
        if words > limit {
            let text = String(decoding: firstBytes(upTo: end), as: UTF8.self)
            found.append(Sentence(words: words, start: text.split(separator: " ").prefix(6).joined(separator: " ")))
        }
        sentenceFrom = end
    }

    /// Up to `startBytes` bytes of the sentence that ends at `end`, from its first word: the
    /// token with a letter that comes first after `sentenceFrom` (white space and tokens without
    /// a letter before it are not part of the sentence).
    private func firstBytes(upTo end: Position) -> [UInt8] {
        var bytes: [UInt8] = []
        var inFirstWord = false
        var position = sentenceFrom
        while position.piece < pieces.count, position < end {
            let utf8 = Array(pieces[position.piece].utf8)
            let stop = position.piece == end.piece ? end.offset : utf8.count
            while position.offset < stop {
                let b = utf8[position.offset]
                position.offset += 1
                if !inFirstWord {
                    // Looking for the first word: the bytes of the token being read.
                    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                        bytes.removeAll()
                        continue
                    }
                    bytes.append(b)
                    if Self.isLetterByte(b) { inFirstWord = true }
                } else {
                    if bytes.count >= Self.startBytes { return Array(bytes.prefix(Self.startBytes)) }
                    bytes.append(b)
                }
            }
            position = Position(piece: position.piece + 1, offset: 0)
        }
        return Array(bytes.prefix(Self.startBytes))
    }

    /// The kinds of byte, by byte.
    private static let letter: UInt8 = 0, space: UInt8 = 1, ender: UInt8 = 2, lastOfEllipsis: UInt8 = 3, other: UInt8 = 4
    private static let classes: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        let byte = UInt8(b)
        switch byte {
        case 0x20, 0x0A, 0x09, 0x0D: return space
        case 0x2E, 0x21, 0x3F: return ender
        case 0xA6: return lastOfEllipsis
        default: return isLetterByte(byte) ? letter : other
        }
    }

    /// Letters, digits and the bytes of non-ASCII characters.
    @inline(__always)
    static func isLetterByte(_ b: UInt8) -> Bool {
        b >= 0x80 || b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
    }
}
