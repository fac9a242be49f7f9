/// Tests on UTF-8 text eight bytes at a time, for the scans a build makes over every byte of the
/// content (HTML escaping, the digits of phone numbers, the UTF-8 check of the front matter load,
/// digests).
public enum ByteScan {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is zero, exactly (no borrow between bytes).
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word) & highs
    }

    /// The eight bytes at `pointer`, in memory order from the low byte (any alignment).
    @inlinable @inline(__always)
    public static func word(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is ASCII and within `lo...hi` (both below 0x80),
    /// exactly (no borrow between bytes).
    @inlinable @inline(__always)
    public static func asciiBytes(_ word: UInt64, in lo: UInt8, _ hi: UInt8) -> UInt64 {
        let low = word & ~highs
        let atLeast: UInt64 = (low | highs) &- (ones &* UInt64(lo))
        let atMost: UInt64 = ((ones &* UInt64(hi)) | highs) &- low
        return atLeast & atMost & highs & ~word
    }

    /// Whether a byte of `word` is below `limit` (at most 128).
    @inlinable @inline(__always)
    public static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether `bytes` has an ASCII digit.
    public static func hasDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            // Bytes 0x30...0x39 become 0...9.
            if hasByte(word(at: base + i) ^ (ones &* 0x30), below: 10) { return true }
            i += 8
        }
        while i < count {
            if base[i] &- 0x30 < 10 { return true }
            i += 1
        }
        return false
    }

    /// A 64-bit digest of `bytes`, in four independent lanes of eight bytes; equal bytes give
    /// equal digests on every run. For telling whether a text changed, not for security.
    public static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0x243F_6A88_85A3_08D3 ^ UInt64(count), 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
        )
        @inline(__always) func mix(_ lane: inout UInt64, _ word: UInt64) {
            lane = (lane ^ word) &* k
            lane ^= lane >> 29
        }
        var i = 0
        while i + 32 <= count {
            mix(&lanes.0, word(at: base + i))
            mix(&lanes.1, word(at: base + i + 8))
            mix(&lanes.2, word(at: base + i + 16))
            mix(&lanes.3, word(at: base + i + 24))
            i += 32
        }
        while i + 8 <= count {
            mix(&lanes.0, word(at: base + i))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        mix(&lanes.0, tail)
        var hash = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] {
            hash = (hash ^ lane) &* k
            hash ^= hash >> 31
        }
        // MurmurHash3's final mix.
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
