import Foundation
import GuideModel

/// Renders a locale's guide as an EPUB 3 publication: the unpacked bundle (`epub/<locale>/`) and
/// the packed ebook (`<locale>/stay-safe-<locale>.epub`).
///
/// The bundle holds `mimetype`, `META-INF/container.xml` and, under `EPUB/`, the package
/// document, the navigation document (table of contents and landmarks), a title page, one XHTML
/// content document per page with the help box of the site (and the resource directory on the
/// help page), the stylesheet and the images the pages show. Links between pages become
/// `page.xhtml#anchor`. Every document has `lang` and `xml:lang`; markup uses numeric character
/// references only; there is no script. Pure: images come from `media`, time from `timestamp`.
public struct EPUBRenderer: Sendable {
    public var guide: Guide
    public var theme: EPUBTheme
    /// `dcterms:modified` and the date of every ZIP entry.
    public var timestamp: BuildTimestamp
    /// Reads an image by its path relative to the content folder (`en/media/map.png`).
    public var media: @Sendable (String) -> [UInt8]?

    /// The folder inside the bundle that holds the publication's resources.
    public static let contentFolder = "EPUB"
    public static let mimetype = "application/epub+zip"

    public init(
        guide: Guide, theme: EPUBTheme, timestamp: BuildTimestamp, media: @escaping @Sendable (String) -> [UInt8]? = { _ in nil }
    ) {
        self.guide = guide
        self.theme = theme
        self.timestamp = timestamp
        self.media = media
    }

    /// Where a locale's unpacked bundle goes in the output folder.
    public static func bundleFolder(_ locale: String) -> String { "epub/\(locale)" }
    /// Where a locale's ebook goes in the output folder.
    public static func ebookPath(_ locale: String) -> String { "\(locale)/stay-safe-\(locale).epub" }

    /// The bundle under `epub/<locale>/` and the packed ebook; throws `RenderingError` for content
    /// an ebook cannot carry.
    public func render(_ edition: LocaleEdition) throws -> [OutputFile] {
        try package(bundle(edition), of: edition)
    }

    /// The bundle's files placed under `epub/<locale>/`, and the packed ebook.
    public func package(_ bundle: [OutputFile], of edition: LocaleEdition) throws -> [OutputFile] {
        let code = edition.locale.code
        let packed = try EPUBPackager.pack(bundle, timestamp: timestamp)
        return bundle.map { OutputFile(path: Self.bundleFolder(code) + "/" + $0.path, bytes: $0.bytes) }
            + [OutputFile(path: Self.ebookPath(code), bytes: packed)]
    }

    /// The bundle's files in packing order (`mimetype` first), paths relative to its root.
    public func bundle(_ edition: LocaleEdition) throws -> [OutputFile] {
        let parts = LocaleParts(self, edition)
        let chapters = edition.pages.map { renderChapter($0, in: edition, parts: parts) }
        return try bundle(edition, parts: parts, chapters: chapters)
    }

    /// What every chapter of a locale's ebook shares: the documents' names, the images (read
    /// once), the help box, and what the ebook as a whole cannot carry (images of other formats,
    /// links to files).
    public struct LocaleParts: Sendable {
        var names: [String: String]
        var images: [String: Image]
        var helpBox: String
        var diagnostics: [Diagnostic]

        /// From the locale's pages, which may be outlines.
        public init(_ renderer: EPUBRenderer, _ edition: LocaleEdition) {
            var diagnostics: [Diagnostic] = []
            images = renderer.collectImages(edition, diagnostics: &diagnostics)
            diagnostics += renderer.fileLinks(edition)
            self.diagnostics = diagnostics
            names = EPUBRenderer.documentNames(edition.pages)
            helpBox = renderer.renderHelpBox(edition, names: names)
        }
    }

    /// One chapter: the page (given with its body) as a content document of the bundle, and
    /// the characters in it that an ebook cannot carry.
    public struct RenderedChapter: Sendable {
        public var file: OutputFile
        public var diagnostics: [Diagnostic]
    }

    public func renderChapter(_ page: Page, in edition: LocaleEdition, parts: LocaleParts) -> RenderedChapter {
        RenderedChapter(
            file: OutputFile(path: Self.contentFolder + "/" + parts.names[page.fileName]!, text: chapterXHTML(page, in: edition, parts: parts)),
            diagnostics: UnsupportedCharacters.diagnostics(in: page, format: "an ebook"))
    }

    /// The whole bundle from its chapters, in reading order.
    public func bundle(_ edition: LocaleEdition, parts: LocaleParts, chapters: [RenderedChapter]) throws -> [OutputFile] {
        let diagnostics = chapters.flatMap(\.diagnostics) + parts.diagnostics
        if !diagnostics.isEmpty { throw RenderingError(diagnostics: diagnostics) }
        let folder = Self.contentFolder + "/"
        let media = parts.images.values.sorted { $0.href < $1.href }
        let opf = renderPackage(edition, names: parts.names, media: media)
        var files = [
            OutputFile(path: "mimetype", text: Self.mimetype),
            OutputFile(path: "META-INF/container.xml", text: theme.render(["packagePath": folder + "package.opf"], template: "container")),
            OutputFile(path: folder + "package.opf", text: opf),
            OutputFile(path: folder + "nav.xhtml", text: renderNav(edition, names: parts.names)),
            OutputFile(path: folder + "title.xhtml", text: renderTitlePage(edition)),
        ]
        files += chapters.map(\.file)
        files.append(OutputFile(path: folder + "style.css", bytes: theme.stylesheet))
        files += media.map { OutputFile(path: folder + $0.href, bytes: $0.bytes) }
        return files
    }

    // MARK: Documents

    /// The help box every chapter ends with, rendered once per locale from `help-box.mustache`
    /// and given to the chapter template as `{{{helpBoxHTML}}}`.
    func renderHelpBox(_ edition: LocaleEdition, names: [String: String]) -> String {
        ResourceView.helpBoxHTML(
            edition, context: baseContext(edition, names: names), source: guide.info.locale(guide.info.sourceLocale), syntax: .xhtml
        ) { theme.render($0, template: "help-box") }
    }

    func chapterXHTML(_ page: Page, in edition: LocaleEdition, parts: LocaleParts) -> String {
        let (names, images, helpBox) = (parts.names, parts.images, parts.helpBox)
        let source = guide.edition(guide.info.sourceLocale)?.page(fileName: page.fileName)
        let anchors = HeadingAnchors.anchors(for: page, source: source).map(Self.xmlID)
        var renderer = PageHTMLRenderer(
            syntax: .xhtml, anchors: anchors, resolve: Self.links(names: names, images: images.mapValues(\.href), contentLocale: page.contentLocale))
        renderer.isolatesNumbers = guide.info.locale(page.contentLocale)?.direction == .rtl
        var context = baseContext(edition, names: names)
        context["documentTitle"] = page.title
        context["pageTitle"] = page.title
        context["body"] = XHTMLEscaping.numericReferences(renderer.render(page.blocks))
        context["notices"] = LanguageMarkup.notices(for: page, in: edition, source: guide.info.locale(guide.info.sourceLocale), syntax: .xhtml)
        context["contentMarks"] = contentMarks(page, in: edition)
        if page.showsDirectory { context["directory"] = ResourceView.directoryContext(edition) }
        context["helpBoxHTML"] = helpBox
        return theme.render(context, template: "chapter")
    }

    func renderNav(_ edition: LocaleEdition, names: [String: String]) -> String {
        var context = baseContext(edition, names: names)
        let source = guide.edition(guide.info.sourceLocale)
        context["toc"] = edition.pages.map { page -> [String: Any] in
            let name = names[page.fileName]!
            let anchors = HeadingAnchors.anchors(for: page, source: source?.page(fileName: page.fileName)).map(Self.xmlID)
            let marks = contentMarks(page, in: edition)
            let sections = zip(page.headings, anchors).filter { $0.0.level == 2 }.map { ["text": $0.0.text, "href": "\(name)#\($0.1)", "marks": marks] }
            return ["title": page.title, "href": name, "marks": marks, "sections": sections, "hasSections": !sections.isEmpty]
        }
        let sourceInfo = guide.info.locale(guide.info.sourceLocale)
        func label(_ key: String) -> String { LanguageMarkup.fragment(edition.strings[key], key: key, of: edition, source: sourceInfo, syntax: .xhtml) }
        var landmarks: [[String: Any]] = [
            ["type": "titlepage", "href": "title.xhtml", "labelHTML": label("title_page")],
            ["type": "toc", "href": "nav.xhtml#toc", "labelHTML": label("contents")],
        ]
        if let first = edition.pages.first {
            landmarks.append(["type": "bodymatter", "href": names[first.fileName]!, "labelHTML": label("start_reading")])
        }
        context["landmarks"] = landmarks
        return theme.render(context, template: "nav")
    }

    func renderTitlePage(_ edition: LocaleEdition) -> String {
        var context = baseContext(edition, names: [:])
        context["documentTitle"] = edition.locale.title
        return theme.render(context, template: "title")
    }

    func renderPackage(_ edition: LocaleEdition, names: [String: String], media: [Image]) -> String {
        let code = edition.locale.code
        var context = baseContext(edition, names: names)
        context["identifier"] = NameBasedUUID.urn(Self.identifier(guideID: guide.info.id, locale: code))
        context["modified"] = timestamp.iso8601
        context["hasImages"] = !media.isEmpty
        // The summary says what a reader gets; with images it says that each has a description.
        let summaryKey = media.isEmpty ? "accessibility_summary" : "accessibility_summary_images"
        let key = edition.strings.values[summaryKey] != nil ? summaryKey : "accessibility_summary"
        context["accessibilitySummary"] = edition.strings[key]
        // A summary in the source language says so (`xml:lang` on the meta element).
        if edition.strings.fallbacks.contains(key), let source = guide.info.locale(guide.info.sourceLocale), source.code != code {
            context["summaryMarks"] = " xml:lang=\"\(XHTMLEscaping.escape(source.code))\" dir=\"\(source.direction.rawValue)\""
        }
        var features = ["structuralNavigation", "tableOfContents", "readingOrder"]
        if !media.isEmpty { features.append("alternativeText") }
        context["features"] = features.sorted()

        var manifest: [[String: Any]] = [
            ["id": "nav", "href": "nav.xhtml", "mediaType": "application/xhtml+xml", "properties": "nav"],
            ["id": "title-page", "href": "title.xhtml", "mediaType": "application/xhtml+xml"],
            ["id": "style", "href": "style.css", "mediaType": "text/css"],
        ]
        var spine = ["title-page", "nav"]
        for page in edition.pages {
            let name = names[page.fileName]!
            let id = Self.manifestID(prefix: "page", name: name)
            manifest.append(["id": id, "href": name, "mediaType": "application/xhtml+xml"])
            spine.append(id)
        }
        for image in media {
            manifest.append([
                "id": Self.manifestID(prefix: "image", name: String(image.href.dropFirst("media/".count))), "href": image.href, "mediaType": image.mediaType,
            ])
        }
        context["manifest"] = manifest.sorted { ($0["href"] as! String) < ($1["href"] as! String) }
        context["spine"] = spine.map { ["id": $0] }
        return theme.render(context, template: "package")
    }

    /// The language attributes of `page`'s own text: empty unless it is a fallback page.
    func contentMarks(_ page: Page, in edition: LocaleEdition) -> String {
        LanguageMarkup.contentMarks(page, in: edition, guide: guide, syntax: .xhtml)
    }

    private func baseContext(_ edition: LocaleEdition, names: [String: String]) -> [String: Any] {
        var context: [String: Any] = [:]
        context["lang"] = edition.locale.code
        context["dir"] = edition.locale.direction.rawValue
        context["strings"] = edition.strings.values
        context["ui"] = LanguageMarkup.fragments(edition, source: guide.info.locale(guide.info.sourceLocale), syntax: .xhtml)
        context["guideTitle"] = edition.locale.title
        // A section opens for any string, even an empty one: leave it out instead.
        if !edition.locale.description.isEmpty { context["description"] = edition.locale.description }
        context["publisher"] = guide.info.publisher
        context["version"] = guide.info.version
        context["date"] = guide.info.date
        let helpPage = edition.pages.first { $0.showsDirectory } ?? edition.pages.first { $0.id == "help" }
        context["helpHref"] = helpPage.flatMap { names[$0.fileName] } ?? "nav.xhtml#toc"
        return context
    }

    // MARK: Names and links

    /// The stable identifier of a guide's ebook in one locale: a UUID v5 of its name.
    public static func identifier(guideID: String, locale: String) -> UUID {
        NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "urn:guidegen:\(guideID):\(locale)")
    }

    /// XHTML file names by page file name: the slug with anything but `A-Z a-z 0-9 . _ -` made
    /// `_`, never `nav` or `title`, unique.
    static func documentNames(_ pages: [Page]) -> [String: String] {
        var used: Set<String> = ["nav", "title", "style", "package"]
        var names: [String: String] = [:]
        for page in pages {
            var base = safeName(page.slug)
            if base.isEmpty || base.hasPrefix(".") { base = "page" + base }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                name = "\(base)-\(n)"
                n += 1
            }
            used.insert(name.lowercased())
            names[page.fileName] = name + ".xhtml"
        }
        return names
    }

    /// A name made only of characters every ZIP tool and reading system takes.
    static func safeName(_ s: String) -> String {
        String(
            s.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return Character(scalar)
                default: return "_"
                }
            })
    }

    static func manifestID(prefix: String, name: String) -> String {
        prefix + "-" + safeName(name).replacingOccurrences(of: ".", with: "-")
    }

    /// An anchor as an XML id, which may not start with a digit: `2-step` → `h-2-step`.
    public static func xmlID(_ anchor: String) -> String {
        guard let first = anchor.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return "h-" + anchor }
        return anchor
    }

    /// Pages link to `name.xhtml#anchor`, images to their copy under `media/`.
    static func links(names: [String: String], images: [String: String], contentLocale: String) -> @Sendable (LinkTarget) -> String? {
        { target in
            switch target {
            case .external(let url): return url
            case .page(let fileName, let anchor): return names[fileName].map { $0 + (anchor.map { "#" + xmlID($0) } ?? "") }
            case .anchor(let anchor): return "#" + xmlID(anchor)
            case .file(let path): return LinkTarget.contentPath(path, locale: contentLocale).flatMap { images[$0] }
            case .unsafeScheme: return nil
            }
        }
    }

    // MARK: Images

    /// An image the ebook carries.
    struct Image {
        var href: String
        var mediaType: String
        var bytes: [UInt8]
    }

    /// The core media types of EPUB 3.3 that the guide's images may use, by file extension.
    static let imageTypes: [String: String] = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"]

    /// Every image the pages show, by content path; an image of another format, or whose bytes are
    /// not what its name says, is a diagnostic at the image.
    private func collectImages(_ edition: LocaleEdition, diagnostics: inout [Diagnostic]) -> [String: Image] {
        var images: [String: Image] = [:]
        var used: Set<String> = []
        var rejected: Set<String> = []
        for page in edition.pages {
            for reference in page.references where reference.isImage {
                guard case .file(let path) = LinkTarget(reference.destination),
                    let contentPath = LinkTarget.contentPath(path, locale: page.contentLocale)
                else { continue }
                guard images[contentPath] == nil, !rejected.contains(contentPath) else { continue }
                let ext = contentPath.split(separator: ".").last.map { $0.lowercased() } ?? ""
                guard let mediaType = Self.imageTypes[ext] else {
                    rejected.insert(contentPath)
                    diagnostics.append(
                        .error(
                            "epub-image-format",
                            "'\(path)' cannot go into the ebook: EPUB reading systems must show only PNG, JPEG, GIF and WebP images; convert it to one of those",
                            at: reference.location))
                    continue
                }
                guard let bytes = media(contentPath) else {
                    rejected.insert(contentPath)
                    diagnostics.append(.error("missing-image", "cannot read the image '\(path)' for the ebook", at: reference.location))
                    continue
                }
                guard let actual = Self.sniff(bytes), actual == mediaType else {
                    rejected.insert(contentPath)
                    let content = Self.sniff(bytes).map { "\(Self.formatName($0)) data" } ?? "no image format the ebook knows"
                    diagnostics.append(
                        .error(
                            "image-content",
                            "'\(path)' is named as a \(Self.formatName(mediaType)) image but holds \(content); save it in the format its name says",
                            at: reference.location))
                    continue
                }
                var name = "media/" + Self.safeName(contentPath.replacingOccurrences(of: "/", with: "-"))
                if used.contains(name.lowercased()) { name = "media/\(used.count + 1)-" + Self.safeName(contentPath.replacingOccurrences(of: "/", with: "-")) }
                used.insert(name.lowercased())
                images[contentPath] = Image(href: name, mediaType: mediaType, bytes: bytes)
            }
        }
        return images
    }

    static func formatName(_ mediaType: String) -> String {
        ["image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP"][mediaType] ?? mediaType
    }

    /// The media type an image's first bytes announce.
    static func sniff(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }

    /// Links to files (rather than pages or addresses) lead nowhere in an ebook.
    private func fileLinks(_ edition: LocaleEdition) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for page in edition.pages {
            for reference in page.references where !reference.isImage {
                if case .file(let path) = LinkTarget(reference.destination) {
                    found.append(
                        .error(
                            "epub-file-link", "a link to the file '\(path)' cannot be followed in the ebook; link to a page or a web address",
                            at: reference.location))
                }
            }
        }
        return found
    }
}
