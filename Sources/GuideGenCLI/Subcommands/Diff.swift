import ArgumentParser
import GuideTranslation

extension GuideGen {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show what changed in the English since a translation was pinned.",
            discussion: """
                For each outdated page of the locale (or each PAGE named), prints the English
                blocks that changed since the pin, block by block: changed blocks with the
                removed and added words marked, added and removed blocks, and beside each the
                translation's corresponding block as it is now. The pinned English text comes
                from Content/pins/<locale>.yml, so no git history is needed.

                Text marks words as [-removed-] and {+added+}, in colour on a terminal (not when
                piped or when NO_COLOR is set). --format html writes one self-contained page
                (no script, no external resources) with the two versions side by side.

                PAGE is a page id (grooming), a file name (03-grooming.md) or a path to it.

                Examples:
                  guidegen diff --locale es
                  guidegen diff --locale fr grooming privacy
                  guidegen diff --locale ru --format html > ru-changes.html
                """
        )

        @Option(name: .long, help: ArgumentHelp("The translation to compare.", valueName: "code"))
        var locale: String

        @Argument(help: ArgumentHelp("Pages to show (default: every outdated page).", valueName: "page"))
        var pages: [String] = []

        @Option(name: .long, help: ArgumentHelp("Output: text or html.", valueName: "format"))
        var format: DiffFormat = .text

        @Option(name: .long, help: ArgumentHelp("Colour: auto (a terminal without NO_COLOR), always or never.", valueName: "when"))
        var color: ColorChoice = .auto

        @OptionGroup var paths: ContentOptions

        enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case html
        }

        func run() throws {
            try runTranslationCommand {
                let workspace = try TranslationWorkspace.load(contentRoot: paths.content, locales: [locale])
                let report = try DiffReport.make(locale: locale, pages: pages, in: workspace)
                switch format {
                case .text: print(report.text(color: color.isEnabled), terminator: "")
                case .html: print(report.html(), terminator: "")
                }
                let stale = workspace.stalePins()
                if !stale.isEmpty { throw TranslationError.pinErrors(stale) }
            }
        }
    }
}
