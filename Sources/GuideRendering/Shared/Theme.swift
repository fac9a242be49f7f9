import Foundation
import GuideModel
import Mustache

/// A theme folder: Mustache templates under `templates/`, static files under `assets/`, and the
/// ebook's templates and stylesheet under `epub/`.
public struct Theme: Sendable {
    public var library: MustacheLibrary
    /// Static files copied to the site's `assets/`, sorted by name.
    public var assets: [OutputFile]
    /// `nil` when the theme has no `epub/` folder; building an ebook then fails.
    public var epub: EPUBTheme? = nil
    /// The templates' names and texts: equal fingerprints render equal pages.
    public var fingerprint: String = ""
    /// Pages rendered once per shape of their context (`TemplateShapes`).
    var shapes = TemplateShapes(templates: [])

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public static let requiredTemplates = ["page", "chooser", "help-box", "chapter-help", "directory"]

    /// The theme in `directory`; its ebook part only `withEPUB` (a build without an ebook neither
    /// parses nor checks those templates).
    public static func load(directory: String, withEPUB: Bool = true) throws -> Theme {
        let fm = FileManager.default
        let templatesDir = directory + "/templates"
        guard let names = try? fm.contentsOfDirectory(atPath: templatesDir) else {
            throw LoadError(path: templatesDir, reason: "the theme has no templates folder")
        }
        MustacheContentTypes.register(TemplateEscaping.ContentType(), named: TemplateEscaping.contentTypeName)
        var library = MustacheLibrary()
        var fingerprint = ""
        var texts: [String] = []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = templatesDir + "/" + name
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw LoadError(path: path, reason: "cannot read the template as UTF-8")
            }
            fingerprint += name + "\n" + text + "\n"
            texts.append(text)
            do {
                // The pragma comes first in every template, so partials escape the same way.
                try library.register("{{% CONTENT_TYPE: \(TemplateEscaping.contentTypeName) }}" + text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw LoadError(path: path, reason: "invalid template: \(error)")
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil {
            throw LoadError(path: templatesDir, reason: "the theme has no '\(required).mustache'")
        }
        var assets: [OutputFile] = []
        let assetsDir = directory + "/assets"
        for name in ((try? fm.contentsOfDirectory(atPath: assetsDir)) ?? []).sorted() where !name.hasPrefix(".") {
            guard let data = fm.contents(atPath: assetsDir + "/" + name) else { continue }
            assets.append(OutputFile(path: "assets/" + name, bytes: [UInt8](data)))
        }
        let epubDirectory = directory + "/epub"
        let epub = withEPUB && fm.fileExists(atPath: epubDirectory) ? try EPUBTheme.load(directory: epubDirectory) : nil
        return Theme(library: library, assets: assets, epub: epub, fingerprint: fingerprint, shapes: TemplateShapes(templates: texts))
    }

    /// `load`, or with a `cache` (`serve`) the theme loaded before if no file of the folder
    /// changed since: parsing the templates is a fair part of a rebuild.
    public static func load(directory: String, withEPUB: Bool = true, cache: MemoCache?) throws -> Theme {
        guard let cache else { return try load(directory: directory, withEPUB: withEPUB) }
        var contents: [UInt8] = []
        let fm = FileManager.default
        for relative in (fm.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted() {
            guard let data = fm.contents(atPath: directory + "/" + relative) else { continue }
            contents += Array("\(relative.utf8.count):\(relative)\(data.count):".utf8)
            contents += data
        }
        return try cache.value(withEPUB ? "theme" : "theme without epub", FileKey(path: directory, bytes: contents)) {
            Result { try load(directory: directory, withEPUB: withEPUB) }
        }.get()
    }

    func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// `render` as UTF-8, through the theme's shapes: for templates rendered once per page.
    func renderByShape(_ context: [String: Any], template: String, keep: String) -> [UInt8] {
        shapes.render(context, template: template, keep: keep) { render($0, template: template) }
    }
}
