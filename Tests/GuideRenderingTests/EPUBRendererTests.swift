import Foundation
import GuideModel
import GuideRendering
import Testing
import ZIPFoundation

@Suite struct EPUBRendererTests {
    let renderer = Fixture.epubRenderer

    func bundle(_ locale: String) throws -> [String: String] {
        let files = try renderer.bundle(Fixture.edition(locale))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    @Test(arguments: Fixture.locales)
    func packageDocument(locale: String) throws {
        assertSnapshot(try #require(try bundle(locale)["EPUB/package.opf"]), named: "epub-\(locale)-package.opf")
    }

    @Test(arguments: Fixture.locales)
    func chapterWithEveryKind(locale: String) throws {
        assertSnapshot(try #require(try bundle(locale)["EPUB/01-everything.xhtml"]), named: "epub-\(locale)-01-everything.xhtml")
    }

    @Test func navigationTitleHelpAndFallbackDocuments() throws {
        let en = try bundle("en")
        assertSnapshot(try #require(en["EPUB/nav.xhtml"]), named: "epub-en-nav.xhtml")
        assertSnapshot(try #require(en["EPUB/title.xhtml"]), named: "epub-en-title.xhtml")
        assertSnapshot(try #require(en["EPUB/help.xhtml"]), named: "epub-en-help.xhtml")
        assertSnapshot(try #require(try bundle("ru")["EPUB/02-short.xhtml"]), named: "epub-ru-02-short.xhtml")
        assertSnapshot(try #require(en["META-INF/container.xml"]), named: "epub-container.xml")
    }

    @Test func bundleFilesInPackingOrder() throws {
        let files = try renderer.bundle(Fixture.edition("fr"))
        #expect(
            files.map(\.path) == [
                "mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/title.xhtml",
                "EPUB/index.xhtml", "EPUB/01-everything.xhtml", "EPUB/02-short.xhtml", "EPUB/help.xhtml",
                "EPUB/style.css", "EPUB/media/fr-media-square.png",
            ])
        let outputs = try renderer.render(Fixture.edition("fr")).map(\.path)
        #expect(outputs.first == "epub/fr/mimetype")
        #expect(outputs.last == "fr/stay-safe-fr.epub")
    }

    /// The packed ebook as a reading system opens it.
    @Test(arguments: Fixture.locales)
    func packedStructure(locale: String) throws {
        let edition = Fixture.edition(locale)
        let outputs = try renderer.render(edition)
        let epub = try #require(outputs.first { $0.path == "\(locale)/stay-safe-\(locale).epub" })
        // OCF: the first local file header names "mimetype", stored, its bytes right after it.
        #expect(Array(epub.bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(epub.bytes[8] == 0 && epub.bytes[9] == 0, "mimetype is stored, not deflated")
        #expect(String(decoding: epub.bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(epub.bytes[28] == 0 && epub.bytes[29] == 0, "no extra field before the mimetype's bytes")
        #expect(String(decoding: epub.bytes[38..<58], as: UTF8.self) == "application/epub+zip")

        let archive = try Archive(data: Data(epub.bytes), accessMode: .read)
        let entries = Array(archive)
        #expect(entries.first?.path == "mimetype")
        #expect(entries.first?.isCompressed == false)
        #expect(entries.dropFirst().allSatisfy { $0.isCompressed })
        let bundlePaths = outputs.filter { $0.path.hasPrefix("epub/\(locale)/") }.map { String($0.path.dropFirst("epub/\(locale)/".count)) }
        #expect(entries.map(\.path) == bundlePaths, "the zip holds the bundle, in the bundle's order")
        for entry in entries {
            #expect(entry.fileAttributes[.modificationDate] as? Date == Fixture.timestamp.date, "\(entry.path) is dated by the build")
        }

        func read(_ path: String) throws -> String {
            let entry = try #require(archive[path])
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let container = try read("META-INF/container.xml")
        #expect(container.contains("<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>"))
        let opf = try read("EPUB/package.opf")
        let identifier = EPUBRenderer.identifier(guideID: "fixture-guide", locale: locale)
        #expect(opf.contains("<dc:identifier id=\"pub-id\">urn:uuid:\(identifier.uuidString.lowercased())</dc:identifier>"))
        #expect(opf.contains("<dc:title>\(edition.locale.title.replacingOccurrences(of: "'", with: "&#39;"))</dc:title>"))
        #expect(opf.contains("<dc:language>\(locale)</dc:language>"))
        #expect(opf.contains("<dc:publisher>Fixture Press</dc:publisher>"))
        #expect(opf.contains("<meta property=\"dcterms:modified\">2026-01-15T00:00:00Z</meta>"))
        for property in ["accessMode", "accessModeSufficient", "accessibilityHazard"] {
            #expect(opf.contains("<meta property=\"schema:\(property)\">"), "no schema:\(property)")
        }
        for feature in ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"] {
            #expect(opf.contains("<meta property=\"schema:accessibilityFeature\">\(feature)</meta>"))
        }
        #expect(
            opf.contains(
                "<meta property=\"schema:accessibilitySummary\">\(edition.strings["accessibility_summary_images"].replacingOccurrences(of: "'", with: "&#39;"))</meta>"
            ))
        #expect(opf.contains("<spine page-progression-direction=\"ltr\">"))
        #expect(opf.contains("properties=\"nav\""))
        let nav = try read("EPUB/nav.xhtml")
        #expect(nav.contains("epub:type=\"toc\""))
        #expect(nav.contains("epub:type=\"landmarks\""))
    }

    @Test func identifierIsStablePerGuideAndLocale() {
        let en = EPUBRenderer.identifier(guideID: "stay-safe-online", locale: "en")
        #expect(en == EPUBRenderer.identifier(guideID: "stay-safe-online", locale: "en"))
        #expect(en != EPUBRenderer.identifier(guideID: "stay-safe-online", locale: "es"))
        #expect(EPUBRenderer.identifier(guideID: "stay-safe-online", locale: "ru").uuidString.lowercased() == "911207f0-1f73-5fcc-9165-001e9eb5015f")
    }

    @Test(arguments: Fixture.locales)
    func everyDocumentIsCleanXHTML(locale: String) throws {
        for (path, text) in try bundle(locale) where path.hasSuffix(".xhtml") {
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"), "\(path)")
            #expect(
                text.contains(
                    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"\(locale)\" xml:lang=\"\(locale)\" dir=\"ltr\">"
                ), "\(path)")
            #expect(!text.contains("<script"), "\(path): ebooks have no script")
            #expect(text.range(of: "&[A-Za-z][A-Za-z0-9]*;", options: .regularExpression) == nil, "\(path): a named character reference")
            #expect(!text.contains(".md\"") && !text.contains(".html\""), "\(path): a link not rewritten for the ebook")
            #expect(text.range(of: "<(br|hr|img|meta|link)[^>]*[^/]>", options: .regularExpression) == nil, "\(path): an unclosed void element")
            if path.hasPrefix("EPUB/0") || path == "EPUB/index.xhtml" || path == "EPUB/help.xhtml" {
                #expect(text.contains("<aside class=\"help-box\""), "\(path): no help box")
            }
        }
    }

    @Test func crossChapterLinksAreRewritten() throws {
        let page = try #require(try bundle("es")["EPUB/01-everything.xhtml"])
        #expect(page.contains("<a href=\"help.xhtml\">la página de ayuda</a>"))
        #expect(page.contains("<a href=\"#lists-of-things\">"))
        #expect(page.contains("<a href=\"02-short.xhtml#first-things\">"))
        #expect(page.contains("<h2 id=\"h-2-step-login\">"), "an anchor that starts with a digit becomes a valid XML id")
        #expect(page.contains("<a href=\"#h-2-step-login\">"))
        #expect(page.contains("<img src=\"media/es-media-square.png\" alt=\"Un pequeño cuadrado azul\" title=\"Un cuadrado\"/>"))
        #expect(page.contains("&#60;corchetes angulares&#62; &#38; signos"))
    }

    // MARK: Bad input

    func renderError(_ markdown: String, media: @escaping @Sendable (String) -> [UInt8]? = Fixture.media) throws -> RenderingError {
        let (guide, edition) = Fixture.edition(markdown: markdown)
        let renderer = EPUBRenderer(guide: guide, theme: Fixture.epubTheme, timestamp: Fixture.timestamp, media: media)
        return try #require(throws: RenderingError.self) { try renderer.render(edition) }
    }

    @Test func anImageFormatEPUBDoesNotAllowIsAnErrorAtTheImage() throws {
        let error = try renderError("Some text.\n\nA map: ![The map](media/map.tiff)\n")
        #expect(
            error.diagnostics.map(\.description) == [
                "Content/en/01-test.md:3:8: error: 'media/map.tiff' cannot go into the ebook: EPUB reading systems must show only PNG, JPEG, GIF and WebP images; convert it to one of those [epub-image-format]"
            ])
    }

    @Test func anImageWhoseBytesAreNotItsFormatIsAnError() throws {
        let jpegBytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46]
        let error = try renderError("![A photo](media/photo.png)\n", media: { _ in jpegBytes })
        #expect(
            error.diagnostics.map(\.description) == [
                "Content/en/01-test.md:1:1: error: 'media/photo.png' is named as a PNG image but holds JPEG data; save it in the format its name says [image-content]"
            ])
    }

    @Test func aMissingImageAndALinkToAFileAreErrors() throws {
        let error = try renderError("![Gone](media/gone.png) and [a file](notes.pdf)\n", media: { _ in nil })
        #expect(error.diagnostics.map(\.code) == ["missing-image", "epub-file-link"])
        #expect(error.diagnostics.map(\.location.column) == [1, 29])
    }

    @Test func aControlCharacterIsAnErrorAtItsColumn() throws {
        let error = try renderError("## Title\n\nBefore \u{0C} after\n")
        #expect(
            error.diagnostics.map(\.description) == [
                "Content/en/01-test.md:3:8: error: the control character U+000C cannot be written to an ebook; delete it or replace it with a space [unsupported-character]"
            ])
    }
}
