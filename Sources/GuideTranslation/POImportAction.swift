import Foundation
import GettextPO
import GuideModel
import GuideParsing

/// `guidegen po import`: writes a locale's PO file back into its pages, `ui/` and `resources/`
/// files, and re-pins what it translated.
///
/// A non-fuzzy entry with a translation replaces its unit's text in place (nothing else in the
/// file changes) and counts as translated from the current source; fuzzy and empty entries
/// leave the current text. A block the translation lacks (a new source paragraph, list item or
/// block) is written from the source's Markdown once all its units are translated; a page the
/// locale lacks, once the whole page is. A translated block whose source is gone is removed
/// when the PO no longer holds its obsolete entries. Every entry is checked first; one that
/// would break its page, a malformed file or one for another language writes nothing.
public struct POImportAction: Sendable {
    public var contentRoot: String
    public var locale: String
    public var file: String

    public init(contentRoot: String, locale: String, file: String) {
        self.contentRoot = contentRoot
        self.locale = locale
        self.file = file
    }

    public struct Report: Sendable {
        /// What was done, one line per page or file.
        public var lines: [String]
        /// Entries skipped, with why (stale source text, unknown name).
        public var warnings: [Diagnostic]
        public var written: [String]
    }

    public func run() throws(TranslationError) -> Report {
        let catalog = try readCatalog()
        let inventory = try POInventory.load(contentRoot: contentRoot, locale: locale)
        var importer = Importer(inventory: inventory, catalog: catalog, poFile: file, locale: locale)
        return try importer.run()
    }

    /// The PO file, refused when malformed, for another language or holding plural entries.
    func readCatalog() throws(TranslationError) -> POCatalog {
        let location = SourceLocation(file: file, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: file) else { throw .io(file, "no such file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= POParser.maximumBytes, let data = FileManager.default.contents(atPath: file) else {
            throw .refused([.error("po-syntax", "cannot read the PO file (or it is larger than \(POParser.maximumBytes / 1_048_576) MB)", at: location)])
        }
        let catalog: POCatalog
        switch POParser.parse([UInt8](data), file: file) {
        case .failure(let d): throw .refused([d])
        case .success(let c): catalog = c
        }
        let header = SourceLocation(file: file, line: max(catalog.headerLine, 1), column: 1)
        guard let language = catalog.headerValue("Language"), !language.isEmpty else {
            throw .refused([.error("po-language", "the PO header has no Language; this file is for '\(locale)' only if it says 'Language: \(locale)'", at: header)])
        }
        guard Self.sameLanguage(language, locale) else {
            throw .refused([.error("po-language", "this PO file is for '\(language)', not '\(locale)'", at: header)])
        }
        if let type = catalog.headerValue("Content-Type"), let charset = type.lowercased().split(separator: "charset=").last,
            type.lowercased().contains("charset="), charset.trimmingCharacters(in: .whitespaces) != "utf-8"
        {
            throw .refused([.error("po-encoding", "the PO file says its charset is '\(charset)'; save it as UTF-8", at: header)])
        }
        if let plural = catalog.entries.first(where: { $0.idPlural != nil && !$0.isObsolete }) {
            throw .refused([.error("po-syntax", "a plural entry (msgid_plural): the guide has none; export the file again", at: SourceLocation(file: file, line: plural.line, column: 1))])
        }
        return catalog
    }

    /// `es` and `es`, `pt-BR` and `pt_BR`; `es_ES` for `es`.
    static func sameLanguage(_ header: String, _ code: String) -> Bool {
        let a = header.replacingOccurrences(of: "_", with: "-").lowercased()
        let b = code.lowercased()
        return a == b || (!b.contains("-") && a.split(separator: "-").first.map(String.init) == b)
    }
}

/// One import's work: every edit planned and checked, then written together.
private struct Importer {
    let inventory: POInventory
    let catalog: POCatalog
    let poFile: String
    let locale: String
    var entries: [String: POEntry] = [:]
    var obsoleteNames: Set<String> = []
    var problems: [Diagnostic] = []
    var warnings: [Diagnostic] = []
    var lines: [String] = []
    var files: [(path: String, text: String)] = []
    var used: Set<String> = []

    init(inventory: POInventory, catalog: POCatalog, poFile: String, locale: String) {
        self.inventory = inventory
        self.catalog = catalog
        self.poFile = poFile
        self.locale = locale
        for entry in catalog.entries {
            guard let context = entry.context else {
                if !entry.isObsolete {
                    warnings.append(.warning("po-unknown-entry", "an entry with no msgctxt: guidegen names every entry; skipped", at: at(entry)))
                }
                continue
            }
            if entry.isObsolete { obsoleteNames.insert(context) } else { entries[context] = entry }
        }
    }

    func at(_ entry: POEntry) -> SourceLocation { SourceLocation(file: poFile, line: entry.line, column: 1) }

    /// The translation an entry gives for a unit whose source is `source`: `nil` for a fuzzy or
    /// empty entry, or one made from another source text (warned).
    mutating func translation(_ context: String, source: String) -> (String, POEntry)? {
        guard let entry = entries[context] else { return nil }
        used.insert(context)
        guard !entry.isFuzzy, !entry.translation.isEmpty else { return nil }
        guard entry.id == source else {
            warnings.append(
                .warning(
                    "po-stale-entry", "the \(inventory.workspace.sourceLocale) text of '\(context)' changed since this file was exported; export it again (the entry was skipped)",
                    at: at(entry)))
            return nil
        }
        return (entry.translation.replacingOccurrences(of: "\r", with: ""), entry)
    }

    mutating func run() throws(TranslationError) -> POImportAction.Report {
        var pinFile = inventory.workspace.pinFiles[locale] ?? PinFile(
            locale: locale, sourceLocale: inventory.workspace.sourceLocale,
            path: PinFile.path(contentRoot: inventory.workspace.contentRoot, locale: locale))
        for page in inventory.pages {
            importPage(page, pins: &pinFile)
        }
        importStrings()
        for (context, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) where !used.contains(context) {
            warnings.append(.warning("po-unknown-entry", "no unit is named '\(context)' in the content now; skipped (export the file again)", at: at(entry)))
        }
        if !problems.isEmpty { throw .refused(problems) }
        if pinFile.pins != (inventory.workspace.pinFiles[locale]?.pins ?? [:]) || !pinFile.exists && !pinFile.pins.isEmpty {
            files.append((pinFile.path, pinFile.serialized()))
        }
        let written = try AtomicFiles.write(files, what: "the translation")
        return POImportAction.Report(lines: lines, warnings: warnings.sorted, written: written)
    }

    // MARK: Pages

    mutating func importPage(_ page: POInventory.PageEntry, pins: inout PinFile) {
        let state = page.state
        let id = state.page.id
        // The new text of each pairing: a translation from the file.
        var done: [Int: String] = [:]
        for (index, pairing) in state.pairings.enumerated() {
            guard let (text, entry) = translation(pairing.source.context, source: pairing.source.text) else { continue }
            let normalized = Self.normalize(text)
            // Text the page already has passed `check`; only new text is checked here.
            if normalized != pairing.translated?.text, let problem = Self.problem(normalized, source: pairing.source) {
                problems.append(.error("po-invalid-entry", "'\(pairing.source.context)': \(problem)", at: at(entry)))
                continue
            }
            done[index] = normalized
        }
        var fields: [String: String] = [:]
        for string in page.strings {
            guard let (text, entry) = translation(string.context, source: string.source) else { continue }
            if let problem = Self.stringProblem(text) {
                problems.append(.error("po-invalid-entry", "'\(string.context)': \(problem)", at: at(entry)))
                continue
            }
            if case .frontMatter(_, let key) = string.target, text != string.translation { fields[key] = text }
        }

        guard let translation = state.translation, let original = page.translationText else {
            newPage(page, done: done, fields: fields, pins: &pins)
            return
        }
        var edits: [LineEdit] = []
        let blocks = translation.blocks
        func range(_ t: Int) -> ClosedRange<Int> {
            let start = blocks[t].line
            return start...(start + blocks[t].text.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        }
        var pinnedBlocks = Set<Int>()  // source blocks whose every unit is translated now
        var lastEnd = 0  // the last line of the translated block before the current one
        let sourceBlocks = state.page.blocks
        for (b, block) in sourceBlocks.enumerated() {
            let indices = state.pairings.indices.filter { state.pairings[$0].source.block == b }
            let translatedBlock = indices.compactMap { state.pairings[$0].translated?.block }.first
            let dropped = state.obsolete.filter { gone in
                !gone.blockRemoved && gone.translated != nil && gone.translated?.block == translatedBlock && !obsoleteNames.contains(gone.pinned.context)
            }
            if !indices.isEmpty, indices.allSatisfy({ done[$0] != nil }) { pinnedBlocks.insert(b) }
            let changesStructure = indices.contains { done[$0] != nil && state.pairings[$0].translated == nil } || !dropped.isEmpty
            let texts = indices.map { done[$0] ?? state.pairings[$0].translated?.text }
            if !state.isAligned, indices.contains(where: { done[$0] != nil && done[$0] != state.pairings[$0].translated?.text }) {
                problems.append(
                    .error(
                        "po-unaligned-page",
                        "\(translation.file) has other blocks than the \(inventory.workspace.sourceLocale) text it was made from; match them first (guidegen diff --locale \(locale) \(id)), then import",
                        at: SourceLocation(file: translation.file, line: 1, column: 1)))
                return
            }
            if changesStructure, texts.allSatisfy({ $0 != nil }) {
                let rebuilt = MarkdownParser.replacingUnits(in: block.text, zip(indices, texts).map { (state.pairings[$0.0].source.unit, $0.1!) })
                if let t = translatedBlock {
                    edits.append(LineEdit(range: range(t), lines: rebuilt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                    lastEnd = range(t).upperBound
                } else {
                    edits.append(LineEdit(insertAfter: lastEnd, lines: [""] + rebuilt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                }
                continue
            }
            if changesStructure { pinnedBlocks.remove(b) }
            if let t = translatedBlock {
                let replacements = indices.compactMap { i -> (MarkdownUnit, String)? in
                    guard let text = done[i], let unit = state.pairings[i].translated, unit.text != text else { return nil }
                    return (unit.unit, text)
                }
                if !replacements.isEmpty {
                    let rebuilt = MarkdownParser.replacingUnits(in: blocks[t].text, replacements)
                    edits.append(LineEdit(range: range(t), lines: rebuilt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                }
                lastEnd = range(t).upperBound
            }
        }
        // Translated blocks whose whole source block is gone, once the file drops their entries.
        var removedBlocks = Set<Int>()
        let gone = Dictionary(grouping: state.obsolete.filter { $0.blockRemoved && $0.translated != nil }, by: { $0.translated!.block })
        for (t, units) in gone where !units.contains(where: { obsoleteNames.contains($0.pinned.context) }) {
            // Only a block that translates nothing current.
            guard !state.pairings.contains(where: { $0.translated?.block == t }) else { continue }
            removedBlocks.insert(t)
            let r = range(t)
            let blank = r.lowerBound > 1 && original.split(separator: "\n", omittingEmptySubsequences: false)[r.lowerBound - 2].isEmpty
            edits.append(LineEdit(range: (blank ? r.lowerBound - 1 : r.lowerBound)...r.upperBound, lines: []))
        }
        var text = LineEdit.apply(edits, to: original)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let edited = Self.editFrontMatter(text, file: translation.file, key: key, value: value) else {
                problems.append(.error("po-invalid-entry", "cannot write the \(key) into \(translation.file) safely", at: SourceLocation(file: translation.file, line: 1, column: 1)))
                return
            }
            text = edited
        }
        if text != original {
            if case .failure(let d) = BlockHasher.blocks(ofPage: text, file: translation.file) {
                problems.append(d)
                return
            }
            files.append((translation.file, text))
            lines.append("\(locale)  \(id): wrote \(translation.file)")
        }
        pins.pins[id] = newPin(state, pinnedBlocks: pinnedBlocks, removedTranslated: removedBlocks)
        if pins.pins[id] == nil { pins.pins.removeValue(forKey: id) }
    }

    /// A page the locale has no file for: written from the source page once every unit and its
    /// title are translated.
    mutating func newPage(_ page: POInventory.PageEntry, done: [Int: String], fields: [String: String], pins: inout PinFile) {
        let state = page.state
        let total = state.pairings.count + page.strings.count
        let translated = done.count + page.strings.filter { fields[$0.target == .frontMatter(page: state.page.id, key: "title") ? "title" : "description"] != nil }.count
        guard translated > 0 else { return }
        guard done.count == state.pairings.count, fields["title"] != nil else {
            lines.append("\(locale)  \(state.page.id): \(translated) of \(total) entries translated; the page is written once all are")
            return
        }
        let blocks = state.page.blocks
        var replacements: [(MarkdownUnit, String)] = []
        for (index, pairing) in state.pairings.enumerated() {
            var unit = pairing.source.unit
            let shift = blocks[pairing.source.block].line - 1
            unit.firstLine += shift
            unit.lastLine += shift
            replacements.append((unit, done[index]!))
        }
        var text = MarkdownParser.replacingUnits(in: page.sourceText, replacements)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let edited = Self.editFrontMatter(text, file: page.translationFile, key: key, value: value) else {
                problems.append(.error("po-invalid-entry", "cannot write the \(key) into \(page.translationFile) safely", at: SourceLocation(file: page.translationFile, line: 1, column: 1)))
                return
            }
            text = edited
        }
        files.append((page.translationFile, text))
        lines.append("\(locale)  \(state.page.id): wrote the new page \(page.translationFile)")
        pins.pins[state.page.id] = TranslationPin(pageID: state.page.id, current: blocks)
    }

    /// The page's pin after the import: blocks whose every unit the file translates are pinned
    /// to the source as it is now; the rest keep the version they were translated from.
    func newPin(_ state: PageUnitState, pinnedBlocks: Set<Int>, removedTranslated: Set<Int>) -> TranslationPin? {
        let current = state.page.blocks
        guard let pin = state.pin else {
            let all = !state.pairings.isEmpty && pinnedBlocks.count == Set(state.pairings.map(\.source.block)).count
            return all ? TranslationPin(pageID: state.page.id, current: current) : nil
        }
        let unitBlocks = Set(state.pairings.map(\.source.block))
        var blocks: [PinnedBlock] = []
        for change in BlockAlignment.align(old: pin.hashes, new: current.map(\.hash)) {
            switch change {
            case .unchanged(let o, _): blocks.append(pin.blocks[o])
            case .changed(let o, let n):
                blocks.append(unitBlocks.contains(n) && pinnedBlocks.contains(n) ? PinnedBlock(hash: current[n].hash, text: current[n].text) : pin.blocks[o])
            case .added(let n):
                if unitBlocks.contains(n), pinnedBlocks.contains(n) { blocks.append(PinnedBlock(hash: current[n].hash, text: current[n].text)) }
            case .removed(let o):
                let translated = state.obsolete.filter { $0.blockRemoved }.compactMap { gone -> Int? in
                    pin.blocks[o].text.contains(gone.pinned.text) ? gone.translated?.block : nil
                }
                if translated.isEmpty || translated.allSatisfy(removedTranslated.contains) { continue }
                blocks.append(pin.blocks[o])
            }
        }
        var result = pin
        result.blocks = blocks
        return result
    }

    // MARK: Strings

    mutating func importStrings() {
        var uiText = inventory.uiText
        var resourcesText = inventory.resourcesText
        for string in inventory.ui + inventory.resources {
            guard let (text, entry) = translation(string.context, source: string.source), text != string.translation else { continue }
            if let problem = Self.stringProblem(text) {
                problems.append(.error("po-invalid-entry", "'\(string.context)': \(problem)", at: at(entry)))
                continue
            }
            switch string.target {
            case .ui(let key):
                let file = inventory.uiFile
                guard let edited = Self.editUI(uiText ?? "", file: file, key: key, value: text) else {
                    problems.append(.error("po-invalid-entry", "cannot write '\(key)' into \(file) safely", at: at(entry)))
                    continue
                }
                uiText = edited
            case .resource, .country:
                let file = inventory.resourcesFile
                guard let edited = Self.editResource(resourcesText ?? "", file: file, target: string.target, value: text) else {
                    problems.append(.error("po-invalid-entry", "cannot write '\(string.context)' into \(file) safely", at: at(entry)))
                    continue
                }
                resourcesText = edited
            case .frontMatter: break
            }
        }
        if let uiText, uiText != inventory.uiText {
            files.append((inventory.uiFile, uiText))
            lines.append("\(locale)  interface strings: wrote \(inventory.uiFile)")
        }
        if let resourcesText, resourcesText != inventory.resourcesText {
            files.append((inventory.resourcesFile, resourcesText))
            lines.append("\(locale)  help services: wrote \(inventory.resourcesFile)")
        }
    }

    static func editFrontMatter(_ text: String, file: String, key: String, value: String) -> String? {
        guard case .success(let fields) = YAMLFields.frontMatter(text, file: file) else { return nil }
        let edited: String?
        if let field = fields[key] {
            edited = YAMLFieldEditing.replacingScalar(in: text, line: field.line, column: field.column, keyIndent: field.keyIndent, with: value)
        } else {
            edited = YAMLFieldEditing.inserting(key: key, value: value, indent: 0, afterLine: fields.lastLine, in: text)
        }
        guard let edited, case .success(let check) = YAMLFields.frontMatter(edited, file: file), check[key]?.value == value else { return nil }
        return edited
    }

    static func editUI(_ text: String, file: String, key: String, value: String) -> String? {
        guard case .success(let fields) = YAMLFields.ui(text, file: file) else { return nil }
        let edited: String?
        if let field = fields[key] {
            edited = YAMLFieldEditing.replacingScalar(in: text, line: field.line, column: field.column, keyIndent: field.keyIndent, with: value)
        } else {
            let base = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
            edited = base + key + ": " + YAMLScalarWriting.plainOrQuoted(value) + "\n"
        }
        guard let edited, case .success(let check) = YAMLFields.ui(edited, file: file), check[key]?.value == value else { return nil }
        return edited
    }

    static func editResource(_ text: String, file: String, target: TranslatableString.Target, value: String) -> String? {
        guard case .success(let parsed) = YAMLFields.resources(text, file: file) else { return nil }
        func current(in r: (countries: YAMLFieldList, services: [(id: String, fields: YAMLFieldList)])) -> String? {
            switch target {
            case .country(let code): return r.countries[code]?.value
            case .resource(let id, let key): return r.services.first { $0.id == id }?.fields[key]?.value
            default: return nil
            }
        }
        let edited: String?
        switch target {
        case .country(let code):
            if let field = parsed.countries[code] {
                edited = YAMLFieldEditing.replacingScalar(in: text, line: field.line, column: field.column, keyIndent: field.keyIndent, with: value)
            } else {
                guard let any = parsed.countries.keys.first.flatMap({ parsed.countries[$0] }) else { return nil }
                edited = YAMLFieldEditing.inserting(key: code, value: value, indent: any.keyIndent, afterLine: parsed.countries.lastLine, in: text)
            }
        case .resource(let id, let key):
            guard let service = parsed.services.first(where: { $0.id == id })?.fields else { return nil }
            if let field = service[key] {
                edited = YAMLFieldEditing.replacingScalar(in: text, line: field.line, column: field.column, keyIndent: field.keyIndent, with: value)
            } else {
                guard let name = service["name"] else { return nil }
                edited = YAMLFieldEditing.inserting(key: key, value: value, indent: name.keyIndent, afterLine: service.lastLine, in: text)
            }
        default: return nil
        }
        guard let edited, case .success(let check) = YAMLFields.resources(edited, file: file), current(in: check) == value else { return nil }
        return edited
    }

    // MARK: Checks

    /// Continuation lines without their indentation, no white space at the ends: as
    /// `MarkdownParser.units` reads a unit's text.
    static func normalize(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let joined = lines.enumerated().map { index, line in index == 0 ? line : line.drop { $0 == " " || $0 == "\t" } }.joined(separator: "\n")
        var result = Substring(joined)
        while let last = result.last, last == " " || last == "\t" || last == "\n" { result = result.dropLast() }
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        return String(result)
    }

    /// Why `text` cannot stand in for `source`'s text, if it cannot.
    static func problem(_ text: String, source: PageUnit) -> String? {
        if let problem = stringProblem(text) { return problem }
        if source.unit.kind == .heading, text.contains("\n") { return "a heading is one line; the translation has line breaks" }
        let translated = MarkdownParser.parse(text, file: "entry").blocks
        let original = MarkdownParser.parse(source.text, file: "entry").blocks
        guard translated.count == original.count, zip(translated, original).allSatisfy({ BlockKind($0) == BlockKind($1) }) else {
            let what = translated.count > 1 ? "\(translated.count) blocks (an empty line splits it)" : translated.first.map { "a \(BlockKind($0))" } ?? "nothing"
            return "the translation would become \(what), not one \(source.unit.kind == .heading ? "heading" : "paragraph"): start it with a word, not a list marker, '#' or '>'"
        }
        let a = facts(translated)
        let b = facts(original)
        if let foreign = a.destinations.first(where: { !b.destinations.contains($0) }) {
            return "the link target '\(foreign)' is not one of the source's (\(b.destinations.isEmpty ? "it has no links" : b.destinations.sorted().joined(separator: ", "))): translate a link's text, never its target"
        }
        if let html = a.html.first(where: { !b.html.contains($0) }) { return "raw HTML '\(html)' is not allowed; write Markdown" }
        if a.markers > b.markers {
            return "unbalanced emphasis: a '*' or '_' opens or closes nothing (write **bold** and *emphasis* in pairs)"
        }
        return nil
    }

    /// Control characters and non-characters, which no page, interface string or service may hold.
    static func stringProblem(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: continue
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                return "the character U+\(String(scalar.value, radix: 16, uppercase: true)) is a control character; remove it"
            default: continue
            }
        }
        return nil
    }

    static func facts(_ blocks: [Block]) -> (destinations: [String], html: [String], markers: Int) {
        var destinations: [String] = []
        var html: [String] = []
        var markers = 0
        blocks.walk(
            inline: { inline in
                switch inline.kind {
                case .link(let destination, _, _): destinations.append(destination)
                case .image(let source, _, _): destinations.append(source)
                case .html(let literal): html.append(literal)
                case .text(let text): markers += text.unicodeScalars.filter { $0 == "*" || $0 == "_" }.count
                default: break
                }
            })
        return (destinations, html, markers)
    }
}

/// A change to a file's lines: lines `range` replaced (or removed), or lines inserted after a
/// line. Edits never overlap; they are applied from the end of the file up.
struct LineEdit {
    var range: ClosedRange<Int>?
    var after: Int
    var lines: [String]

    init(range: ClosedRange<Int>, lines: [String]) {
        self.range = range
        self.after = range.upperBound
        self.lines = lines
    }

    init(insertAfter line: Int, lines: [String]) {
        self.range = nil
        self.after = line
        self.lines = lines
    }

    static func apply(_ edits: [LineEdit], to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for edit in edits.sorted(by: { ($0.after, $0.range == nil ? 1 : 0) > ($1.after, $1.range == nil ? 1 : 0) }) {
            if let range = edit.range {
                lines.replaceSubrange((range.lowerBound - 1)..<min(range.upperBound, lines.count), with: edit.lines)
            } else {
                var inserted = edit.lines
                if edit.after == 0 {
                    // Before the first block: after the front matter and its blank line.
                    inserted = Array(edit.lines.dropFirst()) + [""]
                }
                lines.insert(contentsOf: inserted, at: min(edit.after, lines.count))
            }
        }
        return lines.joined(separator: "\n")
    }
}
