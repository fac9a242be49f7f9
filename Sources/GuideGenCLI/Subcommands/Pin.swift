import ArgumentParser
import GuideTranslation

extension GuideGen {
    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pin",
            abstract: "Mark translated pages as made from the current English text.",
            discussion: """
                After translating, `pin --locale L PAGE...` records, for each page, a hash and the
                text of every English block as it is now in Content/pins/L.yml; `status` then
                shows the page current until the English changes, and `diff` shows what changed.

                After an English edit that needs no translation (a typo, a fixed link),
                `pin --editorial PAGE...` re-pins the page in every locale that had pinned it.
                A locale whose pin is older than the others' still has changes to translate;
                it is refused (nothing is written) unless --force is given.

                Pins change only through this command. Every check runs before anything is
                written, and lock files are replaced atomically: a command that fails leaves
                every pin as it was. Exits 1 when refused, 64 for an unknown locale or page.

                Examples:
                  guidegen pin --locale es grooming
                  guidegen pin --locale fr Content/fr/03-grooming.md 07-privacy.md
                  guidegen pin --locale ru --all
                  guidegen pin --editorial grooming
                  guidegen pin --locale es --prune
                """
        )

        @Option(name: .long, help: ArgumentHelp("The translation to pin (repeatable).", valueName: "code"))
        var locale: [String] = []

        @Flag(name: .long, help: "Re-pin the pages in every locale after an English edit that needs no translation.")
        var editorial = false

        @Argument(help: ArgumentHelp("Page ids, file names or paths.", valueName: "page"))
        var pages: [String] = []

        @Flag(name: .long, help: "Every page (with --locale: every page that has a translation).")
        var all = false

        @Flag(name: .long, help: "Remove pins whose page no longer exists in English.")
        var prune = false

        @Flag(name: .long, help: "With --editorial: re-pin even locales that still have older changes to translate.")
        var force = false

        @OptionGroup var paths: ContentOptions

        func validate() throws {
            if editorial == !locale.isEmpty {
                throw ValidationError("give either --locale (after translating) or --editorial (after an English edit that needs no translation)")
            }
            if pages.isEmpty, !all, !prune {
                throw ValidationError("name the pages to pin, or pass --all")
            }
            if !pages.isEmpty, all {
                throw ValidationError("give either page names or --all, not both")
            }
            if force, !editorial {
                throw ValidationError("--force only applies to --editorial")
            }
        }

        func run() throws {
            let action = PinAction(
                contentRoot: paths.content, mode: editorial ? .editorial : .locales(locale), pages: pages, all: all,
                prune: prune, force: force)
            try runTranslationCommand {
                let report = try action.run()
                for line in report.lines { print(line) }
                if report.written.isEmpty {
                    print("No lock file changed.")
                } else {
                    print("Wrote \(report.written.joined(separator: ", ")).")
                }
            }
        }
    }
}
