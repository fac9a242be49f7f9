import GuideModel

/// Marks text whose language is not its page's: a fallback page's title and body, an interface
/// string taken from the source locale. Screen readers switch voice on `lang`; browsers lay text
/// out by `dir`, so English inside an Arabic page stays left to right.
enum LanguageMarkup {
    /// ` lang="en" dir="ltr"` (in XHTML also `xml:lang`) for text in `language`, or nothing when
    /// that is the page's own language.
    static func attributes(_ language: LocaleInfo?, in page: LocaleInfo, syntax: PageHTMLRenderer.Syntax) -> String {
        guard let language, language.code != page.code else { return "" }
        let code = TemplateEscaping.escape(language.code)
        let xml = syntax == .xhtml ? " xml:lang=\"\(code)\"" : ""
        return " lang=\"\(code)\"\(xml) dir=\"\(language.direction.rawValue)\""
    }

    /// The language attributes of `page`'s own text (title, body) in `edition`: empty unless it
    /// is a fallback page in another language.
    static func contentMarks(_ page: Page, in edition: LocaleEdition, guide: Guide, syntax: PageHTMLRenderer.Syntax) -> String {
        page.contentLocale == edition.locale.code ? "" : attributes(guide.info.locale(page.contentLocale), in: edition.locale, syntax: syntax)
    }

    /// The interface strings as markup for element content (`{{{ui.key}}}` in templates):
    /// escaped text, and a string that falls back to `source` inside a span in its language.
    /// Attributes keep `{{strings.key}}`.
    static func fragments(_ edition: LocaleEdition, source: LocaleInfo?, syntax: PageHTMLRenderer.Syntax) -> [String: String] {
        var fragments: [String: String] = [:]
        fragments.reserveCapacity(edition.strings.values.count)
        for (key, value) in edition.strings.values {
            fragments[key] = fragment(value, key: key, of: edition, source: source, syntax: syntax)
        }
        return fragments
    }

    /// One interface string as markup (see `fragments`).
    static func fragment(_ value: String, key: String, of edition: LocaleEdition, source: LocaleInfo?, syntax: PageHTMLRenderer.Syntax) -> String {
        let text = syntax == .xhtml ? XHTMLEscaping.escape(value) : TemplateEscaping.escape(value)
        // Punctuation has no language.
        guard key != "colon", edition.strings.fallbacks.contains(key) else { return text }
        let marks = attributes(source, in: edition.locale, syntax: syntax)
        return marks.isEmpty ? text : "<span\(marks)>\(text)</span>"
    }

    /// The notices a page carries ("not translated yet"), as markup.
    static func notices(for page: Page, in edition: LocaleEdition, source: LocaleInfo?, syntax: PageHTMLRenderer.Syntax) -> [String] {
        edition.noticeKeys(for: page).map { fragment(edition.strings[$0], key: $0, of: edition, source: source, syntax: syntax) }
    }
}
