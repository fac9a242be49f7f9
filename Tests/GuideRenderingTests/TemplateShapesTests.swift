import Mustache
import Testing

@testable import GuideRendering

/// A template rendered once per shape gives what rendering it for each context gives.
@Suite struct TemplateShapesTests {
    static let template = """
        {{% CONTENT_TYPE: \(TemplateEscaping.contentTypeName) }}<h1 title="{{title}}">{{{title}}}</h1>
        {{#notes}}<p>{{.}}</p>{{/notes}}{{^notes}}<p>none</p>{{/notes}}
        {{#flag}}on{{/flag}}{{^flag}}off{{/flag}} {{#title}}[{{title}}]{{/title}} {{count}}
        <ul>{{#items}}<li lang="{{code}}">{{name}} {{strings.more}}</li>{{/items}}</ul>
        {{{body}}} {{strings.more}} {{missing}}
        """

    static func library() throws -> MustacheLibrary {
        MustacheContentTypes.register(TemplateEscaping.ContentType(), named: TemplateEscaping.contentTypeName)
        var library = MustacheLibrary()
        try library.register(template, named: "t")
        return library
    }

    static let body = "\u{0}body\u{0}"

    static func context(_ n: Int) -> [String: Any] {
        let texts = ["", "plain", "a & b", "<b>\"q\" 'a'</b>", "m1&", "Ünï — «x»", "\u{0}m0&\u{0}"]
        func text(_ k: Int) -> String { texts[(n * 7 + k * 3) % texts.count] }
        var context: [String: Any] = [
            "title": text(0), "flag": n % 2 == 0, "count": n % 3, "body": body,
            "strings": ["more": text(1), "unused": text(2)],
            "items": (0..<(n % 4)).map { ["code": text($0 + 3), "name": text($0 + 4)] as [String: Any] },
        ]
        if n % 5 != 0 { context["notes"] = (0..<(n % 3)).map { text($0 + 5) } }
        return context
    }

    @Test func sameAsRenderingEachContext() throws {
        let library = try Self.library()
        let shapes = TemplateShapes(templates: [Self.template])
        #expect(shapes.enabled)
        for n in 0..<60 {
            let context = Self.context(n)
            let direct = library.render(context, withTemplate: "t") ?? ""
            let shaped = shapes.render(context, template: "t", keep: Self.body) { library.render($0, withTemplate: "t") ?? "" }
            #expect(String(decoding: shaped, as: UTF8.self) == direct, "context \(n)")
        }
    }

    @Test func keysThatRunTogetherAreDifferentShapes() throws {
        var a = TemplateShapes.Marking(keep: "")
        _ = a.mark(["a": "x", "b": true] as [String: Any])
        var b = TemplateShapes.Marking(keep: "")
        _ = b.mark(["asb": true] as [String: Any])
        #expect(a.shape != b.shape)
    }

    @Test func transformsAndDelimiterChangesAreRenderedDirectly() {
        #expect(TemplateShapes.mayTransform("{{uppercased(title)}}"))
        #expect(TemplateShapes.mayTransform("{{#reversed(items)}}{{.}}{{/reversed(items)}}"))
        #expect(TemplateShapes.mayTransform("{{=<% %>=}}<% title %>"))
        #expect(!TemplateShapes.mayTransform("(a) {{title}} (b) {{{body}}}"))
        #expect(!TemplateShapes(templates: ["{{lowercased(x)}}"]).enabled)
    }
}
