import Foundation
import GuideModel
import GuideParsing

/// The lock file of one locale, `Content/pins/<locale>.yml`: every pin of that locale's pages.
///
/// It is YAML written by `guidegen pin` only: pages sorted by id, each block's hash and its
/// source text as a literal block (or a double-quoted string when the text has characters a
/// literal block cannot hold exactly), so the same pins always give the same bytes and a
/// re-pin shows in a pull request as the English change it acknowledges.
public struct PinFile: Sendable, Equatable {
    public static let formatVersion = "1"
    /// A lock file larger than this is refused.
    public static let maximumBytes = 64 * 1024 * 1024

    public var locale: String
    public var sourceLocale: String
    /// Pins by page id.
    public var pins: [String: TranslationPin]
    /// Where the file is read from and written to (`Content/pins/es.yml`).
    public var path: String
    /// Whether the file existed when it was read.
    public var exists: Bool

    public init(locale: String, sourceLocale: String, pins: [String: TranslationPin] = [:], path: String, exists: Bool = false) {
        self.locale = locale
        self.sourceLocale = sourceLocale
        self.pins = pins
        self.path = path
        self.exists = exists
    }

    /// `<content>/pins/<locale>.yml`.
    public static func path(contentRoot: String, locale: String) -> String {
        (contentRoot.hasSuffix("/") ? contentRoot : contentRoot + "/") + "pins/\(locale).yml"
    }

    // MARK: Reading

    /// Reads a locale's lock file; a file that does not exist yet is an empty one.
    public static func read(contentRoot: String, locale: String, sourceLocale: String, cache: MemoCache? = nil) -> Result<PinFile, TranslationError> {
        let file = path(contentRoot: contentRoot, locale: locale)
        switch readText(file) {
        case .failure(let error): return .failure(error)
        case .success(nil): return .success(PinFile(locale: locale, sourceLocale: sourceLocale, path: file))
        case .success(let text?):
            let parsed = cache.value("pins", TextKey(file, locale, sourceLocale, text)) { parse(text, file: file, locale: locale, sourceLocale: sourceLocale) }
            return parsed.map {
                var pins = $0
                pins.exists = true
                return pins
            }
        }
    }

    /// The pinned block hashes of a locale's pages, for the build's outdated notices. A file as
    /// `guidegen pin` writes it is scanned line by line for its `id:` and `hash:` lines (the
    /// YAML parse, which also checks every text against its hash, costs far more); anything
    /// else goes through `read`.
    public static func readHashes(contentRoot: String, locale: String, sourceLocale: String, cache: MemoCache? = nil) -> Result<
        [String: [String]], TranslationError
    > {
        let file = path(contentRoot: contentRoot, locale: locale)
        if case .success(let text?) = readText(file), let hashes = canonicalHashes(text, locale: locale, sourceLocale: sourceLocale) {
            return .success(hashes)
        }
        return read(contentRoot: contentRoot, locale: locale, sourceLocale: sourceLocale, cache: cache).map { $0.pins.mapValues(\.hashes) }
    }

    /// The text of the lock file at `file`; `nil` when there is none yet.
    private static func readText(_ file: String) -> Result<String?, TranslationError> {
        SourceText.read(file, maximumBytes: maximumBytes, code: "corrupt-pins", what: "the lock file").mapError { .pinErrors([$0]) }
    }

    /// Hashes by page id from a file laid out exactly as `serialized()` writes it, or `nil`.
    static func canonicalHashes(_ text: String, locale: String, sourceLocale: String) -> [String: [String]]? {
        // Lines as UTF-8 bytes: the texts, most of the file, are only skipped.
        typealias Line = ArraySlice<UInt8>
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        var header = [bytes("format: \(formatVersion)"), bytes("locale: \(locale)"), bytes("source: \(sourceLocale)")][...]
        let (pagesLine, noPages, hashPrefix, textPrefix, literal) = (
            bytes("pages:"), bytes("pages: {}"), bytes("    - hash: "), bytes("      text: "), bytes("|-")
        )
        let space = UInt8(ascii: " ")
        func indent(_ line: Line) -> Int { line.prefix { $0 == space }.count }
        var pages: [String: [String]] = [:]
        var current: String?
        var sawPages = false
        var awaitingText = false
        var inLiteral = false
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if inLiteral {
                if line.isEmpty || indent(line) >= 8 { continue }
                inLiteral = false
            }
            if awaitingText {
                guard line.starts(with: textPrefix) else { return nil }
                awaitingText = false
                let value = line.dropFirst(textPrefix.count)
                if value.elementsEqual(literal) {
                    inLiteral = true
                } else if !(value.count >= 2 && value.first == UInt8(ascii: "\"") && value.last == UInt8(ascii: "\"")) {
                    return nil
                }
                continue
            }
            if !sawPages {
                if line.first == UInt8(ascii: "#") { continue }
                if let expected = header.first {
                    guard line.elementsEqual(expected) else { return nil }
                    header.removeFirst()
                    continue
                }
                guard line.elementsEqual(pagesLine) || line.elementsEqual(noPages) else { return nil }
                sawPages = true
                current = line.elementsEqual(pagesLine) ? "" : nil
                continue
            }
            if line.isEmpty { continue }
            // After `pages: {}` nothing may follow.
            guard current != nil || !pages.isEmpty else { return nil }
            if line.starts(with: hashPrefix) {
                let hash = line.dropFirst(hashPrefix.count)
                guard let id = current, !id.isEmpty, hash.count == 64, hash.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
                else { return nil }
                pages[id, default: []].append(String(decoding: hash, as: UTF8.self))
                awaitingText = true
                continue
            }
            guard indent(line) == 2, line.last == UInt8(ascii: ":") || line.reversed().starts(with: bytes(": []").reversed()) else { return nil }
            let empty = line.last != UInt8(ascii: ":")
            let id = String(decoding: line.dropFirst(2).dropLast(empty ? 4 : 1), as: UTF8.self)
            guard isPageID(id), pages[id] == nil else { return nil }
            pages[id] = []
            current = empty ? nil : id
        }
        guard sawPages, !awaitingText else { return nil }
        return pages
    }

    /// Parses a lock file's text, reporting every problem at its line.
    public static func parse(_ text: String, file: String, locale: String, sourceLocale: String) -> Result<PinFile, TranslationError> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let root: YAMLValue
        switch YAMLValue.parse(text, file: file, budget: 4_000_000) {
        case .failure(let d): return .failure(.pinErrors([Diagnostic(.error, "corrupt-pins", d.message, at: d.location)]))
        case .success(nil): return .failure(.pinErrors([.error("corrupt-pins", "the lock file is empty; restore it from version control", at: start)]))
        case .success(let value?): root = value
        }
        var problems: [Diagnostic] = []
        func problem(_ message: String, _ at: SourceLocation) {
            problems.append(.error("corrupt-pins", message, at: at))
        }
        guard let fields = root.pairs else {
            return .failure(
                .pinErrors([.error("corrupt-pins", "the lock file must be a mapping with 'format', 'locale', 'source' and 'pages'", at: root.location)]))
        }
        for (key, value) in fields where !["format", "locale", "source", "pages"].contains(key) {
            problem("unknown key '\(key)' in the lock file", value.location)
        }
        func scalar(_ key: String, expected: String, what: String) {
            guard let value = root[key] else {
                problem("the lock file has no '\(key)'", root.location)
                return
            }
            if value.string != expected {
                problem("'\(key)' is '\(value.string ?? "not text")', but \(what) is '\(expected)'", value.location)
            }
        }
        scalar("format", expected: formatVersion, what: "the format this guidegen reads")
        scalar("locale", expected: locale, what: "this file's locale")
        scalar("source", expected: sourceLocale, what: "the guide's source locale")

        var pins: [String: TranslationPin] = [:]
        if let pages = root["pages"] {
            if let entries = pages.pairs {
                for (id, value) in entries {
                    if let pin = parsePin(id: id, value, problem: problem) { pins[id] = pin }
                }
            } else if pages.string?.isEmpty != true {
                problem("'pages' must be a mapping from page id to its pinned blocks", pages.location)
            }
        } else {
            problem("the lock file has no 'pages'", root.location)
        }
        if !problems.isEmpty { return .failure(.pinErrors(problems)) }
        return .success(PinFile(locale: locale, sourceLocale: sourceLocale, pins: pins, path: file, exists: true))
    }

    private static func parsePin(id: String, _ value: YAMLValue, problem: (String, SourceLocation) -> Void) -> TranslationPin? {
        guard isPageID(id) else {
            problem("'\(id)' is not a page id (lower-case letters, digits and '-')", value.location)
            return nil
        }
        let items: [YAMLValue]
        if let array = value.array {
            items = array
        } else {
            problem("the pin of '\(id)' must be a list of blocks, each with 'hash' and 'text'", value.location)
            return nil
        }
        var blocks: [PinnedBlock] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let what = "block \(index + 1) of '\(id)'"
            guard let pairs = item.pairs else {
                problem("\(what) must be a mapping with 'hash' and 'text'", item.location)
                valid = false
                continue
            }
            for (key, field) in pairs where key != "hash" && key != "text" {
                problem("unknown key '\(key)' in \(what)", field.location)
                valid = false
            }
            guard let hash = item["hash"]?.string, let text = item["text"]?.string else {
                problem("\(what) needs a 'hash' and a 'text'", item.location)
                valid = false
                continue
            }
            guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                problem("the hash of \(what) is not 64 lower-case hex digits", item["hash"]?.location ?? item.location)
                valid = false
                continue
            }
            guard BlockHasher.hash(text) == hash else {
                problem(
                    "the text of \(what) does not match its hash: the file was edited by hand; restore it from version control",
                    item["text"]?.location ?? item.location)
                valid = false
                continue
            }
            blocks.append(PinnedBlock(hash: hash, text: text, location: item.location))
        }
        return valid ? TranslationPin(pageID: id, blocks: blocks, location: value.location) : nil
    }

    static func isPageID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    // MARK: Writing

    /// The file's bytes: the same pins always give the same text.
    public func serialized() -> String {
        var out = """
            # Translation pins for \(locale): for each page, the \(sourceLocale) blocks its translation was made from.
            # Written by `guidegen pin`; read by `guidegen status` and `guidegen diff`. Do not edit by hand.
            format: \(Self.formatVersion)
            locale: \(locale)
            source: \(sourceLocale)

            """
        if pins.isEmpty {
            out += "pages: {}\n"
            return out
        }
        out += "pages:\n"
        for id in pins.keys.sorted() {
            let blocks = pins[id]!.blocks
            if blocks.isEmpty {
                out += "  \(id): []\n"
                continue
            }
            out += "  \(id):\n"
            for block in blocks {
                out += "    - hash: \(block.hash)\n"
                out += "      text: " + YAMLScalarWriting.literalOrQuoted(block.text, indent: "        ") + "\n"
            }
        }
        return out
    }
}

extension PinFile {
    /// Writes every lock file whose text changed, all or nothing (`AtomicFiles.write`).
    public static func writeAll(_ files: [PinFile]) throws(TranslationError) -> [String] {
        try AtomicFiles.write(files.map { (path: $0.path, text: $0.serialized()) }, what: "the lock file")
    }
}
