import Testing

@testable import GuideParsing

@Suite struct MarkdownUnitsTests {
    static let text = """
        ## Head ##

        - first item
          continued

          second para
        - **b** item
          1. nested

        > quote line
        > more

        Setext
        ---
        """

    @Test func unitsHaveTheirPathTextAndPlace() {
        let units = MarkdownParser.units(Self.text)
        #expect(units.map(\.path) == [[], ["1"], ["1", "p2"], ["2"], ["2", "list1", "1"], ["p1"], []])
        #expect(units.map(\.text) == ["Head", "first item\ncontinued", "second para", "**b** item", "nested", "quote line\nmore", "Setext"])
        #expect(units[0].kind == .heading && units[0].level == 2 && units[6].level == 2)
        #expect(units[4].containers == [.item(number: 2, count: 2), .item(number: 1, count: 1)])
    }

    @Test func replacingEveryUnitWithItselfChangesNothing() {
        let units = MarkdownParser.units(Self.text)
        #expect(MarkdownParser.replacingUnits(in: Self.text, units.map { ($0, $0.text) }) == Self.text)
    }

    @Test func replacementsKeepMarkersIndentAndClosingSequence() {
        let units = MarkdownParser.units(Self.text)
        let replaced = MarkdownParser.replacingUnits(in: Self.text, [(units[0], "Título"), (units[1], "primero\nsigue"), (units[5], "cita\nmás")])
        #expect(replaced.hasPrefix("## Título ##\n\n- primero\n  sigue\n"))
        #expect(replaced.contains("> cita\n> más\n"))
        #expect(MarkdownParser.units(replaced).map(\.path) == units.map(\.path))
    }

    @Test func yamlScalarsAreEditedInPlace() throws {
        let yaml = "# comment\nfirst: plain value # note\nsecond: \"quoted \\\" value\"\nthird: |\n  block\n  text\nlast: x\n"
        let edited = try #require(YAMLFieldEditing.replacingScalar(in: yaml, line: 2, column: 8, keyIndent: 0, with: "nuevo: valor"))
        #expect(edited == "# comment\nfirst: \"nuevo: valor\" # note\nsecond: \"quoted \\\" value\"\nthird: |\n  block\n  text\nlast: x\n")
        let quoted = try #require(YAMLFieldEditing.replacingScalar(in: yaml, line: 3, column: 9, keyIndent: 0, with: "otro"))
        #expect(quoted.contains("second: \"otro\"\nthird:"))
        let block = try #require(YAMLFieldEditing.replacingScalar(in: yaml, line: 4, column: 8, keyIndent: 0, with: "una línea"))
        #expect(block.hasSuffix("third: \"una línea\"\nlast: x\n"))
        #expect(YAMLFieldEditing.inserting(key: "added", value: "yes", indent: 0, afterLine: 7, in: yaml).hasSuffix("last: x\nadded: \"yes\"\n"))
    }
}
