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
        let started = Date()
        let folder = OutputFolder(path: output)
        try folder.validate(contentRoot: contentRoot)
        folder.recover()
        // Work that needs no content starts beside the loading.
        let (themeDirectory, cache) = (self.themeDirectory, self.cache)
        let theme = Background { Result { try Theme.load(directory: themeDirectory, cache: cache) } }
        let assets = Background { [contentRoot] in ContentLoader(root: contentRoot).assetPaths() }

        // First pass: every page as an outline (title, headings, link targets); the bodies are
        // read again one page at a time below, so the build never holds the whole guide.
        let wholeContentBytes = self.wholeContentBytes
        let loaded = try LoadedContent(contentRoot: contentRoot, locales: locales, jobs: jobs, cache: cache) { loader in
            loader.outlinesOnly = true
            loader.wholeContentBytes = wholeContentBytes
        }
        let (loader, outlines, codes) = (loaded.loader, loaded.guide, loaded.requestedLocales)
        let context = CheckContext(guide: outlines, assets: assets.value, contentRoot: contentRoot)
        // Titles, interface strings, resources and headings with typography; bodies get theirs
        // page by page.
        let outdated = outdatedPages(outlines)
        let guide = Self.marking(outlines.typeset(jobs: jobs, cache: cache), outdated: outdated)

        // A theme that cannot be used is reported after the content's own errors.
        var renderers = Renderers()
        var setupError: Error?
        do {
            switch theme.value {
            case .success(let theme): renderers = try Renderers(self, guide: guide, theme: theme)
            case .failure(let error): throw BuildError.theme("\(error)")
            }
        } catch {
            setupError = error
        }
        let staging = try folder.beginStaging()
        var pass = PagePass(
            build: self, loader: loader, context: context, shared: GuideChecker().sharedKey(context, cache: cache), staging: staging,
            reuse: unchangedFile(in: folder), started: started)

        // Second pass: each page is read (when only its outline was kept), checked, typeset and
        // rendered on `jobs` threads and its files written; then the whole-guide files. Outlines
        // go one locale after the other, so that one locale's one-page edition is held at a time;
        // content kept whole goes at once. A locale that is only loaded (the source locale of
        // `--locale es`) is checked, not rendered. Any content error discards everything written.
        let locales = zip(outlines.editions, guide.editions).map { outline, typeset in
            PagePass.Locale(
                outlines: outline, typeset: typeset, render: !loaded.diagnostics.hasErrors && setupError == nil && codes.contains(typeset.locale.code))
        }
        let keptWhole = !outlines.editions.contains { $0.pages.contains { $0.outline != nil } }
        pass.streamParts = !keptWhole
        var diagnostics = loaded.diagnostics
        var unexpressible: [Diagnostic] = []
        var fileCount = 0
        var mediaPaths = Set<String>()
        for group in keptWhole ? [locales] : locales.map({ [$0] }) {
            let outcome = pass.run(group, renderers: renderers)
            diagnostics += outcome.diagnostics
            unexpressible += outcome.unexpressible
            fileCount += outcome.files
            mediaPaths.formUnion(outcome.mediaPaths)
            if let error = outcome.failure {
                staging.discard()
                throw error
            }
        }
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
        if let site = renderers.site {
            do {
                let files = try site.renderShared() + mediaFiles(mediaPaths)
                try staging.write(files, reuse: pass.reuse)
                fileCount += files.count
                progress("site assets", Date().timeIntervalSince(started))
            } catch {
                staging.discard()
                throw error
            }
        }
        try folder.commit(staging)
        let pages = codes.compactMap { guide.edition($0)?.pages.count }.reduce(0, +)
        return Report(
            locales: codes, pages: pages, formats: formats.sorted(), files: fileCount + 1,
            seconds: Date().timeIntervalSince(started), output: output, diagnostics: diagnostics.sorted)
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

        init(_ build: BuildAction, guide: Guide, theme: Theme) throws {
            if build.formats.contains(.html) {
                var site = SiteRenderer(guide: guide, theme: theme, downloads: build.downloads)
                site.cache = build.cache
                self.site = site
            }
            if build.formats.contains(.text) {
                text = PlainTextRenderer(guide: guide, width: build.textWidth)
            }
            if build.formats.contains(.epub) {
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
            if formats.contains(.text) { offered.append(("download_text", "stay-safe-\(code).txt")) }
            return offered
        }
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
