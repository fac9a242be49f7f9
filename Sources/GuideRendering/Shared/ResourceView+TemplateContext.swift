import GuideModel

extension ResourceView {
    /// The help box from `help-box.mustache`, rendered by `render` with `context` and `helpBox`
    /// (the emergency line and the box's services), to be inserted as `{{{helpBoxHTML}}}`: the
    /// template's own line ends the inserted box, so its last line break is dropped.
    /// `emergencyHTML` is the emergency line as markup: marked with `source`'s language when it
    /// is the source locale's.
    static func helpBoxHTML(
        _ edition: LocaleEdition, context: [String: Any], source: LocaleInfo?, syntax: PageHTMLRenderer.Syntax, render: ([String: Any]) -> String
    ) -> String {
        var context = context
        let line = edition.resources.emergency
        let text = syntax == .xhtml ? XHTMLEscaping.escape(line) : TemplateEscaping.escape(line)
        let marks = edition.resources.emergencyIsFallback ? LanguageMarkup.attributes(source, in: edition.locale, syntax: syntax) : ""
        context["helpBox"] =
            [
                "emergency": line, "emergencyHTML": marks.isEmpty ? text : "<span\(marks)>\(text)</span>",
                "items": helpBox(edition).map(\.templateContext),
            ] as [String: Any]
        var box = render(context)
        if box.hasSuffix("\n") { box.removeLast() }
        return box
    }

    /// The keys the help-box and directory templates read (`name`, `phone`, `telHref`, `url`,
    /// `host`, `hours`, …); optional details are absent rather than empty.
    public var templateContext: [String: Any] {
        let r = resource
        var c: [String: Any] = [
            "name": r.name, "kind": kindLabel, "free": r.free, "recheck": r.confidence == .medium, "verified": r.verified,
            "source": r.source,
        ]
        if r.country != "INT" { c["country"] = countryName }
        if let phone = r.phone {
            c["phone"] = phone
            c["telHref"] = telHref ?? ""
        }
        if let text = r.text { c["text"] = text }
        if let url = r.url {
            c["url"] = url
            c["host"] = ResourceView.displayHost(url)
        }
        if let hours = r.hours { c["hours"] = hours }
        if let ages = r.ages { c["ages"] = ages }
        if let notes = r.notes { c["notes"] = notes }
        let sourceIsURL = r.source.hasPrefix("https://") || r.source.hasPrefix("http://")
        c["sourceIsURL"] = sourceIsURL
        if sourceIsURL { c["sourceHost"] = ResourceView.displayHost(r.source) }
        return c
    }

    /// The directory of an edition as the directory templates read it: countries, kinds, resources.
    public static func directoryContext(_ edition: LocaleEdition) -> [String: Any] {
        [
            "countries": directory(edition).map { country in
                [
                    "code": country.country.lowercased(), "name": country.name,
                    "kinds": country.kinds.map { ["label": $0.label, "resources": $0.resources.map(\.templateContext)] as [String: Any] },
                ] as [String: Any]
            }
        ]
    }
}
