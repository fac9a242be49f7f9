import Foundation
import GuideChecks
import GuideModel
import GuideParsing
import GuideRendering

/// A pass of the build over some locales. Each page's body is read (when the load kept only its
/// front matter), checked, typeset and rendered in every format on the build's worker threads;
/// its own files are written at once and the body dropped. What the locale's
/// whole-guide files need of it (its `print.html` section, its chapter of the whole-guide text,
/// its ebook chapter) is kept in memory or, for content not kept whole, the first two are
/// written into those files in page order as they come (`OrderedFile`). Then the whole-guide
/// files are finished: `print.html`, the whole-guide text, the ebook.
struct PagePass: Sendable {
    var build: BuildAction
    var loader: ContentLoader
    var context: CheckContext
    /// The page rules' shared cache key (`GuideChecker.sharedKey`).
    var shared: TextKey
    var staging: StagingFolder
    var reuse: @Sendable (OutputFile) -> String?
    var started: Date
    /// Write `print.html` sections and whole-guide text chapters into their files as pages are
    /// rendered instead of keeping them in memory.
    var streamParts = false
    /// The page rules to run on each page in its own language (with the edition rules); `nil`
    /// checks nothing (the pages were checked by an earlier pass).
    var checks: PageRuleScope? = .all
    /// The bodies are read for the first time: collect each page's outline and report what the
    /// parse found.
    var readsOutlines = false

    /// What a pass found and wrote.
    struct Outcome {
        /// Check findings (and bodies that could not be read again).
        var diagnostics: [Diagnostic] = []
        /// Content a format cannot carry.
        var unexpressible: [Diagnostic] = []
        var files = 0
        var mediaPaths = Set<String>()
        /// A file that could not be written: the build stops.
        var failure: BuildError?
        /// With `readsOutlines`, each locale's pages' outlines in order (`nil`: not read).
        var outlines: [[Page.Outline?]] = []
    }

    /// One locale to check (`outlines`, its pages as loaded) and, with `render`, to render
    /// (`typeset`: the same pages typeset, outdated pages marked).
    struct Locale: Sendable {
        var outlines: LocaleEdition
        var typeset: LocaleEdition
        var render: Bool
    }

    /// What every page of one locale shares, per format, and the whole-guide files its pages
    /// stream into (with `streamParts`).
    private struct LocaleParts: Sendable {
        var site: SiteRenderer.LocaleParts?
        var text: PlainTextRenderer.LocaleParts?
        var epub: EPUBRenderer.LocaleParts?
        var printFile: Streamed?
        var textFile: Streamed?
    }

    /// A whole-guide file that pages write their parts into, and what goes after the parts.
    private struct Streamed: Sendable {
        var file: OrderedFile
        var tail: [UInt8]
    }

    /// What one page gave.
    private struct PageResult: Sendable {
        var diagnostics: [Diagnostic] = []
        var unexpressible: [Diagnostic] = []
        /// The page's `print.html` section.
        var printSection: [UInt8] = []
        /// The page's chapter of the whole-guide text.
        var textChapter = ""
        var epubChapter: EPUBRenderer.RenderedChapter?
        var outline: Page.Outline?
        var mediaPaths = Set<String>()
        var files = 0
        var failure: BuildError?
    }

    /// Checks and renders `locales` together: their pages on the worker threads, then their
    /// whole-guide files.
    func run(_ locales: [Locale], renderers: BuildAction.Renderers) -> Outcome {
        let checker = GuideChecker()
        var outcome = Outcome()
        if checks != nil {
            for locale in locales { outcome.diagnostics += checker.checkEdition(locale.outlines, context: context) }
        }
        let prepared = locales.parallelMap(jobs: build.jobs) { locale in
            Result { () throws(BuildError) -> LocaleParts? in locale.render ? try localeParts(locale.typeset, renderers: renderers) : nil }
        }
        let parts: [LocaleParts?]
        do {
            parts = try prepared.map { part throws(BuildError) in try part.get() }
        } catch {
            outcome.failure = error
            return outcome
        }
        let work = locales.indices.flatMap { l in locales[l].outlines.pages.indices.map { (locale: l, page: $0) } }
        let results = work.parallelMap(jobs: build.jobs) { item -> PageResult in
            var result = pageResult(item, locales: locales, parts: parts, checker: checker, renderers: renderers)
            // Every page of a streamed file gives its part, empty when it has none (its errors
            // discard the build).
            if let streamed = parts[item.locale]?.printFile {
                streamed.file.deliver(item.page, result.printSection)
                result.printSection = []
            }
            if let streamed = parts[item.locale]?.textFile {
                streamed.file.deliver(item.page, Array(result.textChapter.utf8))
                result.textChapter = ""
            }
            return result
        }

        outcome.outlines = locales.indices.map { l in zip(work, results).filter { $0.0.locale == l }.map(\.1.outline) }
        for result in results {
            outcome.diagnostics += result.diagnostics
            outcome.unexpressible += result.unexpressible
            outcome.files += result.files
            outcome.mediaPaths.formUnion(result.mediaPaths)
            if outcome.failure == nil { outcome.failure = result.failure }
        }
        guard outcome.failure == nil, !outcome.diagnostics.hasErrors else { return outcome }

        let tasks = locales.indices.flatMap { l in
            parts[l].map {
                wholeGuideTasks(locales[l].typeset, parts: $0, pages: zip(work, results).filter { $0.0.locale == l }.map(\.1), renderers: renderers)
            }
                ?? []
        }
        let progress = build.progress
        let (staging, reuse, started) = (staging, reuse, started)
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

    /// One page read, checked, typeset and rendered (when its locale renders).
    private func pageResult(
        _ item: (locale: Int, page: Int), locales: [Locale], parts: [LocaleParts?], checker: GuideChecker, renderers: BuildAction.Renderers
    ) -> PageResult {
        let locale = locales[item.locale]
        let outline = locale.outlines.pages[item.page]
        let own = outline.contentLocale == locale.outlines.locale.code
        var result = PageResult()
        // A fallback page is the source locale's, checked there; a page that is neither checked
        // nor rendered is not read.
        guard locale.render || (own && (checks != nil || readsOutlines)) else { return result }
        let page: Page
        // The page as far as other pages see it: its outline (references without a walk).
        var referencing = outline
        let body = loader.body(of: outline)
        switch body {
        case .failure(let diagnostic):
            result.diagnostics = [diagnostic]
            return result
        case .success(let parsed):
            page = outline.withBody(parsed.blocks)
        }
        // One walk gives the rules' facts and the page's references.
        let facts = readsOutlines ? checker.facts(of: page) : nil
        if readsOutlines, let facts, let loaded = outline.outline {
            referencing = page.outlineOnly(digest: loaded.digest, bodyStart: loaded.bodyStart, references: facts.references)
            result.outline = referencing.outline
            if own, case .success(let parsed) = body { result.diagnostics = parsed.diagnostics }
        }
        if own, let checks {
            result.diagnostics += checker.checkPage(
                page, in: locale.outlines, context: context, shared: shared, cache: build.cache, scope: checks, facts: facts)
        }
        guard let parts = parts[item.locale], !result.diagnostics.hasErrors else { return result }
        // Content kept whole was typeset with the guide.
        var typeset = locale.typeset.pages[item.page]
        if typeset.outline != nil {
            let outdated = typeset.isOutdated
            typeset = build.cache.value("typeset", PageKey(page)) { page.typeset() }
            typeset.isOutdated = outdated
        }
        do {
            try render(typeset, outline: referencing, at: item.page, of: locale.typeset, parts: parts, renderers: renderers, into: &result)
        } catch {
            result.failure = Self.buildError(error, path: build.output)
        }
        return result
    }

    /// Renders one page (typeset, with its body) in every format; writes its files. `outline` is
    /// the page as an outline when one is known, whose references need no walk.
    private func render(
        _ page: Page, outline: Page, at index: Int, of edition: LocaleEdition, parts: LocaleParts, renderers: BuildAction.Renderers,
        into result: inout PageResult
    ) throws {
        if let site = renderers.site, let siteParts = parts.site {
            let rendered = site.renderPage(at: index, of: edition, body: page, shared: siteParts)
            result.mediaPaths = BuildAction.imagePaths(outline)
            try staging.write([rendered.file], reuse: reuse)
            result.files += 1
            result.printSection = rendered.printSection
        }
        if let text = renderers.text, let textParts = parts.text {
            let found = UnsupportedCharacters.diagnostics(in: page, format: "plain text")
            if found.isEmpty {
                let rendered = text.renderPage(page, in: edition, parts: textParts)
                try staging.write([rendered.file], reuse: reuse)
                result.files += 1
                result.textChapter = rendered.chapter
            } else {
                result.unexpressible += found
            }
        }
        if let epub = renderers.epub, let epubParts = parts.epub {
            result.epubChapter = epub.renderChapter(page, in: edition, parts: epubParts)
        }
    }

    /// What every page of `edition` shares, and with `streamParts` the whole-guide files its
    /// pages write their parts into, begun.
    private func localeParts(_ edition: LocaleEdition, renderers: BuildAction.Renderers) throws(BuildError) -> LocaleParts {
        var parts = LocaleParts(
            site: renderers.site.map { SiteRenderer.LocaleParts($0, edition) },
            text: renderers.text.map { PlainTextRenderer.LocaleParts($0, edition) },
            epub: renderers.epub.map { EPUBRenderer.LocaleParts($0, edition) })
        guard streamParts else { return parts }
        do {
            if let site = renderers.site, let siteParts = parts.site {
                let frame = site.renderPrintFrame(edition, shared: siteParts)
                let file = try staging.orderedFile(SiteRenderer.printPath(edition), head: frame.head, parts: edition.pages.count)
                parts.printFile = Streamed(file: file, tail: frame.tail)
            }
            if let text = renderers.text, let textParts = parts.text {
                let frame = text.renderWholeGuideFrame(edition, parts: textParts)
                let file = try staging.orderedFile(PlainTextRenderer.wholeGuidePath(edition), head: Array(frame.head.utf8), parts: edition.pages.count)
                parts.textFile = Streamed(file: file, tail: Array(frame.tail.utf8))
            }
        } catch {
            throw Self.buildError(error, path: build.output)
        }
        return parts
    }

    /// The tasks that write (or, streamed, finish) a locale's whole-guide files from its pages' results.
    private func wholeGuideTasks(
        _ edition: LocaleEdition, parts: LocaleParts, pages: [PageResult], renderers: BuildAction.Renderers
    ) -> [(label: String, render: @Sendable () throws -> [OutputFile])] {
        let code = edition.locale.code
        var tasks: [(label: String, render: @Sendable () throws -> [OutputFile])] = []
        if let site = renderers.site, let siteParts = parts.site {
            let sections = pages.map(\.printSection)
            let streamed = parts.printFile
            tasks.append(
                (
                    "\(code): html",
                    {
                        guard let streamed else { return [site.renderPrint(edition, shared: siteParts, sections: sections)] }
                        try streamed.file.finish(tail: streamed.tail)
                        return []
                    }
                ))
        }
        if let text = renderers.text, let textParts = parts.text, !pages.contains(where: { !$0.unexpressible.isEmpty }) {
            let chapters = pages.map(\.textChapter)
            let streamed = parts.textFile
            tasks.append(
                (
                    "\(code): text",
                    {
                        guard let streamed else { return [text.renderWholeGuide(edition, parts: textParts, chapters: chapters)] }
                        try streamed.file.finish(tail: streamed.tail)
                        return []
                    }
                ))
        }
        if let epub = renderers.epub, let epubParts = parts.epub {
            let chapters = pages.compactMap(\.epubChapter)
            tasks.append(("\(code): epub", { try epub.package(epub.bundle(edition, parts: epubParts, chapters: chapters), of: edition) }))
        }
        return tasks
    }

    private static func buildError(_ error: Error, path: String) -> BuildError {
        if let error = error as? BuildError { return error }
        return .io(path, "\(error)")
    }
}
