import Foundation

/// Results kept between the builds of one process (`serve`), keyed by everything they depend on,
/// so that a rebuild after one edit redoes only the work whose inputs changed.
///
/// A key holds the inputs themselves (a page, the text of a file), not a digest of them, so a hit
/// is never a collision. Entries not used by the last build are dropped when the next one
/// begins, so a long preview session holds about one build's worth of results.
public final class MemoCache: @unchecked Sendable {
    // Sound as `@unchecked Sendable`: every access to the tables goes through `lock`.
    private let lock = NSLock()
    private var current: [Slot: Any] = [:]
    private var previous: [Slot: Any] = [:]
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init() {}

    /// Starts a build: what the previous build did not use is forgotten.
    public func beginBuild() {
        lock.withLock {
            previous = current
            current = [:]
            current.reserveCapacity(previous.count)
            hits = 0
            misses = 0
        }
    }

    /// The value for `key` in `namespace`, computed by `compute` when no build has stored it.
    /// Two threads may compute the same value at once; both get an equal result.
    public func value<Key: Hashable & Sendable, Value>(_ namespace: String, _ key: Key, compute: () -> Value) -> Value {
        let full = Slot(Entry(namespace: namespace, key: key))
        let found: Value? = lock.withLock {
            if let value = current[full] as? Value ?? previous[full] as? Value {
                current[full] = value
                hits += 1
                return value
            }
            misses += 1
            return nil
        }
        if let found { return found }
        let value = compute()
        lock.withLock { current[full] = value }
        return value
    }

    private struct Entry<Key: Hashable>: Hashable {
        var namespace: String
        var key: Key
    }

    /// An entry with its hash computed once: the tables hash an `Int`, and a probe that meets
    /// another entry compares two `Int`s (comparing two `AnyHashable`s of different types costs
    /// a dynamic cast).
    private struct Slot: Hashable {
        let hash: Int
        let entry: AnyHashable

        init<Key: Hashable>(_ entry: Entry<Key>) {
            self.entry = AnyHashable(entry)
            hash = entry.hashValue
        }

        static func == (a: Slot, b: Slot) -> Bool { a.hash == b.hash && a.entry == b.entry }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }
}

extension Optional where Wrapped == MemoCache {
    /// `compute()`, through the cache when there is one.
    public func value<Key: Hashable & Sendable, Value>(_ namespace: String, _ key: @autoclosure () -> Key, compute: () -> Value) -> Value {
        guard let cache = self else { return compute() }
        return cache.value(namespace, key(), compute: compute)
    }
}

/// Text as a cache key: hashed once, by its UTF-8 bytes, and compared byte for byte. (A
/// `String` key would be hashed and compared under Unicode normalization, which costs more
/// than the work a page's cache entry saves.)
public struct TextKey: Hashable, Sendable {
    public let text: String
    private let digest: Int

    /// The parts joined with NUL, which no content file holds.
    public init(_ parts: String...) {
        self.init(parts: parts)
    }

    public init(parts: [String]) {
        text = parts.joined(separator: "\u{0}")
        digest = Self.digest(text)
    }

    /// A digest of the UTF-8 bytes of `text` (`ByteScan.digest`).
    public static func digest(_ text: String) -> Int {
        var text = text
        return Int(truncatingIfNeeded: text.withUTF8 { ByteScan.digest($0) })
    }

    public static func == (a: TextKey, b: TextKey) -> Bool {
        guard a.digest == b.digest else { return false }
        var x = a.text
        var y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in sameBytes(UnsafeRawBufferPointer(p), UnsafeRawBufferPointer(q)) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }
}

/// A page as a cache key: hashed by its place alone, compared in full. Unchanged pages come
/// from the same cached parse, and an array compares equal to itself without a walk, so a hit
/// costs little.
public struct PageKey: Hashable, Sendable {
    public var page: Page

    public init(_ page: Page) {
        self.page = page
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(page.id.utf8.count)
        hasher.combine(page.fileName.utf8.count)
        hasher.combine(page.contentLocale.utf8.count)
        hasher.combine(page.isOutdated)
        hasher.combine(page.blocks.count)
        hasher.combine(page.blocks.first?.location.line ?? 0)
        hasher.combine(page.blocks.last?.location.line ?? 0)
    }
}

/// A file's path and bytes as a cache key, hashed once and compared byte for byte.
public struct FileKey: Hashable, Sendable {
    public let path: String
    public let bytes: [UInt8]
    private let digest: Int

    public init(path: String, bytes: [UInt8]) {
        var hasher = Hasher()
        hasher.combine(path)
        hasher.combine(bytes.withUnsafeBufferPointer { ByteScan.digest($0) })
        self.path = path
        self.bytes = bytes
        self.digest = hasher.finalize()
    }

    public static func == (a: FileKey, b: FileKey) -> Bool {
        a.digest == b.digest && a.path == b.path
            && a.bytes.withUnsafeBytes { p in
                b.bytes.withUnsafeBytes { q in sameBytes(p, q) }
            }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }
}

private func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}

// MARK: Model values as key text

/// Fields written out for a `TextKey`, each after its length, so that no two lists of fields
/// give the same text. Built directly; `String(reflecting:)` walks a `Mirror` and costs far more
/// on every rebuild.
public func keyText(_ fields: [String]) -> String {
    var text = ""
    for field in fields {
        text += String(field.utf8.count)
        text += ":"
        text += field
    }
    return text
}

extension GuideInfo {
    public var keyText: String {
        GuideModel.keyText([id, sourceLocale, version, date, publisher, quickExitURL] + locales.map(\.keyText) + pageOrder)
    }
}

extension LocaleInfo {
    public var keyText: String {
        GuideModel.keyText([code, nativeName, direction.rawValue, title, description, wordRatio.map { "\($0.lowerBound)-\($0.upperBound)" } ?? ""])
    }
}

extension ResourceDirectory {
    public var keyText: String {
        var fields = helpBox + [emergency, emergencyIsFallback ? "fallback" : ""]
        for country in countries { fields += [country.code, country.name] }
        for r in resources {
            fields += [r.id, r.name, r.kind.rawValue, r.country, r.source, r.verified, r.confidence.rawValue, r.free ? "free" : "paid"]
            fields += [r.phone, r.text, r.url, r.hours, r.ages, r.notes].map { $0.map { "+" + $0 } ?? "-" }
            fields += [r.location.file, "\(r.location.line):\(r.location.column)"]
        }
        return GuideModel.keyText(fields)
    }
}
