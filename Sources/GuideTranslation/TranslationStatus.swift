import GuideModel

/// Where one translated page stands against the source.
public enum PageState: String, Sendable, Codable, CaseIterable, Comparable {
    /// Pinned, and the source has not changed since.
    case current
    /// Pinned, and some source blocks changed since.
    case outdated
    /// Translated, but never pinned: nobody has said which source version it follows.
    case unpinned
    /// No translated file: readers get the source page.
    case missing
    /// A translated file with no source page: it is not published.
    case orphaned

    public static func < (a: PageState, b: PageState) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One page of one locale.
public struct PageStatus: Sendable, Equatable {
    public var locale: String
    public var id: String
    public var state: PageState
    /// The translated file (where it would be, for a missing page).
    public var file: String
    /// The source file; `nil` for an orphan.
    public var sourceFile: String?
    /// From the pinned to the current source, without unchanged blocks; empty unless outdated.
    public var changes: [BlockChange]
    /// The first line of each current source block, to say where changes are.
    public var sourceLines: [Int]
    /// Source blocks of the page whose pinned text is still current.
    public var currentBlocks: Int
    /// Source blocks of the page now.
    public var sourceBlocks: Int
    /// What the translation carries less of than the source (`TranslationFidelity`).
    public var fidelity: [TranslationFidelity.Finding] = []

    /// Blocks changed, added and removed, and where: `2 changed, 1 added (en lines 9, 14, 31)`.
    public func changeSummary(sourceLocale: String) -> String {
        var counts: [String] = []
        let changed = changes.filter { if case .changed = $0 { return true } else { return false } }.count
        let added = changes.filter { if case .added = $0 { return true } else { return false } }.count
        let removed = changes.filter { if case .removed = $0 { return true } else { return false } }.count
        if changed > 0 { counts.append("\(changed) changed") }
        if added > 0 { counts.append("\(added) added") }
        if removed > 0 { counts.append("\(removed) removed") }
        let lines = changes.compactMap(\.new).map { sourceLines[$0] }
        let at = lines.isEmpty ? "" : " (\(sourceLocale) line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", ")))"
        return counts.joined(separator: ", ") + at
    }
}

/// One locale: its pages and how much of the source it covers.
public struct LocaleStatus: Sendable, Equatable {
    public var locale: LocaleInfo
    /// Every source page in reading order, then orphans.
    public var pages: [PageStatus]

    /// Source blocks whose translation is current, over all pages.
    public var currentBlocks: Int { pages.filter { $0.state != .orphaned }.map(\.currentBlocks).reduce(0, +) }
    public var totalBlocks: Int { pages.filter { $0.state != .orphaned }.map(\.sourceBlocks).reduce(0, +) }

    /// The share of source blocks that are current, in percent.
    public var coverage: Double {
        totalBlocks == 0 ? 100 : Double(currentBlocks) * 100 / Double(totalBlocks)
    }

    public func count(_ state: PageState) -> Int { pages.filter { $0.state == state }.count }
}

/// Every page of every covered locale, against the source and the pins.
public struct TranslationStatus: Sendable, Equatable {
    public var sourceLocale: String
    public var locales: [LocaleStatus]
    /// Pins that match no source page (errors).
    public var problems: [Diagnostic]

    public init(sourceLocale: String, locales: [LocaleStatus], problems: [Diagnostic] = []) {
        self.sourceLocale = sourceLocale
        self.locales = locales
        self.problems = problems
    }

    public init(_ workspace: TranslationWorkspace) {
        sourceLocale = workspace.sourceLocale
        problems = workspace.stalePins()
        locales = workspace.locales.map { locale in
            var pages = workspace.sourcePages.map { Self.status(of: $0, locale: locale.code, in: workspace) }
            for orphan in workspace.orphans[locale.code] ?? [] {
                pages.append(
                    PageStatus(
                        locale: locale.code, id: orphan.id, state: .orphaned, file: orphan.file, sourceFile: nil,
                        changes: [], sourceLines: [], currentBlocks: 0, sourceBlocks: 0))
            }
            return LocaleStatus(locale: locale, pages: pages)
        }
    }

    static func status(of page: SourcePage, locale: String, in workspace: TranslationWorkspace) -> PageStatus {
        var status = PageStatus(
            locale: locale, id: page.id, state: .missing, file: workspace.translationFile(page, locale: locale),
            sourceFile: page.file, changes: [], sourceLines: page.blocks.map(\.line), currentBlocks: 0,
            sourceBlocks: page.blocks.count)
        guard workspace.translatedPages[locale]?[page.id] != nil else { return status }
        status.fidelity = workspace.fidelity(of: page, locale: locale)
        guard let pin = workspace.pinFiles[locale]?.pins[page.id] else {
            status.state = .unpinned
            return status
        }
        let alignment = BlockAlignment.align(old: pin.hashes, new: page.blocks.map(\.hash))
        status.changes = alignment.filter { !$0.isUnchanged }
        status.currentBlocks = alignment.filter(\.isUnchanged).count
        status.state = status.changes.isEmpty ? .current : .outdated
        return status
    }

    public func locale(_ code: String) -> LocaleStatus? { locales.first { $0.locale.code == code } }

    public func page(_ id: String, locale code: String) -> PageStatus? {
        locale(code)?.pages.first { $0.id == id && $0.state != .orphaned }
    }

    /// Whether any page is in `states`.
    public func contains(_ states: Set<PageState>) -> Bool {
        locales.contains { $0.pages.contains { states.contains($0.state) } }
    }
}
