import GuideModel

/// A resource prepared for display in any format: labels resolved, phone link built.
public struct ResourceView: Sendable {
    public var resource: Resource
    public var countryName: String
    public var kindLabel: String

    public init(_ resource: Resource, in edition: LocaleEdition) {
        self.resource = resource
        self.countryName = edition.resources.countryName(resource.country)
        self.kindLabel = edition.strings["kind_\(resource.kind.rawValue)"]
    }

    /// `tel:` link with the digits (and a leading +) only.
    public var telHref: String? {
        guard let phone = resource.phone else { return nil }
        return "tel:" + phone.filter { $0.isNumber || $0 == "+" }
    }

    /// The address without scheme and trailing slash, as readers type it.
    public static func displayHost(_ url: String) -> String {
        var s = Substring(url)
        for prefix in ["https://", "http://"] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    /// The help box entries of an edition.
    public static func helpBox(_ edition: LocaleEdition) -> [ResourceView] {
        edition.resources.helpBoxResources.map { ResourceView($0, in: edition) }
    }

    /// The whole directory grouped by country (file order, worldwide services last) and kind
    /// (emergency first).
    public static func directory(_ edition: LocaleEdition) -> [(
        country: String, name: String, kinds: [(kind: Resource.Kind, label: String, resources: [ResourceView])]
    )] {
        let countries = edition.resources.countries.filter { $0.code != "INT" } + edition.resources.countries.filter { $0.code == "INT" }
        return countries.compactMap { country in
            let inCountry = edition.resources.resources.filter { $0.country == country.code }
            guard !inCountry.isEmpty else { return nil }
            let kinds = Resource.Kind.allCases.compactMap { kind -> (kind: Resource.Kind, label: String, resources: [ResourceView])? in
                let matching = inCountry.filter { $0.kind == kind }.map { ResourceView($0, in: edition) }
                return matching.isEmpty ? nil : (kind, edition.strings["kind_\(kind.rawValue)"], matching)
            }
            return (country.code, country.name, kinds)
        }
    }
}
