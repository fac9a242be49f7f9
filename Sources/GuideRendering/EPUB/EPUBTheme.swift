import Foundation
import Mustache

/// The ebook part of a theme (`<theme>/epub/`): Mustache templates for the package document, the
/// navigation document, the title page and the chapters, and the ebook's stylesheet.
///
/// Every template is rendered with numeric character references (`&#38;`), partials included.
public struct EPUBTheme: Sendable {
    public var library: MustacheLibrary
    /// `epub/style.css`.
    public var stylesheet: [UInt8]

    public static let requiredTemplates = ["container", "package", "nav", "title", "chapter", "help-box", "directory"]

    public init(library: MustacheLibrary, stylesheet: [UInt8]) {
        self.library = library
        self.stylesheet = stylesheet
    }

    public static func load(directory: String) throws -> EPUBTheme {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw Theme.LoadError(path: directory, reason: "the theme has no epub folder")
        }
        MustacheContentTypes.register(XHTMLEscaping.ContentType(), named: XHTMLEscaping.contentTypeName)
        var library = MustacheLibrary()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = directory + "/" + name
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw Theme.LoadError(path: path, reason: "cannot read the template as UTF-8")
            }
            do {
                // The pragma comes first in every template, so partials escape the same way.
                try library.register("{{% CONTENT_TYPE: \(XHTMLEscaping.contentTypeName) }}" + text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw Theme.LoadError(path: path, reason: "invalid template: \(error)")
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil {
            throw Theme.LoadError(path: directory, reason: "the theme has no 'epub/\(required).mustache'")
        }
        let stylesheetPath = directory + "/style.css"
        guard let css = fm.contents(atPath: stylesheetPath) else {
            throw Theme.LoadError(path: stylesheetPath, reason: "the ebook theme has no stylesheet")
        }
        return EPUBTheme(library: library, stylesheet: [UInt8](css))
    }

    func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
