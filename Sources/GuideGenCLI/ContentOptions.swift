import ArgumentParser

/// Where the content and the theme are; shared by every subcommand.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("The theme folder.", valueName: "dir"))
    var theme: String = "Themes/default"
}
