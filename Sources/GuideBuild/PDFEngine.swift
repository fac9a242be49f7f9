import Foundation
import GuideModel
import GuideRendering

/// The PDF edition: a locale's one-page edition (`print.html`, with its help box first and a
/// short one after every chapter) typeset by WeasyPrint as a tagged PDF/UA-1 document, with the
/// theme's `pdf/style.css` (page numbers, a contents list with page numbers, a chapter a page)
/// and the paper size asked for. Chapters become bookmarks; the document's language is the
/// page's `lang`; its title is the guide's title; its dates are the build's timestamp, so the
/// same inputs give the same bytes.
public struct PDFEngine: Sendable {
    /// A Python interpreter that can import `weasyprint`.
    public var python: String
    public var paper: Paper

    public enum Paper: String, Sendable, CaseIterable {
        case a4
        case letter

        var css: String { self == .a4 ? "A4" : "letter" }
    }

    /// Where the engine is: `GUIDEGEN_PDF_PYTHON`, else the project's tool environment
    /// (`.tools/venv/bin/python` below the working folder, which `scripts/install-deps.sh`
    /// fills); nil when neither has WeasyPrint.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment, paper: Paper) -> PDFEngine? {
        let candidates = [environment["GUIDEGEN_PDF_PYTHON"], FileManager.default.currentDirectoryPath + "/.tools/venv/bin/python"].compactMap { $0 }
        for python in candidates where FileManager.default.isExecutableFile(atPath: python) {
            if (try? run(python, ["-c", "import weasyprint"])).map({ $0.status == 0 }) == true {
                return PDFEngine(python: python, paper: paper)
            }
        }
        return nil
    }

    /// What to tell a user who asked for a PDF on a machine without the engine.
    public static let missing =
        "the PDF engine (WeasyPrint) was not found: run scripts/install-deps.sh build, or set GUIDEGEN_PDF_PYTHON to a Python that imports weasyprint"

    /// Typesets `source` (a staged `print.html`) into `target`, with `stylesheet` (the theme's
    /// PDF CSS) added to its head as an author stylesheet, so it wins over the site's own.
    public func typeset(source: String, target: String, stylesheet: String, title: String, timestamp: BuildTimestamp) throws(BuildError) {
        guard let data = FileManager.default.contents(atPath: source) else { throw .io(source, "cannot read the one-page edition") }
        var html = String(decoding: data, as: UTF8.self)
        let style = "<style>\n@page { size: \(paper.css); }\n\(stylesheet)</style>\n</head>"
        guard let head = html.range(of: "</head>") else { throw .io(source, "the one-page edition has no </head>") }
        html.replaceSubrange(head, with: style)
        // Beside the original, so that its relative links (../assets/style.css) resolve.
        let folder = (source as NSString).deletingLastPathComponent
        let input = folder + "/.pdf-source.html"
        defer { try? FileManager.default.removeItem(atPath: input) }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: input))
            let result = try Self.run(python, ["-c", Self.script, input, target, title, timestamp.iso8601])
            guard result.status == 0 else { throw BuildError.io(target, "the PDF engine failed: \(result.output.suffix(2000))") }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .io(target, "\(error)")
        }
    }

    /// WeasyPrint through its Python interface: the command line cannot set the title or dates.
    /// The source is read under a fixed base URL that maps to its folder, so no path of this
    /// machine reaches the PDF (image names are derived from their URLs), and only files there
    /// are read: nothing is fetched from a network. Warnings about screen-only CSS are dropped.
    static let script = """
        import logging, os, sys
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        import weasyprint
        from weasyprint import HTML
        source, target, title, stamp = sys.argv[1:5]
        base = "file:///guidegen/site/" + os.path.basename(os.path.dirname(source)) + "/"
        root = "file://" + os.path.dirname(os.path.dirname(os.path.abspath(source))) + "/"
        def local(url):
            if not url.startswith("file:///guidegen/site/"):
                raise ValueError("not a file of the site: " + url)
            return root + url[len("file:///guidegen/site/"):]
        if hasattr(weasyprint, "URLFetcher"):
            class Fetcher(weasyprint.URLFetcher):
                def fetch(self, url, headers=None):
                    return super().fetch(local(url), headers)
            fetcher = Fetcher(allowed_protocols=["file"])
        else:
            def fetcher(url, *args, **kwargs):
                return weasyprint.default_url_fetcher(local(url), *args, **kwargs)
        with open(source, encoding="utf-8") as file:
            html = HTML(string=file.read(), base_url=base, url_fetcher=fetcher)
        document = html.render(pdf_tags=True, pdf_variant="pdf/ua-1")
        document.metadata.title = title
        document.metadata.created = document.metadata.modified = stamp
        document.metadata.generator = "guidegen"
        document.write_pdf(target, pdf_tags=True, pdf_variant="pdf/ua-1")
        """

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
