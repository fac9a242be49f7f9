import Foundation
import GuideModel

/// Turns a file's bytes into text the parsers accept: UTF-8 only, no NUL bytes; a BOM is dropped
/// and CRLF or CR line endings become LF.
public enum SourceText {
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        // Valid text (nearly every file) is checked by the standard library's validator; the
        // byte walk below runs only to say where a file goes wrong.
        if !contains(0, in: bytes), let text = String(validating: bytes, as: UTF8.self) {
            return .success(contains(UInt8(ascii: "\r"), in: bytes) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? normalized(text) : text)
        }
        var line = 1
        var column = 1
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0 {
                return .failure(.error("nul-byte", "the file contains a NUL byte", at: SourceLocation(file: file, line: line, column: column)))
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                return .failure(
                    .error(
                        "invalid-utf8",
                        "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(index)); save it as UTF-8",
                        at: SourceLocation(file: file, line: line, column: column)))
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return .success(normalized(String(decoding: bytes, as: UTF8.self)))
    }

    /// Whether `decode` accepts `bytes` and gives them as they are (valid UTF-8 without NUL bytes,
    /// a byte order mark or carriage returns), checked eight bytes at a time where they are
    /// ASCII, without making a `String`.
    public static func isVerbatimText(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { return false }
            let ones = ByteScan.ones
            var i = 0
            while i < count {
                if i + 8 <= count {
                    let word = ByteScan.word(at: base + i)
                    // No NUL and no CR: most words have no control character at all.
                    if !ByteScan.hasByte(word, below: 0x0E) || (ByteScan.zeroBytes(word) == 0 && ByteScan.zeroBytes(word ^ (ones &* 0x0D)) == 0) {
                        let whole = wholeASCIIOrTwoByte(word)
                        if whole > 0 {
                            i += whole
                            continue
                        }
                    }
                }
                // Byte by byte to the end of the chunk (or of the character that crosses it).
                let stop = Swift.min(i + 8, count)
                while i < stop {
                    let byte = base[i]
                    if byte < 0x80 {
                        if byte == 0 || byte == 0x0D { return false }
                        i += 1
                        continue
                    }
                    let length = sequenceLength(base, count, at: i)
                    if length == 0 { return false }
                    i += length
                }
            }
            return true
        }
    }

    /// How many of the eight bytes of `word`, starting at a character boundary, are ASCII and
    /// whole two-byte characters (U+0080 to U+07FF: Cyrillic, accented Latin): 8, or 7 when the
    /// last one starts a character; 0 when a byte is anything else.
    @inline(__always)
    private static func wholeASCIIOrTwoByte(_ word: UInt64) -> Int {
        let highs = ByteScan.highs
        let high = word & highs
        if high == 0 { return 8 }
        // Lead bytes 11xxxxxx and continuation bytes 10xxxxxx, by their high bits.
        let lead = word & (word << 1) & highs
        let continuation = word & ~(word << 1) & highs
        // E0 and above start longer characters; C0 and C1 only overlong ones.
        let threeOrMore = ((word & ~highs) &+ (ByteScan.ones &* 0x20)) & high
        let overlong = ByteScan.zeroBytes((word & (ByteScan.ones &* 0xFE)) ^ (ByteScan.ones &* 0xC0))
        // Each continuation right after a lead, each lead before one (but the last byte's).
        guard threeOrMore == 0, overlong == 0, continuation == lead << 8 else { return 0 }
        return lead & (0x80 << 56) == 0 ? 8 : 7
    }

    /// Whether `byte` occurs in `bytes` (`memchr`: the generic `contains` walks a page byte by byte).
    private static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { $0.count > 0 && memchr($0.baseAddress!, Int32(byte), $0.count) != nil }
    }

    /// Without a BOM, with LF line ends.
    private static func normalized(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }
        return text
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 (overlongs, surrogates and
    /// code points above U+10FFFF are ill-formed).
    private static func sequenceLength(_ b: [UInt8], at i: Int) -> Int {
        b.withUnsafeBufferPointer { sequenceLength($0.baseAddress!, $0.count, at: i) }
    }

    /// The same on the `count` bytes at `b`.
    @inline(__always)
    private static func sequenceLength(_ b: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> Int {
        let b0 = b[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < count && b[i + k] >= low && b[i + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

extension Substring {
    /// The first range of `target`, compared by Unicode scalars.
    func range(of target: String) -> Range<Index>? {
        let needle = Array(target.unicodeScalars)
        var index = startIndex
        while index < endIndex {
            var a = index
            var matched = true
            for scalar in needle {
                guard a < endIndex, unicodeScalars[a] == scalar else {
                    matched = false
                    break
                }
                a = unicodeScalars.index(after: a)
            }
            if matched { return index..<a }
            index = unicodeScalars.index(after: index)
        }
        return nil
    }
}

extension SourceText {
    /// The text of the file at `path` as `decode` gives it; `nil` when there is no file. A
    /// folder, a file larger than `maximumBytes` or an unreadable one is an error with `code`.
    public static func read(_ path: String, maximumBytes: Int, code: String, what: String) -> Result<String?, Diagnostic> {
        let location = SourceLocation(file: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .success(nil) }
        guard !isDirectory.boolValue else { return .failure(.error(code, "'\(path)' is a folder, not \(what)", at: location)) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            return .failure(.error(code, "\(what) is larger than \(maximumBytes / 1_048_576) MB", at: location))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.error(code, "cannot read \(what)", at: location)) }
        return decode([UInt8](data), file: path).map { $0 }
    }
}
