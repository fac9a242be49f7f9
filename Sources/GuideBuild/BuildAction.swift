import Foundation
import GuideChecks
import GuideModel
import GuideParsing
import GuideRendering
import GuideTranslation

/// `guidegen build`: load, check, render every requested locale and format, and swap the result
/// in. Any content error stops the build before anything is written.
public struct BuildAction: Sendable {
    public var contentRoot: String
    public var output: String
    public var themeDirectory: String
    /// `nil` builds every locale in `guide.yml`.
    public var locales: [String]?
    public var formats: [OutputFormat]
    /// Plain text is wrapped at this many display columns.
    public var textWidth: Int
    /// Worker threads for parsing, checking and rendering; the output does not depend on it.
    public var jobs: Int = defaultJobCount
    /// Results kept between builds of one process (`serve`); `nil` computes everything.
    public var cache: MemoCache? = nil
    /// Content with more Markdown than this is built page by page: only outlines stay in
    /// memory and each body is read again when its page is rendered.
    public var wholeContentBytes = ContentLoader.defaultWholeContentBytes
    /// The PDF edition's paper.
    public var paper: PDFEngine.Paper = .a4
    /// Whether a build without a PDF engine fails (`--format pdf` asked for it) rather than
    /// leaving the PDF out with a note (every format by default).
    public var requiresPDF = false
    /// Told when each locale and format is written ("es: epub"), with the seconds since the start.
    public var progress: @Sendable (String, Double) -> Void = { _, _ in }

    public static let defaultTextWidth = PlainTextRenderer.defaultWidth
    public static var defaultJobs: Int { defaultJobCount }
    public static let minimumTextWidth = PlainTextRenderer.minimumWidth

    public init(
        contentRoot: String = "Content", output: String = "_site", themeDirectory: String = "Themes/default", locales: [String]? = nil,
        formats: [OutputFormat] = OutputFormat.available, textWidth: Int = PlainTextRenderer.defaultWidth
    ) {
        self.contentRoot = contentRoot
        self.output = output
        self.themeDirectory = themeDirectory
        self.locales = locales
        self.formats = formats
        self.textWidth = textWidth
    }

    public struct Report: Sendable {
        public var locales: [String]
        public var pages: Int
        public var formats: [OutputFormat]
        public var files: Int
        public var seconds: Double
        public var output: String
        /// Warnings found on the way (errors stop the build instead).
        public var diagnostics: [Diagnostic]
        /// What the build left out and why (a PDF without its engine).
        public var notes: [String] = []

        public var summary: String {
            let time = String(format: seconds < 1 ? "%.3f" : "%.2f", seconds)
            return
                "Built \(locales.count) locale\(locales.count == 1 ? "" : "s") (\(locales.joined(separator: ", "))), \(pages) pages, \(formats.map(\.rawValue).joined(separator: "+")), \(files) files in \(time) s → \(output)/"
        }
    }

    /// Checks what can be checked before building: the output folder and the locale names.
    public func validate() throws {
        try OutputFolder(path: output).validate(contentRoot: contentRoot)
        if let locales {
            let loaded = ContentLoader(root: contentRoot).load(locales: nil)
            if let available = loaded.guide?.info.locales.map(\.code) {
                for code in locales where !available.contains(code) {
                    throw BuildError.unknownLocale(code, available: available)
                }
            }
        }
    }

    public func run() throws -> Report {
        guard formats.contains(.pdf) else { return try build(pdf: nil) }
        var resolved = self
        if !formats.contains(.html) { resolved.formats.append(.html) }
        guard let engine = PDFEngine.find(paper: paper) else {
            if requiresPDF { throw BuildError.io("pdf", PDFEngine.missing) }
            resolved.formats.removeAll { $0 == .pdf }
            var report = try resolved.build(pdf: nil)
            report.notes.append("no PDF: \(PDFEngine.missing)")
            return report
        }
        return try resolved.build(pdf: engine)
    }

    /// The build of `formats`; with `pdf`, the PDF edition of each locale from its staged
    /// one-page edition.
    func build(pdf: PDFEngine?) throws -> Report {
        let started = Date()
        let folder = OutputFolder(path: output)
        try folder.validate(contentRoot: contentRoot)
        folder.recover()
        // Work that needs no content starts beside the loading.
        let (themeDirectory, cache, withEPUB) = (self.themeDirectory, self.cache, formats.contains(.epub))
        let theme = Background { Result { try Theme.load(directory: themeDirectory, withEPUB: withEPUB, cache: cache) } }
        let assets = Background { [contentRoot] in ContentLoader(root: contentRoot).assetPaths() }

        // Every page's front matter first, for content not kept whole: each body is read, checked
        // and rendered once, one page at a time, so the build never holds the whole guide.
        let wholeContentBytes = self.wholeContentBytes
        let loaded = try LoadedContent(contentRoot: contentRoot, locales: locales, jobs: jobs, cache: cache) { loader in
            loader.frontMatterOnly = true
            loader.wholeContentBytes = wholeContentBytes
        }
        let codes = loaded.requestedLocales
        var outlines = loaded.guide
        let assetPaths = assets.value
        let outdated = outdatedPages(outlines)
        let keptWhole = !outlines.editions.contains { $0.pages.contains { $0.outline != nil } }

        // A theme that cannot be used is reported after the content's own errors.
        var setupError: Error?
        /// Titles, interface strings, resources and headings with typography (bodies get theirs
        /// page by page), and the renderers of `formats` for them.
        func typesetRenderers(_ formats: Set<OutputFormat>) -> (guide: Guide, renderers: Renderers) {
            let guide = Self.marking(outlines.typeset(jobs: jobs, cache: cache), outdated: outdated)
            guard setupError == nil else { return (guide, Renderers()) }
            do {
                switch theme.value {
                case .success(let theme): return (guide, try Renderers(self, guide: guide, theme: theme, formats: formats))
                case .failure(let error): throw BuildError.theme("\(error)")
                }
            } catch {
                setupError = error
                return (guide, Renderers())
            }
        }
        let staging = try folder.beginStaging()
        var tally = Tally(diagnostics: loaded.diagnostics, staging: staging)
        func pass(_ context: CheckContext) -> PagePass {
            var pass = PagePass(
                build: self, loader: loaded.loader, context: context, shared: GuideChecker().sharedKey(context, cache: cache), staging: staging,
                reuse: unchangedFile(in: folder), started: started)
            pass.streamParts = !keptWhole
            return pass
        }
        /// The pass's locales: `indices` of the guide's editions. A locale that is only loaded (the
        /// source locale of `--locale es`) is checked, not rendered.
        func passLocales(_ indices: [Int], typeset: Guide) -> [PagePass.Locale] {
            indices.map { e in
                PagePass.Locale(
                    outlines: outlines.editions[e], typeset: typeset.editions[e],
                    render: !loaded.diagnostics.hasErrors && setupError == nil && codes.contains(outlines.editions[e].locale.code))
            }
        }
        let allFormats = Set(formats)
        var site: SiteRenderer?

        if keptWhole {
            // Each page checked, typeset and rendered on `jobs` threads and its files written,
            // then the whole-guide files.
            let (typeset, renderers) = typesetRenderers(allFormats)
            site = renderers.site
            let context = CheckContext(guide: outlines, assets: assetPaths, contentRoot: contentRoot, jobs: jobs)
            try tally.add(pass(context).run(passLocales(Array(outlines.editions.indices), typeset: typeset), renderers: renderers))
        } else {
            // The source locale's pages, then the others' (whose anchors come from the source
            // pages' headings): each body read, checked by the rules that need only the page,
            // rendered as the site, and its outline kept. (Only the rules that compare pages
            // read other pages' anchors.)
            let context = CheckContext(guide: outlines, assets: assetPaths, contentRoot: contentRoot, withAnchors: false)
            let sourceIndex = outlines.editions.firstIndex { $0.locale.code == outlines.info.sourceLocale }
            let waves = [sourceIndex.map { [$0] } ?? [], outlines.editions.indices.filter { $0 != sourceIndex }]
            for wave in waves where !wave.isEmpty {
                let (typeset, renderers) = typesetRenderers(allFormats.intersection([.html]))
                site = renderers.site ?? site
                var first = pass(context)
                first.checks = .ownPage
                first.readsOutlines = true
                let outcome = first.run(passLocales(wave, typeset: typeset), renderers: renderers)
                try tally.add(outcome)
                for (e, pages) in zip(wave, outcome.outlines) {
                    for (p, outline) in pages.enumerated() {
                        if let outline { outlines.editions[e].pages[p] = outlines.editions[e].pages[p].outlineOnly(outline) }
                    }
                }
                // A translation's fallback pages are the source pages.
                if let sourceIndex, wave == [sourceIndex] {
                    let source = outlines.editions[sourceIndex]
                    for e in outlines.editions.indices where e != sourceIndex {
                        for p in outlines.editions[e].pages.indices where outlines.editions[e].pages[p].contentLocale == source.locale.code {
                            outlines.editions[e].pages[p] = source.page(fileName: outlines.editions[e].pages[p].fileName) ?? outlines.editions[e].pages[p]
                        }
                    }
                }
            }
            // Then the rules that compare pages, on the outlines.
            let complete = CheckContext(guide: outlines, assets: assetPaths, contentRoot: contentRoot, jobs: jobs)
            tally.diagnostics += checkOtherPages(complete)
            // The formats that need every page's outline first (the text's cross-references, the
            // ebook's navigation and images) read each body once more, a locale at a time, so that
            // one locale's ebook chapters are held at a time.
            let later = allFormats.subtracting([.html])
            if !later.isEmpty {
                let (typeset, renderers) = typesetRenderers(later)
                var second = pass(complete)
                second.checks = nil
                for e in outlines.editions.indices {
                    try tally.add(second.run(passLocales([e], typeset: typeset), renderers: renderers))
                }
            }
        }
        var (diagnostics, unexpressible, fileCount, mediaPaths) = (tally.diagnostics, tally.unexpressible, tally.files, tally.mediaPaths)
        if diagnostics.hasErrors {
            staging.discard()
            throw BuildError.contentErrors(diagnostics.sorted)
        }
        if let setupError {
            staging.discard()
            throw setupError
        }
        if !unexpressible.isEmpty {
            staging.discard()
            throw BuildError.contentErrors(Self.unique(unexpressible).sorted)
        }
        if let site {
            do {
                let files = try site.renderShared() + mediaFiles(mediaPaths)
                try staging.write(files, reuse: unchangedFile(in: folder))
                fileCount += files.count
                progress("site assets", Date().timeIntervalSince(started))
            } catch {
                staging.discard()
                throw error
            }
        }
        if let pdf {
            do {
                try typesetPDFs(pdf, codes: codes, guide: outlines, staging: staging)
                fileCount += codes.count
                progress("pdf", Date().timeIntervalSince(started))
            } catch {
                staging.discard()
                throw error
            }
        }
        try folder.commit(staging)
        let pages = codes.compactMap { outlines.edition($0)?.pages.count }.reduce(0, +)
        return Report(
            locales: codes, pages: pages, formats: formats.sorted(), files: fileCount + 1,
            seconds: Date().timeIntervalSince(started), output: output, diagnostics: diagnostics.sorted)
    }

    /// What the passes of a build found and wrote so far.
    struct Tally {
        var diagnostics: [Diagnostic]
        var unexpressible: [Diagnostic] = []
        var files = 0
        var mediaPaths = Set<String>()
        let staging: StagingFolder

        init(diagnostics: [Diagnostic], staging: StagingFolder) {
            self.diagnostics = diagnostics
            self.staging = staging
        }

        /// Adds a pass's outcome; a file that could not be written discards the staging folder.
        mutating func add(_ outcome: PagePass.Outcome) throws {
            diagnostics += outcome.diagnostics
            unexpressible += outcome.unexpressible
            files += outcome.files
            mediaPaths.formUnion(outcome.mediaPaths)
            if let error = outcome.failure {
                staging.discard()
                throw error
            }
        }
    }

    /// The page rules that compare a page with others, on every page in its own language (the
    /// pages of `context.guide` are outlines).
    func checkOtherPages(_ context: CheckContext) -> [Diagnostic] {
        let checker = GuideChecker()
        let shared = checker.sharedKey(context, cache: cache)
        let pages = context.guide.editions.flatMap { edition in
            edition.pages.filter { $0.contentLocale == edition.locale.code }.map { (edition: edition, page: $0) }
        }
        return pages.parallelMap(jobs: jobs) { item in
            checker.checkPage(item.page, in: item.edition, context: context, shared: shared, cache: cache, scope: .otherPages)
        }.flatMap { $0 }
    }

    /// One finding per place and code: every format reports what it cannot carry.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics where !kept.contains(where: { $0.location == diagnostic.location && $0.code == diagnostic.code }) {
            kept.append(diagnostic)
        }
        return kept
    }

    /// With a cache (`serve`), the file in the current output that the last build wrote with the
    /// same path and bytes, so that the staging folder links it instead of writing it again.
    func unchangedFile(in folder: OutputFolder) -> @Sendable (OutputFile) -> String? {
        guard let cache else { return { _ in nil } }
        let root = folder.path
        return { file in
            var written = false
            _ = cache.value("written", FileKey(path: file.path, bytes: file.bytes)) {
                written = true
                return true
            }
            return written ? nil : root + "/" + file.path
        }
    }

    /// The renderers of the requested formats, set up for one build.
    struct Renderers: Sendable {
        var site: SiteRenderer?
        var text: PlainTextRenderer?
        var epub: EPUBRenderer?

        /// No format: the pass only checks.
        init() {}

        /// The renderers of `formats` (of those the build writes).
        init(_ build: BuildAction, guide: Guide, theme: Theme, formats: Set<OutputFormat>) throws {
            if formats.contains(.html) {
                var site = SiteRenderer(guide: guide, theme: theme, downloads: build.downloads)
                site.cache = build.cache
                self.site = site
            }
            if formats.contains(.text) {
                text = PlainTextRenderer(guide: guide, width: build.textWidth)
            }
            if formats.contains(.epub) {
                guard let epubTheme = theme.epub else { throw BuildError.theme("\(build.themeDirectory) has no epub folder, so no ebook can be built") }
                let timestamp: BuildTimestamp
                do {
                    timestamp = try BuildTimestamp.resolve(environment: ProcessInfo.processInfo.environment, guideDate: guide.info.date)
                } catch {
                    throw BuildError.io("SOURCE_DATE_EPOCH", "\(error)")
                }
                let root = build.contentRoot
                epub = EPUBRenderer(
                    guide: guide, theme: epubTheme, timestamp: timestamp,
                    media: { path in
                        FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
                    })
            }
        }

    }

    /// The ids of the translated pages whose source changed since their pin, by locale, for
    /// the reader's notice. Translation state never fails a build: unreadable pins only drop the
    /// notices (`check` and `status` report them).
    func outdatedPages(_ guide: Guide) -> [String: Set<String>] {
        let pinned = guide.editions.contains { FileManager.default.fileExists(atPath: "\(contentRoot)/pins/\($0.locale.code).yml") }
        guard pinned, let outdated = try? TranslationState.outdatedPageIDs(guide: guide, contentRoot: contentRoot, jobs: jobs, cache: cache) else {
            return [:]
        }
        return outdated
    }

    /// `guide` with `outdated` pages flagged.
    static func marking(_ guide: Guide, outdated: [String: Set<String>]) -> Guide {
        var copy = guide
        for e in copy.editions.indices {
            let ids = outdated[copy.editions[e].locale.code] ?? []
            for p in copy.editions[e].pages.indices where ids.contains(copy.editions[e].pages[p].id) {
                copy.editions[e].pages[p].isOutdated = true
            }
        }
        return copy
    }

    /// The downloads each locale's front page offers: the formats this build writes.
    var downloads: @Sendable (String) -> [(labelKey: String, path: String)] {
        let formats = self.formats
        return { code in
            var offered: [(labelKey: String, path: String)] = []
            if formats.contains(.epub) { offered.append(("download_epub", "stay-safe-\(code).epub")) }
            if formats.contains(.pdf) { offered.append(("download_pdf", "stay-safe-\(code).pdf")) }
            if formats.contains(.text) { offered.append(("download_text", "stay-safe-\(code).txt")) }
            return offered
        }
    }

    /// Each locale's `stay-safe-<code>.pdf` from its staged `print.html`, on `jobs` threads.
    func typesetPDFs(_ engine: PDFEngine, codes: [String], guide: Guide, staging: StagingFolder) throws {
        let file = themeDirectory + "/pdf/style.css"
        guard let css = FileManager.default.contents(atPath: file) else { throw BuildError.theme("\(file): the theme has no PDF stylesheet") }
        let stylesheet = String(decoding: css, as: UTF8.self)
        let timestamp = try BuildTimestamp.resolve(environment: ProcessInfo.processInfo.environment, guideDate: guide.info.date)
        let failures = codes.parallelMap(jobs: jobs) { code -> BuildError? in
            let folder = staging.path + "/" + code
            do throws(BuildError) {
                try engine.typeset(
                    source: folder + "/print.html", target: folder + "/stay-safe-\(code).pdf", stylesheet: stylesheet,
                    title: guide.info.locale(code)?.title ?? guide.info.id, timestamp: timestamp)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    /// The content paths of the images a page shows.
    static func imagePaths(_ page: Page) -> Set<String> {
        Set(
            page.references.compactMap { reference in
                guard reference.isImage, case .file(let path) = LinkTarget(reference.destination) else { return nil }
                return LinkTarget.contentPath(path, locale: page.contentLocale)
            })
    }

    /// The images the site shows, copied from the content folder to `media/`.
    func mediaFiles(_ paths: Set<String>) throws -> [OutputFile] {
        try paths.sorted().map { path in
            guard let data = FileManager.default.contents(atPath: contentRoot + "/" + path) else {
                throw BuildError.io(contentRoot + "/" + path, "cannot read the image")
            }
            return OutputFile(path: "media/" + path, bytes: [UInt8](data))
        }
    }
}
