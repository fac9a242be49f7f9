import GuideModel

/// Renders a locale's guide as plain text: the whole guide in one file
/// (`<locale>/stay-safe-<locale>.txt`) and one file per page (`<locale>/text/<slug>.txt`).
///
/// UTF-8 with LF line ends, wrapped at `width` display columns. A page is a chapter numbered by
/// its place in the reading order; its headings are numbered below it (`3.2`) and underlined.
/// Lists have hanging indents, block quotes a bar, code blocks are written verbatim, links become
/// `[n]` references listed after the page, images their alt text. Every file ends with the
/// locale's help box; the help page carries the whole resource directory. No Markdown or HTML is
/// left: emphasis is dropped and raw HTML (which the checks reject) is left out.
public struct PlainTextRenderer: Sendable {
    public var guide: Guide
    /// The widest a line may be, in display columns; code lines and single long words may pass it.
    public var width: Int
    /// Applied to text nodes only (never code or URLs).

    public static let defaultWidth = 72
    /// Below this the hanging indents of nested lists leave no room for text.
    public static let minimumWidth = 20

    public init(guide: Guide, width: Int = defaultWidth) {
        self.guide = guide
        self.width = width
    }

    /// The whole-guide file and one file per page; throws `RenderingError` when a page holds
    /// characters plain text cannot carry.
    public func render(_ edition: LocaleEdition) throws -> [OutputFile] {
        let found = edition.pages.flatMap { UnsupportedCharacters.diagnostics(in: $0, format: "plain text") }
        if !found.isEmpty { throw RenderingError(diagnostics: found) }
        let parts = LocaleParts(self, edition)
        let pages = edition.pages.map { renderPage($0, in: edition, parts: parts) }
        return [renderWholeGuide(edition, parts: parts, chapters: pages.map(\.chapter))] + pages.map(\.file)
    }

    /// The whole-guide file from its pages' chapters, in reading order.
    public func renderWholeGuide(_ edition: LocaleEdition, parts: LocaleParts, chapters: [String]) -> OutputFile {
        let frame = renderWholeGuideFrame(edition, parts: parts)
        return OutputFile(path: Self.wholeGuidePath(edition), text: frame.head + chapters.joined() + frame.tail)
    }

    /// What every page of a locale's text shares: chapter and section numbers of every page (to
    /// describe links) and the help box a page file ends with.
    public struct LocaleParts: Sendable {
        var outline: TextOutline
        var helpBox: [String]

        public init(_ renderer: PlainTextRenderer, _ edition: LocaleEdition) {
            outline = TextOutline(guide: renderer.guide, edition: edition)
            helpBox = renderer.helpBoxLines(edition, outline: outline, standalone: true)
        }
    }

    /// One page: its own file, and its chapter of the whole-guide file (to go between the
    /// frame's head and tail in reading order).
    public struct RenderedPage: Sendable {
        public var file: OutputFile
        public var chapter: String
    }

    /// Where a locale's whole-guide text goes.
    public static func wholeGuidePath(_ edition: LocaleEdition) -> String { "\(edition.locale.code)/stay-safe-\(edition.locale.code).txt" }

    /// One page of `edition` (given with its body; the edition's pages may be outlines).
    public func renderPage(_ page: Page, in edition: LocaleEdition, parts: LocaleParts) -> RenderedPage {
        var (layout, chapter) = renderChapter(page, in: edition, outline: parts.outline)
        layout.blank()
        layout.forceBlank()
        layout.append(parts.helpBox)
        // Chapters follow a blank line and a forced one.
        return RenderedPage(
            file: OutputFile(path: "\(edition.locale.code)/text/\(page.slug).txt", text: layout.text),
            chapter: "\n\n\n" + chapter.lines.joined(separator: "\n"))
    }

    /// The whole guide: a title block and the contents (`head`), the chapters, then the help
    /// box (`tail`).
    public func renderWholeGuideFrame(_ edition: LocaleEdition, parts: LocaleParts) -> (head: String, tail: String) {
        var layout = TextLayout(width: max(width, Self.minimumWidth))
        layout.heading(edition.locale.title, number: nil, underline: "=")
        if !edition.locale.description.isEmpty {
            layout.blank()
            layout.paragraph(edition.locale.description)
        }
        layout.blank()
        layout.paragraph([guide.info.publisher, "\(edition.strings["version"]) \(guide.info.version)", guide.info.date].joined(separator: " · "))
        layout.blank()
        layout.paragraph(edition.strings["contents"])
        let numberWidth = DisplayWidth.of("\(edition.pages.count).")
        for (index, page) in edition.pages.enumerated() {
            let number = "\(index + 1)."
            layout.paragraph(
                page.title,
                indent: String(repeating: " ", count: numberWidth - DisplayWidth.of(number)) + number + " ")
        }
        var help = TextLayout(width: max(width, Self.minimumWidth))
        renderHelpBox(edition, outline: parts.outline, standalone: false, into: &help)
        return (layout.lines.joined(separator: "\n"), "\n\n\n" + help.text)
    }

    /// The whole guide: a title block, the contents, every chapter, and the help box.
    public func renderWholeGuide(_ edition: LocaleEdition) -> String {
        let parts = LocaleParts(self, edition)
        return renderWholeGuide(edition, parts: parts, chapters: edition.pages.map { renderPage($0, in: edition, parts: parts).chapter }).string
    }

    /// One page as a file of its own, ending with the help box.
    public func renderPage(_ page: Page, in edition: LocaleEdition) -> String {
        renderPage(page, in: edition, parts: LocaleParts(self, edition)).file.string
    }

    /// The help box as lines of its own, to follow a forced blank line.
    private func helpBoxLines(_ edition: LocaleEdition, outline: TextOutline, standalone: Bool) -> [String] {
        var layout = TextLayout(width: max(width, Self.minimumWidth))
        renderHelpBox(edition, outline: outline, standalone: standalone, into: &layout)
        return layout.lines
    }

    // MARK: Chapters

    /// A page as a chapter, laid out twice: as a file of its own (`standalone`, whose link list
    /// names the files links go to) and as part of the whole guide. Only the link lists differ,
    /// so the body is laid out once.
    private func renderChapter(_ page: Page, in edition: LocaleEdition, outline: TextOutline) -> (standalone: TextLayout, whole: TextLayout) {
        var layout = TextLayout(width: max(width, Self.minimumWidth))
        let entry = outline.entry(page.fileName)
        var references = LinkReferences(outline: outline, page: page)
        layout.heading(entry?.title ?? page.title, number: entry.map { "\($0.chapter)." }, underline: "=")
        for notice in edition.notices(for: page) {
            layout.blank()
            layout.push(.quote)
            layout.paragraph(notice)
            layout.pop()
        }
        var sections = SectionCounter(chapter: entry?.chapter ?? 0)
        renderBlocks(page.blocks, sections: &sections, references: &references, into: &layout)
        if page.showsDirectory {
            renderDirectory(edition, sections: &sections, into: &layout)
        }
        func list(_ descriptions: [String], into layout: inout TextLayout) {
            guard !descriptions.isEmpty else { return }
            layout.blank()
            layout.paragraph(edition.strings["links"])
            let widest = DisplayWidth.of("[\(descriptions.count)] ")
            for (index, description) in descriptions.enumerated() {
                let label = "[\(index + 1)]"
                let pad = String(repeating: " ", count: max(widest - DisplayWidth.of(label), 1))
                layout.paragraph(description, indent: label + pad)
            }
        }
        var standalone = layout
        list(references.entries.map(\.standalone), into: &standalone)
        list(references.entries.map(\.whole), into: &layout)
        return (standalone, layout)
    }

    private enum Work {
        case block(Block, topLevel: Bool, listDepth: Int)
        case blank
        case push(TextLayout.Frame)
        case pop
    }

    private static let bullets = ["•", "◦", "▪"]

    /// Lays out blocks without recursion, so that input depth never reaches the stack.
    private func renderBlocks(_ blocks: [Block], sections: inout SectionCounter, references: inout LinkReferences, into layout: inout TextLayout) {
        var work: [Work] = []
        for block in blocks.reversed() {
            work.append(.block(block, topLevel: true, listDepth: 0))
            work.append(.blank)
        }
        while let next = work.popLast() {
            switch next {
            case .blank: layout.blank()
            case .push(let frame): layout.push(frame)
            case .pop: layout.pop()
            case .block(let block, let topLevel, let listDepth):
                switch block.kind {
                case .paragraph(let inlines):
                    let text = flatten(inlines, references: &references)
                    // A paragraph of raw HTML only leaves nothing, not an empty line.
                    if !text.allSatisfy(\.isWhitespace) { layout.paragraph(text) }
                case .heading(let level, let inlines):
                    let text = flatten(inlines, references: &references)
                    if topLevel {
                        layout.heading(text, number: sections.next(level: level), underline: level <= 2 ? "-" : "~")
                    } else {
                        layout.heading(text, number: nil, underline: "-")
                    }
                case .blockQuote(let children):
                    var expanded: [Work] = [.push(.quote)]
                    for (index, child) in children.enumerated() {
                        if index > 0 { expanded.append(.blank) }
                        expanded.append(.block(child, topLevel: false, listDepth: listDepth))
                    }
                    expanded.append(.pop)
                    work.append(contentsOf: expanded.reversed())
                case .list(let style, let items):
                    var expanded: [Work] = []
                    let markers = Self.markers(style.marker, count: items.count, depth: listDepth)
                    let markerWidth = markers.map { DisplayWidth.of($0) }.max() ?? 1
                    for (index, item) in items.enumerated() {
                        if index > 0, !style.isTight { expanded.append(.blank) }
                        let marker = String(repeating: " ", count: markerWidth - DisplayWidth.of(markers[index])) + markers[index]
                        expanded.append(.push(.item(marker: marker, width: markerWidth + 1)))
                        for (blockIndex, child) in item.blocks.enumerated() {
                            if blockIndex > 0, !style.isTight { expanded.append(.blank) }
                            expanded.append(.block(child, topLevel: false, listDepth: listDepth + 1))
                        }
                        expanded.append(.pop)
                    }
                    work.append(contentsOf: expanded.reversed())
                case .codeBlock(_, let literal):
                    var lines = literal.split(separator: "\n", omittingEmptySubsequences: false)
                    if lines.last?.isEmpty == true { lines.removeLast() }
                    layout.verbatim(lines, indent: "    ")
                case .htmlBlock:
                    // Raw HTML is no content of the guide (the checks reject it); nothing is written.
                    break
                case .thematicBreak:
                    layout.centered("· · ·")
                }
            }
        }
    }

    /// Markers of a list's items: bullets by nesting depth, or numbers from the list's start.
    private static func markers(_ marker: ListStyle.Marker, count: Int, depth: Int) -> [String] {
        switch marker {
        case .bullet:
            return Array(repeating: bullets[depth % bullets.count], count: count)
        case .ordered(let start):
            return (0..<count).map { "\(start + $0)." }
        }
    }

    private enum InlineWork {
        case inline(Inline)
        case literal(String)
    }

    /// The text a reader sees: emphasis dropped, breaks as spaces or newlines, links followed by
    /// their reference number, images as their alt text, raw HTML left out.
    private func flatten(_ inlines: [Inline], references: inout LinkReferences) -> String {
        var out = ""
        var work: [InlineWork] = inlines.reversed().map(InlineWork.inline)
        while let next = work.popLast() {
            switch next {
            case .literal(let s):
                out += s
            case .inline(let inline):
                switch inline.kind {
                case .text(let s): out += Self.clean(s)
                case .softBreak: out += " "
                case .lineBreak: out += "\n"
                case .code(let s): out += Self.clean(s)
                case .html: break
                case .emphasis(let children), .strong(let children):
                    work.append(contentsOf: children.reversed().map(InlineWork.inline))
                case .link(let destination, _, let children):
                    let shown = children.plainText
                    if shown == destination || "mailto:" + shown == destination {
                        out += Self.clean(shown)
                    } else if let number = references.number(for: LinkTarget(destination)) {
                        work.append(.literal("\(TextWrapper.glue)[\(number)]"))
                        work.append(contentsOf: children.reversed().map(InlineWork.inline))
                    } else {
                        work.append(contentsOf: children.reversed().map(InlineWork.inline))
                    }
                case .image(_, _, let alt):
                    out += Self.clean(alt.plainText)
                }
            }
        }
        return out
    }

    /// Text without the wrapper's internal glue character.
    private static func clean(_ s: String) -> String {
        // Most text has no glue at all: look for its scalar before walking characters.
        guard s.unicodeScalars.contains(TextWrapper.glueScalar) else { return s }
        return s.contains(TextWrapper.glue) ? String(s.map { $0 == TextWrapper.glue ? " " : $0 }) : s
    }

    // MARK: Help

    private func renderHelpBox(_ edition: LocaleEdition, outline: TextOutline, standalone: Bool, into layout: inout TextLayout) {
        layout.heading(edition.strings["need_help_now"], number: nil, underline: "-")
        if !edition.resources.emergency.isEmpty {
            layout.blank()
            layout.paragraph("\(label(edition.strings["emergency_label"], edition.strings)) \(edition.resources.emergency)")
        }
        let items = ResourceView.helpBox(edition)
        if !items.isEmpty { layout.blank() }
        for view in items {
            var name = view.resource.name
            if view.resource.country != "INT" { name += " (\(view.countryName))" }
            resourceLines(view, title: name, details: false, strings: edition.strings, into: &layout)
        }
        if let help = outline.helpPage, let entry = outline.entry(help.fileName) {
            layout.blank()
            var target = "\(entry.chapter). \(entry.title)"
            if standalone { target += " (\(help.slug).txt)" }
            layout.paragraph("\(label(edition.strings["all_services"], edition.strings)) \(target)")
        }
    }

    /// `Label:` with the locale's colon (French puts a no-break space before it).
    private func label(_ text: String, _ strings: UIStrings) -> String {
        text + strings["colon"]
    }

    private func renderDirectory(_ edition: LocaleEdition, sections: inout SectionCounter, into layout: inout TextLayout) {
        layout.blank()
        layout.heading(edition.strings["resources_heading"], number: sections.next(level: 2), underline: "-")
        for country in ResourceView.directory(edition) {
            layout.blank()
            layout.heading(country.name, number: sections.next(level: 3), underline: "~")
            for kind in country.kinds {
                layout.blank()
                layout.paragraph(label(kind.label, edition.strings))
                for view in kind.resources {
                    layout.blank()
                    var title = view.resource.name
                    if view.resource.confidence == .medium { title += " (\(edition.strings["recheck"]))" }
                    resourceLines(view, title: title, details: true, strings: edition.strings, into: &layout)
                }
            }
        }
    }

    /// A resource as a bulleted entry: its name, then one line per contact detail; with
    /// `details`, also ages, notes and where the entry was checked.
    private func resourceLines(_ view: ResourceView, title: String, details: Bool, strings: UIStrings, into layout: inout TextLayout) {
        let r = view.resource
        layout.push(.item(marker: Self.bullets[0], width: 2))
        layout.paragraph(title)
        if let phone = r.phone { layout.paragraph("\(label(strings["phone"], strings)) \(phone)") }
        if let text = r.text { layout.paragraph("\(label(strings["text_message"], strings)) \(text)") }
        if let url = r.url { layout.paragraph("\(label(strings["website"], strings)) \(url)") }
        if let hours = r.hours { layout.paragraph("\(label(strings["hours"], strings)) \(hours)") }
        if details {
            if r.free { layout.paragraph("\(label(strings["free"], strings)) ✓") }
            if let ages = r.ages { layout.paragraph("\(label(strings["ages"], strings)) \(ages)") }
            if let notes = r.notes { layout.paragraph(notes) }
            layout.paragraph("\(label(strings["source"], strings)) \(r.source) · \(label(strings["verified"], strings)) \(r.verified)")
        }
        layout.pop()
    }
}

/// Section numbers of one chapter: `3.1`, `3.1.1`, `3.2`. A `##` heading is the first level
/// below the page title; a level skipped in the source is not skipped in the numbers.
struct SectionCounter {
    let chapter: Int
    private var counters: [Int] = []

    init(chapter: Int) {
        self.chapter = chapter
    }

    mutating func next(level: Int) -> String {
        let depth = min(max(level - 1, 1), counters.count + 1)
        var path = Array(counters.prefix(depth))
        if path.count == depth { path[depth - 1] += 1 } else { path.append(1) }
        counters = path
        return "\(chapter)." + path.map(String.init).joined(separator: ".")
    }
}

/// Chapter numbers and section numbers of every page of an edition, to describe link targets.
struct TextOutline {
    struct Entry {
        var page: Page
        var chapter: Int
        /// The page title.
        var title: String
        /// Section number and heading text by anchor.
        var sections: [String: (number: String, text: String)]
    }

    private var entries: [String: Entry] = [:]
    /// The page that lists every resource.
    var helpPage: Page?

    init(guide: Guide, edition: LocaleEdition) {
        let source = guide.edition(guide.info.sourceLocale)
        for (index, page) in edition.pages.enumerated() {
            let anchors = HeadingAnchors.anchors(for: page, source: source?.page(fileName: page.fileName))
            var counter = SectionCounter(chapter: index + 1)
            var sections: [String: (number: String, text: String)] = [:]
            for (heading, anchor) in zip(page.headings, anchors) {
                sections[anchor] = (counter.next(level: heading.level), heading.text)
            }
            entries[page.fileName] = Entry(page: page, chapter: index + 1, title: page.title, sections: sections)
        }
        helpPage = edition.pages.first { $0.showsDirectory } ?? edition.pages.first { $0.id == "help" }
    }

    func entry(_ fileName: String) -> Entry? { entries[fileName] }
}

/// The numbered links of one page, in order of first use; a target linked twice keeps its number.
struct LinkReferences {
    let outline: TextOutline
    let page: Page
    /// Each target's description in the whole guide and in a page's own file, which also names
    /// the file a link goes to.
    private(set) var entries: [(whole: String, standalone: String)] = []

    init(outline: TextOutline, page: Page) {
        self.outline = outline
        self.page = page
    }

    /// The reference number of `target`, or `nil` when it is not a place a reader can go.
    mutating func number(for target: LinkTarget) -> Int? {
        guard let description = describe(target) else { return nil }
        if let index = entries.firstIndex(where: { $0.whole == description.whole }) { return index + 1 }
        entries.append(description)
        return entries.count
    }

    private func describe(_ target: LinkTarget) -> (whole: String, standalone: String)? {
        switch target {
        case .external(let url):
            return (url, url)
        case .page(let fileName, let anchor):
            return describe(fileName: fileName, anchor: anchor)
        case .anchor(let anchor):
            return describe(fileName: page.fileName, anchor: anchor)
        case .file, .unsafeScheme:
            return nil
        }
    }

    private func describe(fileName: String, anchor: String?) -> (whole: String, standalone: String)? {
        guard let entry = outline.entry(fileName) else { return nil }
        let text: String
        if let anchor, let section = entry.sections[anchor] {
            text = "\(section.number) \(section.text)"
        } else {
            text = "\(entry.chapter). \(entry.title)"
        }
        return (text, fileName != page.fileName ? text + " (\(entry.page.slug).txt)" : text)
    }
}
