import Foundation
import GuideModel

/// How `guidegen status` prints.
public enum StatusFormat: String, Sendable, CaseIterable {
    /// A table for people at a terminal.
    case text
    /// One object per locale and page, for scripts.
    case json
    /// Tables for a CI job summary.
    case markdown
}

/// When `guidegen status --fail-on` exits 1.
public enum StatusThreshold: String, Sendable, CaseIterable {
    /// Any page a translator must work on: outdated, unpinned or missing.
    case outdated
    /// Any page with no translation.
    case missing

    public var states: Set<PageState> {
        switch self {
        case .outdated: return [.outdated, .unpinned, .missing]
        case .missing: return [.missing]
        }
    }
}

/// Renders a `TranslationStatus` as text, JSON or Markdown.
public struct StatusReport: Sendable {
    public var status: TranslationStatus

    public init(_ status: TranslationStatus) {
        self.status = status
    }

    public func render(_ format: StatusFormat, color: Bool = false) -> String {
        switch format {
        case .text: return text(color: color)
        case .json: return json()
        case .markdown: return markdown()
        }
    }

    // MARK: Text

    public func text(color: Bool = false) -> String {
        let style = TerminalStyle(enabled: color)
        let source = status.sourceLocale
        let first = status.locales.first
        let pageCount = first?.pages.filter { $0.state != .orphaned }.count ?? 0
        var out = "Translation status against \(source)"
        if let first { out += " (\(pageCount) pages, \(first.totalBlocks) blocks)" }
        out += "\n\n"
        var rows: [[String]] = [["LOCALE", "PAGE", "STATE", "DETAIL"]]
        var states: [PageState?] = [nil]
        for locale in status.locales {
            for page in locale.pages {
                rows.append([page.locale, page.id, page.state.rawValue, detail(page)])
                states.append(page.state)
            }
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (row, state) in zip(rows, states) {
            var line = ""
            for column in 0..<3 {
                let cell = row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
                line += column == 2 && state != nil ? style.state(state!, cell) : (state == nil ? style.bold(cell) : cell)
                line += "  "
            }
            line += row[3]
            out += line.trimmingTrailingSpaces() + "\n"
        }
        out += "\n"
        let nameWidth = status.locales.map { $0.locale.code.count + 1 + $0.locale.nativeName.count }.max() ?? 0
        for locale in status.locales {
            let name = "\(locale.locale.code) \(locale.locale.nativeName)".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let counts = PageState.allCases.compactMap { state in locale.count(state) > 0 ? "\(locale.count(state)) \(state.rawValue)" : nil }
            out +=
                "\(style.bold(name))  coverage \(Self.percent(locale.coverage)) (\(locale.currentBlocks) of \(locale.totalBlocks) blocks current); \(counts.joined(separator: ", "))\n"
        }
        if status.contains([.outdated]) {
            out += "\nSee what changed: guidegen diff --locale <code> [page]\n"
        }
        if status.contains([.unpinned]) {
            out += "Pin a page once its translation matches the \(source) text: guidegen pin --locale <code> <page>\n"
        }
        return out
    }

    func detail(_ page: PageStatus) -> String {
        let source = status.sourceLocale
        let state: String
        switch page.state {
        case .current: state = ""
        case .outdated: state = page.changeSummary(sourceLocale: source)
        case .unpinned: state = "never pinned: check it against \(source), then pin it"
        case .missing: state = "no \(page.file)"
        case .orphaned: state = "\(page.file) has no \(source) page"
        }
        guard !page.fidelity.isEmpty else { return state }
        let count = page.fidelity.count
        let fidelity = "\(count) fidelity finding\(count == 1 ? "" : "s") (guidegen check, guidegen diff)"
        return state.isEmpty ? fidelity : state + "; " + fidelity
    }

    /// `97.4%`, rounded down so that only a complete translation shows `100%`.
    static func percent(_ value: Double) -> String {
        if value >= 100 { return "100%" }
        let tenths = (value * 10).rounded(.down) / 10
        return String(format: "%.1f%%", tenths)
    }

    // MARK: JSON

    struct JSONReport: Encodable {
        var source: String
        var locales: [JSONLocale]
        var pages: [JSONPage]
        var problems: [JSONProblem]
    }

    struct JSONLocale: Encodable {
        var locale: String
        var name: String
        var coverage: Double
        var blocks_current: Int
        var blocks_total: Int
        var pages: [String: Int]
    }

    struct JSONPage: Encodable {
        var locale: String
        var id: String
        var state: PageState
        var file: String
        var source_file: String?
        var blocks_current: Int
        var blocks_total: Int
        var changes: [JSONChange]
        var fidelity: [JSONProblem]
    }

    struct JSONChange: Encodable {
        var change: String
        /// 1-based block numbers in the current and the pinned source.
        var source_block: Int?
        var pinned_block: Int?
        var source_line: Int?
    }

    struct JSONProblem: Encodable {
        var file: String
        var line: Int
        var column: Int
        var code: String
        var message: String
    }

    public func json() -> String {
        let report = JSONReport(
            source: status.sourceLocale,
            locales: status.locales.map { locale in
                JSONLocale(
                    locale: locale.locale.code, name: locale.locale.nativeName,
                    coverage: (locale.coverage * 10).rounded(.down) / 10,
                    blocks_current: locale.currentBlocks, blocks_total: locale.totalBlocks,
                    pages: Dictionary(uniqueKeysWithValues: PageState.allCases.map { ($0.rawValue, locale.count($0)) }))
            },
            pages: status.locales.flatMap(\.pages).map { page in
                JSONPage(
                    locale: page.locale, id: page.id, state: page.state, file: page.file, source_file: page.sourceFile,
                    blocks_current: page.currentBlocks, blocks_total: page.sourceBlocks,
                    changes: page.changes.map { change in
                        let kind: String
                        switch change {
                        case .changed: kind = "changed"
                        case .added: kind = "added"
                        case .removed: kind = "removed"
                        case .unchanged: kind = "unchanged"
                        }
                        return JSONChange(
                            change: kind, source_block: change.new.map { $0 + 1 }, pinned_block: change.old.map { $0 + 1 },
                            source_line: change.new.map { page.sourceLines[$0] })
                    },
                    fidelity: page.fidelity.map {
                        JSONProblem(file: $0.location.file, line: $0.location.line, column: $0.location.column, code: $0.kind.rawValue, message: $0.message)
                    })
            },
            problems: status.problems.map {
                JSONProblem(file: $0.location.file, line: $0.location.line, column: $0.location.column, code: $0.code, message: $0.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "## Translation status\n\n"
        out += "| Locale | Coverage | " + PageState.allCases.map { $0.rawValue.capitalized }.joined(separator: " | ") + " |\n"
        out += "| --- | ---: |" + String(repeating: " ---: |", count: PageState.allCases.count) + "\n"
        for locale in status.locales {
            out += "| \(cell(locale.locale.code)) \(cell(locale.locale.nativeName)) | \(Self.percent(locale.coverage)) | "
            out += PageState.allCases.map { String(locale.count($0)) }.joined(separator: " | ") + " |\n"
        }
        let work = status.locales.flatMap(\.pages).filter { $0.state != .current }
        if work.isEmpty {
            out += "\nEvery page of every locale is current.\n"
        } else {
            out += "\n| Locale | Page | State | Detail |\n| --- | --- | --- | --- |\n"
            for page in work {
                out += "| \(cell(page.locale)) | `\(cell(page.id))` | \(page.state.rawValue) | \(cell(detail(page))) |\n"
            }
            if status.contains([.outdated]) {
                out += "\nRun `guidegen diff --locale <code>` to see what changed, block by block.\n"
            }
        }
        for problem in status.problems {
            out += "\n- **error** `\(cell(problem.location.description))`: \(cell(problem.message))\n"
        }
        return out
    }

    /// Text safe inside a Markdown table cell.
    func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n": out += " "
            case "<": out += "&lt;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// ANSI styles for a terminal; plain text when disabled.
struct TerminalStyle {
    var enabled: Bool

    func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `apply` on each line of `text` alone, so that no style runs into the next line's indent.
    func eachLine(_ text: String, _ apply: (String) -> String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { apply(String($0)) }.joined(separator: "\n")
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func removed(_ text: String) -> String { wrap(text, "31;9") }
    func added(_ text: String) -> String { wrap(text, "32;1") }

    func state(_ state: PageState, _ text: String) -> String {
        switch state {
        case .current: return wrap(text, "32")
        case .outdated, .unpinned: return wrap(text, "33")
        case .missing: return wrap(text, "31")
        case .orphaned: return wrap(text, "35")
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self[...]
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
