import Foundation
import GuideModel
import GuideParsing

/// A page as the translation commands see it: its file and its top-level blocks.
public struct SourcePage: Sendable, Equatable {
    /// The page id from front matter (for an orphan whose front matter is broken, the file's slug).
    public var id: String
    /// The file name, the same in every locale (`03-grooming.md`).
    public var fileName: String
    /// The file as the content root was given (`Content/es/03-grooming.md`).
    public var file: String
    public var blocks: [SourceBlock]
    /// The profile of each top-level block, for the fidelity comparison (empty when unknown).
    public var profiles: [BlockProfile]
    /// Where the page's front matter starts, for page-level findings.
    public var location: SourceLocation

    public init(id: String, fileName: String, file: String, blocks: [SourceBlock], profiles: [BlockProfile] = [], location: SourceLocation? = nil) {
        self.id = id
        self.fileName = fileName
        self.file = file
        self.blocks = blocks
        self.profiles = profiles
        self.location = location ?? SourceLocation(file: file, line: 1, column: 1)
    }

    init(_ page: Page, blocks: [SourceBlock]) {
        self.init(
            id: page.id, fileName: page.fileName, file: page.source.file, blocks: blocks, profiles: page.blockProfiles ?? [], location: page.source)
    }
}

/// The content and the pins that translation state is computed from: the source pages, each
/// translation's own pages, and each translation's lock file.
public struct TranslationWorkspace: Sendable {
    public var contentRoot: String
    public var info: GuideInfo
    /// The source locale's pages in reading order.
    public var sourcePages: [SourcePage]
    /// The translation locales covered, in `guide.yml` order.
    public var locales: [LocaleInfo]
    /// Per locale, the pages that have their own translated file, by id.
    public var translatedPages: [String: [String: SourcePage]]
    /// Per locale, translated files that no source page has the name of.
    public var orphans: [String: [SourcePage]]
    /// Per locale, its lock file (empty when there is none yet).
    public var pinFiles: [String: PinFile]
    /// Per locale (the source's too), the phone numbers of its resources: a translation may give
    /// its own instead of the source's (`TranslationFidelity`).
    public var phoneNumbers: [String: [String]]

    /// Loads `guide.yml`, the source pages, the pages and lock files of `locales` (every
    /// translation when `nil`).
    public static func load(contentRoot: String, locales requested: [String]?) throws(TranslationError) -> TranslationWorkspace {
        let result = ContentLoader(root: contentRoot).load(locales: requested)
        guard let guide = result.guide else { throw .contentErrors(result.diagnostics.filter { $0.severity == .error }) }
        let available = guide.info.locales.map(\.code)
        for code in requested ?? [] {
            if !available.contains(code) { throw .unknownLocale(code, available: available) }
            if code == guide.info.sourceLocale { throw .sourceLocale(code) }
        }
        // Only errors in the files translation state reads stop it; the rest are for `check`.
        let folders = ([guide.info.sourceLocale] + (requested ?? available)).map { join(contentRoot, $0) + "/" }
        let guideFile = join(contentRoot, "guide.yml")
        let fatal = result.diagnostics.filter { d in
            d.severity == .error && (d.location.file == guideFile || folders.contains { d.location.file.hasPrefix($0) })
        }
        if !fatal.isEmpty { throw .contentErrors(fatal) }
        return try TranslationWorkspace(guide: guide, contentRoot: contentRoot)
    }

    /// The workspace of an already loaded guide: every translation edition it holds.
    public init(guide: Guide, contentRoot: String) throws(TranslationError) {
        self.contentRoot = contentRoot
        self.info = guide.info
        let source = guide.info.sourceLocale
        guard let sourceEdition = guide.edition(source) else {
            throw .contentErrors([.error("missing-locale", "the source locale '\(source)' is not loaded", at: SourceLocation(file: contentRoot))])
        }
        var problems: [Diagnostic] = []
        var pinProblems: [Diagnostic] = []
        locales = guide.editions.map(\.locale).filter { $0.code != source }
        phoneNumbers = Dictionary(guide.editions.map { ($0.locale.code, $0.resources.contactNumbers) }, uniquingKeysWith: { a, _ in a })
        // Every page's blocks, read and hashed on the worker threads; taken (and their problems
        // reported) in page order below.
        let translated = locales.flatMap { locale in (guide.edition(locale.code)?.pages ?? []).filter { $0.contentLocale == locale.code } }
        let files = (sourceEdition.pages + translated).map(\.source.file)
        let read = Dictionary(zip(files, files.parallelMap(jobs: defaultJobCount) { Self.readBlocks($0) }), uniquingKeysWith: { first, _ in first })
        func blocks(of page: Page) -> [SourceBlock] {
            switch read[page.source.file] ?? Self.readBlocks(page.source.file) {
            case .success(let blocks): return blocks
            case .failure(let d):
                problems.append(d)
                return []
            }
        }
        sourcePages = sourceEdition.pages.map { SourcePage($0, blocks: blocks(of: $0)) }
        let sourceNames = Set(sourceEdition.pages.map(\.fileName))
        translatedPages = [:]
        orphans = [:]
        pinFiles = [:]
        for locale in locales {
            guard let edition = guide.edition(locale.code) else { continue }
            var pages: [String: SourcePage] = [:]
            for page in edition.pages where page.contentLocale == locale.code {
                pages[page.id] = SourcePage(page, blocks: blocks(of: page))
            }
            translatedPages[locale.code] = pages
            let folder = Self.join(contentRoot, locale.code)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            orphans[locale.code] = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && !sourceNames.contains($0) }.map { name in
                let file = folder + "/" + name
                let id = Self.frontMatterID(file) ?? String(name.dropLast(3))
                return SourcePage(id: id, fileName: name, file: file, blocks: [])
            }
            switch PinFile.read(contentRoot: contentRoot, locale: locale.code, sourceLocale: source) {
            case .success(let file): pinFiles[locale.code] = file
            case .failure(let error): pinProblems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw .contentErrors(problems) }
        if !pinProblems.isEmpty { throw .pinErrors(pinProblems) }
    }

    // MARK: Queries

    public var sourceLocale: String { info.sourceLocale }

    public func sourcePage(id: String) -> SourcePage? { sourcePages.first { $0.id == id } }

    /// What the translation of `page` into `locale` carries less of than `page` (none when it
    /// is missing or its blocks are unknown).
    public func fidelity(of page: SourcePage, locale code: String) -> [TranslationFidelity.Finding] {
        guard let translated = translatedPages[code]?[page.id], !page.profiles.isEmpty, !translated.profiles.isEmpty else { return [] }
        return TranslationFidelity.findings(
            source: page.profiles, translation: translated.profiles, sourceLocale: sourceLocale, pageLocation: translated.location,
            wordRatio: info.locale(code)?.wordRatio, sourcePhones: phoneNumbers[sourceLocale] ?? [], translationPhones: phoneNumbers[code] ?? [])
    }

    /// The source page a command-line argument names: an id (`grooming`), a file name
    /// (`03-grooming.md`) or a path to the page in any locale (`Content/es/03-grooming.md`).
    public func resolvePage(_ argument: String) throws(TranslationError) -> SourcePage {
        let name = argument.split(separator: "/").last.map(String.init) ?? argument
        if let page = sourcePages.first(where: { $0.id == argument || $0.fileName == name || $0.id == name }) {
            return page
        }
        throw .unknownPage(argument, available: sourcePages.map(\.id))
    }

    /// Pins that match no source page: errors at their line in the lock file.
    public func stalePins(locales codes: [String]? = nil) -> [Diagnostic] {
        let ids = Set(sourcePages.map(\.id))
        var found: [Diagnostic] = []
        for locale in locales where codes?.contains(locale.code) ?? true {
            for pin in (pinFiles[locale.code]?.pins.values.map { $0 } ?? []) where !ids.contains(pin.pageID) {
                found.append(
                    .error(
                        "stale-pin",
                        "the pin '\(pin.pageID)' matches no \(sourceLocale) page; if the page was renamed or removed, run 'guidegen pin --locale \(locale.code) --prune'",
                        at: pin.location))
            }
        }
        return found.sorted
    }

    /// The path of a locale's file for `page`, whether or not it exists.
    public func translationFile(_ page: SourcePage, locale: String) -> String {
        translatedPages[locale]?[page.id]?.file ?? Self.join(Self.join(contentRoot, locale), page.fileName)
    }

    // MARK: Files

    static func join(_ root: String, _ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    static func readBlocks(_ file: String) -> Result<[SourceBlock], Diagnostic> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(.error("unreadable-file", "cannot read '\(file)'", at: SourceLocation(file: file)))
        }
        return SourceText.decode([UInt8](data), file: file).flatMap { BlockHasher.blocks(ofPage: $0, file: file) }
    }

    /// The block hashes of a page file (see `BlockHasher.hashes(ofPage:file:)`).
    static func readHashes(_ file: String, cache: MemoCache? = nil) -> Result<[String], Diagnostic> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(.error("unreadable-file", "cannot read '\(file)'", at: SourceLocation(file: file)))
        }
        return cache.value("block-hashes", TextKey(file, String(decoding: data, as: UTF8.self))) {
            SourceText.decode([UInt8](data), file: file).flatMap { BlockHasher.hashes(ofPage: $0, file: file) }
        }
    }

    static func frontMatterID(_ file: String) -> String? {
        guard let data = FileManager.default.contents(atPath: file),
            case .success(let text) = SourceText.decode([UInt8](data), file: file),
            case .success(let split) = FrontMatter.split(text, file: file)
        else { return nil }
        return split.0.id
    }
}
