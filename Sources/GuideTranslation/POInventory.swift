import GuideModel
import GuideParsing

/// Everything a PO file of one locale holds, as the content is now: each page's units and
/// their state, the pages' titles and descriptions, the interface strings and the fields of the
/// help services both locales list. `po export` writes it; `po import` writes back into it.
struct POInventory: Sendable {
    struct PageEntry: Sendable {
        var state: PageUnitState
        /// Title and description.
        var strings: [TranslatableString]
        /// The source and translated files' text (`nil`: no translation yet).
        var sourceText: String
        var translationText: String?
        var translationFile: String
    }

    var workspace: TranslationWorkspace
    /// `nil` for a template.
    var locale: LocaleInfo?
    var pages: [PageEntry]
    var ui: [TranslatableString]
    var resources: [TranslatableString]
    var uiFile: String
    var uiText: String?
    var resourcesFile: String
    var resourcesText: String?

    static let resourceFields = ["name", "hours", "ages", "notes", "text"]

    static func load(contentRoot: String, locale code: String?) throws(TranslationError) -> POInventory {
        let workspace = try TranslationWorkspace.load(contentRoot: contentRoot, locales: code.map { [$0] } ?? [])
        let locale = code.flatMap { workspace.info.locale($0) }
        let source = workspace.sourceLocale
        var problems: [Diagnostic] = []
        func read(_ path: String) -> String? {
            switch SourceText.read(path, maximumBytes: ContentLoader.maximumPageBytes, code: "unreadable-file", what: "the file") {
            case .success(let text): return text
            case .failure(let d):
                problems.append(d)
                return nil
            }
        }
        func fields(_ result: Result<YAMLFieldList, Diagnostic>) -> YAMLFieldList {
            switch result {
            case .success(let list): return list
            case .failure(let d):
                problems.append(d)
                return YAMLFieldList()
            }
        }

        var pages: [PageEntry] = []
        for page in workspace.sourcePages {
            let sourceText = read(page.file) ?? ""
            let sourceFields = fields(YAMLFields.frontMatter(sourceText, file: page.file))
            let translated = code.flatMap { workspace.translatedPages[$0]?[page.id] }
            let translationFile = code.map { workspace.translationFile(page, locale: $0) } ?? ""
            let translationText = translated.flatMap { read($0.file) }
            let translationFields = translationText.map { fields(YAMLFields.frontMatter($0, file: translationFile)) } ?? YAMLFieldList()
            var strings: [TranslatableString] = []
            for (key, what) in [("title", "Page title"), ("description", "Page description (search results, links shared in messages)")] {
                guard let field = sourceFields[key], !field.value.isEmpty else { continue }
                strings.append(
                    TranslatableString(
                        context: "\(page.id):\(key)", source: field.value, reference: "\(page.file):\(field.line)", comment: what,
                        translation: translationFields[key]?.value, target: .frontMatter(page: page.id, key: key)))
            }
            let pin = code.flatMap { workspace.pinFiles[$0]?.pins[page.id] }
            pages.append(
                PageEntry(
                    state: PageUnitState(page: page, translation: translated, pin: pin), strings: strings, sourceText: sourceText,
                    translationText: translationText, translationFile: translationFile))
        }

        let root = workspace.contentRoot
        let uiFile = TranslationWorkspace.join(root, "ui/\(code ?? source).yml")
        let sourceUIFile = TranslationWorkspace.join(root, "ui/\(source).yml")
        let sourceUI = fields(YAMLFields.ui(read(sourceUIFile) ?? "", file: sourceUIFile))
        let uiText = code.flatMap { _ in read(uiFile) }
        let translatedUI = uiText.map { fields(YAMLFields.ui($0, file: uiFile)) } ?? YAMLFieldList()
        let ui = sourceUI.keys.compactMap { key -> TranslatableString? in
            guard let field = sourceUI[key] else { return nil }
            return TranslatableString(
                context: "ui:\(key)", source: field.value, reference: "\(sourceUIFile):\(field.line)", comment: "Interface string '\(key)'",
                translation: translatedUI[key]?.value, target: .ui(key: key))
        }

        let resourcesFile = TranslationWorkspace.join(root, "resources/\(code ?? source).yml")
        let sourceResourcesFile = TranslationWorkspace.join(root, "resources/\(source).yml")
        let resourcesText = code.flatMap { _ in read(resourcesFile) }
        var resources: [TranslatableString] = []
        if case .success(let english) = YAMLFields.resources(read(sourceResourcesFile) ?? "", file: sourceResourcesFile) {
            let translated = resourcesText.flatMap { text -> (countries: YAMLFieldList, services: [(id: String, fields: YAMLFieldList)])? in
                if case .success(let r) = YAMLFields.resources(text, file: resourcesFile) { return r }
                return nil
            }
            // A locale's own services are facts kept with their sources, not translations: only
            // the services both locales list are in the file (a template has the worldwide ones).
            let shared = Set(translated?.services.map(\.id) ?? [])
            let worldwide = Set(english.services.filter { $0.fields["country"]?.value == "INT" }.map(\.id))
            for code in english.countries.keys where code == "INT" || (translated?.countries[code] != nil) {
                guard let field = english.countries[code] else { continue }
                resources.append(
                    TranslatableString(
                        context: "resources:countries:\(code)", source: field.value, reference: "\(sourceResourcesFile):\(field.line)",
                        comment: "Name of the country or region '\(code)' in the list of services", translation: translated?.countries[code]?.value,
                        target: .country(code: code)))
            }
            for service in english.services where locale == nil ? worldwide.contains(service.id) : shared.contains(service.id) {
                let own = translated?.services.first { $0.id == service.id }?.fields
                for key in resourceFields {
                    guard let field = service.fields[key], !field.value.isEmpty else { continue }
                    let comment: String
                    switch key {
                    case "name": comment = "Name of the service '\(service.id)': keep a proper name as it is, unless the service uses another name in your language"
                    case "hours": comment = "When the service '\(service.id)' answers"
                    case "ages": comment = "Who the service '\(service.id)' is for"
                    case "text": comment = "How to reach the service '\(service.id)' by text message: keep the number and keyword exactly"
                    default: comment = "About the service '\(service.id)': keep every fact"
                    }
                    resources.append(
                        TranslatableString(
                            context: "resources:\(service.id):\(key)", source: field.value, reference: "\(sourceResourcesFile):\(field.line)",
                            comment: comment, translation: own?[key]?.value, target: .resource(id: service.id, field: key)))
                }
            }
        }
        if !problems.isEmpty { throw .contentErrors(problems) }
        return POInventory(
            workspace: workspace, locale: locale, pages: pages, ui: ui, resources: resources, uiFile: uiFile, uiText: uiText,
            resourcesFile: resourcesFile, resourcesText: resourcesText)
    }
}
