import GuideModel

extension Guide {
    /// The guide with each locale's typography applied to everything a reader reads: page text
    /// (across inline boundaries, never code or URLs), titles, descriptions, interface strings and
    /// resource texts. Runs after the checks, which see the text as written. A fallback page
    /// keeps its own locale's typography.
    /// With a `cache`, a page typeset by an earlier build is taken from it.
    public func typeset(jobs: Int = defaultJobCount, cache: MemoCache? = nil) -> Guide {
        var copy = self
        copy.info.locales = info.locales.map { $0.typeset() }
        // Every page of every locale on the worker threads at once.
        let pages = editions.indices.flatMap { e in editions[e].pages.map { (edition: e, page: $0) } }
        let typeset = pages.parallelMap(jobs: jobs) { item in cache.value("typeset", PageKey(item.page)) { item.page.typeset() } }
        for e in editions.indices {
            copy.editions[e] = editions[e].typesetFrame(source: info.sourceLocale)
            copy.editions[e].pages = zip(pages, typeset).filter { $0.0.edition == e }.map(\.1)
        }
        return copy
    }
}

extension LocaleInfo {
    func typeset() -> LocaleInfo {
        let t = LocaleTypography(locale: code)
        var copy = self
        copy.title = t.apply(title)
        copy.description = t.apply(description)
        return copy
    }
}

extension LocaleEdition {
    /// The edition's own texts with typography (the locale's title and description, interface
    /// strings, resources); its pages as they are. Interface strings that fall back to the
    /// `source` locale get its typography.
    func typesetFrame(source: String) -> LocaleEdition {
        let t = LocaleTypography(locale: locale.code)
        let fallback = LocaleTypography(locale: source)
        var copy = self
        copy.locale = locale.typeset()
        for (key, value) in strings.values { copy.strings.values[key] = (strings.fallbacks.contains(key) ? fallback : t).apply(value) }
        // The colon after a label in templates: "Source :" in French.
        copy.strings.values["colon"] = String(t.apply("x:").dropFirst())
        copy.resources.emergency = t.apply(resources.emergency)
        copy.resources.countries = resources.countries.map { ($0.code, t.apply($0.name)) }
        copy.resources.resources = resources.resources.map { r in
            var r = r
            r.name = t.apply(r.name)
            r.hours = r.hours.map(t.apply)
            r.ages = r.ages.map(t.apply)
            r.notes = r.notes.map(t.apply)
            r.text = r.text.map(t.apply)
            if !r.source.contains("://") { r.source = t.apply(r.source) }
            return r
        }
        return copy
    }
}

extension Page {
    /// The page with its own locale's typography (a fallback page keeps the source locale's):
    /// title, description and body, or the heading blocks of an outline page.
    public func typeset() -> Page {
        let own = LocaleTypography(locale: contentLocale)
        var page = self
        page.title = own.apply(title)
        page.description = own.apply(description)
        page.transformBlocks(own.apply(to:))
        return page
    }
}
