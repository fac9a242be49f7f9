import GuideChecks
import GuideModel
import GuideParsing

/// The guide loaded and checked: what `build` and `check` share.
public struct LoadedGuide: Sendable {
    public var guide: Guide
    /// Loader and rule findings, sorted.
    public var diagnostics: [Diagnostic]
    /// The locales the command was asked for, in `guide.yml` order.
    public var requestedLocales: [String]

    /// Loads and checks; throws only for an unknown locale or an unreadable `guide.yml`.
    public static func load(contentRoot: String, locales: [String]?, jobs: Int = defaultJobCount, cache: MemoCache? = nil) throws -> LoadedGuide {
        let loaded = try LoadedContent(contentRoot: contentRoot, locales: locales, jobs: jobs, cache: cache)
        let context = CheckContext(guide: loaded.guide, assets: loaded.loader.assetPaths(), contentRoot: contentRoot)
        let diagnostics = (loaded.diagnostics + GuideChecker().check(context, jobs: jobs, cache: cache)).sorted
        return LoadedGuide(guide: loaded.guide, diagnostics: diagnostics, requestedLocales: loaded.requestedLocales)
    }
}

/// The content as the loader gives it, before any rule: what `build` and `LoadedGuide` start from.
struct LoadedContent {
    var loader: ContentLoader
    var guide: Guide
    /// The loader's findings.
    var diagnostics: [Diagnostic]
    /// The locales the command was asked for, in `guide.yml` order.
    var requestedLocales: [String]

    /// Throws for an unreadable `guide.yml` or a requested locale it does not list.
    init(contentRoot: String, locales: [String]?, jobs: Int, cache: MemoCache?, configure: (inout ContentLoader) -> Void = { _ in }) throws {
        loader = ContentLoader(root: contentRoot)
        loader.jobs = jobs
        loader.cache = cache
        configure(&loader)
        let result = loader.load(locales: locales)
        guard let guide = result.guide else { throw BuildError.contentErrors(result.diagnostics.sorted) }
        let available = guide.info.locales.map(\.code)
        for code in locales ?? [] where !available.contains(code) {
            throw BuildError.unknownLocale(code, available: available)
        }
        self.guide = guide
        diagnostics = result.diagnostics
        requestedLocales = locales.map { wanted in available.filter(wanted.contains) } ?? available
    }
}
