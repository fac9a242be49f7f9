import Foundation
import GuideModel

/// Prints diagnostics for people (text), CI annotations (github), tools (json) and job
/// summaries (markdown).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case json
    case github
    case markdown
}

public enum DiagnosticFormatter {
    public static func format(_ diagnostics: [Diagnostic], as format: DiagnosticFormat) -> String {
        switch format {
        case .text: return text(diagnostics)
        case .json: return json(diagnostics)
        case .github: return github(diagnostics)
        case .markdown: return markdown(diagnostics)
        }
    }

    /// `file:line:col: severity: message [code]` per line, then a count.
    static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = diagnostics.map { $0.description + "\n" }.joined()
        out += summary(diagnostics) + "\n"
        return out
    }

    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    struct Record: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        let records = diagnostics.map {
            Record(
                file: $0.location.file, line: $0.location.line, column: $0.location.column, severity: $0.severity.rawValue, code: $0.code, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(records)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// GitHub Actions workflow commands: an annotation on the pull request's diff per finding.
    static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in
            var properties = ["file=\(escapeProperty(d.location.file))"]
            if d.location.line > 0 {
                properties.append("line=\(d.location.line)")
                properties.append("col=\(max(1, d.location.column))")
            }
            properties.append("title=\(escapeProperty(d.code))")
            return "::\(d.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(d.message))\n"
        }.joined()
    }

    /// A table for `$GITHUB_STEP_SUMMARY`.
    static func markdown(_ diagnostics: [Diagnostic]) -> String {
        var out = "### guidegen check: \(summary(diagnostics))\n\n"
        guard !diagnostics.isEmpty else { return out + "No problems found.\n" }
        out += "| Severity | Where | Rule | Message |\n|---|---|---|---|\n"
        for d in diagnostics {
            out += "| \(d.severity.rawValue) | `\(d.location)` | `\(d.code)` | \(escapeTable(d.message)) |\n"
        }
        return out
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func escapeTable(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
