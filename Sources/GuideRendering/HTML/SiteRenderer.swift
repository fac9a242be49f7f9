import Foundation
import GuideModel

/// Renders the HTML site: the language chooser, every locale's pages, its one-page edition, and
/// the theme's assets. Pure: it returns files, the build writes them.
public struct SiteRenderer: Sendable {
    public var guide: Guide
    public var theme: Theme
    /// Downloads offered on a locale's front page: label key in the UI strings and a path
    /// relative to the locale folder.
    public var downloads: @Sendable (String) -> [(labelKey: String, path: String)]
    /// Pages rendered by an earlier build of this process (`serve`), reused when neither the page
    /// nor anything its frame shows has changed.
    public var cache: MemoCache? = nil

    public init(guide: Guide, theme: Theme, downloads: @escaping @Sendable (String) -> [(labelKey: String, path: String)] = { _ in [] }) {
        self.guide = guide
        self.theme = theme
        self.downloads = downloads
    }

    /// The chooser and the theme's assets: shared by every locale.
    public func renderShared() -> [OutputFile] {
        theme.assets + [OutputFile(path: "index.html", text: renderChooser())]
    }

    /// Every page of one locale plus `print.html`.
    public func render(_ edition: LocaleEdition) -> [OutputFile] {
        let shared = LocaleParts(self, edition)
        let pages = edition.pages.indices.map { renderPage(at: $0, of: edition, shared: shared) }
        return pages.map(\.file) + [renderPrint(edition, shared: shared, sections: pages.map(\.printSection))]
    }

    /// One page's file and its section of `print.html` (UTF-8).
    public struct RenderedPage: Sendable {
        public var file: OutputFile
        public var printSection: [UInt8]
    }

    /// The page at `index` of `edition`, given with its body (`body`, when the edition holds
    /// outline pages): its own file and its section of the one-page edition.
    public func renderPage(at index: Int, of edition: LocaleEdition, body: Page? = nil, shared: LocaleParts) -> RenderedPage {
        let page = body ?? edition.pages[index]
        let anchors = anchors(of: page)
        let slug = page.slug
        let printAnchors = anchors.map { "\(slug)--\($0)" }
        let path = "\(edition.locale.code)/\(slug).html"
        guard let cache else {
            // Without a cache both bodies come from one walk.
            var body = HTMLWriter(capacity: 16 * 1024)
            var printBody = HTMLWriter(capacity: 16 * 1024)
            bodyRenderer(page, anchors: anchors).render(page.blocks, into: &body, and: printBodyRenderer(page, anchors: printAnchors), into: &printBody)
            let html = renderPage(page, at: index, anchors: anchors, body: body, in: edition, shared: shared)
            return RenderedPage(file: OutputFile(path: path, bytes: html), printSection: renderPrintSection(page, body: printBody, in: edition, shared: shared))
        }
        let html = cache.value("html-page", RenderKey(frame: shared.frameKey, index: index, page: PageKey(page), anchors: anchors)) {
            var body = HTMLWriter(capacity: 16 * 1024)
            bodyRenderer(page, anchors: anchors).render(page.blocks, into: &body)
            return renderPage(page, at: index, anchors: anchors, body: body, in: edition, shared: shared)
        }
        let section = cache.value("print-section", RenderKey(frame: shared.frameKey, index: index, page: PageKey(page), anchors: printAnchors)) {
            var printBody = HTMLWriter(capacity: 16 * 1024)
            printBodyRenderer(page, anchors: printAnchors).render(page.blocks, into: &printBody)
            return renderPrintSection(page, body: printBody, in: edition, shared: shared)
        }
        return RenderedPage(file: OutputFile(path: path, bytes: html), printSection: section)
    }

    /// What every page of a locale shows the same, rendered once: the help box from
    /// `help-box.mustache` (`{{{helpBoxHTML}}}`) and the table of contents' entries
    /// (`{{{tocHTML}}}`, the current page marked per page).
    public struct LocaleParts: Sendable {
        var helpBoxHTML: String
        /// The help box of the one-page edition: its link goes to the help page's section there.
        var printHelpBoxHTML: String
        /// The short help box that ends each chapter of the one-page edition (shown in print
        /// only), from `chapter-help.mustache`.
        var chapterHelpHTML: String
        /// Each page's contents entry, as a link and as the current page.
        var tocEntries: [(link: String, current: String)]
        /// Everything besides the page itself that a page's HTML depends on, as text: the theme,
        /// the guide's settings, the locale's strings and resources, every page's title and
        /// place. Equal keys give equal frames.
        var frameKey: TextKey

        public init(_ site: SiteRenderer, _ edition: LocaleEdition) {
            let frameKey = site.cache == nil ? TextKey() : TextKey(Self.frameKey(site, edition))
            helpBoxHTML = site.cache.value("help-box", frameKey) {
                ResourceView.helpBoxHTML(edition, context: site.baseContext(edition, slug: "index"), source: site.sourceLocale, syntax: .html) {
                    site.theme.render($0, template: "help-box")
                }
            }
            printHelpBoxHTML = site.cache.value("print-help-box", frameKey) {
                var context = site.baseContext(edition, slug: "print")
                if let help = SiteRenderer.helpPage(edition) { context["helpHref"] = "#page-\(help.slug)" }
                return ResourceView.helpBoxHTML(edition, context: context, source: site.sourceLocale, syntax: .html) {
                    site.theme.render($0, template: "help-box")
                }
            }
            chapterHelpHTML = site.cache.value("chapter-help", frameKey) {
                ResourceView.helpBoxHTML(edition, context: site.baseContext(edition, slug: "print"), source: site.sourceLocale, syntax: .html) {
                    site.theme.render($0, template: "chapter-help")
                }
            }
            self.frameKey = frameKey
            tocEntries = edition.pages.map { page in
                let marks = site.contentMarks(page, in: edition)
                return (
                    NavigationHTML.item(href: "\(page.slug).html", text: page.title, marks: marks),
                    NavigationHTML.item(href: "\(page.slug).html", text: page.title, marks: marks, current: true)
                )
            }
        }

        /// The contents list with `current` (a page's file name, or none) marked.
        func tocHTML(_ edition: LocaleEdition, current: String?) -> String {
            var html = ""
            for (page, entry) in zip(edition.pages, tocEntries) {
                if !html.isEmpty { html += "\n" }
                html += page.fileName == current ? entry.current : entry.link
            }
            return html
        }

        static func frameKey(_ site: SiteRenderer, _ edition: LocaleEdition) -> String {
            var parts = [site.theme.fingerprint, site.guide.info.keyText, edition.locale.keyText]
            parts += edition.strings.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            parts.append(edition.strings.fallbacks.sorted().joined(separator: ","))
            parts.append(edition.resources.keyText)
            parts += edition.pages.map { "\($0.fileName)|\($0.id)|\($0.title)|\($0.contentLocale)|\($0.showsDirectory)|\($0.isOutdated)" }
            parts += site.downloads(edition.locale.code).map { "\($0.labelKey)|\($0.path)" }
            return parts.joined(separator: "\n")
        }
    }

    /// What a page's HTML is made from: its frame, its place, the page, its heading anchors.
    struct RenderKey: Hashable, Sendable {
        var frame: TextKey
        var index: Int
        var page: PageKey
        var anchors: [String]
    }

    /// The anchors of a page's top-level headings, fixed by its source-locale page.
    func anchors(of page: Page) -> [String] {
        HeadingAnchors.anchors(for: page, source: guide.edition(guide.info.sourceLocale)?.page(fileName: page.fileName))
    }

    // MARK: Pages

    /// The renderer of a page's body on its own page.
    func bodyRenderer(_ page: Page, anchors: [String]) -> PageHTMLRenderer {
        var renderer = PageHTMLRenderer(syntax: .html, anchors: anchors, resolve: Self.siteLinks(contentLocale: page.contentLocale))
        renderer.isolatesNumbers = guide.info.locale(page.contentLocale)?.direction == .rtl
        return renderer
    }

    /// The renderer of a page's body as a section of `print.html`: headings one level down,
    /// links to fragments of the one page.
    func printBodyRenderer(_ page: Page, anchors: [String]) -> PageHTMLRenderer {
        var renderer = PageHTMLRenderer(syntax: .html, anchors: anchors, resolve: Self.printLinks(contentLocale: page.contentLocale, slug: page.slug))
        renderer.headingOffset = 1
        renderer.isolatesNumbers = guide.info.locale(page.contentLocale)?.direction == .rtl
        return renderer
    }

    /// A page's file, around its rendered `body`.
    func renderPage(_ page: Page, at index: Int, anchors: [String], body: HTMLWriter, in edition: LocaleEdition, shared: LocaleParts) -> [UInt8] {
        var context = baseContext(edition, slug: page.slug)
        context["helpBoxHTML"] = shared.helpBoxHTML
        context["documentTitle"] = index == 0 ? edition.locale.title : "\(page.title) · \(edition.locale.title)"
        context["pageTitle"] = page.title
        let description = page.description.isEmpty ? edition.locale.description : page.description
        if !description.isEmpty { context["description"] = description }
        context["body"] = Self.bodyMarker
        context["notices"] = LanguageMarkup.notices(for: page, in: edition, source: sourceLocale, syntax: .html)
        let marks = contentMarks(page, in: edition)
        context["contentMarks"] = marks
        let headings = zip(page.headings, anchors).filter { $0.0.level == 2 }
        context["onThisPageHTML"] = NavigationHTML.list(headings.map { (href: "#\($0.1)", text: $0.0.text) }, marks: { _ in marks })
        context["hasOnThisPage"] = headings.count >= 2
        if page.showsDirectory { context["directory"] = ResourceView.directoryContext(edition) }
        if index == 0 {
            let offered = downloads(edition.locale.code).map { download -> [String: String] in
                let label = edition.strings[download.labelKey]
                return [
                    "label": label, "href": download.path,
                    "labelHTML": LanguageMarkup.fragment(label, key: download.labelKey, of: edition, source: sourceLocale, syntax: .html),
                ]
            }
            context["downloads"] = offered
            context["hasDownloads"] = !offered.isEmpty
        }
        var pager: [String: Any] = [:]
        if index > 0 {
            let previous = edition.pages[index - 1]
            pager["previous"] = pagerLink(previous, in: edition)
            context["previous"] = pager["previous"]
        }
        if index + 1 < edition.pages.count {
            let next = edition.pages[index + 1]
            context["next"] = pagerLink(next, in: edition)
        }
        context["hasPager"] = edition.pages.count > 1
        context["tocHTML"] = shared.tocHTML(edition, current: page.fileName)
        return Self.splice(body, into: theme.renderByShape(context, template: "page", keep: Self.bodyMarker))
    }

    /// What templates get for `{{{body}}}`: the body goes in its place after rendering, as bytes,
    /// so that a page's body is neither decoded nor copied through the template engine. (NUL
    /// never occurs in content: the loader refuses it.)
    static let bodyMarker = "\u{0}body\u{0}"

    /// A page rendered with `bodyMarker` as its body, cut where the body goes: the body goes in
    /// once, where the template first asks for it.
    static func frame(around page: String) -> (head: [UInt8], tail: [UInt8]) {
        frame(around: Array(page.utf8))
    }

    static func frame(around page: [UInt8]) -> (head: [UInt8], tail: [UInt8]) {
        let marker = Array(bodyMarker.utf8)
        guard let at = firstMarker(in: page[...]) else { return (page, []) }
        var tail = Array(page[(at + marker.count)...])
        while let next = firstMarker(in: tail[...]) {
            tail.removeSubrange(next..<(next + marker.count))
        }
        return (Array(page[..<at]), tail)
    }

    /// Where `bodyMarker` first starts in `bytes`: a NUL byte is looked for with `memchr`, and
    /// there is none in a page but the marker's.
    static func firstMarker(in bytes: ArraySlice<UInt8>) -> Int? {
        let marker = Array(bodyMarker.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var from = 0
            while from < buffer.count, let nul = memchr(base + from, 0, buffer.count - from) {
                let at = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
                if buffer[at...].starts(with: marker) { return bytes.startIndex + at }
                from = at + 1
            }
            return nil
        }
    }

    /// `page`, rendered with `bodyMarker` as its body, with `body` in its place.
    static func splice(_ body: HTMLWriter, into page: [UInt8]) -> [UInt8] {
        let (head, tail) = frame(around: page)
        var out = HTMLWriter(capacity: head.count + body.count + tail.count)
        head.withUnsafeBufferPointer { if let base = $0.baseAddress { out.append(base, count: $0.count) } }
        out.append(body)
        tail.withUnsafeBufferPointer { if let base = $0.baseAddress { out.append(base, count: $0.count) } }
        return out.bytes
    }

    /// The whole guide on one page, for printing and reading offline: the pages' sections in order.
    public func renderPrint(_ edition: LocaleEdition, shared: LocaleParts, sections: [[UInt8]]) -> OutputFile {
        let body = Self.concatenated(sections)
        let html = cache.value("print", PrintKey(frame: shared.frameKey, sections: FileKey(path: Self.printPath(edition), bytes: body))) {
            let frame = renderPrintFrame(edition, shared: shared)
            return Self.concatenated([frame.head, body, frame.tail])
        }
        return OutputFile(path: Self.printPath(edition), bytes: html)
    }

    /// `parts` one after another, each copied whole (`joined()` copies byte by byte).
    static func concatenated(_ parts: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// The sections as one digested key (an array of arrays would be hashed byte by byte).
    struct PrintKey: Hashable, Sendable {
        var frame: TextKey
        var sections: FileKey
    }

    /// `print.html` without its sections: the text before and after them, for a build that
    /// writes the sections from where it kept them.
    public func renderPrintFrame(_ edition: LocaleEdition, shared: LocaleParts) -> (head: [UInt8], tail: [UInt8]) {
        Self.frame(around: renderPrintPage(edition, shared: shared))
    }

    /// Where a locale's one-page edition goes.
    public static func printPath(_ edition: LocaleEdition) -> String { "\(edition.locale.code)/print.html" }

    /// `print.html` with `bodyMarker` for its sections.
    private func renderPrintPage(_ edition: LocaleEdition, shared: LocaleParts) -> String {
        var context = baseContext(edition, slug: "print")
        context["helpBoxHTML"] = shared.printHelpBoxHTML
        context["documentTitle"] = "\(edition.strings["whole_guide"]) · \(edition.locale.title)"
        context["pageTitle"] = edition.locale.title
        if !edition.locale.description.isEmpty { context["description"] = edition.locale.description }
        context["body"] = Self.bodyMarker
        context["onThisPageHTML"] = NavigationHTML.list(
            edition.pages.map { (href: "#page-\($0.slug)", text: $0.title) }, marks: { contentMarks(edition.pages[$0], in: edition) })
        context["hasOnThisPage"] = true
        context["hasPager"] = false
        context["helpBoxFirst"] = true
        context["tocHTML"] = shared.tocHTML(edition, current: nil)
        return theme.render(context, template: "page")
    }

    /// One page as a section of `print.html`, around its rendered body (`printBodyRenderer`).
    func renderPrintSection(_ page: Page, body pageBody: HTMLWriter, in edition: LocaleEdition, shared: LocaleParts) -> [UInt8] {
        var body = HTMLWriter(capacity: pageBody.count + 4096)
        // The section is in the edition's language (its notices are); a fallback page's title
        // and body carry their own.
        let marks = contentMarks(page, in: edition)
        body.raw("<section class=\"print-page\" id=\"page-")
        body.text(page.slug)
        body.raw("\">\n<h2")
        body.raw(marks)
        body.raw(">")
        body.text(page.title)
        body.raw("</h2>\n")
        for notice in LanguageMarkup.notices(for: page, in: edition, source: sourceLocale, syntax: .html) {
            body.raw("<p class=\"notice\" role=\"note\">")
            body.raw(notice)
            body.raw("</p>\n")
        }
        if !marks.isEmpty {
            body.raw("<div")
            body.raw(marks)
            body.raw(">\n")
        }
        body.append(pageBody)
        if !marks.isEmpty { body.raw("</div>\n") }
        if page.showsDirectory {
            var context = baseContext(edition, slug: "print")
            context["directory"] = ResourceView.directoryContext(edition)
            body.raw(theme.render(context, template: "directory"))
        }
        body.raw(shared.chapterHelpHTML)
        body.raw("\n</section>\n")
        return body.bytes
    }

    /// The language chooser at the site's root.
    func renderChooser() -> String {
        let source = guide.edition(guide.info.sourceLocale)
        var context: [String: Any] = [:]
        context["lang"] = guide.info.sourceLocale
        context["dir"] = guide.info.locale(guide.info.sourceLocale)?.direction.rawValue ?? "ltr"
        context["documentTitle"] = guide.info.locale(guide.info.sourceLocale)?.title ?? guide.info.id
        context["strings"] = source?.strings.values ?? [:]
        context["ui"] = source.map { LanguageMarkup.fragments($0, source: sourceLocale, syntax: .html) } ?? [:]
        context["quickExitURL"] = guide.info.quickExitURL
        context["alternates"] = guide.info.locales.map { ["code": $0.code, "href": "\($0.code)/index.html"] }
        context["xDefault"] = "index.html"
        context["languages"] = guide.info.locales.map { locale -> [String: String] in
            var entry = ["code": locale.code, "dir": locale.direction.rawValue, "name": locale.nativeName, "title": locale.title, "href": "\(locale.code)/index.html"]
            if !locale.description.isEmpty { entry["description"] = locale.description }
            return entry
        }
        return theme.render(context, template: "chooser")
    }

    // MARK: Context

    /// The source locale, in whose language fallback pages and strings are.
    var sourceLocale: LocaleInfo? { guide.info.locale(guide.info.sourceLocale) }

    /// `LanguageMarkup.contentMarks` for the site.
    func contentMarks(_ page: Page, in edition: LocaleEdition) -> String {
        LanguageMarkup.contentMarks(page, in: edition, guide: guide, syntax: .html)
    }

    /// The page that lists every service: the one with the directory, else the one with id `help`.
    static func helpPage(_ edition: LocaleEdition) -> Page? {
        edition.pages.first { $0.showsDirectory } ?? edition.pages.first { $0.id == "help" }
    }

    /// A previous or next link's values; `marks` only for a page in another language (an empty
    /// string would open the template's `{{#marks}}` section).
    func pagerLink(_ page: Page, in edition: LocaleEdition) -> [String: String] {
        var link = ["title": page.title, "href": "\(page.slug).html"]
        let marks = contentMarks(page, in: edition)
        if !marks.isEmpty { link["marks"] = marks }
        return link
    }

    func baseContext(_ edition: LocaleEdition, slug: String) -> [String: Any] {
        let code = edition.locale.code
        var context: [String: Any] = [:]
        context["lang"] = code
        context["dir"] = edition.locale.direction.rawValue
        context["assets"] = "../assets"
        context["strings"] = edition.strings.values
        context["ui"] = LanguageMarkup.fragments(edition, source: sourceLocale, syntax: .html)
        context["guideTitle"] = edition.locale.title
        context["publisher"] = guide.info.publisher
        context["version"] = guide.info.version
        context["date"] = guide.info.date
        context["quickExitURL"] = guide.info.quickExitURL
        context["alternates"] = guide.info.locales.map { ["code": $0.code, "href": "../\($0.code)/\(slug).html"] }
        context["xDefault"] = "../\(guide.info.sourceLocale)/\(slug).html"
        context["languages"] = guide.info.locales.map {
            ["code": $0.code, "name": $0.nativeName, "href": "../\($0.code)/\(slug).html", "current": $0.code == code] as [String: Any]
        }
        context["printHref"] = "print.html"
        context["helpHref"] = Self.helpPage(edition).map { "\($0.slug).html" } ?? "index.html"
        return context
    }

    // MARK: Links

    /// Site pages link to `name.html#anchor`; images live under the site at their content path.
    public static func siteLinks(contentLocale: String) -> @Sendable (LinkTarget) -> String? {
        { target in
            switch target {
            case .external(let url): return url
            case .page(let fileName, let anchor): return anchor.map { Self.htmlName(fileName) + "#" + $0 } ?? Self.htmlName(fileName)
            case .anchor(let anchor): return "#" + anchor
            case .file(let path): return LinkTarget.contentPath(path, locale: contentLocale).map { "../media/\($0)" }
            case .unsafeScheme: return nil
            }
        }
    }

    /// On the one-page edition every page is a section: links become fragment links.
    static func printLinks(contentLocale: String, slug pageSlug: String) -> @Sendable (LinkTarget) -> String? {
        { target in
            switch target {
            case .page(let fileName, let anchor):
                let slug = Page.slug(fileName)
                return anchor.map { "#" + slug + "--" + $0 } ?? "#page-" + slug
            case .anchor(let anchor):
                return "#\(pageSlug)--\(anchor)"
            default:
                return siteLinks(contentLocale: contentLocale)(target)
            }
        }
    }

    static func htmlName(_ fileName: String) -> String {
        Page.slug(fileName) + ".html"
    }
}
