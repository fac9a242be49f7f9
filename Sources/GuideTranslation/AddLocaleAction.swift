import Foundation
import GuideModel
import GuideParsing

/// `guidegen locale add`: a new translation, ready for its translator. Adds the locale to
/// `guide.yml` as text (its comments and order stay), and writes, where they do not exist yet,
/// `ui/CODE.yml` (every source string as a comment: until translated, a string shows in the
/// source language, marked so), `resources/CODE.yml` (the worldwide services; the emergency line
/// falls back to the source locale's), `spelling/CODE.txt` and the empty page folder. The
/// result passes `check`; `status` lists every page as missing. All files are written or none.
public struct AddLocaleAction: Sendable {
    public var contentRoot: String
    public var code: String
    public var name: String
    public var title: String
    public var description: String
    public var direction: TextDirection

    public init(contentRoot: String, code: String, name: String, title: String, description: String = "", direction: TextDirection = .ltr) {
        self.contentRoot = contentRoot
        self.code = code
        self.name = name
        self.title = title
        self.description = description
        self.direction = direction
    }

    /// What was done, then the next steps, as lines to print.
    public func run() throws(TranslationError) -> [String] {
        guard GuideConfig.isLocaleCode(code) else { throw .invalidLocaleCode(code) }
        let guideFile = path("guide.yml")
        guard let data = FileManager.default.contents(atPath: guideFile), let text = String(data: data, encoding: .utf8) else {
            throw .io(guideFile, "cannot read the guide's settings")
        }
        let (parsed, found) = GuideConfig.parse(text, file: guideFile)
        guard let info = parsed else { throw .contentErrors(found.filter { $0.severity == .error }) }
        if info.locales.contains(where: { $0.code == code }) { throw .localeExists(code) }
        let updated = try Self.insertLocale(into: text, entry: entry(), file: guideFile)
        guard let check = GuideConfig.parse(updated, file: guideFile).0, check.locales.last?.code == code else {
            throw .io(guideFile, "the locales list has a layout this command cannot extend; add the locale by hand")
        }

        let source = info.sourceLocale
        var files: [(path: String, text: String)] = []
        var kept: [String] = []
        func add(_ relative: String, _ content: @autoclosure () -> String) {
            let file = path(relative)
            if FileManager.default.fileExists(atPath: file) { kept.append(file) } else { files.append((file, content())) }
        }
        let sourceResources = ContentLoader(root: contentRoot).load(locales: [source]).guide?.edition(source)
        add("ui/\(code).yml", uiScaffold(sourceStrings: sourceResources?.strings ?? UIStrings([:]), source: source))
        add("resources/\(code).yml", resourcesScaffold(sourceResources?.resources ?? .empty, source: source))
        add("spelling/\(code).txt", "")
        add("\(code)/.gitkeep", "")
        files.append((guideFile, updated))
        let written = try AtomicFiles.write(files, what: "the new locale's file")

        var lines = written.map { "Wrote \($0)" } + kept.map { "Kept \($0) (it exists)" }
        let pages = info.pageOrder.count
        lines += [
            "",
            "Next steps for the \(name) (\(code)) translation:",
            "  1. Translate a page: copy \(path("\(source)/<page>.md")) to \(path("\(code)/")) with the same file name and id;",
            "     until then each of the \(pages) pages is built from \(source) with a \"not translated yet\" notice.",
            "  2. Translate the interface strings in \(path("ui/\(code).yml")) (uncomment each line).",
            "  3. Add the helplines of your readers' countries to \(path("resources/\(code).yml")), each with its source URL",
            "     and date, and an emergency line; list them in docs/sources.md.",
            "  4. guidegen check --locale \(code), then guidegen pin --locale \(code) <page> for each finished page.",
            "  5. guidegen status --locale \(code) shows what is missing or outdated.",
        ]
        return lines
    }

    func path(_ relative: String) -> String {
        contentRoot.hasSuffix("/") ? contentRoot + relative : contentRoot + "/" + relative
    }

    /// The locale's entry for `guide.yml`, values as double-quoted YAML strings.
    func entry() -> [(key: String, value: String)] {
        var fields: [(String, String)] = [("code", code), ("name", Self.quoted(name)), ("direction", direction.rawValue), ("title", Self.quoted(title))]
        if !description.isEmpty { fields.append(("description", Self.quoted(description))) }
        return fields
    }

    /// `text` (a `guide.yml`) with `entry` added as the last item of its top-level `locales:`
    /// list, indented like the items before it; everything else is left as it was.
    static func insertLocale(into text: String, entry: [(key: String, value: String)], file: String) throws(TranslationError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("locales:") }) else {
            throw .io(file, "there is no top-level 'locales:' list")
        }
        // The list runs until the next line that starts at the left margin.
        var end = start + 1
        var last = start
        while end < lines.count, lines[end].isEmpty || lines[end].first == " " {
            if !lines[end].trimmingCharacters(in: .whitespaces).isEmpty { last = end }
            end += 1
        }
        guard let firstItem = lines[(start + 1)..<max(end, start + 1)].first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }) else {
            throw .io(file, "the 'locales:' list has no items in block style")
        }
        let dash = String(firstItem.prefix { $0 == " " })
        let field = dash + "  "
        var block: [String] = []
        for (index, pair) in entry.enumerated() {
            block.append((index == 0 ? dash + "- " : field) + "\(pair.key): \(pair.value)")
        }
        lines.insert(contentsOf: block, at: last + 1)
        return lines.joined(separator: "\n")
    }

    /// A YAML double-quoted string.
    static func quoted(_ value: String) -> String { YAMLScalarWriting.doubleQuoted(value) }

    /// Every source string as a comment, sorted by key.
    func uiScaffold(sourceStrings: UIStrings, source: String) -> String {
        var text = """
            # Interface strings for \(name) (\(code)). Each line below is the \(source) string, commented
            # out: while a key is missing the page shows the \(source) text (marked as \(source) for
            # screen readers). Translate a line and remove its '#'.

            """
        for key in sourceStrings.values.keys.sorted() where !sourceStrings.fallbacks.contains(key) {
            let value = sourceStrings.values[key]!
            text += "# \(key): \(Self.quoted(value))\n"
        }
        return text
    }

    /// The worldwide services of the source locale's file (their names are proper names, so they
    /// need no translation; their notes are left out until translated), in a help box.
    func resourcesScaffold(_ directory: ResourceDirectory, source: String) -> String {
        let worldwide = directory.resources.filter { $0.country == "INT" }
        var text = """
            # Helplines and services for readers of \(name) (\(code)). Add the services of your readers'
            # countries, each with its source (a URL) and the date it was checked, and list them in
            # docs/sources.md. Until 'emergency' is given, the help box shows the \(source) line.
            help_box: [\(worldwide.filter { $0.kind == .support || $0.kind == .remove }.map(\.id).joined(separator: ", "))]
            countries:
              INT: \(Self.quoted(directory.countryName("INT")))
            resources:

            """
        for r in worldwide {
            text += "  - id: \(r.id)\n"
            text += "    name: \(Self.quoted(r.name))\n"
            text += "    kind: \(r.kind.rawValue)\n"
            text += "    country: INT\n"
            if let phone = r.phone { text += "    phone: \(Self.quoted(phone))\n" }
            if let url = r.url { text += "    url: \(url)\n" }
            text += "    free: \(r.free)\n"
            text += "    source: \(r.source)\n"
            text += "    verified: \(r.verified)\n"
            text += "    confidence: \(r.confidence.rawValue)\n"
        }
        return text
    }
}
