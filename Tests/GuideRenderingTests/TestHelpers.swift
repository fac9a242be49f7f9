import Foundation
import GuideBuild
import GuideModel
import GuideParsing
import GuideRendering
import Testing

/// The fixture guide (`Tests/Fixtures/guide`): four pages in en, es, fr and ru that use every
/// block and inline kind in Latin, Cyrillic and CJK text; Russian falls back to English on one page.
enum Fixture {
    /// The package folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let contentRoot = packageRoot.appendingPathComponent("Tests/Fixtures/guide").path
    static let realContentRoot = packageRoot.appendingPathComponent("Content").path
    static let themeDirectory = packageRoot.appendingPathComponent("Themes/default").path
    static let snapshots = packageRoot.appendingPathComponent("Tests/GuideRenderingTests/Snapshots")

    /// The fixture loaded and checked, once per test run.
    static let loaded: LoadedGuide = {
        do {
            return try LoadedGuide.load(contentRoot: contentRoot, locales: nil)
        } catch {
            fatalError("the fixture guide cannot be loaded: \(error)")
        }
    }()

    static var guide: Guide { loaded.guide }

    static func edition(_ code: String) -> LocaleEdition {
        guard let edition = guide.edition(code) else { fatalError("the fixture has no locale '\(code)'") }
        return edition
    }

    static let theme: Theme = {
        do {
            return try Theme.load(directory: themeDirectory)
        } catch {
            fatalError("the default theme cannot be loaded: \(error)")
        }
    }()

    static var epubTheme: EPUBTheme {
        guard let epub = theme.epub else { fatalError("the default theme has no epub folder") }
        return epub
    }

    /// Reads fixture images by content path.
    static let media: @Sendable (String) -> [UInt8]? = { path in
        FileManager.default.contents(atPath: contentRoot + "/" + path).map { [UInt8]($0) }
    }

    static let timestamp = BuildTimestamp(isoDate: "2026-01-15")!

    static var epubRenderer: EPUBRenderer {
        EPUBRenderer(guide: guide, theme: epubTheme, timestamp: timestamp, media: media)
    }

    static let locales = ["en", "es", "fr", "ru"]

    /// A one-page guide made in memory from `markdown`, for the cases a checked fixture cannot hold.
    static func edition(markdown: String, file: String = "Content/en/01-test.md", maximumDepth: Int = MarkdownParser.maximumDepth) -> (Guide, LocaleEdition) {
        let parsed = MarkdownParser.parse(markdown, file: file, maximumDepth: maximumDepth).blocks
        let page = Page(
            id: "test", title: "Test page", fileName: "01-test.md", source: SourceLocation(file: file, line: 2, column: 5), blocks: parsed, contentLocale: "en")
        let base = edition("en")
        let edition = LocaleEdition(locale: base.locale, pages: [page], resources: base.resources, strings: base.strings)
        var info = guide.info
        info.pageOrder = ["test"]
        return (Guide(info: info, editions: [edition]), edition)
    }

    /// Every file under `root`, by path relative to it.
    static func files(under root: String) throws -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[path] = [UInt8](FileManager.default.contents(atPath: root + "/" + path) ?? Data())
            }
        }
        return found
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guidegen-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Compares `actual` with the golden file `Snapshots/<name>`; with `GUIDEGEN_RECORD=1` in the
/// environment it writes the file instead. A mismatch shows a line diff (`-` golden, `+` actual).
func assertSnapshot(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = Fixture.snapshots.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["GUIDEGEN_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: Fixture.snapshots, withIntermediateDirectories: true)
        do {
            try Data(actual.utf8).write(to: url)
        } catch {
            Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("no golden file Snapshots/\(name); run the tests with GUIDEGEN_RECORD=1 to record it, then read it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        Issue.record(
            "output differs from Snapshots/\(name) (re-record with GUIDEGEN_RECORD=1 if the change is intended):\n\(lineDiff(expected, actual))",
            sourceLocation: sourceLocation)
    }
}

/// A line diff of two texts: unchanged lines near a change with two spaces, removed lines with
/// `-`, added lines with `+`; long runs of unchanged lines are cut.
func lineDiff(_ old: String, _ new: String, context: Int = 2) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    // Longest common subsequence table, from the end.
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var lines: [(mark: Character, text: Substring)] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] {
            lines.append((" ", a[i]))
            i += 1
            j += 1
        } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
            lines.append(("-", a[i]))
            i += 1
        } else {
            lines.append(("+", b[j]))
            j += 1
        }
    }
    let changed = lines.indices.filter { lines[$0].mark != " " }
    var out: [String] = []
    var last = -1
    for index in lines.indices where changed.contains(where: { abs($0 - index) <= context }) {
        if last >= 0, index > last + 1 { out.append("  …") }
        out.append("\(lines[index].mark) \(lines[index].text)")
        last = index
    }
    return out.joined(separator: "\n")
}
