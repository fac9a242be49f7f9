/// The site's long link lists (the table of contents, "on this page"), written here rather than
/// looped over in the page template: a template look-up costs microseconds, and a page of the
/// one-page edition lists every page. The template places them with `{{{tocHTML}}}` and
/// `{{{onThisPageHTML}}}`.
enum NavigationHTML {
    /// `<li><a href="…">…</a></li>`; `marks` (`LanguageMarkup.attributes`) marks an entry in
    /// another language, `current` the page being shown.
    static func item(href: String, text: String, marks: String = "", current: Bool = false) -> String {
        var html = HTMLWriter(capacity: 64 + text.utf8.count)
        item(href: href, text: text, marks: marks, current: current, into: &html)
        return html.string
    }

    static func item(href: String, text: String, marks: String = "", current: Bool = false, into html: inout HTMLWriter) {
        html.raw("<li><a href=\"")
        html.text(href)
        html.raw("\"")
        if current { html.raw(" aria-current=\"page\"") }
        html.raw(marks)
        html.raw(">")
        html.text(text)
        html.raw("</a></li>")
    }

    /// Items one per line, without a final line break (the template's line ends the list).
    static func list(_ links: [(href: String, text: String)], marks: (Int) -> String = { _ in "" }) -> String {
        var html = HTMLWriter(capacity: links.reduce(0) { $0 + 48 + $1.href.utf8.count + $1.text.utf8.count })
        for (index, link) in links.enumerated() {
            if index > 0 { html.raw("\n") }
            item(href: link.href, text: link.text, marks: marks(index), into: &html)
        }
        return html.string
    }
}
