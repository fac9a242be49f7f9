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

        // Only the typeset model is rendered: the model as written goes with this closure.
        let (guide, diagnostics, codes) = try { () throws -> (Guide, [Diagnostic], [String]) in
            let loaded = try LoadedGuide.load(contentRoot: contentRoot, locales: locales, jobs: jobs, cache: cache)
            if loaded.diagnostics.hasErrors { throw BuildError.contentErrors(loaded.diagnostics) }
            return (try markOutdated(loaded.guide).typeset(jobs: jobs, cache: cache), loaded.diagnostics, loaded.requestedLocales)
        }()

        let theme: Theme
        do {
            theme = try Theme.load(directory: themeDirectory)
        } catch {
            throw BuildError.theme("\(error)")
        }
        let editions = codes.compactMap { guide.edition($0) }
        let tasks = try renderTasks(guide: guide, editions: editions, theme: theme)

        // Each task renders one locale in one format and writes its files at once; tasks run on
        // `jobs` threads. Content a format cannot express is collected from every task.
        let staging = try folder.beginStaging()
        let progress = self.progress
        let reuse = unchangedFile(in: folder)
        let results = tasks.parallelMap(jobs: jobs) { task -> Result<Int, Error> in
            Result {
                let files = try task.render()
                try staging.write(files, reuse: reuse)
                progress(task.label, Date().timeIntervalSince(started))
                return files.count
            }
        }
        var unexpressible: [Diagnostic] = []
        var fileCount = 0
        for result in results {
            switch result {
            case .success(let count):
                fileCount += count
            case .failure(let error as RenderingError):
                for diagnostic in error.diagnostics where !unexpressible.contains(where: { $0.location == diagnostic.location && $0.code == diagnostic.code }) {
                    unexpressible.append(diagnostic)
                }
            case .failure(let error as EPUBPackager.PackError):
                staging.discard()
                throw BuildError.io(output, error.description)
            case .failure(let error):
                staging.discard()
                throw error
            }
        }
        if !unexpressible.isEmpty {
            staging.discard()
            throw BuildError.contentErrors(unexpressible.sorted)
        }
        try folder.commit(staging)
        let pages = editions.map(\.pages.count).reduce(0, +)
        return Report(
            locales: codes, pages: pages, formats: formats.sorted(), files: fileCount + 1,
            seconds: Date().timeIntervalSince(started), output: output, diagnostics: diagnostics)
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

    /// A unit of rendering work: one locale in one format.
    struct RenderTask: Sendable {
        var label: String
        var render: @Sendable () throws -> [OutputFile]
    }

    /// One task per locale and format (plus the site's shared files and images).
    func renderTasks(guide: Guide, editions: [LocaleEdition], theme: Theme) throws -> [RenderTask] {
        var tasks: [RenderTask] = []
        if formats.contains(.html) {
            let site = {
                var site = SiteRenderer(guide: guide, theme: theme, downloads: downloads)
                site.cache = cache
                return site
            }()
            let media = try mediaFiles(guide: guide, locales: editions.map(\.locale.code))
            tasks.append(RenderTask(label: "site assets") { site.renderShared() + media })
            for edition in editions { tasks.append(RenderTask(label: "\(edition.locale.code): html") { site.render(edition) }) }
        }
        if formats.contains(.text) {
            let text = PlainTextRenderer(guide: guide, width: textWidth)
            for edition in editions { tasks.append(RenderTask(label: "\(edition.locale.code): text") { try text.render(edition) }) }
        }
        if formats.contains(.epub) {
            guard let epubTheme = theme.epub else { throw BuildError.theme("\(themeDirectory) has no epub folder, so no ebook can be built") }
            let timestamp: BuildTimestamp
            do {
                timestamp = try BuildTimestamp.resolve(environment: ProcessInfo.processInfo.environment, guideDate: guide.info.date)
            } catch {
                throw BuildError.io("SOURCE_DATE_EPOCH", "\(error)")
            }
            let root = contentRoot
            let epub = EPUBRenderer(
                guide: guide, theme: epubTheme, timestamp: timestamp,
                media: { path in
                    FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
                })
            for edition in editions { tasks.append(RenderTask(label: "\(edition.locale.code): epub") { try epub.render(edition) }) }
        }
        return tasks
    }

    /// Flags translated pages whose source changed since their pin, for the reader's notice.
    /// Translation state never fails a build: unreadable pins only drop the notices (`check` and
    /// `status` report them).
    func markOutdated(_ guide: Guide) throws -> Guide {
        let pinned = guide.editions.contains { FileManager.default.fileExists(atPath: "\(contentRoot)/pins/\($0.locale.code).yml") }
        guard pinned, let outdated = try? TranslationState.outdatedPageIDs(guide: guide, contentRoot: contentRoot, jobs: jobs, cache: cache) else {
            return guide
        }
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

    /// The images the requested locales show, copied from the content folder to `media/`.
    func mediaFiles(guide: Guide, locales: [String]) throws -> [OutputFile] {
        var paths = Set<String>()
        for code in locales {
            for page in guide.edition(code)?.pages ?? [] {
                page.blocks.walk(inline: { inline in
                    if case .image(let source, _, _) = inline.kind, case .file(let path) = LinkTarget(source),
                        let resolved = LinkTarget.contentPath(path, locale: page.contentLocale)
                    {
                        paths.insert(resolved)
                    }
                })
            }
        }
        return try paths.sorted().map { path in
            guard let data = FileManager.default.contents(atPath: contentRoot + "/" + path) else {
                throw BuildError.io(contentRoot + "/" + path, "cannot read the image")
            }
            return OutputFile(path: "media/" + path, bytes: [UInt8](data))
        }
    }
}

/// The guide loaded and checked: what `build` and `check` share.
public struct LoadedGuide: Sendable {
    public var guide: Guide
    /// Loader and rule findings, sorted.
    public var diagnostics: [Diagnostic]
    /// The locales the command was asked for, in `guide.yml` order.
    public var requestedLocales: [String]

    /// Loads and checks; throws only for an unknown locale or an unreadable `guide.yml`.
    public static func load(contentRoot: String, locales: [String]?, jobs: Int = defaultJobCount, cache: MemoCache? = nil) throws -> LoadedGuide {
        var loader = ContentLoader(root: contentRoot)
        loader.jobs = jobs
        loader.cache = cache
        let result = loader.load(locales: locales)
        guard let guide = result.guide else { throw BuildError.contentErrors(result.diagnostics.sorted) }
        let available = guide.info.locales.map(\.code)
        for code in locales ?? [] where !available.contains(code) {
            throw BuildError.unknownLocale(code, available: available)
        }
        let requested = locales.map { wanted in available.filter(wanted.contains) } ?? available
        let context = CheckContext(guide: guide, assets: loader.assetPaths(), contentRoot: contentRoot)
        let diagnostics = (result.diagnostics + GuideChecker().check(context, jobs: jobs, cache: cache)).sorted
        return LoadedGuide(guide: guide, diagnostics: diagnostics, requestedLocales: requested)
    }
}
