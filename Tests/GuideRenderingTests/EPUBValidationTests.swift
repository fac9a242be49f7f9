import Foundation
import GuideBuild
import GuideRendering
import Testing

/// The real validators over a real build: `scripts/validate-epub.sh` runs EPUBCheck (EPUB 3.3
/// rules) on every locale's ebook of the fixture guide, which holds every block and inline kind
/// and an image, and xmllint on every XML file of the bundles. (`scripts/test.sh` runs the same
/// script over the real guide.) The script runs EPUBCheck from the project's tool environment,
/// `.tools/venv` (`scripts/install-deps.sh test` installs it). Skipped where that environment does
/// not exist, except under `scripts/test.sh`, which sets `GUIDEGEN_VALIDATORS=required`: there a
/// missing validator fails the test.
@Suite(.serialized) struct EPUBValidationTests {
    static var validatorsInstalled: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["GUIDEGEN_VALIDATORS"] == "required" { return true }
        let venv = environment["GUIDEGEN_VENV"] ?? Fixture.packageRoot.appendingPathComponent(".tools/venv").path
        return FileManager.default.isExecutableFile(atPath: venv + "/bin/python")
    }

    @Test(.enabled(if: validatorsInstalled))
    func everyEbookPassesEPUBCheckAndXmllint() throws {
        let content = Fixture.contentRoot
        let folder = Fixture.temporaryFolder("epubcheck")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site").path
        _ = try BuildAction(contentRoot: content, output: site, themeDirectory: Fixture.themeDirectory, formats: [.epub]).run()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Fixture.packageRoot.appendingPathComponent("scripts/validate-epub.sh").path, site]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("validate-epub: 4 ebooks, 0 errors, 0 warnings"), "\(log)")
    }

    /// The script fails on a broken ebook and on an ill-formed document.
    @Test(.enabled(if: validatorsInstalled))
    func theValidatorFailsOnABrokenEbook() throws {
        let folder = Fixture.temporaryFolder("epubcheck-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site").path
        _ = try BuildAction(contentRoot: Fixture.contentRoot, output: site, themeDirectory: Fixture.themeDirectory, locales: ["en"], formats: [.epub]).run()
        // Without its navigation document the package is invalid; the bundle gets a broken tag.
        let files = try Fixture.epubRenderer.bundle(Fixture.edition("en")).filter { $0.path != "EPUB/nav.xhtml" }
        try Data(try EPUBPackager.pack(files, timestamp: Fixture.timestamp)).write(to: URL(fileURLWithPath: site + "/en/stay-safe-en.epub"))
        try Data("<html><p>unclosed</html>".utf8).write(to: URL(fileURLWithPath: site + "/epub/en/EPUB/index.xhtml"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Fixture.packageRoot.appendingPathComponent("scripts/validate-epub.sh").path, site]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 1, "\(log)")
        #expect(log.contains("ERROR("), "\(log)")
        #expect(log.contains("index.xhtml is not well-formed XML"), "\(log)")
    }
}
