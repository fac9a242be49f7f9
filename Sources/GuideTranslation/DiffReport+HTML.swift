extension DiffReport {
    /// A self-contained page: each outdated page as a two-column table, the source block with
    /// `<del>`/`<ins>` marks beside the translation's block. Inline CSS only: no script, no
    /// external resource, and a Content Security Policy that forbids both.
    public func html() -> String {
        let source = sourceLocale
        let count = pages.count
        let title = "What changed in \(source.nativeName) (\(source.code)) since the translation into \(locale.nativeName) (\(locale.code))"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="generator" content="guidegen diff">
            <title>\(escape(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(title))</h1>
            <p>\(count) page\(count == 1 ? "" : "s") of <code>\(escape(locale.code))</code> \(count == 1 ? "needs" : "need") work. Left: the \(escape(source.nativeName)) blocks that changed since the translation was pinned, with <del>removed words</del> and <ins>added words</ins> marked, and blocks whose translation carries less than they do. Right: the translation's block as it is now, with what it lacks.</p>

            """
        if count > 1 {
            out += "<nav aria-label=\"Pages\"><ul>"
            for page in pages { out += "<li><a href=\"#page-\(escape(page.id))\">\(escape(page.id))</a></li>" }
            out += "</ul></nav>\n"
        }
        out += "</header>\n<main>\n"
        for page in pages {
            out += "<section id=\"page-\(escape(page.id))\" aria-labelledby=\"title-\(escape(page.id))\">\n"
            out += "<h2 id=\"title-\(escape(page.id))\">\(escape(page.id))</h2>\n"
            out += "<p class=\"files\"><code>\(escape(page.sourceFile))</code> → <code>\(escape(page.translationFile))</code></p>\n"
            if let note = page.note { out += "<p class=\"note\">\(escape(note))</p>\n" }
            for finding in page.pageFindings { out += "<p class=\"fidelity\">\(escape(finding))</p>\n" }
            out += "<table>\n<thead><tr><th scope=\"col\">\(escape(source.nativeName)) (\(escape(source.code))): what changed</th>"
            out += "<th scope=\"col\">\(escape(locale.nativeName)) (\(escape(locale.code))): the translation now</th></tr></thead>\n<tbody>\n"
            for entry in page.entries {
                out += row(entry)
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        if !notes.isEmpty {
            out += "<section aria-label=\"Notes\"><ul>"
            for note in notes { out += "<li>\(escape(note))</li>" }
            out += "</ul></section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    func row(_ entry: PageDiff.Entry) -> String {
        let kind: String
        let where_: String
        switch entry.change {
        case .changed(_, let new):
            kind = "changed"
            where_ = "changed · block \(new + 1) · line \(entry.sourceLine ?? 0)"
        case .added(let new):
            kind = "added"
            where_ = "added · block \(new + 1) · line \(entry.sourceLine ?? 0)"
        case .removed(let old):
            kind = "removed"
            where_ = "removed · block \(old + 1) of the pinned version"
        case .unchanged(_, let new):
            kind = "fidelity"
            where_ = "unchanged · block \(new + 1) · line \(entry.sourceLine ?? 0)"
        }
        var marked = ""
        for segment in entry.segments {
            switch segment.kind {
            case .same: marked += escape(segment.text)
            case .removed: marked += "<del>\(escape(segment.text))</del>"
            case .added: marked += "<ins>\(escape(segment.text))</ins>"
            }
        }
        var out = "<tr class=\"\(kind)\">\n"
        out +=
            "<td lang=\"\(escape(sourceLocale.code))\" dir=\"\(sourceLocale.direction.rawValue)\"><p class=\"where\">\(escape(where_))</p><pre>\(marked)</pre></td>\n"
        out += "<td lang=\"\(escape(locale.code))\" dir=\"\(locale.direction.rawValue)\">"
        if let translation = entry.translation {
            let label: String
            switch entry.placement {
            case .corresponding: label = "block \(translation.index + 1) · line \(translation.line)"
            case .nearest: label = "no block of its own; nearest: block \(translation.index + 1) · line \(translation.line)"
            case .insertAfter: label = "new: goes after block \(translation.index + 1) · line \(translation.line)"
            }
            out += "<p class=\"where\">\(escape(label))</p><pre>\(escape(translation.text))</pre>"
        } else {
            out += "<p class=\"where\">\(entry.placement == .insertAfter ? "new: goes at the start" : "no corresponding block")</p>"
        }
        if !entry.fidelity.isEmpty {
            out += "<ul class=\"fidelity\" lang=\"en\" dir=\"ltr\">"
            for finding in entry.fidelity { out += "<li>\(escape(finding))</li>" }
            out += "</ul>"
        }
        out += "</td>\n</tr>\n"
        return out
    }

    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let css = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#595959;--line:#d0d0d0;--del:#ffe1e1;--del-fg:#8a0000;--ins:#dcf5dc;--ins-fg:#005a00}
        @media (prefers-color-scheme:dark){:root{--bg:#161616;--fg:#ececec;--muted:#b0b0b0;--line:#444;--del:#4a1d1d;--del-fg:#ffb3b3;--ins:#173d17;--ins-fg:#b5f0b5}}
        body{margin:0 auto;max-width:90rem;padding:1rem 1.5rem 3rem;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,sans-serif}
        h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem}
        .files,.note,.where{color:var(--muted);font-size:.9rem}.where{margin:0 0 .25rem}
        table{border-collapse:collapse;width:100%;table-layout:fixed}
        th,td{border:1px solid var(--line);padding:.5rem .75rem;vertical-align:top;text-align:start}
        pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:.95rem/1.5 ui-monospace,monospace}
        del{background:var(--del);color:var(--del-fg);text-decoration:line-through}
        ins{background:var(--ins);color:var(--ins-fg);text-decoration:underline}
        nav ul{padding-left:1.25rem}
        .fidelity{color:var(--del-fg);font-size:.9rem;margin:.5rem 0 0;padding-inline-start:1.25rem}p.fidelity{padding:0}
        """
}
