import GuideModel

/// What a rule sees: the whole guide, the source-locale edition, and the files beside the pages.
public struct CheckContext: Sendable {
    public var guide: Guide
    /// Paths of non-Markdown files under the content folder, relative to it (`en/media/map.png`).
    public var assets: Set<String>
    /// The content folder as the user named it, to build diagnostic paths.
    public var contentRoot: String

    /// Heading anchors of every page, by locale and file name, computed once per run.
    public let anchors: [String: [String: Set<String>]]
    /// Each source-locale page's heading levels, link destinations and block profiles (nil for
    /// an outline made before its body was read), by file name: what every translation of it is
    /// compared with, computed once.
    public let sourceStructure: [String: (levels: [Int], destinations: [String], profiles: [BlockProfile]?)]

    /// `withAnchors: false` leaves `anchors` empty, for checks of a page on its own. The anchors
    /// are computed on `jobs` threads.
    public init(guide: Guide, assets: Set<String>, contentRoot: String, withAnchors: Bool = true, jobs: Int = 1) {
        self.guide = guide
        self.assets = assets
        self.contentRoot = contentRoot
        let source = guide.edition(guide.info.sourceLocale)
        let pages = withAnchors ? guide.editions.flatMap { edition in edition.pages.map { (edition.locale.code, $0) } } : []
        let sets = pages.parallelMap(jobs: jobs) { _, page in Set(HeadingAnchors.anchors(for: page, source: source?.page(fileName: page.fileName))) }
        var anchors: [String: [String: Set<String>]] = [:]
        for ((code, page), set) in zip(pages, sets) { anchors[code, default: [:]][page.fileName] = set }
        self.anchors = anchors
        var structure: [String: (levels: [Int], destinations: [String], profiles: [BlockProfile]?)] = [:]
        for page in source?.pages ?? [] {
            structure[page.fileName] = (page.headings.map(\.level), page.linkDestinations, page.blockProfiles)
        }
        sourceStructure = structure
    }

    /// The anchors of the page named `fileName` in `locale`.
    public func anchors(locale: String, fileName: String) -> Set<String> {
        anchors[locale]?[fileName] ?? []
    }

    public var sourceEdition: LocaleEdition? { guide.edition(guide.info.sourceLocale) }

    /// Everything a page rule may look at besides its page and the source page, as text.
    var cacheKey: String {
        var parts = [contentRoot, guide.info.keyText]
        parts += assets.sorted()
        for (locale, pages) in anchors.sorted(by: { $0.key < $1.key }) {
            for (name, set) in pages.sorted(by: { $0.key < $1.key }) { parts.append("\(locale)/\(name)#" + set.sorted().joined(separator: "\u{0}")) }
        }
        for edition in guide.editions {
            parts.append(edition.locale.code)
            parts.append(edition.resources.keyText)
            parts += edition.strings.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        }
        return parts.joined(separator: "\n")
    }

    /// The source-locale page with the same file name, which fixes anchors and structure.
    public func sourcePage(for page: Page) -> Page? { sourceEdition?.page(fileName: page.fileName) }
}

/// A rule that looks at one page of one edition, through what one walk found in it (`facts`).
public protocol PageRule: Sendable {
    func check(_ page: Page, facts: PageFacts, in edition: LocaleEdition, context: CheckContext) -> [Diagnostic]
    /// Whether the rule compares the page with other pages (their headings, their links). Such a
    /// rule reads only what an outline page keeps (`Page.Outline`, `PageFacts` of an outline), so
    /// a build can run it once every page's outline is known; the others need the page's body.
    var readsOtherPages: Bool { get }
}

extension PageRule {
    public var readsOtherPages: Bool { false }
}

/// Which of the page rules a check runs.
public enum PageRuleScope: Sendable, Hashable {
    case all
    /// The rules that need the page's body and nothing of other pages.
    case ownPage
    /// The rules that compare the page with other pages; the page may be an outline.
    case otherPages
}

/// A rule that looks at a whole edition (its resources, its pages together).
public protocol EditionRule: Sendable {
    func check(_ edition: LocaleEdition, context: CheckContext) -> [Diagnostic]
}

/// Runs every rule over every edition and returns the findings sorted by place.
public struct GuideChecker: Sendable {
    public var pageRules: [any PageRule]
    public var editionRules: [any EditionRule]

    /// The most words a sentence may have under every sentence rule: `PageFacts` keeps longer ones.
    private var sentenceLimit: Int { pageRules.compactMap { ($0 as? SentenceLengthRule)?.maximumWords }.min() ?? .max }

    public init(pageRules: [any PageRule] = Self.defaultPageRules, editionRules: [any EditionRule] = Self.defaultEditionRules) {
        self.pageRules = pageRules
        self.editionRules = editionRules
    }

    public static let defaultPageRules: [any PageRule] = [
        RawHTMLRule(), LinkRule(), ImageRule(), StructureParityRule(), PhoneNumberRule(),
        HeadingStructureRule(), SentenceLengthRule(), TranslationFidelityRule(),
    ]
    public static let defaultEditionRules: [any EditionRule] = [HelpBoxRule(), ResourceFreshnessRule()]

    /// Runs the rules; pages are checked on `jobs` threads. With a `cache`, a page whose
    /// findings an earlier build computed from the same inputs is not checked again.
    public func check(_ context: CheckContext, jobs: Int = defaultJobCount, cache: MemoCache? = nil) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let shared = sharedKey(context, cache: cache)
        for edition in context.guide.editions {
            found += checkEdition(edition, context: context)
            let own = edition.pages.filter { $0.contentLocale == edition.locale.code }
            found += own.parallelMap(jobs: jobs) { page in checkPage(page, in: edition, context: context, shared: shared, cache: cache) }.flatMap { $0 }
        }
        return found.sorted
    }

    /// The rules about a locale as a whole (its resources).
    public func checkEdition(_ edition: LocaleEdition, context: CheckContext) -> [Diagnostic] {
        editionRules.flatMap { $0.check(edition, context: context) }
    }

    /// What page rules see besides the page, as a cache key: every page's anchors, the files
    /// beside the pages, every locale's resources. Empty without a cache.
    public func sharedKey(_ context: CheckContext, cache: MemoCache?) -> TextKey {
        cache == nil ? TextKey() : TextKey(context.cacheKey)
    }

    /// The page rules on one page of `edition` (a page in its own language; fallback pages are
    /// checked in the source locale). The page must have its body; the context's pages may be
    /// outlines.
    /// What the page rules look at in `page`.
    public func facts(of page: Page) -> PageFacts {
        PageFacts(page, sentencesLongerThan: sentenceLimit)
    }

    /// `facts`, when given, are `facts(of: page)`.
    public func checkPage(
        _ page: Page, in edition: LocaleEdition, context: CheckContext, shared: TextKey, cache: MemoCache? = nil, scope: PageRuleScope = .all,
        facts: PageFacts? = nil
    ) -> [Diagnostic] {
        cache.value(
            "checks",
            CheckKey(
                shared: shared, locale: edition.locale.code, page: PageKey(page), source: context.sourcePage(for: page).map(PageKey.init), scope: scope)
        ) {
            let rules = pageRules.filter { scope == .all || $0.readsOtherPages == (scope == .otherPages) }
            guard !rules.isEmpty else { return [] }
            let facts = facts ?? self.facts(of: page)
            return rules.flatMap { $0.check(page, facts: facts, in: edition, context: context) }
        }
    }

    private struct CheckKey: Hashable, Sendable {
        var shared: TextKey
        var locale: String
        var page: PageKey
        var source: PageKey?
        var scope: PageRuleScope
    }
}
