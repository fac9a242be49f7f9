import GuideModel

/// An append-only UTF-8 buffer with the escapes HTML and XHTML need.
///
/// `text` escapes for element content and quoted attribute values (`& < > "`); `href` escapes a
/// URL the way cmark does (percent-encoding outside a safe set, `&` and `'` as entities).
///
/// A value like an array (copied on write), so sendable like one.
public struct HTMLWriter: @unchecked Sendable {
    /// The bytes written: `count` of `capacity` at `base`, which doubles when full and is copied
    /// when written to while another writer shares it. A page's markup is a million short
    /// appends; an array's `append(contentsOf:)` costs several times the copy itself.
    private var base: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    private var capacity: Int
    /// Frees `base` when the last writer sharing it goes.
    private var owner: Owner

    private final class Owner: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }
        deinit { base.deallocate() }
    }

    public init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        owner = Owner(base)
    }

    /// Moves the bytes to memory of this writer's own with room for `extra` more.
    @inline(never)
    private mutating func makeRoom(_ extra: Int) {
        let grown = count + extra > capacity ? Swift.max(capacity * 2, count + extra) : capacity
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        UnsafeMutableRawPointer(new).copyMemory(from: base, byteCount: count)
        base = new
        capacity = grown
        owner = Owner(new)
    }

    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let start = buffer.baseAddress { UnsafeMutableRawPointer(start).copyMemory(from: base, byteCount: count) }
            initialized = count
        }
    }

    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Appends `count` bytes from `source` as they are.
    @inline(__always)
    public mutating func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        if count + n > capacity || !isKnownUniquelyReferenced(&owner) { makeRoom(n) }
        let end = UnsafeMutableRawPointer(base + count)
        let from = UnsafeRawPointer(source)
        // Short copies (most tags) as two overlapping words, not a call.
        if n >= 8, n <= 16 {
            end.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            end.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4, n < 8 {
            end.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            end.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for k in 0..<n { end.storeBytes(of: from.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
        } else {
            end.copyMemory(from: from, byteCount: n)
        }
        count += n
    }

    /// Appends markup as is. (Disfavoured: a literal goes to the `StaticString` form, which
    /// copies its bytes without a `String`'s UTF-8 view.)
    @_disfavoredOverload
    public mutating func raw(_ s: String) {
        Self.withUTF8(s) { if let base = $0.baseAddress { append(base, count: $0.count) } }
    }

    /// `body` with `s`'s UTF-8, in place when the string is native (no copy of the string).
    @inline(__always)
    static func withUTF8(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if s.utf8.withContiguousStorageIfAvailable(body) == nil {
            var s = s
            s.withUTF8(body)
        }
    }

    public mutating func raw(_ s: StaticString) {
        if s.hasPointerRepresentation {
            append(s.utf8Start, count: s.utf8CodeUnitCount)
        } else {
            s.withUTF8Buffer { if let base = $0.baseAddress { append(base, count: $0.count) } }
        }
    }

    /// Appends what `other` holds (from byte `start` on).
    public mutating func append(_ other: HTMLWriter, from start: Int = 0) {
        withExtendedLifetime(other.owner) { append(other.base + start, count: other.count - start) }
    }

    /// Appends one byte as is.
    public mutating func byte(_ byte: UInt8) {
        if count + 1 > capacity || !isKnownUniquelyReferenced(&owner) { makeRoom(1) }
        base[count] = byte
        count += 1
    }

    /// Starts a new line unless the output is empty or already at one (cmark's `cr`).
    public mutating func newlineIfNeeded() {
        if count > 0, base[count - 1] != UInt8(ascii: "\n") { byte(UInt8(ascii: "\n")) }
    }

    /// Appends text escaped for element content and attribute values.
    public mutating func text(_ s: String) {
        Self.withUTF8(s) { text($0) }
    }

    /// Appends UTF-8 text escaped for element content and attribute values: runs without a
    /// character to escape are copied whole, found eight bytes at a time.
    public mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        /// The high bit of each byte of `word` that is `"`, `&`, `<` or `>`: `"` and `&` differ in
        /// one bit, as `<` and `>` do, so two tests find all four (exactly: no borrow between
        /// bytes, so the lowest bit set is the first of them).
        @inline(__always) func escapes(_ word: UInt64) -> UInt64 {
            ByteScan.zeroBytes((word & ~(ByteScan.ones &* 0x04)) ^ (ByteScan.ones &* 0x22))
                | ByteScan.zeroBytes((word & ~(ByteScan.ones &* 0x02)) ^ (ByteScan.ones &* 0x3C))
        }
        /// The first byte from `i` on to escape, if any.
        @inline(__always) func nextEscape(from i: Int) -> Int? {
            var i = i
            while i + 8 <= count {
                let found = escapes(ByteScan.word(at: base + i))
                if found != 0 { return i + found.trailingZeroBitCount >> 3 }
                i += 8
            }
            guard i < count else { return nil }
            if count >= 8 {
                // The last eight bytes, the ones already seen shifted out.
                let found = escapes(ByteScan.word(at: base + count - 8) >> (UInt64(8 - (count - i)) * 8))
                return found == 0 ? nil : i + found.trailingZeroBitCount >> 3
            }
            while i < count {
                switch base[i] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""): return i
                default: i += 1
                }
            }
            return nil
        }
        var start = 0
        while let at = nextEscape(from: start) {
            if start < at { append(base + start, count: at - start) }
            switch base[at] {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            default: raw("&quot;")
            }
            start = at + 1
        }
        if start < count { append(base + start, count: count - start) }
    }

    /// Appends a URL escaped for an `href` or `src` attribute.
    public mutating func href(_ s: String) {
        Self.withUTF8(s) { href($0) }
    }

    /// Appends a UTF-8 URL escaped for an `href` or `src` attribute.
    public mutating func href(_ utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            if Self.hrefSafe[Int(byte)] {
                self.byte(byte)
            } else if byte == UInt8(ascii: "&") {
                raw("&amp;")
            } else if byte == UInt8(ascii: "'") {
                raw("&#x27;")
            } else {
                self.byte(UInt8(ascii: "%"))
                self.byte(Self.hexDigits[Int(byte >> 4)])
                self.byte(Self.hexDigits[Int(byte & 0xF)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Letters, digits and `-_.+!*(),%#@?=;:/$` pass through unescaped.
    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "-_.+!*(),%#@?=;:/$".utf8 { table[Int(byte)] = true }
        for range in [UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z")] {
            for byte in range { table[Int(byte)] = true }
        }
        return table
    }()
}
