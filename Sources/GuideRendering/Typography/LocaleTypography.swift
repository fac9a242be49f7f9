import GuideModel

/// Typographic punctuation for one locale, applied to the text of one text node.
///
/// Straight quotes become the locale's quotation marks, chosen as opening or closing from the
/// neighbouring characters and nested by depth; apostrophes become ’; `...` becomes …; `--`
/// and `---` become dashes and a spaced hyphen becomes the locale's spaced dash. French gets a
/// no-break space (U+00A0) before `:` and inside « », and a narrow no-break space (U+202F)
/// before `;`, `!` and `?`.
///
/// | locale | quotes, nested         | spaced dash        |
/// |--------|------------------------|--------------------|
/// | en     | “…” and ‘…’ as typed   | ` – `              |
/// | es     | «…“…‘…’…”…»            | ` — `              |
/// | fr     | « … » then “…”         | ` – `              |
/// | ru     | «…„…“…»                | `\u{A0}— `         |
///
/// Call it on text nodes only, never on code, URLs or attributes. Inside a text, words that
/// look like addresses (`https://…`, `www.…`, `name@host`, `mailto:`, `tel:`) are left as
/// they are, and so are times (`14:30`). Other locales are returned unchanged. Applying it twice
/// gives the same text as applying it once.
public struct LocaleTypography: Sendable {
    enum Language: Sendable {
        case english, spanish, french, russian, other
    }

    struct Pair: Sendable, Equatable {
        var open: Unicode.Scalar
        var close: Unicode.Scalar
    }

    let language: Language

    public init(locale: String) {
        switch locale.split(separator: "-").first.map({ $0.lowercased() }) {
        case "en": language = .english
        case "es": language = .spanish
        case "fr": language = .french
        case "ru": language = .russian
        default: language = .other
        }
    }

    public static let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    public static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"

    /// `text` with the locale's typography.
    public func apply(_ text: String) -> String {
        apply(text, previous: nil, next: nil)
    }

    /// `text` with the locale's typography, given the characters just before and after the
    /// node in its paragraph (the last character of the previous inline's text, the first of
    /// the next), so that a quote beside emphasis or a link opens or closes correctly. `nil`
    /// means the start or end of the block.
    public func apply(_ text: String, previous: Unicode.Scalar?, next: Unicode.Scalar?) -> String {
        var open: [OpenQuote] = []
        return apply(text, previous: previous, next: next, open: &open)
    }

    /// One text node of a sequence: `open` carries the quotes still open from the node before.
    func apply(_ text: String, previous: Unicode.Scalar?, next: Unicode.Scalar?, open: inout [OpenQuote]) -> String {
        guard language != .other, !text.isEmpty, mayChange(text) else { return text }
        return walk(text, previous: previous, next: next, open: &open)
    }

    /// The walk itself, without the pre-filter.
    func walk(_ text: String, previous: Unicode.Scalar?, next: Unicode.Scalar?, open: inout [OpenQuote]) -> String {
        var text = text
        let bytes = text.withUTF8 { input in
            var state = State(typography: self, input: input, previous: previous, next: next, open: open)
            state.run()
            open = state.open
            return state.out
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` holds anything the rules below act on, checked on its UTF-8 bytes: most
    /// text nodes hold none, and the walk is what a build spends its time on.
    func mayChange(_ text: String) -> Bool {
        // A string without contiguous UTF-8 (never one from the parser) goes to the walk.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            Self.byteKinds.withUnsafeBufferPointer { mayChange(bytes, kinds: $0) }
        } ?? true
    }

    private func mayChange(_ utf8: UnsafeBufferPointer<UInt8>, kinds: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let bytes = utf8.baseAddress else { return false }
        let count = utf8.count
        var i = 0
        while i < count {
            let end = min(i + 8, count)
            // Eight bytes at a time: a chunk with none of the bytes a change starts with (the
            // lead bytes of « » — included), and not right after a lead byte, is skipped whole.
            if end == i + 8 {
                var found = kinds[Int(bytes[i])] | kinds[Int(bytes[i + 1])] | kinds[Int(bytes[i + 2])] | kinds[Int(bytes[i + 3])]
                found |= kinds[Int(bytes[i + 4])] | kinds[Int(bytes[i + 5])] | kinds[Int(bytes[i + 6])] | kinds[Int(bytes[i + 7])]
                let afterLead = (i >= 1 && (bytes[i - 1] == 0xC2 || bytes[i - 1] == 0xE2)) || (i >= 2 && bytes[i - 2] == 0xE2)
                if found & Self.inChunk == 0, !afterLead {
                    i = end
                    continue
                }
            }
            while i < end {
                let byte = bytes[i]
                // Letters, digits, spaces and most punctuation cannot start a change.
                if kinds[Int(byte)] & Self.significant != 0 {
                    let previous = i > 0 ? bytes[i - 1] : 0x20
                    switch byte {
                    case 0x22, 0x27: return true  // " '
                    case 0x2E:  // ...
                        if i + 2 < count, bytes[i + 1] == 0x2E, bytes[i + 2] == 0x2E { return true }
                    case 0x2D:  // -- and spaced hyphens
                        if previous == 0x2D || previous == 0x20 || (i + 1 < count && bytes[i + 1] == 0x20) { return true }
                    case 0x3A, 0x3B, 0x21, 0x3F:  // : ; ! ?
                        if language == .french { return true }
                    case 0xAB, 0xBB:  // second bytes of « and »
                        if previous == 0xC2 { return true }
                    case 0x94:  // last byte of — (E2 80 94)
                        if previous == 0x80, language == .russian { return true }
                    default:
                        break
                    }
                }
                i += 1
            }
        }
        return false
    }

    /// Per byte, whether `mayChange` looks at it one by one (`significant`) and whether it makes
    /// `mayChange` look at its chunk of eight (`inChunk`): the ASCII ones, and the lead bytes of
    /// « and » (C2) and of — (E2) instead of their later bytes, which are common inside Cyrillic
    /// letters.
    private static let byteKinds: [UInt8] = zip(
        table([0x22, 0x27, 0x2E, 0x2D, 0x3A, 0x3B, 0x21, 0x3F, 0xAB, 0xBB, 0x94]), table([0x22, 0x27, 0x2E, 0x2D, 0x3A, 0x3B, 0x21, 0x3F, 0xC2, 0xE2])
    ).map { $0 * significant | $1 * inChunk }
    private static let significant: UInt8 = 1
    private static let inChunk: UInt8 = 2
    /// The bytes the walk stops at, per language: the rest is copied as it is.
    private static let triggers: [UInt8] = table([0x22, 0x27, 0x2E, 0x2D, 0xC2])
    private static let frenchTriggers: [UInt8] = table([0x22, 0x27, 0x2E, 0x2D, 0xC2, 0x3A, 0x3B, 0x21, 0x3F])
    private static let russianTriggers: [UInt8] = table([0x22, 0x27, 0x2E, 0x2D, 0xC2, 0xE2])

    private static func table(_ bytes: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in bytes { table[Int(byte)] = 1 }
        return table
    }

    /// A quote still open: the straight mark (or `«`) that opened it, and its pair.
    struct OpenQuote: Sendable {
        var mark: Unicode.Scalar
        var pair: Pair
    }

    /// Double-quote marks by depth (English uses the first only, for `"`).
    var levels: [Pair] {
        switch language {
        case .english: return [Pair(open: "“", close: "”")]
        case .spanish: return [Pair(open: "«", close: "»"), Pair(open: "“", close: "”"), Pair(open: "‘", close: "’")]
        case .french: return [Pair(open: "«", close: "»"), Pair(open: "“", close: "”"), Pair(open: "‘", close: "’")]
        case .russian: return [Pair(open: "«", close: "»"), Pair(open: "„", close: "“")]
        case .other: return [Pair(open: "\"", close: "\"")]
        }
    }

    /// The pair for a quote opened at `depth` with the straight mark `mark`.
    func pair(for mark: Unicode.Scalar, depth: Int) -> Pair {
        if language == .english {
            return mark == "'" ? Pair(open: "‘", close: "’") : Pair(open: "“", close: "”")
        }
        return levels[min(depth, levels.count - 1)]
    }

    /// Characters after which a quote opens.
    static let openers: Set<Unicode.Scalar> = ["(", "[", "{", "<", "«", "“", "‘", "„", "‚", "—", "–", "/", "¿", "¡"]
    /// Characters before which a quote closes.
    static let closers: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "»", "…"]
    /// Characters after which French inserts a space before `: ; ! ?`.
    static let spaceableBefore: Set<Unicode.Scalar> = [")", "]", "»", "”", "’", "%", "…", "\"", "'"]

    /// The walk over one text's UTF-8 bytes: it stops only at the bytes a rule starts with and
    /// copies the runs between them whole. Neighbouring characters are decoded where a rule asks
    /// for them.
    struct State {
        let typography: LocaleTypography
        /// Valid UTF-8 (a `String`'s).
        let input: UnsafeBufferPointer<UInt8>
        let previous: Unicode.Scalar?
        let next: Unicode.Scalar?
        /// Per byte, whether it belongs to an address (empty when the text holds none).
        var protected: [Bool] = []
        var out: [UInt8] = []
        /// Input from here to the current byte is not in `out` yet: it is copied unchanged.
        var pending = 0
        /// Open quotes, innermost last.
        var open: [OpenQuote]

        init(typography: LocaleTypography, input: UnsafeBufferPointer<UInt8>, previous: Unicode.Scalar?, next: Unicode.Scalar?, open: [OpenQuote]) {
            self.typography = typography
            self.input = input
            self.previous = previous
            self.next = next
            self.open = open
            self.protected = Self.addressMask(input)
            out.reserveCapacity(input.count + 8)
        }

        var french: Bool { typography.language == .french }

        /// Whether the byte at `i` is part of an address.
        func isProtected(_ i: Int) -> Bool { !protected.isEmpty && protected[i] }

        /// The scalar starting at byte `i`, or the context after the text when `i` is its end.
        func scalar(from i: Int) -> Unicode.Scalar? {
            i < input.count ? Self.decode(input, at: i).scalar : next
        }

        /// The last scalar written (`nil` before the first).
        var last: Unicode.Scalar? {
            out.withUnsafeBufferPointer { Self.decodeLast($0)?.scalar }
        }

        /// The character before the current one: the output so far, else the context.
        var before: Unicode.Scalar? { last ?? previous }

        func isBoundary(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return true }
            return c.isWhitespace || LocaleTypography.openers.contains(c)
        }

        /// Copies the input up to byte `i` as it is.
        mutating func flush(to i: Int) {
            guard pending < i else { return }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[pending..<i]))
            pending = i
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                out.append(contentsOf: scalar.utf8)
            }
        }

        /// Replaces the last scalar written.
        mutating func replaceLast(with scalar: Unicode.Scalar) {
            if let length = out.withUnsafeBufferPointer({ Self.decodeLast($0)?.length }) { out.removeLast(length) }
            append(scalar)
        }

        mutating func run() {
            let count = input.count
            let triggers: [UInt8]
            switch typography.language {
            case .french: triggers = LocaleTypography.frenchTriggers
            case .russian: triggers = LocaleTypography.russianTriggers
            default: triggers = LocaleTypography.triggers
            }
            triggers.withUnsafeBufferPointer { triggers in
                var i = 0
                while i < count {
                    let byte = input[i]
                    guard triggers[Int(byte)] != 0, !isProtected(i) else {
                        i += 1
                        continue
                    }
                    switch byte {
                    case 0x22:  // "
                        flush(to: i)
                        doubleQuote(at: i)
                        i += 1
                    case 0x27:  // '
                        flush(to: i)
                        singleQuote(at: i)
                        i += 1
                    case 0x2E:  // .
                        let run = runLength(of: byte, from: i)
                        if run == 3 {
                            flush(to: i)
                            append("…")
                            pending = i + run
                        }
                        i += run
                        continue
                    case 0x2D:  // -
                        flush(to: i)
                        i = dash(at: i)
                    case 0x3A, 0x3B, 0x21, 0x3F:  // : ; ! ? (French only)
                        flush(to: i)
                        frenchSpace(before: Unicode.Scalar(byte), at: i)
                        out.append(byte)
                        i += 1
                    case 0xC2 where i + 1 < count && input[i + 1] == 0xAB:  // «
                        flush(to: i)
                        open.append(OpenQuote(mark: "«", pair: Pair(open: "«", close: "»")))
                        i = emitOpening("«", after: i + 2)
                    case 0xC2 where i + 1 < count && input[i + 1] == 0xBB:  // »
                        flush(to: i)
                        if let k = open.lastIndex(where: { $0.mark == "«" }) { open.removeSubrange(k...) }
                        emitClosing("»")
                        i += 2
                    case 0xE2 where i + 2 < count && input[i + 1] == 0x80 && input[i + 2] == 0x94:  // — (Russian only)
                        flush(to: i)
                        let after = scalar(from: i + 3)
                        if last == " ", after == " " || after == nil { replaceLast(with: LocaleTypography.noBreakSpace) }
                        append("—")
                        i += 3
                    default:
                        i += 1
                        continue
                    }
                    pending = i
                }
            }
            flush(to: count)
        }

        // MARK: Quotes

        mutating func doubleQuote(at i: Int) {
            let next = scalar(from: i + 1)
            let afterBoundary = isBoundary(before)
            let beforeBoundary = next.map { $0.isWhitespace || LocaleTypography.closers.contains($0) } ?? false
            let opening: Bool
            if afterBoundary, !beforeBoundary {
                opening = true
            } else if !afterBoundary {
                opening = false
            } else {
                opening = !open.contains { $0.mark == "\"" }
            }
            if opening {
                let pair = typography.pair(for: "\"", depth: open.count)
                open.append(OpenQuote(mark: "\"", pair: pair))
                // A space after the quote stays (the index is not moved on).
                _ = emitOpening(pair.open, after: i + 1)
            } else if let k = open.lastIndex(where: { $0.mark == "\"" }) {
                let pair = open[k].pair
                open.removeSubrange(k...)
                emitClosing(pair.close)
            } else {
                emitClosing(typography.pair(for: "\"", depth: 0).close)
            }
        }

        mutating func singleQuote(at i: Int) {
            let next = scalar(from: i + 1)
            let before = before
            let wordBefore = before.map { $0.isLetter || $0.isNumber } ?? false
            if wordBefore, next?.isLetter == true {
                append("’")  // don't, l’image
            } else if isBoundary(before), next?.isNumber == true {
                append("’")  // ’90s
            } else if !isBoundary(before) {
                if let k = open.lastIndex(where: { $0.mark == "'" }) {
                    let pair = open[k].pair
                    open.removeSubrange(k...)
                    emitClosing(pair.close)
                } else {
                    append("’")  // students’
                }
            } else if let next, !next.isWhitespace {
                let pair = typography.pair(for: "'", depth: open.count)
                open.append(OpenQuote(mark: "'", pair: pair))
                _ = emitOpening(pair.open, after: i + 1)
            } else {
                append("’")
            }
        }

        /// Appends an opening mark, read up to byte `end`; in French, `«` gets a no-break space
        /// after it, replacing a plain space that follows. Returns the byte to continue from.
        mutating func emitOpening(_ mark: Unicode.Scalar, after end: Int) -> Int {
            append(mark)
            guard french, mark == "«" else { return end }
            let next = scalar(from: end)
            if next == " ", end < input.count, !isProtected(end) {
                append(LocaleTypography.noBreakSpace)
                return end + 1
            }
            if next != LocaleTypography.noBreakSpace, next != LocaleTypography.narrowNoBreakSpace {
                append(LocaleTypography.noBreakSpace)
            }
            return end
        }

        /// Appends a closing mark; in French, `»` gets a no-break space before it.
        mutating func emitClosing(_ mark: Unicode.Scalar) {
            if french, mark == "»" {
                let last = last
                if last == " " {
                    replaceLast(with: LocaleTypography.noBreakSpace)
                } else if last != LocaleTypography.noBreakSpace, last != LocaleTypography.narrowNoBreakSpace {
                    append(LocaleTypography.noBreakSpace)
                }
            }
            append(mark)
        }

        // MARK: Dashes and French spacing

        /// How many times the ASCII `byte` repeats from `i`, outside addresses.
        func runLength(of byte: UInt8, from i: Int) -> Int {
            var n = 0
            while i + n < input.count, input[i + n] == byte, !isProtected(i + n) { n += 1 }
            return n
        }

        /// `---` → —, `--` → –, and a spaced `-` or `--` → the locale's spaced dash (a spaced
        /// `---` stays an em dash). Returns the byte after the run.
        mutating func dash(at i: Int) -> Int {
            let run = runLength(of: 0x2D, from: i)
            let spacedBefore = before == " " || (out.isEmpty && previous?.isWhitespace == true)
            let spacedAfter = scalar(from: i + run) == " "
            if run <= 3, spacedBefore, spacedAfter {
                switch typography.language {
                case .spanish: append("—")
                case .russian:
                    if last == " " { replaceLast(with: LocaleTypography.noBreakSpace) }
                    append("—")
                default: append(run == 3 ? "—" : "–")
                }
            } else if run == 3 {
                append("—")
            } else if run == 2 {
                append("–")
            } else {
                for _ in 0..<run { out.append(0x2D) }
            }
            return i + run
        }

        /// Before `:` a no-break space, before `; ! ?` a narrow one: a plain space there is
        /// replaced, and one is added after a word or a closing mark. Not in `14:30`, not
        /// between `?!`, not after an opening bracket.
        mutating func frenchSpace(before mark: Unicode.Scalar, at i: Int) {
            let space = mark == ":" ? LocaleTypography.noBreakSpace : LocaleTypography.narrowNoBreakSpace
            guard let last = before else { return }
            if last == " " {
                if !out.isEmpty { replaceLast(with: space) }
                return
            }
            if last == LocaleTypography.noBreakSpace || last == LocaleTypography.narrowNoBreakSpace { return }
            let next = scalar(from: i + 1)
            if mark == ":", last.isNumber, next?.isNumber == true { return }
            if mark == ":", next == "/" { return }
            if last.isLetter || last.isNumber || LocaleTypography.spaceableBefore.contains(last) {
                append(space)
            }
        }

        // MARK: UTF-8

        /// The scalar that starts at byte `i` of valid UTF-8, and its length in bytes.
        @inline(__always)
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
            let b0 = UInt32(bytes[i])
            let value: UInt32
            let length: Int
            if b0 < 0x80 {
                return (Unicode.Scalar(UInt8(b0)), 1)
            } else if b0 < 0xE0 {
                value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                length = 2
            } else if b0 < 0xF0 {
                value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                length = 3
            } else {
                value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                length = 4
            }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
        }

        /// The last scalar of valid UTF-8 and its length in bytes; `nil` when it is empty.
        static func decodeLast(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int)? {
            var start = bytes.count - 1
            guard start >= 0 else { return nil }
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return decode(bytes, at: start)
        }

        // MARK: Addresses

        /// Marks the bytes of words that look like web or mail addresses, without the punctuation
        /// around them, so that nothing inside them changes; empty when the text can hold none.
        static func addressMask(_ input: UnsafeBufferPointer<UInt8>) -> [Bool] {
            // Most text has no address at all: look for the marks of one (`@`, `:`, `www.`) before
            // the word walk.
            guard mayHoldAddress(input) else { return [] }
            var scalars: [Unicode.Scalar] = []
            var offsets: [Int] = []
            var i = 0
            while i < input.count {
                let (scalar, length) = decode(input, at: i)
                scalars.append(scalar)
                offsets.append(i)
                i += length
            }
            offsets.append(input.count)
            var mask = [Bool](repeating: false, count: input.count)
            var start = 0
            while start < scalars.count {
                while start < scalars.count, scalars[start].isWhitespace { start += 1 }
                var end = start
                while end < scalars.count, !scalars[end].isWhitespace { end += 1 }
                var lower = start
                var upper = end
                while lower < upper, "\"'(«[<“‘„".unicodeScalars.contains(scalars[lower]) { lower += 1 }
                while upper > lower, ".,;:!?\"')»]>”’…".unicodeScalars.contains(scalars[upper - 1]) { upper -= 1 }
                if lower < upper, Self.mayBeAddress(scalars[lower..<upper]) {
                    let word = String(String.UnicodeScalarView(scalars[lower..<upper])).lowercased()
                    if word.contains("://") || word.hasPrefix("www.") || word.contains("@") || word.hasPrefix("mailto:") || word.hasPrefix("tel:") {
                        for k in offsets[lower]..<offsets[upper] { mask[k] = true }
                    }
                }
                start = end
            }
            return mask
        }

        /// Whether `input` holds `@`, `:` or `www.` (in any case). Eight bytes without `@`, `:`
        /// or a `w` are skipped at once.
        static func mayHoldAddress(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = input.baseAddress else { return false }
            let count = input.count
            func isW(_ c: UInt8) -> Bool { c | 0x20 == 0x77 }
            var i = 0
            while i < count {
                if i + 8 <= count {
                    let word = ByteScan.word(at: base + i)
                    let marks =
                        ByteScan.zeroBytes(word ^ (ByteScan.ones &* 0x40)) | ByteScan.zeroBytes(word ^ (ByteScan.ones &* 0x3A))
                        | ByteScan.zeroBytes((word | (ByteScan.ones &* 0x20)) ^ (ByteScan.ones &* 0x77))
                    if marks == 0 {
                        i += 8
                        continue
                    }
                }
                let c = base[i]
                if c == 0x40 || c == 0x3A { return true }
                if isW(c), i + 3 < count, isW(base[i + 1]), isW(base[i + 2]), base[i + 3] == 0x2E { return true }
                i += 1
            }
            return false
        }

        /// Whether a word can pass the address test above: it holds `@` or `:` (`://`, `mailto:`,
        /// `tel:`) or starts with `www.`. Most words do not, and are not lowercased.
        static func mayBeAddress(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
            if word.contains(where: { $0 == "@" || $0 == ":" }) { return true }
            return word.count >= 4 && word.prefix(3).allSatisfy { $0 == "w" || $0 == "W" } && word.dropFirst(3).first == "."
        }
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, without a table look-up for ASCII.
    var isWhitespace: Bool {
        value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }

    /// A letter, as `Character.isLetter` asks of a character's first scalar (ASCII without a
    /// table look-up).
    var isLetter: Bool {
        value < 0x80 ? (value | 0x20) &- 0x61 < 26 : properties.isAlphabetic
    }
    /// A digit or other number.
    var isNumber: Bool {
        value < 0x80 ? value &- 0x30 < 10 : properties.numericType != nil
    }
}
