import Foundation
import Testing

/// `guidegen build` on the real guide, run as a user runs it.
@Suite struct BuildCommandTests {
    @Test func buildsEveryLocaleIntoSite() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Built 4 locales (en, es, fr, ru)"), "\(result)")
        #expect(project.exists("_site/index.html"))
        #expect(project.exists("_site/.guidegen-output"))
        for locale in ["en", "es", "fr", "ru"] {
            for page in ["index", "03-grooming", "help", "print"] {
                #expect(project.exists("_site/\(locale)/\(page).html"), "missing \(locale)/\(page).html")
            }
        }
    }

    @Test func everyPageDeclaresItsLanguageAndAlternates() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let pages = project.snapshot("_site").filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 50)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let locale = path.split(separator: "/").first.map(String.init) ?? ""
            let expectedLang = ["en", "es", "fr", "ru"].contains(locale) ? locale : "en"
            #expect(html.contains("<html lang=\"\(expectedLang)\" dir=\"ltr\">"), "\(path): no lang/dir")
            for code in ["en", "es", "fr", "ru", "x-default"] {
                #expect(html.contains("hreflang=\"\(code)\""), "\(path): no hreflang \(code)")
            }
            #expect(html.contains("Content-Security-Policy"), "\(path): no CSP")
            #expect(!html.contains("http://") || !html.contains("<script src=\"http"), "\(path): external script")
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == 1, "\(path): \(scripts) scripts; only the theme's quick-exit script is allowed")
        }
    }

    @Test func linksBetweenPagesAreRewrittenToHTML() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let page = try project.read("_site/es/08-trust-your-instincts.html")
        #expect(page.contains("href=\"03-grooming.html#warning-signs\""))
        #expect(!page.contains(".md\""))
        let grooming = try project.read("_site/fr/03-grooming.html")
        #expect(grooming.contains("id=\"warning-signs\""), "French headings carry the English anchors")
    }

    @Test func helpBoxAndQuickExitOnEveryPage() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let expectations = [
            "en": ["0800 1111", "1-800-843-5678"], "es": ["900 20 20 10", "017", "112"], "fr": ["119", "3018"], "ru": ["8-800-2000-122", "112"],
        ]
        for (locale, numbers) in expectations {
            for page in ["index", "help", "07-privacy"] {
                let html = try project.read("_site/\(locale)/\(page).html")
                #expect(html.contains("class=\"help-box\""), "\(locale)/\(page)")
                #expect(html.contains("class=\"quick-exit\" href=\"https://"), "\(locale)/\(page)")
                for number in numbers {
                    #expect(html.contains(">\(number)</a>"), "\(locale)/\(page) lacks \(number)")
                }
            }
        }
    }

    @Test func buildsOneLocale() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build", "--locale", "es", "--output", "out")
        #expect(result.status == 0, "\(result)")
        #expect(project.exists("out/es/index.html"))
        #expect(!project.exists("out/fr/index.html"))
    }

    @Test func buildIsByteIdenticalAcrossRuns() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let first = project.snapshot("_site")
        #expect(try project.run("build").status == 0)
        let second = project.snapshot("_site")
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first == second)
    }

    @Test func outputDoesNotDependOnJobsOrLocaleSelection() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build").status == 0)
        let all = project.snapshot("_site")
        #expect(try project.run("build", "--jobs", "1").status == 0)
        #expect(project.snapshot("_site") == all, "--jobs 1 changed the output")
        #expect(try project.run("build", "--locale", "fr", "--output", "fr-only").status == 0)
        let alone = project.snapshot("fr-only")
        for (path, data) in alone where path != "/.guidegen-output" {
            #expect(all[path] == data, "\(path) differs when fr is built alone")
        }
        #expect(alone.keys.contains("/fr/stay-safe-fr.epub"))
    }

    @Test func unknownLocaleIsAUsageError() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let result = try project.run("build", "--locale", "de")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("unknown locale 'de'; available: en, es, fr, ru"))
        #expect(!project.exists("_site"))
    }

    @Test func versionAndHelp() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let version = try project.run("--version")
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
        let help = try project.run("build", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("--locale"))
        #expect(help.stdout.contains("guidegen build --locale es"))
    }
}
