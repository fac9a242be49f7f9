import ArgumentParser
import GuideBuild

extension OutputFormat: ExpressibleByArgument {}
extension PDFEngine.Paper: ExpressibleByArgument {}

extension GuideGen {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build the guide into the output folder.",
            discussion: """
                Builds every locale in every available format unless --locale or --format narrow it.
                The new output is written beside the old one and swapped in only when everything
                succeeded; any content error leaves the previous output untouched.

                The PDF edition (stay-safe-<locale>.pdf) is typeset from each locale's one-page
                edition by WeasyPrint, which scripts/install-deps.sh installs in .tools/venv (or
                GUIDEGEN_PDF_PYTHON names); without it, a build of every format leaves the PDF
                out with a note, and --format pdf fails. A PDF build builds the site too.

                Examples:
                  guidegen build
                  guidegen build --locale es
                  guidegen build --locale fr --locale ru --format html --output /tmp/site
                """
        )

        @Option(name: .long, help: ArgumentHelp("A locale to build (repeatable; default: all).", valueName: "code"))
        var locale: [String] = []

        @Option(name: .long, help: ArgumentHelp("A format to build: html, text, epub or pdf (repeatable; default: all available).", valueName: "format"))
        var format: [OutputFormat] = []

        @Option(name: .long, help: ArgumentHelp("The PDF edition's paper: a4 or letter.", valueName: "paper"))
        var paper: PDFEngine.Paper = .a4

        @OptionGroup var paths: ContentOptions

        @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var output: String = "_site"

        @Option(name: .long, help: ArgumentHelp("Wrap plain text at this many display columns (at least 20).", valueName: "columns"))
        var textWidth: Int = BuildAction.defaultTextWidth

        @Option(name: .shortAndLong, help: ArgumentHelp("Worker threads (default: one per core). The output is the same for any number.", valueName: "n"))
        var jobs: Int = BuildAction.defaultJobs

        @Flag(name: .shortAndLong, help: "Print errors only.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "Print each locale and format as it is written.")
        var verbose = false

        func validate() throws {
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
            if textWidth < BuildAction.minimumTextWidth {
                throw ValidationError("--text-width must be at least \(BuildAction.minimumTextWidth) columns")
            }
            for format in format where !OutputFormat.available.contains(format) {
                throw ValidationError(
                    "the \(format.rawValue) format is not available yet; available: \(OutputFormat.available.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            var action = BuildAction(
                contentRoot: paths.content, output: output, themeDirectory: paths.theme,
                locales: locale.isEmpty ? nil : locale, formats: format.isEmpty ? OutputFormat.available : format, textWidth: textWidth)
            action.jobs = jobs
            action.paper = paper
            action.requiresPDF = format.contains(.pdf)
            // Progress goes to standard error: always with --verbose, and on a terminal once a
            // build has taken more than a second.
            let verbose = self.verbose
            let showsSlowProgress = !quiet && Console.standardErrorIsTerminal
            action.progress = { step, seconds in
                if verbose || (showsSlowProgress && seconds > 1) {
                    Console.printError(String(format: "  %@ (%.1f s)", step, seconds))
                }
            }
            try runReporting {
                let report = try action.run()
                if !quiet {
                    Console.printDiagnostics(report.diagnostics)
                    for note in report.notes { Console.printError("note: \(note)") }
                    print(report.summary)
                }
            }
        }
    }
}
