import Foundation
import Testing

/// The PDF edition of the fixture guide, with a right-to-left locale added, typeset by the real
/// engine and read back by real readers (`scripts/validate-pdf.sh`: poppler and pikepdf).
/// Skipped without the project's tool environment, except under `scripts/test.sh`.
@Suite(.serialized) struct PDFBuildTests {
    var engine: [String: String] { ["GUIDEGEN_PDF_PYTHON": Validators.venv + "/bin/python", "SOURCE_DATE_EPOCH": "1767225600"] }

    func project() throws -> TemporaryProject { try RightToLeftLocaleTests().arabicProject() }

    func build(_ project: TemporaryProject, _ arguments: [String]) throws -> RunResult {
        try GuideGenRunner.run(["build"] + arguments, in: project.root, environment: engine, timeout: 600)
    }

    @Test(.enabled(if: Validators.available))
    func everyLocaleHasATaggedReproduciblePDF() throws {
        let project = try project()
        defer { project.remove() }
        let first = try build(project, ["--format", "pdf", "--jobs", "2", "--output", "one"])
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("html+pdf"), "a PDF build builds the site it is made from")
        let check = try Validators.run(
            "/bin/bash", [GuideGenRunner.projectRoot.appendingPathComponent("scripts/validate-pdf.sh").path, project.url("one").path])
        #expect(check.status == 0 && check.stdout.contains("validate-pdf: 5 PDFs, 0 problems"), "\(check)")

        // The front page offers it; the Arabic one carries Arabic glyphs, right to left.
        #expect(try project.read("one/en/index.html").contains("<a href=\"stay-safe-en.pdf\" download>"))
        let fonts = try Validators.run("/usr/bin/env", ["pdffonts", project.url("one/ar/stay-safe-ar.pdf").path])
        #expect(fonts.stdout.contains("Arabic"), "\(fonts)")
        let text = try Validators.run("/usr/bin/env", ["pdftotext", project.url("one/ar/stay-safe-ar.pdf").path, "-"])
        #expect(text.stdout.contains("صفحة قصيرة") && text.stdout.contains("0800 000 0000"), "\(text)")

        // The same bytes with one thread and another output folder; Letter when asked.
        let second = try build(project, ["--format", "pdf", "--jobs", "1", "--output", "two"])
        #expect(second.status == 0, "\(second)")
        for code in ["en", "es", "fr", "ru", "ar"] {
            let path = "\(code)/stay-safe-\(code).pdf"
            #expect(FileManager.default.contents(atPath: project.url("one/" + path).path) == FileManager.default.contents(atPath: project.url("two/" + path).path), "\(path)")
        }
        let letter = try build(project, ["--format", "pdf", "--paper", "letter", "--locale", "en", "--output", "letter"])
        #expect(letter.status == 0, "\(letter)")
        let info = try Validators.run("/usr/bin/env", ["pdfinfo", project.url("letter/en/stay-safe-en.pdf").path])
        #expect(info.stdout.contains("(letter)"), "\(info)")
        let a4 = try Validators.run("/usr/bin/env", ["pdfinfo", project.url("one/en/stay-safe-en.pdf").path])
        #expect(a4.stdout.contains("(A4)"), "\(a4)")

        // The checks fail on an untagged PDF without language or links.
        let untagged = project.url("letter/en/stay-safe-en.pdf").path
        let made = try Validators.run(
            Validators.venv + "/bin/python", ["-c", "import sys, weasyprint; weasyprint.HTML(string='<p>x</p>').write_pdf(sys.argv[1])", untagged])
        #expect(made.status == 0, "\(made)")
        let bad = try Validators.run(
            "/bin/bash", [GuideGenRunner.projectRoot.appendingPathComponent("scripts/validate-pdf.sh").path, project.url("letter").path])
        #expect(bad.status == 1 && bad.stdout.contains("not tagged") && bad.stdout.contains("document language"), "\(bad)")
    }

    /// Without the engine, every format but the PDF is built, with a note; asked for, it fails.
    @Test func withoutTheEngineThePDFIsLeftOutOrRefused() throws {
        let project = try TemporaryProject(contentFrom: "Tests/Fixtures/guide")
        defer { project.remove() }
        let missing = ["GUIDEGEN_PDF_PYTHON": "/nonexistent/python"]
        let all = try GuideGenRunner.run(["build"], in: project.root, environment: missing)
        #expect(all.status == 0, "\(all)")
        #expect(all.stderr.contains("note: no PDF: the PDF engine (WeasyPrint) was not found"), "\(all)")
        #expect(!project.exists("_site/en/stay-safe-en.pdf"))
        #expect(!(try project.read("_site/en/index.html")).contains(".pdf\""))
        let asked = try GuideGenRunner.run(["build", "--format", "pdf", "--output", "pdf"], in: project.root, environment: missing)
        #expect(asked.status == 1 && asked.stderr.contains("WeasyPrint"), "\(asked)")
        #expect(!project.exists("pdf"))
    }
}
