import ArgumentParser
import Foundation
import GuideModel
import GuideTranslation

extension StatusFormat: ExpressibleByArgument {}
extension StatusThreshold: ExpressibleByArgument {}

extension GuideGen {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show which translated pages are current, outdated, missing, orphaned or unpinned.",
            discussion: """
                Compares every translated page with the pin in Content/pins/<locale>.yml: the
                English blocks it was translated from. A page is current when no English block
                changed since, outdated when some did (the detail says which), unpinned when it
                was never pinned, missing when it has no file, and orphaned when its file has no
                English page. Coverage is the share of English blocks whose translation is
                current. Works from a tarball or a shallow clone: no git history is read.

                Exits 0 unless --fail-on is met (1), a lock file is corrupt or holds a pin for no
                page (1), or --locale names no translation (64).

                Examples:
                  guidegen status
                  guidegen status --locale es
                  guidegen status --format json | jq '.pages[] | select(.state != "current")'
                  guidegen status --format markdown --fail-on outdated >> "$GITHUB_STEP_SUMMARY"
                """
        )

        @Option(name: .long, help: ArgumentHelp("A locale to show (repeatable; default: every translation).", valueName: "code"))
        var locale: [String] = []

        @Option(name: .long, help: ArgumentHelp("Output: text, json or markdown.", valueName: "format"))
        var format: StatusFormat = .text

        @Option(
            name: .customLong("fail-on"),
            help: ArgumentHelp("Exit 1 if any page is outdated (or unpinned or missing), or if any page is missing.", valueName: "outdated|missing"))
        var failOn: StatusThreshold?

        @Option(name: .long, help: ArgumentHelp("Colour: auto (a terminal without NO_COLOR), always or never.", valueName: "when"))
        var color: ColorChoice = .auto

        @OptionGroup var paths: ContentOptions

        func run() throws {
            try runTranslationCommand {
                let workspace = try TranslationWorkspace.load(contentRoot: paths.content, locales: locale.isEmpty ? nil : locale)
                let status = TranslationStatus(workspace)
                print(StatusReport(status).render(format, color: color.isEnabled), terminator: "")
                if !status.problems.isEmpty { throw TranslationError.pinErrors(status.problems) }
                if let failOn, status.contains(failOn.states) { throw ExitCode(1) }
            }
        }
    }
}

/// When to colour output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never

    /// `auto`: standard output is a terminal and `NO_COLOR` is unset or empty (no-color.org).
    var isEnabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !noColor && isatty(STDOUT_FILENO) == 1
        }
    }
}

/// Runs a translation command, printing its errors with file and line and mapping them to exit
/// codes: 64 for usage errors (unknown locale or page), 1 for content and pin errors.
func runTranslationCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as TranslationError {
        fflush(nil)  // the report before the errors
        Console.printDiagnostics(error.diagnostics)
        Console.printError("error: \(error)")
        throw ExitCode(error.exitCode)
    }
}
