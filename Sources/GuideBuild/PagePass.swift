import Foundation
import GuideChecks
import GuideModel
import GuideParsing
import GuideRendering

/// The build's second pass over some locales. Each page's body is read again, checked, typeset and
/// rendered on the build's worker threads, and its site page written at once; the body is then
/// dropped (text and EPUB, which lay out a locale as a whole, keep the locale's bodies until its
/// ebook and text files are written). Then the locale's whole-guide files: `print.html`, the text
/// files, the ebook.
struct PagePass: Sendable {
    var build: BuildAction
    var loader: ContentLoader
    var context: CheckContext
    /// The page rules' shared cache key (`GuideChecker.sharedKey`).
    var shared: TextKey
    var staging: StagingFolder
    var reuse: @Sendable (OutputFile) -> String?
    var started: Date
    /// Keep each page's `print.html` section in a scratch file rather than in memory, and write
    /// `print.html` from them (for content not kept whole).
    var streamPrint = false

    /// What a locale's pass found and wrote.
    struct Outcome {
        /// Check findings (and bodies that could not be read again).
        var diagnostics: [Diagnostic] = []
        /// Content a format cannot carry.
        var unexpressible: [Diagnostic] = []
        var files = 0
        var mediaPaths = Set<String>()
        /// A file that could not be written: the build stops.
        var failure: BuildError?
    }

    /// What one page gave.
    private struct PageResult: Sendable {
        var diagnostics: [Diagnostic] = []
        /// The page's `print.html` section, or the scratch file that holds it.
        var printSection = ""
        var mediaPaths = Set<String>()
        /// The typeset page with its body, when text or EPUB need it.
        var page: Page?
        var files = 0
        var failure: BuildError?
    }

    /// One locale to check (`outlines`, its pages as loaded) and, with `render`, to render
    /// (`typeset`: the same pages typeset, outdated pages marked).
    struct Locale: Sendable {
        var outlines: LocaleEdition
        var typeset: LocaleEdition
        var render: Bool
    }

    /// Checks and renders `locales` together: their pages on the worker threads, then their
    /// whole-guide files.
    func run(_ locales: [Locale], renderers: BuildAction.Renderers) -> Outcome {
        let checker = GuideChecker()
        var outcome = Outcome()
        for locale in locales { outcome.diagnostics += checker.checkEdition(locale.outlines, context: context) }
        let siteParts = locales.map { locale in locale.render ? renderers.site.map { SiteRenderer.LocaleParts($0, locale.typeset) } : nil }
        let keepBodies = renderers.needWholeLocale
        let (build, loader, context, shared, staging, reuse, streamPrint) = (build, loader, context, shared, staging, reuse, streamPrint)
        let work = locales.indices.flatMap { l in locales[l].outlines.pages.indices.map { (locale: l, page: $0) } }

        let results = work.parallelMap(jobs: build.jobs) { item -> PageResult in
            let locale = locales[item.locale]
            let outline = locale.outlines.pages[item.page]
            let own = outline.contentLocale == locale.outlines.locale.code
            var result = PageResult()
            // A fallback page is the source locale's, checked there.
            guard own || locale.render else { return result }
            let page: Page
            switch loader.body(of: outline) {
            case .failure(let diagnostic):
                result.diagnostics = [diagnostic]
                return result
            case .success(let body):
                page = outline.withBody(body)
            }
            if own { result.diagnostics = checker.checkPage(page, in: locale.outlines, context: context, shared: shared, cache: build.cache) }
            guard locale.render, !result.diagnostics.hasErrors else { return result }
            // Content kept whole was typeset with the guide.
            var typeset = locale.typeset.pages[item.page]
            if typeset.outline != nil {
                let outdated = typeset.isOutdated
                typeset = build.cache.value("typeset", PageKey(page)) { page.typeset() }
                typeset.isOutdated = outdated
            }
            if let site = renderers.site, let parts = siteParts[item.locale] {
                let rendered = site.renderPage(at: item.page, of: locale.typeset, body: typeset, shared: parts)
                result.mediaPaths = BuildAction.imagePaths(typeset)
                do {
                    try staging.write([rendered.file], reuse: reuse)
                    result.files = 1
                    result.printSection =
                        streamPrint
                        ? try staging.writePart(rendered.printSection, name: "\(locale.typeset.locale.code)-\(item.page)") : rendered.printSection
                } catch {
                    result.failure = Self.buildError(error, path: rendered.file.path)
                }
            }
            if keepBodies { result.page = typeset }
            return result
        }

        for result in results {
            outcome.diagnostics += result.diagnostics
            outcome.files += result.files
            outcome.mediaPaths.formUnion(result.mediaPaths)
            if outcome.failure == nil { outcome.failure = result.failure }
        }
        guard outcome.failure == nil, !outcome.diagnostics.hasErrors else { return outcome }

        // The whole-guide files, one task per locale and format.
        var tasks: [(label: String, render: @Sendable () throws -> [OutputFile])] = []
        for (l, locale) in locales.enumerated() where locale.render {
            let code = locale.typeset.locale.code
            let own = zip(work, results).filter { $0.0.locale == l }.map(\.1)
            if let site = renderers.site, let parts = siteParts[l] {
                let sections = own.map(\.printSection)
                if streamPrint {
                    tasks.append(
                        (
                            "\(code): html",
                            {
                                let frame = site.renderPrintFrame(locale.typeset, shared: parts)
                                try staging.writeJoined(SiteRenderer.printPath(locale.typeset), head: frame.head, parts: sections, tail: frame.tail)
                                return []
                            }
                        ))
                } else {
                    tasks.append(("\(code): html", { [site.renderPrint(locale.typeset, shared: parts, sections: sections)] }))
                }
            }
            if keepBodies {
                var whole = locale.typeset
                whole.pages = own.compactMap(\.page)
                if let text = renderers.text { tasks.append(("\(code): text", { [whole] in try text.render(whole) })) }
                if let epub = renderers.epub { tasks.append(("\(code): epub", { [whole] in try epub.render(whole) })) }
            }
        }
        let progress = build.progress
        let started = self.started
        let written = tasks.parallelMap(jobs: build.jobs) { task -> Result<Int, Error> in
            Result {
                let files = try task.render()
                try staging.write(files, reuse: reuse)
                progress(task.label, Date().timeIntervalSince(started))
                return files.count
            }
        }
        for result in written {
            switch result {
            case .success(let count): outcome.files += count
            case .failure(let error as RenderingError): outcome.unexpressible += error.diagnostics
            case .failure(let error): outcome.failure = outcome.failure ?? Self.buildError(error, path: build.output)
            }
        }
        return outcome
    }

    private static func buildError(_ error: Error, path: String) -> BuildError {
        if let error = error as? BuildError { return error }
        return .io(path, "\(error)")
    }
}
