import Mustache
import Testing

@testable import GuideRendering

/// The site's templates escape as swift-mustache's HTML content type does, faster.
@Suite struct TemplateEscapingTests {
    @Test(arguments: ["plain", "", "a & b", "<script>\"x\" 'y'</script>", "Ünïcödé — «ok» ’", "&amp; &#39;", "日本語 <b>"])
    func sameAsMustacheHTMLEscaping(_ text: String) throws {
        var library = MustacheLibrary()
        try library.register("{{x}}", named: "t")
        #expect(TemplateEscaping.escape(text) == library.render(["x": text], withTemplate: "t"))
    }
}
