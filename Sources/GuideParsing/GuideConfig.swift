import GuideModel

/// Reads `Content/guide.yml`.
public enum GuideConfig {
    static let knownKeys: Set<String> = ["id", "source", "version", "date", "publisher", "quick_exit_url", "locales", "pages"]

    public static func parse(_ text: String, file: String) -> (GuideInfo?, [Diagnostic]) {
        let value: YAMLValue
        switch YAMLValue.parse(text, file: file) {
        case .failure(let d): return (nil, [d])
        case .success(nil): return (nil, [.error("invalid-guide", "guide.yml is empty", at: SourceLocation(file: file, line: 1, column: 1))])
        case .success(let v?): value = v
        }
        var reader = FieldReader(value, what: "guide.yml")
        let id = reader.required("id")
        let source = reader.required("source")
        let version = reader.required("version")
        let date = reader.required("date")
        let publisher = reader.required("publisher")
        let quickExit = reader.required("quick_exit_url")
        let pages = reader.strings("pages") ?? []
        reader.rejectUnknownKeys(knownKeys)
        if !date.isEmpty, !isISODate(date) {
            reader.diagnostics.append(.error("invalid-field", "'date' must be a date written YYYY-MM-DD", at: value["date"]?.location ?? value.location))
        }
        if !quickExit.isEmpty, !quickExit.hasPrefix("https://") {
            reader.diagnostics.append(
                .error("invalid-field", "'quick_exit_url' must be an https:// address", at: value["quick_exit_url"]?.location ?? value.location))
        }
        if pages.isEmpty {
            reader.diagnostics.append(
                .error("missing-field", "guide.yml needs 'pages': the page ids in reading order", at: value["pages"]?.location ?? value.location))
        }
        var seenPages = Set<String>()
        for (i, page) in pages.enumerated() where !seenPages.insert(page).inserted {
            reader.diagnostics.append(
                .error("duplicate-id", "the page '\(page)' is listed twice in 'pages'", at: value["pages"]?.array?[i].location ?? value.location))
        }

        var locales: [LocaleInfo] = []
        if let list = value["locales"]?.array, !list.isEmpty {
            for item in list {
                var l = FieldReader(item, what: "a locale in guide.yml")
                let code = l.required("code")
                let name = l.required("name")
                let title = l.required("title")
                let description = l.optional("description") ?? ""
                let directionText = l.optional("direction") ?? "ltr"
                l.rejectUnknownKeys(["code", "name", "title", "description", "direction", "word_ratio"])
                var wordRatio: ClosedRange<Double>?
                if let ratio = item["word_ratio"] {
                    let bounds = ratio.array?.compactMap { $0.string.flatMap(Double.init) } ?? []
                    if bounds.count == 2, bounds[0] > 0, bounds[0] <= bounds[1] {
                        wordRatio = bounds[0]...bounds[1]
                    } else {
                        l.diagnostics.append(
                            .error(
                                "invalid-field", "'word_ratio' must be two numbers, lowest and highest, such as [1.0, 1.35]",
                                at: ratio.location))
                    }
                }
                let direction = TextDirection(rawValue: directionText)
                if direction == nil {
                    l.diagnostics.append(.error("invalid-field", "'direction' must be ltr or rtl", at: item["direction"]?.location ?? item.location))
                }
                if !code.isEmpty, !isLocaleCode(code) {
                    l.diagnostics.append(
                        .error("invalid-field", "'\(code)' is not a language code such as 'es' or 'pt-BR'", at: item["code"]?.location ?? item.location))
                }
                if locales.contains(where: { $0.code == code }) {
                    l.diagnostics.append(.error("duplicate-id", "the locale '\(code)' is listed twice", at: item.location))
                }
                reader.diagnostics += l.diagnostics
                locales.append(
                    LocaleInfo(code: code, nativeName: name, direction: direction ?? .ltr, title: title, description: description, wordRatio: wordRatio))
            }
        } else {
            reader.diagnostics.append(
                .error("missing-field", "guide.yml needs 'locales', a list with at least the source locale", at: value["locales"]?.location ?? value.location))
        }
        if !source.isEmpty, !locales.isEmpty, !locales.contains(where: { $0.code == source }) {
            reader.diagnostics.append(
                .error("invalid-field", "the source locale '\(source)' is not in 'locales'", at: value["source"]?.location ?? value.location))
        }
        guard !reader.diagnostics.contains(where: { $0.severity == .error }) else { return (nil, reader.diagnostics) }
        let info = GuideInfo(
            id: id, sourceLocale: source, locales: locales, pageOrder: pages, version: version, date: date,
            publisher: publisher, quickExitURL: quickExit)
        return (info, reader.diagnostics)
    }

    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return false }
        return y > 1900 && (1...12).contains(m) && (1...31).contains(d)
    }

    public static func isLocaleCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
