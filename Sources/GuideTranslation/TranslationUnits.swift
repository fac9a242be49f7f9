import GuideModel
import GuideParsing

/// One translation unit of a page (a heading, a paragraph, a list item, a quote's paragraph)
/// with the name that identifies it in every locale and every version: the page id, the
/// section's anchor and the unit's place in the section (`grooming#warning-signs/list1/3`).
public struct PageUnit: Sendable, Equatable {
    /// The unit's name (a PO entry's msgctxt).
    public var context: String
    public var text: String
    /// What the unit is, for the translator (`List item 3 of 5`).
    public var description: String
    /// The top-level block the unit is in.
    public var block: Int
    /// Where in that block's text the unit is.
    public var unit: MarkdownUnit
    /// The unit's first line in its file (0 for a unit known only from a pin).
    public var line: Int

    /// The units of a page's top-level `blocks`. Section anchors come from `sourceHeadings`
    /// (the plain texts of the source page's headings) where given, as the site's anchors do.
    public static func units(pageID: String, blocks: [SourceBlock], sourceHeadings: [String]? = nil) -> [PageUnit] {
        let perBlock = blocks.map { MarkdownParser.units($0.text) }
        let headings = Self.headings(blocks)
        let anchors = HeadingAnchors.anchors(headings: headings, sourceHeadings: sourceHeadings)
        var section = pageID
        var counts: [String: Int] = [:]
        var headingIndex = 0
        var result: [PageUnit] = []
        for (index, block) in blocks.enumerated() {
            let name: String
            switch block.kind {
            case .heading:
                section = pageID + "#" + (headingIndex < anchors.count ? anchors[headingIndex] : "section")
                headingIndex += 1
                counts = [:]
                name = ""
            case .paragraph: name = "p"
            case .list: name = "list"
            case .quote: name = "quote"
            case .code: name = "code"
            case .html: name = "html"
            case .thematicBreak: name = "rule"
            }
            let number = counts[name, default: 0] + 1
            counts[name] = number
            for unit in perBlock[index] {
                let base = name.isEmpty ? section : section + "/\(name)\(number)"
                let context = unit.path.isEmpty ? base : base + "/" + unit.path.joined(separator: "/")
                result.append(
                    PageUnit(
                        context: context, text: unit.text, description: describe(unit), block: index, unit: unit,
                        line: block.line == 0 ? 0 : block.line + unit.firstLine - 1))
            }
        }
        return result
    }

    /// The plain text of each top-level heading of `blocks`.
    public static func headings(_ blocks: [SourceBlock]) -> [String] {
        blocks.filter(\.kind.isHeading).map { block in
            for parsed in MarkdownParser.parse(block.text, file: "block").blocks {
                if case .heading(_, let inlines) = parsed.kind { return inlines.plainText }
            }
            return ""
        }
    }

    static func describe(_ unit: MarkdownUnit) -> String {
        var where_: [String] = []
        for container in unit.containers.reversed() {
            switch container {
            case .quote: where_.append("a quote")
            case .item(let number, let count): where_.append("list item \(number) of \(count)")
            }
        }
        let isItem: Bool = {
            if case .item = unit.containers.last, unit.kind == .paragraph, let last = unit.path.last, Int(last) != nil { return true }
            return false
        }()
        if isItem {
            let rest = where_.dropFirst()
            return "List item" + where_[0].dropFirst("list item".count) + (rest.isEmpty ? "" : ", in " + rest.joined(separator: ", in "))
        }
        let what = unit.kind == .heading ? "Heading, level \(unit.level)" : "Paragraph"
        return where_.isEmpty ? what : what + ", in " + where_.joined(separator: ", in ")
    }
}

/// How each unit of a source page relates to its pinned version and to the translation: what a
/// PO export writes and what an import changes.
public struct PageUnitState: Sendable {
    public enum Status: Sendable, Equatable {
        /// Translated from the unit's current source text.
        case current
        /// Translated from `previous`, an older source text.
        case changed(previous: String)
        /// Translated, from a source text no pin records.
        case unpinned
        /// No translation.
        case untranslated
    }

    public struct Pairing: Sendable {
        public var source: PageUnit
        /// The pinned source unit this one is (a version of).
        public var pinned: PageUnit?
        /// The translation's unit for it.
        public var translated: PageUnit?
        public var status: Status
    }

    /// A pinned unit the source no longer has, and its translation.
    public struct Obsolete: Sendable {
        public var pinned: PageUnit
        public var translated: PageUnit?
        /// Whether its whole top-level block is gone from the source.
        public var blockRemoved: Bool
    }

    public var page: SourcePage
    public var pairings: [Pairing]
    public var obsolete: [Obsolete]
    /// The translation's units, by name.
    public var translatedUnits: [PageUnit]
    /// Whether the translation has the units (by name) of the version it was made from: else
    /// units are paired by name alone, which may pair the wrong ones.
    public var isAligned: Bool
    public var pin: TranslationPin?
    public var translation: SourcePage?

    public init(page: SourcePage, translation: SourcePage?, pin: TranslationPin?) {
        self.page = page
        self.translation = translation
        self.pin = pin
        let current = PageUnit.units(pageID: page.id, blocks: page.blocks)
        let pinnedBlocks = pin.map { $0.blocks.map { SourceBlock(text: $0.text, kind: BlockHasher.kind(of: $0.text)) } }
        let pinned = pinnedBlocks.map { PageUnit.units(pageID: page.id, blocks: $0) }
        // The version the translation was made from: its pin, else the source as it is.
        let reference = pinned ?? current
        let referenceHeadings = PageUnit.headings(pinnedBlocks ?? page.blocks)
        translatedUnits = translation.map { PageUnit.units(pageID: page.id, blocks: $0.blocks, sourceHeadings: referenceHeadings) } ?? []
        isAligned = translation == nil || translatedUnits.map(\.context) == reference.map(\.context)
        var byContext: [String: PageUnit] = [:]
        for unit in translatedUnits where byContext[unit.context] == nil { byContext[unit.context] = unit }

        var pairings: [Pairing] = []
        var obsolete: [Obsolete] = []
        guard let pin, let pinned, let pinnedBlocks else {
            pairings = current.map { unit in
                let translated = byContext[unit.context]
                return Pairing(source: unit, pinned: nil, translated: translated, status: translated == nil ? .untranslated : .unpinned)
            }
            self.pairings = pairings
            self.obsolete = []
            return
        }
        _ = pinnedBlocks
        func units(_ list: [PageUnit], block: Int) -> [PageUnit] { list.filter { $0.block == block } }
        func pair(_ source: PageUnit, _ old: PageUnit?) -> Pairing {
            guard let old else { return Pairing(source: source, pinned: nil, translated: nil, status: .untranslated) }
            let translated = byContext[old.context]
            let status: Status = translated == nil ? .untranslated : old.text == source.text ? .current : .changed(previous: old.text)
            return Pairing(source: source, pinned: old, translated: translated, status: status)
        }
        for change in BlockAlignment.align(old: pin.hashes, new: page.blocks.map(\.hash)) {
            switch change {
            case .unchanged(let o, let n):
                for (old, new) in zip(units(pinned, block: o), units(current, block: n)) { pairings.append(pair(new, old)) }
            case .changed(let o, let n):
                let olds = units(pinned, block: o)
                let news = units(current, block: n)
                for unitChange in BlockAlignment.align(old: olds.map(\.text), new: news.map(\.text)) {
                    switch unitChange {
                    case .unchanged(let a, let b), .changed(let a, let b): pairings.append(pair(news[b], olds[a]))
                    case .added(let b): pairings.append(pair(news[b], nil))
                    case .removed(let a): obsolete.append(Obsolete(pinned: olds[a], translated: byContext[olds[a].context], blockRemoved: false))
                    }
                }
            case .added(let n):
                for new in units(current, block: n) { pairings.append(pair(new, nil)) }
            case .removed(let o):
                for old in units(pinned, block: o) { obsolete.append(Obsolete(pinned: old, translated: byContext[old.context], blockRemoved: true)) }
            }
        }
        self.pairings = pairings
        self.obsolete = obsolete
    }
}
