import Foundation
import GuideBuild
import GuideModel
import Testing

/// `serve` rebuilds through a `MemoCache`: after any edit, its output must be the bytes a fresh
/// build of the edited content writes, and an unchanged rebuild must reuse every result.
@Suite struct IncrementalBuildTests {
    func build(_ content: String, _ output: String, cache: MemoCache?) throws -> [String: [UInt8]] {
        var action = BuildAction(contentRoot: content, output: output, themeDirectory: Fixture.themeDirectory, formats: [.html])
        action.cache = cache
        cache?.beginBuild()
        _ = try action.run()
        return try Fixture.files(under: output)
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(file) changed nothing")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func cachedRebuildsEqualFreshBuilds() throws {
        let folder = Fixture.temporaryFolder("incremental")
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try FileManager.default.copyItem(atPath: Fixture.realContentRoot, toPath: content)
        let cache = MemoCache()
        _ = try build(content, folder.appendingPathComponent("served").path, cache: cache)

        // Unchanged: every result comes from the cache and the files are the same.
        let before = try Fixture.files(under: folder.appendingPathComponent("served").path)
        let again = try build(content, folder.appendingPathComponent("served").path, cache: cache)
        #expect(cache.misses == 0)
        #expect(again == before)

        let edits: [(String, (String) -> String)] = [
            // Body text of a translation.
            ("fr/07-privacy.md", { $0 + "\nUne phrase ajoutée pour l'essai.\n" }),
            // A title: every page's contents list and pager change.
            ("es/03-grooming.md", { $0.replacingOccurrences(of: "title: ", with: "title: Nuevo · ") }),
            // The source page: anchors, fallbacks and outdated notices of translations change.
            ("en/05-sextortion.md", { $0 + "\n## A new section\n\nA new paragraph.\n" }),
            // An interface string, shown on every page of its locale.
            ("ui/ru.yml", { $0.replacingOccurrences(of: "quick_exit: ", with: "quick_exit: Срочно · ") }),
        ]
        for (file, change) in edits {
            try edit(content + "/" + file, change)
            let served = try build(content, folder.appendingPathComponent("served").path, cache: cache)
            let fresh = try build(content, folder.appendingPathComponent("fresh-\(file.replacingOccurrences(of: "/", with: "-"))").path, cache: nil)
            #expect(cache.hits > 0, "after editing \(file) nothing was reused")
            #expect(served.keys.sorted() == fresh.keys.sorted(), "after editing \(file)")
            for (path, bytes) in fresh where served[path] != bytes {
                Issue.record("after editing \(file), \(path) differs from a fresh build")
            }
        }
    }
}
