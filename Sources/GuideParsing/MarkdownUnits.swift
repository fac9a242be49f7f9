import CCmark

/// One unit a translator translates on its own: a paragraph or a heading, wherever it sits (at
/// the top level, in a list item, in a quote), with its Markdown text and where that text is.
public struct MarkdownUnit: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case paragraph, heading
    }

    /// A container around a unit, outermost first.
    public enum Container: Sendable, Equatable {
        case quote
        /// Item `number` (1-based) of a list of `count` items.
        case item(number: Int, count: Int)
    }

    public var kind: Kind
    /// The heading's level (0 for a paragraph).
    public var level: Int
    /// The unit's place inside its top-level block: empty for the block itself, `["3"]` for the
    /// first paragraph of item 3, `["3", "p2"]` for its second, `["p1"]` for a quote's first
    /// paragraph, `["list1", "2"]` for item 2 of a quote's first list.
    public var path: [String]
    public var containers: [Container]
    /// Lines (1-based, in the text parsed) the text spans: for a setext heading, without its
    /// underline.
    public var firstLine: Int
    public var lastLine: Int
    /// The byte column (1-based) where the text starts on `firstLine`.
    public var startColumn: Int
    /// For an ATX heading, the byte column just after the text on its line (before any
    /// closing `#`s); for the others, the end of `lastLine`.
    public var endColumn: Int?
    /// The unit's Markdown: inline markup as written, container markers and the indentation
    /// of continuation lines removed, line breaks kept.
    public var text: String
}

extension MarkdownParser {
    /// The translation units of `text`, in document order.
    public static func units(_ text: String) -> [MarkdownUnit] {
        var text = text
        let document: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        var collector = UnitCollector(lines: lines)
        var child = cmark_node_first_child(document)
        while let node = child {
            collector.collect(node, path: [], containers: [], depth: 0)
            child = cmark_node_next(node)
        }
        return collector.units
    }

    /// `text` with each unit's text replaced (units as `units(text)` gives them). A multi-line
    /// replacement's later lines get the unit's container prefix (`> `, the item's indent).
    public static func replacingUnits(in text: String, _ replacements: [(unit: MarkdownUnit, text: String)]) -> String {
        var lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        // From the last unit up, so the earlier ones' lines stay where they were.
        for (unit, replacement) in replacements.sorted(by: { ($0.unit.firstLine, $0.unit.startColumn) > ($1.unit.firstLine, $1.unit.startColumn) }) {
            let first = unit.firstLine - 1
            guard first >= 0, unit.lastLine <= lines.count else { continue }
            let prefix = Array(lines[first].prefix(unit.startColumn - 1))
            let continuation = prefix.map { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") ? $0 : UInt8(ascii: " ") }
            let newLines = replacement.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
            var replaced: [[UInt8]] = []
            for (index, line) in newLines.enumerated() {
                replaced.append((index == 0 ? prefix : continuation) + line)
            }
            if let end = unit.endColumn, unit.firstLine == unit.lastLine {
                // An ATX heading: keep what follows the text (a closing sequence).
                replaced[replaced.count - 1] += lines[first].dropFirst(end - 1)
            }
            lines.replaceSubrange(first..<unit.lastLine, with: replaced)
        }
        return String(decoding: Array(lines.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
    }
}

private struct UnitCollector {
    let lines: [[UInt8]]
    var units: [MarkdownUnit] = []

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    mutating func collect(_ node: OpaquePointer, path: [String], containers: [MarkdownUnit.Container], depth: Int) {
        guard depth <= MarkdownParser.maximumDepth else { return }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: paragraph(node, path: path, containers: containers)
        case CMARK_NODE_HEADING: heading(node, path: path, containers: containers)
        case CMARK_NODE_LIST:
            var items: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                items.append(item)
                child = cmark_node_next(item)
            }
            for (index, item) in items.enumerated() {
                children(of: item, path: path + ["\(index + 1)"], containers: containers + [.item(number: index + 1, count: items.count)], isItem: true, depth: depth + 1)
            }
        case CMARK_NODE_BLOCK_QUOTE:
            children(of: node, path: path, containers: containers + [.quote], isItem: false, depth: depth + 1)
        default: break  // code, HTML and thematic breaks are not translated
        }
    }

    /// The children of a quote or an item, each named by its kind and count (`p2`, `list1`);
    /// an item's first paragraph is the item itself.
    mutating func children(of node: OpaquePointer, path: [String], containers: [MarkdownUnit.Container], isItem: Bool, depth: Int) {
        var counts: [String: Int] = [:]
        var child = cmark_node_first_child(node)
        var first = true
        while let current = child {
            let type = cmark_node_get_type(current)
            let kind =
                type == CMARK_NODE_PARAGRAPH ? "p" : type == CMARK_NODE_LIST ? "list" : type == CMARK_NODE_BLOCK_QUOTE ? "quote" : type == CMARK_NODE_HEADING ? "h" : "other"
            let count = counts[kind, default: 0] + 1
            counts[kind] = count
            let name = isItem && first && kind == "p" ? [] : ["\(kind)\(count)"]
            collect(current, path: path + name, containers: containers, depth: depth)
            first = false
            child = cmark_node_next(current)
        }
    }

    func line(_ number: Int) -> [UInt8] { number >= 1 && number <= lines.count ? lines[number - 1] : [] }

    mutating func paragraph(_ node: OpaquePointer, path: [String], containers: [MarkdownUnit.Container]) {
        let first = Int(cmark_node_get_start_line(node))
        let last = Int(cmark_node_get_end_line(node))
        let column = max(1, Int(cmark_node_get_start_column(node)))
        guard first >= 1 else { return }
        units.append(
            MarkdownUnit(
                kind: .paragraph, level: 0, path: path, containers: containers, firstLine: first, lastLine: last, startColumn: column,
                endColumn: nil, text: text(first, last, column: column, quotes: containers.filter { $0 == .quote }.count)))
    }

    mutating func heading(_ node: OpaquePointer, path: [String], containers: [MarkdownUnit.Container]) {
        let first = Int(cmark_node_get_start_line(node))
        let last = Int(cmark_node_get_end_line(node))
        let level = Int(cmark_node_get_heading_level(node))
        guard first >= 1 else { return }
        let bytes = line(first)
        var start = max(0, Int(cmark_node_get_start_column(node)) - 1)
        while start < bytes.count, bytes[start] == Self.space || bytes[start] == Self.tab { start += 1 }
        if start < bytes.count, bytes[start] == UInt8(ascii: "#"), last == first {
            // ATX: `## text ##`.
            while start < bytes.count, bytes[start] == UInt8(ascii: "#") { start += 1 }
            while start < bytes.count, bytes[start] == Self.space || bytes[start] == Self.tab { start += 1 }
            var end = bytes.count
            while end > start, bytes[end - 1] == Self.space || bytes[end - 1] == Self.tab { end -= 1 }
            var closing = end
            while closing > start, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
            if closing < end, closing == start || bytes[closing - 1] == Self.space || bytes[closing - 1] == Self.tab {
                end = closing
                while end > start, bytes[end - 1] == Self.space || bytes[end - 1] == Self.tab { end -= 1 }
            }
            guard end > start else { return }
            units.append(
                MarkdownUnit(
                    kind: .heading, level: level, path: path, containers: containers, firstLine: first, lastLine: first, startColumn: start + 1,
                    endColumn: end + 1, text: String(decoding: bytes[start..<end], as: UTF8.self)))
        } else if last > first {
            // Setext: the text, then an underline.
            units.append(
                MarkdownUnit(
                    kind: .heading, level: level, path: path, containers: containers, firstLine: first, lastLine: last - 1,
                    startColumn: start + 1, endColumn: nil,
                    text: text(first, last - 1, column: start + 1, quotes: containers.filter { $0 == .quote }.count)))
        }
    }

    /// Lines `first...last` from byte `column` of the first; later lines without their quote
    /// markers and indentation; no trailing white space at the end.
    func text(_ first: Int, _ last: Int, column: Int, quotes: Int) -> String {
        var out: [UInt8] = []
        for number in first...max(first, last) {
            var bytes = line(number)[...]
            if number == first {
                bytes = bytes.dropFirst(column - 1)
            } else {
                out.append(UInt8(ascii: "\n"))
                var markers = quotes
                while true {
                    bytes = bytes.drop { $0 == Self.space || $0 == Self.tab }
                    guard markers > 0, bytes.first == UInt8(ascii: ">") else { break }
                    bytes = bytes.dropFirst()
                    markers -= 1
                }
            }
            out += bytes
        }
        while let end = out.last, end == Self.space || end == Self.tab { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
