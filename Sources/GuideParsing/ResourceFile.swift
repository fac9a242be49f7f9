import GuideModel

/// Reads `Content/resources/<locale>.yml`, the helplines and services of one locale.
public enum ResourceFile {
    static let knownKeys: Set<String> = ["help_box", "emergency", "countries", "resources"]
    static let knownEntryKeys: Set<String> = [
        "id", "name", "kind", "country", "phone", "text", "url", "hours", "free", "ages", "notes", "source",
        "verified", "confidence",
    ]

    public static func parse(_ text: String, file: String) -> (ResourceDirectory, [Diagnostic]) {
        let value: YAMLValue
        switch YAMLValue.parse(text, file: file) {
        case .failure(let d): return (.empty, [d])
        case .success(nil): return (.empty, [.error("invalid-resources", "the resources file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
        case .success(let v?): value = v
        }
        var reader = FieldReader(value, what: "the resources file")
        let helpBox = reader.strings("help_box") ?? []
        // Optional in a translation's file: the loader falls back to the source locale's line.
        let emergency = reader.optional("emergency") ?? ""
        reader.rejectUnknownKeys(knownKeys)

        var countries: [(code: String, name: String)] = []
        for (code, name) in value["countries"]?.pairs ?? [] {
            countries.append((code, name.string ?? code))
        }

        var resources: [Resource] = []
        for item in value["resources"]?.array ?? [] {
            var r = FieldReader(item, what: "a resource")
            let id = r.required("id")
            let name = r.required("name")
            let kindText = r.required("kind")
            let country = r.required("country")
            let phone = r.optional("phone")
            let sms = r.optional("text")
            let url = r.optional("url")
            let source = r.required("source")
            let verified = r.required("verified")
            let confidenceText = r.optional("confidence") ?? "high"
            let entry = Resource(
                id: id, name: name, kind: Resource.Kind(rawValue: kindText) ?? .support, country: country,
                phone: phone, text: sms, url: url, hours: r.optional("hours"), free: r.bool("free") ?? false,
                ages: r.optional("ages"), notes: r.optional("notes"), source: source, verified: verified,
                confidence: Resource.Confidence(rawValue: confidenceText) ?? .medium, location: item.location)
            r.rejectUnknownKeys(knownEntryKeys)
            if !kindText.isEmpty, Resource.Kind(rawValue: kindText) == nil {
                r.diagnostics.append(
                    .error("invalid-resource", "'kind' must be one of support, report, remove, emergency", at: item["kind"]?.location ?? item.location))
            }
            if Resource.Confidence(rawValue: confidenceText) == nil {
                r.diagnostics.append(.error("invalid-resource", "'confidence' must be high or medium", at: item["confidence"]?.location ?? item.location))
            }
            if phone == nil, url == nil, sms == nil {
                r.diagnostics.append(.error("invalid-resource", "the resource '\(id)' has no phone, text or url", at: item.location))
            }
            if let phone, !isPhoneNumber(phone) {
                r.diagnostics.append(
                    .error(
                        "invalid-resource", "'\(phone)' is not a phone number (digits, spaces, '-' and a leading '+')",
                        at: item["phone"]?.location ?? item.location))
            }
            if let url, !url.hasPrefix("https://"), !url.hasPrefix("http://") {
                r.diagnostics.append(.error("invalid-resource", "'url' must be an http(s) address", at: item["url"]?.location ?? item.location))
            }
            // A source is an address, or a citation where no page states the number.
            if source.contains("://"), !source.hasPrefix("https://"), !source.hasPrefix("http://") {
                r.diagnostics.append(
                    .error("invalid-resource", "'source' must be an http(s) address or a citation", at: item["source"]?.location ?? item.location))
            }
            if !verified.isEmpty, !GuideConfig.isISODate(verified) {
                r.diagnostics.append(
                    .error("invalid-resource", "'verified' must be a date written YYYY-MM-DD", at: item["verified"]?.location ?? item.location))
            }
            if !country.isEmpty, !countries.contains(where: { $0.code == country }) {
                r.diagnostics.append(
                    .error("invalid-resource", "the country '\(country)' has no name under 'countries'", at: item["country"]?.location ?? item.location))
            }
            if resources.contains(where: { $0.id == id }) {
                r.diagnostics.append(.error("duplicate-id", "the resource id '\(id)' is used twice", at: item.location))
            }
            reader.diagnostics += r.diagnostics
            resources.append(entry)
        }
        for (i, id) in helpBox.enumerated() where !resources.contains(where: { $0.id == id }) {
            reader.diagnostics.append(
                .error(
                    "invalid-resource", "'help_box' names '\(id)', which is not a resource here", at: value["help_box"]?.array?[i].location ?? value.location))
        }
        return (ResourceDirectory(helpBox: helpBox, emergency: emergency, countries: countries, resources: resources), reader.diagnostics)
    }

    static func isPhoneNumber(_ s: String) -> Bool {
        var digits = 0
        for (i, c) in s.enumerated() {
            if c.isASCII, c.isNumber { digits += 1 } else if c == " " || c == "-" || (c == "+" && i == 0) { continue } else { return false }
        }
        return digits >= 2
    }
}

/// Reads `Content/ui/<locale>.yml`: a flat mapping of interface strings.
public enum UIStringsFile {
    public static func parse(_ text: String, file: String) -> (UIStrings, [Diagnostic]) {
        switch YAMLValue.parse(text, file: file) {
        case .failure(let d): return (UIStrings([:]), [d])
        case .success(nil): return (UIStrings([:]), [])
        case .success(let v?):
            guard let pairs = v.pairs else {
                return (UIStrings([:]), [.error("invalid-yaml", "the interface strings must be a mapping of keys to text", at: v.location)])
            }
            var values: [String: String] = [:]
            var diagnostics: [Diagnostic] = []
            for (key, value) in pairs {
                guard let s = value.string else {
                    diagnostics.append(.error("invalid-field", "'\(key)' must be text", at: value.location))
                    continue
                }
                values[key] = s.trimmed
            }
            return (UIStrings(values), diagnostics)
        }
    }
}
