import Foundation
import GuideTranslation

/// A small content tree in a temporary folder: English, Spanish and French, three pages.
struct TemporaryContent {
    let root: String

    static let guide = """
        id: test-guide
        source: en
        version: "1"
        date: 2026-01-01
        publisher: Test
        quick_exit_url: https://example.org/
        locales:
          - code: en
            name: English
            title: Guide
          - code: es
            name: Español
            title: Guía
          - code: fr
            name: Français
            title: Guide
        pages:
          - alpha
          - beta
          - gamma

        """

    static func page(_ id: String, _ title: String, _ body: String) -> String {
        "---\nid: \(id)\ntitle: \(title)\n---\n\n" + body
    }

    static let alphaEN = page(
        "alpha", "Alpha",
        """
        ## Start here

        The first paragraph says hello to the reader.

        - one item
        - two items

        ## Then

        The last paragraph says goodbye.

        """)

    static let alphaES = page(
        "alpha", "Alfa",
        """
        ## Empieza aquí

        El primer párrafo saluda al lector.

        - un elemento
        - dos elementos

        ## Después

        El último párrafo se despide.

        """)

    static let betaEN = page("beta", "Beta", "Beta has one paragraph.\n\nAnd a second one.\n")
    static let betaES = page("beta", "Beta", "Beta tiene un párrafo.\n\nY un segundo.\n")
    static let gammaEN = page("gamma", "Gamma", "Gamma text.\n")

    /// es: alpha and beta translated, gamma missing, one orphan; fr: everything.
    init() throws {
        root = NSTemporaryDirectory() + "guidegen-translation-\(UUID().uuidString)/Content"
        try write("guide.yml", Self.guide)
        try write("en/01-alpha.md", Self.alphaEN)
        try write("en/02-beta.md", Self.betaEN)
        try write("en/03-gamma.md", Self.gammaEN)
        try write("es/01-alpha.md", Self.alphaES)
        try write("es/02-beta.md", Self.betaES)
        try write("es/99-extra.md", Self.page("extra", "Extra", "Nadie lo publica.\n"))
        try write("fr/01-alpha.md", Self.alphaES.replacingOccurrences(of: "El primer", with: "Le premier"))
        try write("fr/02-beta.md", Self.betaES)
        try write("fr/03-gamma.md", Self.page("gamma", "Gamma", "Texte gamma.\n"))
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func edit(_ relative: String, _ old: String, _ new: String) throws {
        let text = try read(relative)
        precondition(text.contains(old), "\(old) not in \(relative)")
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    func workspace(_ locales: [String]? = nil) throws(TranslationError) -> TranslationWorkspace {
        try TranslationWorkspace.load(contentRoot: root, locales: locales)
    }

    func status(_ locales: [String]? = nil) throws(TranslationError) -> TranslationStatus {
        TranslationStatus(try workspace(locales))
    }

    @discardableResult
    func pin(_ locales: [String], _ pages: [String] = [], all: Bool = false, prune: Bool = false) throws(TranslationError) -> PinAction.Report {
        try PinAction(contentRoot: root, mode: .locales(locales), pages: pages, all: all, prune: prune).run()
    }

    @discardableResult
    func pinEditorial(_ pages: [String], force: Bool = false) throws(TranslationError) -> PinAction.Report {
        try PinAction(contentRoot: root, mode: .editorial, pages: pages, force: force).run()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent)
    }
}
