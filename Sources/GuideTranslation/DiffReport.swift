import GuideModel

/// What changed in one page's source since its translation was pinned, block by block, with
/// the translation's corresponding blocks.
public struct PageDiff: Sendable, Equatable {
    public var locale: LocaleInfo
    public var id: String
    public var sourceFile: String
    public var translationFile: String
    public var entries: [Entry]
    /// How blocks were matched when the translation's structure differs from the source's.
    public var note: String?
    /// Findings about the page as a whole (its length), from `TranslationFidelity`.
    public var pageFindings: [String] = []

    /// `3 en blocks changed since Content/es/a.md was pinned; 2 blocks with fidelity findings`.
    public func summary(source: String) -> String {
        let changed = entries.filter { !$0.change.isUnchanged }.count
        let flagged = entries.filter { !$0.fidelity.isEmpty }.count + (pageFindings.isEmpty ? 0 : 1)
        var parts: [String] = []
        if changed > 0 { parts.append("\(changed) \(source) block\(changed == 1 ? "" : "s") changed since \(translationFile) was pinned") }
        if flagged > 0 { parts.append("\(flagged) place\(flagged == 1 ? "" : "s") where \(translationFile) carries less than \(source)") }
        return parts.joined(separator: "; ")
    }

    /// One changed, added or removed source block.
    public struct Entry: Sendable, Equatable {
        public var change: BlockChange
        /// Word-level marks: for a changed block, old and new words; an added block is all
        /// added, a removed one all removed.
        public var segments: [WordDiff.Segment]
        /// The block's first line in the current source file (changed and added blocks).
        public var sourceLine: Int?
        /// The translation's block to show beside it; `placement` says how it relates.
        public var translation: TranslatedBlock?
        public var placement: Placement
        /// What the translated block carries less of than the source block
        /// (`TranslationFidelity`): shown beside it. An entry of an unchanged block is there for
        /// these alone.
        public var fidelity: [String] = []
    }

    public enum Placement: Sendable, Equatable {
        /// The translated block renders the pinned source block.
        case corresponding
        /// The translation has no block of its own for it (blocks were merged or dropped):
        /// this is the block of the nearest earlier source block that has one.
        case nearest
        /// An added source block: it goes after this translated block (none: at the start).
        case insertAfter
    }

    public struct TranslatedBlock: Sendable, Equatable {
        /// 0-based among the translation's top-level blocks.
        public var index: Int
        public var line: Int
        public var text: String
    }

    /// The diff for `page` in `locale`: its changed blocks when it is outdated, and the blocks
    /// with fidelity findings; `nil` when there is neither.
    public static func make(page: SourcePage, locale: LocaleInfo, in workspace: TranslationWorkspace) -> PageDiff? {
        guard let translated = workspace.translatedPages[locale.code]?[page.id] else { return nil }
        let findings = workspace.fidelity(of: page, locale: locale.code)
        let pin = workspace.pinFiles[locale.code]?.pins[page.id]
        let outdated = pin.map { !$0.matches(page.blocks) } ?? false
        guard outdated || !findings.isEmpty else { return nil }
        func block(_ t: Int) -> TranslatedBlock {
            TranslatedBlock(index: t, line: translated.blocks[t].line, text: translated.blocks[t].text)
        }
        var entries: [Entry] = []
        var note: String?
        if let pin, outdated {
            let correspondence = BlockCorrespondence(
                source: pin.blocks.map { BlockHasher.kind(of: $0.text) }, translation: translated.blocks.map(\.kind))
            note = correspondence.note
            /// The translated block of pinned block `index`, else of the nearest earlier one.
            func translation(near index: Int?) -> (TranslatedBlock, exact: Bool)? {
                guard let index else { return nil }
                for k in stride(from: min(index, correspondence.translationIndex.count - 1), through: 0, by: -1) {
                    if let t = correspondence.translationIndex[k] { return (block(t), k == index) }
                }
                return nil
            }
            let alignment = BlockAlignment.align(old: pin.hashes, new: page.blocks.map(\.hash))
            var previousPinned: Int? = nil
            for change in alignment {
                let segments: [WordDiff.Segment]
                let sourceLine = change.new.map { page.blocks[$0].line }
                switch change {
                case .unchanged(let old, _):
                    previousPinned = old
                    continue
                case .changed(let old, let new):
                    segments = WordDiff.diff(old: pin.blocks[old].text, new: page.blocks[new].text)
                    previousPinned = old
                case .removed(let old):
                    segments = [WordDiff.Segment(.removed, pin.blocks[old].text)]
                    previousPinned = old
                case .added(let new):
                    segments = [WordDiff.Segment(.added, page.blocks[new].text)]
                    let after = translation(near: previousPinned)
                    entries.append(Entry(change: change, segments: segments, sourceLine: sourceLine, translation: after?.0, placement: .insertAfter))
                    continue
                }
                let found = translation(near: change.old)
                entries.append(
                    Entry(
                        change: change, segments: segments, sourceLine: sourceLine, translation: found?.0,
                        placement: found?.exact == false ? .nearest : .corresponding))
            }
        }
        var pageFindings: [String] = []
        for finding in findings {
            guard let s = finding.sourceIndex, s < page.blocks.count else {
                pageFindings.append(finding.message)
                continue
            }
            if let k = entries.firstIndex(where: { $0.change.new == s }) {
                entries[k].fidelity.append(finding.message)
                continue
            }
            let translation = finding.translationIndex.flatMap { $0 < translated.blocks.count ? block($0) : nil }
            entries.append(
                Entry(
                    change: .unchanged(old: s, new: s), segments: [WordDiff.Segment(.same, page.blocks[s].text)], sourceLine: page.blocks[s].line,
                    translation: translation, placement: .corresponding, fidelity: [finding.message]))
        }
        // In source order; a removed block stays after the block before it.
        var keys: [Double] = []
        var last = -1.0
        for entry in entries {
            if let new = entry.change.new { last = Double(new) } else { last += 0.001 }
            keys.append(last)
        }
        let ordered = zip(keys, entries).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        return PageDiff(
            locale: locale, id: page.id, sourceFile: page.file, translationFile: translated.file, entries: ordered, note: note,
            pageFindings: pageFindings)
    }
}

/// The diffs of one locale's outdated pages, printed for a terminal or as an HTML page.
public struct DiffReport: Sendable, Equatable {
    public var sourceLocale: LocaleInfo
    public var locale: LocaleInfo
    public var pages: [PageDiff]
    /// Pages that were asked for but have nothing to show, and why.
    public var notes: [String]

    /// The outdated pages of `locale` among `pageArguments` (every page when empty).
    public static func make(locale code: String, pages pageArguments: [String], in workspace: TranslationWorkspace) throws(TranslationError) -> DiffReport {
        guard let locale = workspace.locales.first(where: { $0.code == code }) else {
            if code == workspace.sourceLocale { throw .sourceLocale(code) }
            throw .unknownLocale(code, available: workspace.info.locales.map(\.code))
        }
        var selected: [SourcePage] = []
        for argument in pageArguments {
            let page = try workspace.resolvePage(argument)
            if !selected.contains(where: { $0.id == page.id }) { selected.append(page) }
        }
        let explicit = !selected.isEmpty
        if !explicit { selected = workspace.sourcePages }
        var pages: [PageDiff] = []
        var notes: [String] = []
        let source = workspace.sourceLocale
        for page in selected {
            if let diff = PageDiff.make(page: page, locale: locale, in: workspace) {
                pages.append(diff)
                continue
            }
            guard explicit else { continue }
            let file = workspace.translationFile(page, locale: code)
            if workspace.translatedPages[code]?[page.id] == nil {
                notes.append("\(page.id): missing; there is no \(file) yet, so the whole \(source) page is new")
            } else if workspace.pinFiles[code]?.pins[page.id] == nil {
                notes.append(
                    "\(page.id): unpinned; nothing records which \(source) version \(file) follows, so there is nothing to compare. Check it against \(page.file), then run 'guidegen pin --locale \(code) \(page.id)'"
                )
            } else {
                notes.append("\(page.id): current; \(page.file) has not changed since \(file) was pinned")
            }
        }
        if pages.isEmpty, !explicit {
            notes.append("every pinned \(code) page is current (no \(source) block changed since it was pinned) and carries what its \(source) page carries")
        }
        let sourceInfo = workspace.info.locale(source) ?? LocaleInfo(code: source, nativeName: source, direction: .ltr, title: "", description: "")
        return DiffReport(sourceLocale: sourceInfo, locale: locale, pages: pages, notes: notes)
    }

    // MARK: Text

    /// Each outdated page, then each change: the source block with `[-removed-]{+added+}`
    /// marks (colours on a terminal) above the translation's block.
    public func text(color: Bool = false) -> String {
        let style = TerminalStyle(enabled: color)
        let source = sourceLocale.code
        let target = locale.code
        let labelWidth = max(source.count, target.count)
        func label(_ code: String) -> String { code.padding(toLength: labelWidth, withPad: " ", startingAt: 0) }
        func indented(_ text: String, label: String) -> String {
            let pad = String(repeating: " ", count: labelWidth + 4)
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
                ((i == 0 ? "  " + label + "  " : pad) + line).trimmingTrailingSpaces()
            }.joined(separator: "\n")
        }
        var out = ""
        for page in pages {
            out += style.bold("\(page.id): \(page.summary(source: source))") + "\n"
            out += style.dim("  \(page.sourceFile) → \(page.translationFile)") + "\n"
            if let note = page.note { out += "  note: \(note)\n" }
            for finding in page.pageFindings { out += "  fidelity: \(finding)\n" }
            for entry in page.entries {
                out += "\n" + style.bold(heading(entry, page: page)) + "\n"
                let marked = entry.segments.map { segment -> String in
                    switch segment.kind {
                    case .same: return segment.text
                    case .removed: return color ? style.eachLine(segment.text, style.removed) : "[-\(segment.text)-]"
                    case .added: return color ? style.eachLine(segment.text, style.added) : "{+\(segment.text)+}"
                    }
                }.joined()
                out += indented(marked, label: style.bold(label(source))) + "\n"
                if let translation = entry.translation {
                    out += indented(translation.text, label: style.bold(label(target))) + "\n"
                }
                for finding in entry.fidelity { out += "  ! \(finding)\n" }
            }
            out += "\n"
        }
        for note in notes { out += note + "\n" }
        return out
    }

    func heading(_ entry: PageDiff.Entry, page: PageDiff) -> String {
        let target = locale.code
        let block = entry.translation.map { "\(target) block \($0.index + 1), line \($0.line)" }
        let beside: String
        switch entry.placement {
        case .corresponding: beside = block.map { " ↔ \($0)" } ?? " (no \(target) block)"
        case .nearest: beside = block.map { " ↔ no \(target) block of its own; nearest: \($0)" } ?? " (no \(target) block)"
        case .insertAfter: beside = block.map { "; new in \(target), after \($0)" } ?? "; new in \(target), at the start"
        }
        switch entry.change {
        case .changed(_, let new):
            return "changed: \(sourceLocale.code) block \(new + 1), line \(entry.sourceLine ?? 0)" + beside
        case .added(let new):
            return "added: \(sourceLocale.code) block \(new + 1), line \(entry.sourceLine ?? 0)" + beside
        case .removed(let old):
            return "removed: \(sourceLocale.code) block \(old + 1) of the pinned version" + beside
        case .unchanged(_, let new):
            return "fidelity: \(sourceLocale.code) block \(new + 1), line \(entry.sourceLine ?? 0)" + beside
        }
    }
}
