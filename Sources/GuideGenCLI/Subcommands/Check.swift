import ArgumentParser
import GuideBuild
import GuideChecks

extension DiagnosticFormat: ExpressibleByArgument {}

extension GuideGen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the content without writing anything.",
            discussion: """
                Runs every rule: broken links and anchors, raw HTML, unsafe links, images, front
                matter, duplicate ids, resources, phone numbers, translation structure, heading
                levels, empty sections and long sentences. Exits 1 when any error is found
                (with --strict, any warning too), else 0.

                Examples:
                  guidegen check
                  guidegen check --locale es --format github
                  guidegen check --format markdown >> "$GITHUB_STEP_SUMMARY"
                """
        )

        @Option(name: .long, help: ArgumentHelp("A locale to check (repeatable; default: all).", valueName: "code"))
        var locale: [String] = []

        @Option(name: .long, help: ArgumentHelp("Output: text, json, github (workflow annotations) or markdown.", valueName: "format"))
        var format: DiagnosticFormat = .text

        @Flag(name: .long, help: "Fail on warnings too.")
        var strict = false

        @OptionGroup var paths: ContentOptions

        func run() throws {
            let action = CheckAction(contentRoot: paths.content, locales: locale.isEmpty ? nil : locale)
            try runReporting {
                let diagnostics = try action.run()
                print(DiagnosticFormatter.format(diagnostics, as: format), terminator: "")
                let failing = diagnostics.contains { $0.severity == .error || strict }
                if failing { throw ExitCode(1) }
            }
        }
    }
}
