import GuideModel
import GuideParsing
import GuideRendering

/// One input through the whole per-page pipeline: bytes → model → HTML, XHTML and CommonMark
/// renderers. It traps when an output is unsafe or not well-formed, which is what the fuzzer
/// reports as a crash.
enum PipelineFuzzer {
    static func run(_ bytes: [UInt8]) {
        guard case .success(let text) = SourceText.decode(bytes, file: "fuzz.md") else { return }
        let parsed = MarkdownParser.parse(text, file: "fuzz.md")
        // The first byte picks the locale whose typography the text goes through.
        let locale = ["en", "es", "fr", "ru"][Int(bytes.first ?? 0) % 4]
        let blocks = LocaleTypography(locale: locale).apply(to: parsed.blocks)
        let page = Page(id: "fuzz", title: "Fuzz", fileName: "fuzz.md", source: SourceLocation(file: "fuzz.md"), blocks: blocks, contentLocale: locale)
        let anchors = HeadingAnchors.anchors(for: page, source: nil)
        let resolve = SiteRenderer.siteLinks(contentLocale: "en")
        for syntax in [PageHTMLRenderer.Syntax.html, .xhtml] {
            let markup = PageHTMLRenderer(syntax: syntax, anchors: anchors, resolve: resolve).render(blocks)
            let problems = OutputAudit.problems(in: markup)
            precondition(problems.isEmpty, "unsafe \(syntax) output: \(problems)")
            if syntax == .xhtml {
                precondition(WellFormedness.check(markup) == nil, "XHTML not well-formed: \(WellFormedness.check(markup) ?? "")")
            }
        }
        let spec = CommonMarkHTMLRenderer(unsafe: false).render(parsed.blocks)
        precondition(!spec.lowercased().contains("<script"), "raw HTML passed the safe CommonMark renderer")

        // Plain text: every line within the width unless it is one unbreakable word, and no
        // terminal control characters.
        let info = LocaleInfo(code: locale, nativeName: locale, direction: .ltr, title: "Fuzz", description: "")
        let edition = LocaleEdition(locale: info, pages: [page], resources: .empty, strings: UIStrings([:]))
        let guide = Guide(
            info: GuideInfo(
                id: "fuzz", sourceLocale: locale, locales: [info], pageOrder: ["fuzz"], version: "1", date: "2026-01-01", publisher: "fuzz",
                quickExitURL: "https://example.org/"),
            editions: [edition])
        if let files = try? PlainTextRenderer(guide: guide, width: 40).render(edition) {
            for file in files {
                let text = String(decoding: file.bytes, as: UTF8.self)
                precondition(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "control character in plain text")
            }
        }
    }
}

/// A small XML well-formedness check for generated XHTML fragments, on UTF-8 bytes (a combining
/// mark after `>` must not hide it): balanced tags, even quotes, only the five predefined
/// entities or numeric references, no bare `<`, `>` or `&`.
enum WellFormedness {
    static func check(_ markup: String) -> String? {
        let b = Array(markup.utf8)
        var stack: [ArraySlice<UInt8>] = []
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "<"):
                guard let close = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return "unclosed tag" }
                let inner = b[(i + 1)..<close]
                if inner.first == UInt8(ascii: "/") {
                    let name = inner.dropFirst()
                    guard let open = stack.popLast(), open.elementsEqual(name) else {
                        return "</\(String(decoding: name, as: UTF8.self))> does not close the open element"
                    }
                } else if inner.last != UInt8(ascii: "/") {
                    stack.append(inner.prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 })
                }
                if inner.filter({ $0 == UInt8(ascii: "\"") }).count % 2 != 0 { return "unbalanced quotes" }
                if inner.contains(UInt8(ascii: "<")) { return "'<' inside a tag" }
                i = close + 1
            case UInt8(ascii: "&"):
                guard let semicolon = b[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return "bare &" }
                let entity = String(decoding: b[(i + 1)..<semicolon], as: UTF8.self)
                let named = ["amp", "lt", "gt", "quot", "apos"].contains(entity)
                let numeric = entity.hasPrefix("#") && entity.count > 1 && entity.dropFirst().allSatisfy { $0.isHexDigit || $0 == "x" }
                guard named || numeric else { return "entity &\(entity);" }
                i = semicolon + 1
            case UInt8(ascii: ">"):
                return "bare >"
            default:
                i += 1
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(String(decoding: stack.last!, as: UTF8.self))>"
    }
}

#if FUZZING
    /// libFuzzer's callback, also referenced by its driver.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        guard let data else { return 0 }
        PipelineFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#endif
