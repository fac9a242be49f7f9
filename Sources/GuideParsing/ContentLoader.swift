import Foundation
import GuideModel

/// Loads the content tree (`guide.yml`, `<locale>/*.md`, `resources/`, `ui/`) into a `Guide`,
/// collecting every problem as a diagnostic instead of stopping at the first.
public struct ContentLoader: Sendable {
    /// The content folder as the user gave it; diagnostics name files below it.
    public var root: String
    /// Pages are parsed on this many threads.
    public var jobs: Int = defaultJobCount
    /// A page larger than this is refused.
    public static let maximumPageBytes = 32 * 1024 * 1024
    /// Parse results kept between builds (`serve`); a page whose text is unchanged is not parsed again.
    public var cache: MemoCache? = nil
    /// Read only each page's front matter: a page is an outline page (`Page.outline`) whose
    /// headings and references are not known yet, with the digest of its file; `body(of:)`
    /// parses its body when the build gets to it, so a load holds no body and parses nothing.
    /// Not for content whose pages add up to `wholeContentBytes` or less: that is kept whole.
    public var frontMatterOnly = false
    /// Up to this many bytes of Markdown, a load keeps every body even with `frontMatterOnly`.
    public var wholeContentBytes = ContentLoader.defaultWholeContentBytes
    public static let defaultWholeContentBytes = 8 * 1024 * 1024

    public init(root: String) {
        self.root = root
    }

    public struct Result: Sendable {
        /// `nil` when `guide.yml` could not be read; then nothing can be built.
        public var guide: Guide?
        public var diagnostics: [Diagnostic]
    }

    /// Loads the source locale and `locales` (every locale when `nil`).
    public func load(locales requested: [String]? = nil) -> Result {
        var diagnostics: [Diagnostic] = []
        let rootLocation = SourceLocation(file: root)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Result(guide: nil, diagnostics: [.error("missing-content", "the content folder '\(root)' does not exist", at: rootLocation)])
        }
        guard let resolvedRoot = realPath(root) else {
            return Result(guide: nil, diagnostics: [.error("missing-content", "the content folder '\(root)' cannot be read", at: rootLocation)])
        }

        let guideFile = path("guide.yml")
        guard case .some(let guideText) = readText(guideFile, under: resolvedRoot, into: &diagnostics, missing: "there is no guide.yml in '\(root)'") else {
            return Result(guide: nil, diagnostics: diagnostics)
        }
        let (parsedInfo, guideDiagnostics) = cache.value("guide.yml", TextKey(guideFile, guideText)) { GuideConfig.parse(guideText, file: guideFile) }
        diagnostics += guideDiagnostics
        guard let info = parsedInfo else { return Result(guide: nil, diagnostics: diagnostics) }

        var codes = requested ?? info.locales.map(\.code)
        if !codes.contains(info.sourceLocale) { codes.insert(info.sourceLocale, at: 0) }
        codes = info.locales.map(\.code).filter(codes.contains)

        guard info.locale(info.sourceLocale) != nil else { return Result(guide: nil, diagnostics: diagnostics) }
        var loader = self
        loader.frontMatterOnly = frontMatterOnly && markdownBytes(locales: codes) > wholeContentBytes
        return loader.load(info: info, codes: codes, resolvedRoot: resolvedRoot, diagnostics: diagnostics)
    }

    /// The size of the Markdown files of `locales`, from the file system.
    private func markdownBytes(locales: [String]) -> Int {
        var total = 0
        for code in locales {
            let folder = path(code)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".md") {
                var info = stat()
                if stat(folder + "/" + name, &info) == 0 { total += Int(info.st_size) }
            }
        }
        return total
    }

    private func load(info: GuideInfo, codes: [String], resolvedRoot: String, diagnostics: [Diagnostic]) -> Result {
        var diagnostics = diagnostics
        // Every page of every locale is read and parsed in one go on the worker threads; what
        // the files hold is then taken locale by locale, in the order diagnostics are reported.
        let folders = codes.map { code in (code, pageNames(locale: code)) }
        let files = folders.flatMap { code, names in (names ?? []).map { (code, $0) } }
        let parsed = files.parallelMap(jobs: jobs) { code, name in loadPage(path(code) + "/" + name, name: name, locale: code, resolvedRoot: resolvedRoot) }
        var loaded: [String: [LoadedPage]] = [:]
        for ((code, _), page) in zip(files, parsed) { loaded[code, default: []].append(page) }
        func pages(_ code: String) -> [String: Page] {
            collectPages(locale: code, guide: info, found: folders.first { $0.0 == code }?.1 != nil, loaded: loaded[code] ?? [], into: &diagnostics)
        }

        // The data files too, each with its findings.
        let data = codes.parallelMap(jobs: jobs) { code in
            var stringsFound: [Diagnostic] = []
            var resourcesFound: [Diagnostic] = []
            let strings = loadStrings(locale: code, resolvedRoot: resolvedRoot, into: &stringsFound)
            let resources = loadResources(locale: code, resolvedRoot: resolvedRoot, into: &resourcesFound)
            return (strings: strings, stringsFound: stringsFound, resources: resources, resourcesFound: resourcesFound)
        }
        func strings(_ code: String) -> UIStrings {
            let index = codes.firstIndex(of: code)!
            diagnostics += data[index].stringsFound
            return data[index].strings
        }

        let sourcePages = pages(info.sourceLocale)
        let sourceStrings = strings(info.sourceLocale)

        var editions: [LocaleEdition] = []
        for (index, code) in codes.enumerated() {
            guard let locale = info.locale(code) else { continue }
            let isSource = code == info.sourceLocale
            let pages = isSource ? sourcePages : pages(code)
            var strings = isSource ? sourceStrings : strings(code)
            for (key, value) in sourceStrings.values where strings.values[key] == nil {
                strings.values[key] = value
                strings.fallbacks.insert(key)
            }
            // What templates put after a label; typography may change it (French "\u{00A0}:").
            if strings.values["colon"] == nil { strings.values["colon"] = ":" }
            diagnostics += data[index].resourcesFound
            var resources = data[index].resources
            if resources.emergency.isEmpty, !isSource, let sourceIndex = codes.firstIndex(of: info.sourceLocale) {
                resources.emergency = data[sourceIndex].resources.emergency
                resources.emergencyIsFallback = true
            }
            if resources.emergency.isEmpty, !resources.resources.isEmpty {
                diagnostics.append(
                    .error(
                        "missing-field", "the resources file needs 'emergency': what to do in immediate danger",
                        at: SourceLocation(file: path("resources/\(code).yml"), line: 1, column: 1)))
            }
            editions.append(
                LocaleEdition(
                    locale: locale,
                    pages: ordered(pages, source: sourcePages, locale: code, guide: info, into: &diagnostics),
                    resources: resources, strings: strings))
        }
        return Result(guide: Guide(info: info, editions: editions), diagnostics: diagnostics)
    }

    // MARK: Pages

    /// The Markdown files of a locale folder, sorted; `nil` when there is no folder.
    private func pageNames(locale: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path(locale), isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path(locale))) ?? []).sorted().filter { !$0.hasPrefix(".") && $0.hasSuffix(".md") }
    }

    /// The pages of a locale folder by file name, from its files as loaded in file order (`found`:
    /// whether the folder exists); unreadable pages are left out with a diagnostic. Read and
    /// front-matter problems come first, parse findings after.
    private func collectPages(locale: String, guide: GuideInfo, found: Bool, loaded: [LoadedPage], into diagnostics: inout [Diagnostic]) -> [String: Page] {
        let folder = path(locale)
        guard found else {
            if locale == guide.sourceLocale {
                diagnostics.append(.error("missing-locale", "the source locale has no folder '\(folder)'", at: SourceLocation(file: folder)))
            } else {
                diagnostics.append(
                    .warning(
                        "missing-translation", "there is no folder '\(folder)': every page falls back to \(guide.sourceLocale)",
                        at: SourceLocation(file: folder)))
            }
            return [:]
        }
        var ids: [String: String] = [:]
        var kept: [LoadedPage] = []
        for item in loaded {
            diagnostics += item.readDiagnostics
            guard let page = item.page else { continue }
            if let other = ids[page.id] {
                diagnostics.append(.error("duplicate-id", "the id '\(page.id)' is already used by \(other)", at: page.source))
                continue
            }
            ids[page.id] = page.source.file
            kept.append(item)
        }
        var pages: [String: Page] = [:]
        for item in kept {
            diagnostics += item.parseDiagnostics
            pages[item.page!.fileName] = item.page
        }
        return pages
    }

    private struct LoadedPage: Sendable {
        var readDiagnostics: [Diagnostic] = []
        var parseDiagnostics: [Diagnostic] = []
        var page: Page?
    }

    private func loadPage(_ file: String, name: String, locale: String, resolvedRoot: String) -> LoadedPage {
        var result = LoadedPage()
        guard let bytes = readFile(file, under: resolvedRoot, into: &result.readDiagnostics, missing: "cannot read '\(file)'") else {
            return result
        }
        let text: String
        // A file that is its text as it is (no BOM, no CR), read up to its front matter's end;
        // without a cache, its body is parsed from the bytes read (as `body(of:)` does).
        let head = frontMatterOnly || cache == nil ? Self.frontMatterHead(bytes) : nil
        if let head {
            text = head
        } else {
            switch SourceText.decode(bytes, file: file) {
            case .success(let decoded): text = decoded
            case .failure(let d):
                result.readDiagnostics.append(d)
                return result
            }
        }
        if text.allSatisfy(\.isWhitespace) {
            result.readDiagnostics.append(.error("empty-page", "the page is empty", at: SourceLocation(file: file, line: 1, column: 1)))
            return result
        }
        // Front matter only: the body is neither sliced nor parsed now.
        let split: Swift.Result<(matter: FrontMatter, body: String?), Diagnostic> =
            frontMatterOnly || head != nil
            ? FrontMatter.read(text, file: file).map { ($0, nil) }
            : cache.value("front-matter", TextKey(file, text), compute: { FrontMatter.split(text, file: file) }).map { ($0.0, $0.body) }
        switch split {
        case .failure(let d):
            result.readDiagnostics.append(d)
        case .success(let (matter, body)):
            var page = Page(
                id: matter.id, title: matter.title, description: matter.description, fileName: name,
                source: matter.idLocation, blocks: [], showsDirectory: matter.showsDirectory,
                contentLocale: locale)
            if !frontMatterOnly {
                let parsed =
                    body.map { body in cache.value("page", TextKey(file, body)) { MarkdownParser.parse(body, file: file) } }
                    ?? Self.parseBody(bytes, from: matter.bodyStart, file: file)
                result.parseDiagnostics = parsed.diagnostics
                page.blocks = parsed.blocks
                result.page = page
            } else {
                let outline = Page.Outline(
                    headingBlocks: [], references: [], digest: Self.digest(bytes),
                    bodyStart: head != nil ? matter.bodyStart : nil)
                result.page = page.outlineOnly(outline)
            }
        }
        return result
    }

    /// The body of an outline page from a load with `frontMatterOnly`, its file read again and
    /// parsed, with the parse's findings; a page with its body as it is, without findings. An
    /// error if the file changed since it was loaded (or cannot be read now).
    public func body(of page: Page) -> Swift.Result<MarkdownParser.Result, Diagnostic> {
        guard page.outline != nil else { return .success(MarkdownParser.Result(blocks: page.blocks, diagnostics: [])) }
        let file = page.source.file
        let changed = Diagnostic.error("changed-during-build", "the file changed while the guide was being built; build again", at: SourceLocation(file: file))
        var problems: [Diagnostic] = []
        guard let resolvedRoot = realPath(root), let bytes = readFile(file, under: resolvedRoot, into: &problems, missing: "cannot read '\(file)'") else {
            return .failure(problems.first ?? changed)
        }
        guard let outline = page.outline, outline.digest == Self.digest(bytes) else { return .failure(changed) }
        if let start = outline.bodyStart, cache == nil, start.offset <= bytes.count {
            return .success(Self.parseBody(bytes, from: start, file: file))
        }
        guard case .success(let text) = SourceText.decode(bytes, file: file),
            case .success(let (_, body)) = cache.value("front-matter", TextKey(file, text), compute: { FrontMatter.split(text, file: file) })
        else { return .failure(changed) }
        return .success(cache.value("page", TextKey(file, body)) { MarkdownParser.parse(body, file: file) })
    }

    /// The body of a page file that is its text as it is (`frontMatterHead`), parsed from its bytes
    /// without decoding the file or copying the body.
    static func parseBody(_ bytes: [UInt8], from start: Page.BodyStart, file: String) -> MarkdownParser.Result {
        bytes.withUnsafeBufferPointer {
            MarkdownParser.parse(utf8: UnsafeBufferPointer(rebasing: $0[start.offset...]), file: file, firstLine: start.lines + 1)
        }
    }

    /// The text of a page file up to the end of its front matter, when the file is text as it is
    /// (`SourceText.isVerbatimText`) and has a closed front matter: all a load with
    /// `frontMatterOnly` reads of it, with the same findings as the whole text.
    static func frontMatterHead(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("---\n".utf8)), SourceText.isVerbatimText(bytes),
            let closing = bytes.withUnsafeBufferPointer({ FrontMatter.closingLine(in: $0) })
        else { return nil }
        return String(decoding: bytes[..<min(closing.end + 1, bytes.count)], as: UTF8.self)
    }

    /// The digest of a page file that tells whether it changed during a build.
    static func digest(_ bytes: [UInt8]) -> Int {
        Int(truncatingIfNeeded: bytes.withUnsafeBufferPointer { ByteScan.digest($0) })
    }

    /// Puts a locale's pages in the guide's reading order; a missing translation falls back to the
    /// source page, a page unknown to the source locale is reported.
    private func ordered(_ pages: [String: Page], source: [String: Page], locale: String, guide: GuideInfo, into diagnostics: inout [Diagnostic]) -> [Page] {
        let isSource = locale == guide.sourceLocale
        var result: [Page] = []
        let sourceByID = Dictionary(source.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in guide.pageOrder {
            guard let english = sourceByID[id] else {
                if isSource {
                    diagnostics.append(
                        .error(
                            "missing-page", "guide.yml lists the page '\(id)', but no file in '\(path(locale))' has that id",
                            at: SourceLocation(file: path("guide.yml"))))
                }
                continue
            }
            if isSource {
                result.append(english)
            } else if let translated = pages[english.fileName] {
                if translated.id != english.id {
                    diagnostics.append(
                        .error(
                            "id-mismatch",
                            "the id '\(translated.id)' differs from the \(guide.sourceLocale) page's id '\(english.id)'; translations keep the file name and id",
                            at: translated.source))
                }
                result.append(translated)
            } else {
                result.append(english)
            }
        }
        let listed = Set(guide.pageOrder)
        for page in pages.values.sorted(by: { $0.fileName < $1.fileName }) {
            if isSource, !listed.contains(page.id) {
                diagnostics.append(
                    .error("unlisted-page", "the page '\(page.id)' is not in guide.yml's 'pages', so it would never be published", at: page.source))
            } else if !isSource, !source.keys.contains(page.fileName) {
                diagnostics.append(
                    .warning("orphaned-page", "no \(guide.sourceLocale) page is named '\(page.fileName)'; this translation is not published", at: page.source))
            }
        }
        return result
    }

    // MARK: Data files

    private func loadResources(locale: String, resolvedRoot: String, into diagnostics: inout [Diagnostic]) -> ResourceDirectory {
        let file = path("resources/\(locale).yml")
        guard FileManager.default.fileExists(atPath: file) else {
            diagnostics.append(
                .error("missing-resources", "there is no resources file for '\(locale)': every page needs its help box", at: SourceLocation(file: file)))
            return .empty
        }
        guard let text = readText(file, under: resolvedRoot, into: &diagnostics, missing: "cannot read '\(file)'") else { return .empty }
        let (directory, found) = cache.value("resources", TextKey(file, text)) { ResourceFile.parse(text, file: file) }
        diagnostics += found
        return directory
    }

    private func loadStrings(locale: String, resolvedRoot: String, into diagnostics: inout [Diagnostic]) -> UIStrings {
        let file = path("ui/\(locale).yml")
        guard FileManager.default.fileExists(atPath: file) else {
            diagnostics.append(
                .warning("missing-strings", "there is no '\(file)'; the interface falls back to the source locale", at: SourceLocation(file: file)))
            return UIStrings([:])
        }
        guard let text = readText(file, under: resolvedRoot, into: &diagnostics, missing: "cannot read '\(file)'") else { return UIStrings([:]) }
        let (strings, found) = cache.value("strings", TextKey(file, text)) { UIStringsFile.parse(text, file: file) }
        diagnostics += found
        return strings
    }

    // MARK: Files

    func path(_ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// Reads a file as text, refusing folders, links out of the content root, huge files, invalid
    /// UTF-8 and NUL bytes.
    private func readText(_ file: String, under resolvedRoot: String, into diagnostics: inout [Diagnostic], missing: String) -> String? {
        guard let bytes = readFile(file, under: resolvedRoot, into: &diagnostics, missing: missing) else { return nil }
        switch SourceText.decode(bytes, file: file) {
        case .success(let text): return text
        case .failure(let d):
            diagnostics.append(d)
            return nil
        }
    }

    /// Reads a file's bytes, refusing folders, links out of the content root and huge files.
    private func readFile(_ file: String, under resolvedRoot: String, into diagnostics: inout [Diagnostic], missing: String) -> [UInt8]? {
        // POSIX calls: FileManager's existence, attribute and content calls cost several times the
        // system calls they make, on every file of every build.
        let location = SourceLocation(file: file)
        var info = stat()
        guard stat(file, &info) == 0 else {
            diagnostics.append(.error("missing-file", missing, at: location))
            return nil
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            diagnostics.append(.error("not-a-file", "'\(file)' is a folder, not a file", at: location))
            return nil
        }
        guard let resolved = realPath(file), resolved.hasPrefix(resolvedRoot + "/") else {
            diagnostics.append(.error("path-escape", "'\(file)' is a link to a file outside the content folder", at: location))
            return nil
        }
        let size = Int(info.st_size)
        if size > Self.maximumPageBytes {
            diagnostics.append(
                .error("file-too-large", "the file is \(size / 1_048_576) MB; the limit is \(Self.maximumPageBytes / 1_048_576) MB", at: location))
            return nil
        }
        guard let bytes = readBytes(resolved, expected: size) else {
            diagnostics.append(.error("unreadable-file", "cannot read '\(file)'", at: location))
            return nil
        }
        return bytes
    }
}

/// A file's bytes, read to its end (`expected` is where to start the buffer); `nil` if it
/// cannot be opened or read.
func readBytes(_ path: String, expected: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    /// Up to `room` bytes read into uninitialized memory, and whether they filled it.
    func readChunk(_ room: Int) -> (bytes: [UInt8], full: Bool)? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
            while initialized < room {
                let n = read(fd, buffer.baseAddress! + initialized, room - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        return failed ? nil : (bytes, bytes.count == room)
    }
    // The expected size and a byte more; a file that grew since it was measured is read on.
    guard var (bytes, full) = readChunk(max(expected, 0) + 1) else { return nil }
    while full {
        guard let more = readChunk(max(bytes.count, 4096)) else { return nil }
        bytes += more.bytes
        full = more.full
    }
    return bytes
}

/// The canonical absolute path with every symbolic link resolved, or `nil` if it does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

extension ContentLoader {
    /// Every file under the content folder that is not Markdown or YAML, relative to it, with
    /// links resolved; files reached through a link that leaves the folder are left out.
    public func assetPaths() -> Set<String> {
        guard let resolvedRoot = realPath(root),
            let walker = FileManager.default.enumerator(atPath: root)
        else { return [] }
        var paths = Set<String>()
        while let relative = walker.nextObject() as? String {
            guard !relative.hasSuffix(".md"), !relative.hasSuffix(".yml"), !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else {
                continue
            }
            let full = path(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                let resolved = realPath(full), resolved.hasPrefix(resolvedRoot + "/")
            else { continue }
            paths.insert(relative)
        }
        return paths
    }
}
