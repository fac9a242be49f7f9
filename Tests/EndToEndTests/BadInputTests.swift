import Foundation
import Testing

/// Bad content gets a clear error naming the file (and line), exit 1, and the previous output
/// stays exactly as it was.
@Suite struct BadInputTests {
    /// Builds the good guide, applies `damage`, builds again and checks the failure.
    func expectFailure(
        _ expectedMessage: String, file expectedFile: String, status: Int32 = 1,
        sourceLocation: SourceLocation = #_sourceLocation, damage: (TemporaryProject) throws -> Void
    ) throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let good = try project.run("build")
        #expect(good.status == 0, "\(good)", sourceLocation: sourceLocation)
        let before = project.snapshot("_site")
        try damage(project)
        let contentDamaged = project.snapshot("Content")
        let result = try project.run("build")
        #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expectedFile), "stderr should name \(expectedFile): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expectedMessage), "stderr should say '\(expectedMessage)': \(result)", sourceLocation: sourceLocation)
        #expect(project.snapshot("_site") == before, "the previous output changed", sourceLocation: sourceLocation)
        #expect(project.snapshot("Content") == contentDamaged, "the build wrote into Content/", sourceLocation: sourceLocation)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: project.root.path))?.filter { $0.contains("guidegen-staging") } ?? []
        #expect(leftovers.isEmpty, "staging folders left: \(leftovers)", sourceLocation: sourceLocation)
    }

    @Test func invalidUTF8() throws {
        try expectFailure("not valid UTF-8", file: "Content/es/07-privacy.md:") { p in
            var data = try Data(contentsOf: p.url("Content/es/07-privacy.md"))
            data.append(contentsOf: [0x0A, 0x41, 0xC3, 0x28, 0x0A])
            try p.write("Content/es/07-privacy.md", data)
        }
    }

    @Test func nulByte() throws {
        try expectFailure("NUL byte", file: "Content/fr/index.md:") { p in
            var data = try Data(contentsOf: p.url("Content/fr/index.md"))
            data.append(contentsOf: [0x41, 0x00, 0x42])
            try p.write("Content/fr/index.md", data)
        }
    }

    @Test func unclosedFrontMatter() throws {
        try expectFailure("front matter is not closed", file: "Content/en/07-privacy.md:1:1") { p in
            try p.write("Content/en/07-privacy.md", "---\nid: privacy\ntitle: Privacy\n\nNo closing line.\n")
        }
    }

    @Test func invalidFrontMatterYAML() throws {
        try expectFailure("invalid YAML", file: "Content/ru/07-privacy.md:") { p in
            try p.write("Content/ru/07-privacy.md", "---\nid: privacy\ntitle: [unclosed\n---\nText.\n")
        }
    }

    @Test func frontMatterWithoutTitle() throws {
        try expectFailure("has no 'title'", file: "Content/en/07-privacy.md:") { p in
            try p.write("Content/en/07-privacy.md", "---\nid: privacy\n---\nText.\n")
        }
    }

    @Test func missingGuideYML() throws {
        try expectFailure("there is no guide.yml", file: "Content/guide.yml") { p in
            try FileManager.default.removeItem(at: p.url("Content/guide.yml"))
        }
    }

    @Test func duplicatePageID() throws {
        try expectFailure("the id 'grooming' is already used", file: "Content/en/") { p in
            try p.write("Content/en/99-copy.md", "---\nid: grooming\ntitle: Copy\n---\nText.\n")
        }
    }

    @Test func emptyPage() throws {
        try expectFailure("the page is empty", file: "Content/es/07-privacy.md:1:1") { p in
            try p.write("Content/es/07-privacy.md", "")
        }
    }

    @Test func folderNamedLikeAPage() throws {
        try expectFailure("is a folder, not a file", file: "Content/fr/extra.md") { p in
            try FileManager.default.createDirectory(at: p.url("Content/fr/extra.md"), withIntermediateDirectories: true)
        }
    }

    @Test func yamlAliasBomb() throws {
        var yaml = "---\nid: privacy\ntitle: x\n"
        yaml += "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "---\nText.\n"
        let bomb = yaml
        try expectFailure("more than 20000 values", file: "Content/en/07-privacy.md:") { p in
            try p.write("Content/en/07-privacy.md", bomb)
        }
    }

    @Test func rawHTML() throws {
        try expectFailure("raw HTML is not allowed", file: "Content/es/07-privacy.md:") { p in
            let page = try p.read("Content/es/07-privacy.md")
            try p.write("Content/es/07-privacy.md", page + "\n<script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> inline.\n")
        }
    }

    @Test func javascriptLinkBehindEntities() throws {
        try expectFailure("links with 'javascript:' are not allowed", file: "Content/fr/07-privacy.md:") { p in
            let page = try p.read("Content/fr/07-privacy.md")
            try p.write("Content/fr/07-privacy.md", page + "\n[clic](&#x6A;ava&#115;cript:alert(1))\n")
        }
    }

    @Test(arguments: ["VBScript:msgbox(1)", "DATA:text/html;base64,PHNjcmlwdD4=", "jAvAsCrIpT:alert(1)"])
    func scriptCapableSchemesInAnyCase(_ destination: String) throws {
        let scheme = String(destination.prefix { $0 != ":" }).lowercased()
        try expectFailure("links with '\(scheme):' are not allowed", file: "Content/ru/07-privacy.md:") { p in
            let page = try p.read("Content/ru/07-privacy.md")
            try p.write("Content/ru/07-privacy.md", page + "\n[x](\(destination))\n")
        }
    }

    @Test func remoteImage() throws {
        try expectFailure("images must be files in the content folder", file: "Content/en/07-privacy.md:") { p in
            let page = try p.read("Content/en/07-privacy.md")
            try p.write("Content/en/07-privacy.md", page + "\n![tracker](https://example.com/pixel.png)\n")
        }
    }

    @Test func imageEscapingTheContentFolder() throws {
        try expectFailure("leaves the content folder", file: "Content/en/07-privacy.md:") { p in
            let page = try p.read("Content/en/07-privacy.md")
            try p.write("Content/en/07-privacy.md", page + "\n![secret](../../../etc/passwd.png)\n")
        }
    }

    @Test func brokenLinkWithSuggestion() throws {
        try expectFailure("link to unknown page '03-groming.md'; did you mean '03-grooming.md'?", file: "Content/es/07-privacy.md:") { p in
            let page = try p.read("Content/es/07-privacy.md")
            try p.write("Content/es/07-privacy.md", page + "\n[mal](03-groming.md)\n")
        }
    }

    @Test func brokenAnchor() throws {
        try expectFailure("'03-grooming.md' has no heading '#warning-sign'", file: "Content/en/07-privacy.md:") { p in
            let page = try p.read("Content/en/07-privacy.md")
            try p.write("Content/en/07-privacy.md", page + "\n[signs](03-grooming.md#warning-sign)\n")
        }
    }

    @Test func symlinkOutOfTheContentFolder() throws {
        try expectFailure("link to a file outside the content folder", file: "Content/en/99-link.md") { p in
            try p.write("outside.md", "---\nid: outside\ntitle: Outside\n---\nSecret.\n")
            try FileManager.default.createSymbolicLink(atPath: p.url("Content/en/99-link.md").path, withDestinationPath: p.url("outside.md").path)
        }
    }

    @Test func wrongPhoneNumber() throws {
        try expectFailure("the number '0800 1112' is not in resources/en.yml", file: "Content/en/07-privacy.md:") { p in
            let page = try p.read("Content/en/07-privacy.md")
            try p.write("Content/en/07-privacy.md", page + "\nCall 0800 1112 now.\n")
        }
    }

    @Test func deeplyNestedQuotesAndLists() throws {
        let quotes = String(repeating: ">", count: 10_000) + " deep\n"
        // "- + - + …" opens a new list item inside the previous one: 10,000 levels on one line.
        let lists = String(repeating: "- + ", count: 5_000) + "item"
        for body in [quotes, lists] {
            try expectFailure("nested more than 64 levels deep", file: "Content/en/07-privacy.md:") { p in
                let page = try p.read("Content/en/07-privacy.md")
                try p.write("Content/en/07-privacy.md", page + "\n" + body + "\n")
            }
        }
    }

    @Test func pathologicalInlinesFinishQuickly() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let page = try project.read("Content/en/07-privacy.md")
        let brackets = String(repeating: "[", count: 50_000)
        let emphasis = String(repeating: "*a **a ", count: 50_000)
        try project.write("Content/en/07-privacy.md", page + "\n" + brackets + "\n\n" + emphasis + "\n")
        let started = Date()
        let result = try project.run("build")
        #expect(result.status == 0 || result.status == 1, "\(result)")
        #expect(Date().timeIntervalSince(started) < 60)
        if result.status == 0 {
            let html = try project.read("_site/en/07-privacy.html")
            #expect(html.contains("[[[[[[[[[["))
        }
    }

    @Test func markupBreakingTitlesAndURLsAreEscaped() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let page = try project.read("Content/en/07-privacy.md")
        let hostile = page.replacingOccurrences(
            of: "title: Privacy and account security", with: "title: '</title><script>alert(1)</script>\\\"><img src=x onerror=alert(1)>'")
        #expect(hostile != page, "the fixture title changed")
        try project.write("Content/en/07-privacy.md", hostile + "\n[a link](<https://example.org/\"onmouseover=\"alert(1)>)\n")
        let result = try project.run("build")
        #expect(result.status == 0, "\(result)")
        for (path, data) in project.snapshot("_site") where path.hasSuffix("html") || path.hasSuffix("xhtml") || path.hasSuffix(".opf") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path) carries the script")
            #expect(!text.contains("<img src=x"), "\(path) carries the image")
            #expect(!text.contains("\"onmouseover"), "\(path) lets the URL out of its attribute")
        }
    }

    @Test func twentyMegabytePageBuilds() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let paragraph = String(repeating: "Talk to someone you trust. ", count: 60) + "\n\n"
        let page = try project.read("Content/en/07-privacy.md")
        try project.write("Content/en/07-privacy.md", page + String(repeating: paragraph, count: 12_500))
        let started = Date()
        let result = try project.run("build", "--format", "html", timeout: 300)
        #expect(result.status == 0, "\(result)")
        #expect(Date().timeIntervalSince(started) < 300)
        #expect(project.exists("_site/en/07-privacy.html"))
    }

    @Test func refusesDangerousOutputFolders() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        try project.write("foreign/notes.txt", "mine")
        for output in ["/", "Content", "Content/en", ".", "foreign"] {
            let result = try project.run("build", "--output", output)
            #expect(result.status == 64, "--output \(output): \(result)")
            #expect(result.stderr.contains("refusing to write to '\(output)'"), "\(result)")
        }
        #expect(try project.read("foreign/notes.txt") == "mine")
        #expect(project.exists("Content/en/index.md"))
    }

    @Test func unknownFormatOrPaperIsAUsageError() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        for arguments in [["build", "--format", "docx"], ["build", "--paper", "a5"]] {
            let result = try GuideGenRunner.run(arguments, in: project.root)
            #expect(result.status == 64, "\(arguments): \(result)")
        }
    }
}
