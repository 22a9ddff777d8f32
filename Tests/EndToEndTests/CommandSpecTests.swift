import Testing
@testable import tidings

/// The command-line parser, on a spec shaped like the reader's.
@Suite struct CommandSpecTests {
    let spec = CommandSpec(
        name: "read", abstract: "Read.",
        arguments: [ArgumentSpec(name: "paths", help: "Paths.", repeats: true, required: false)],
        options: [
            OptionSpec(name: "dump", value: "format", choices: ["json", "text"], help: "Dump."),
            OptionSpec(name: "state", value: "file", help: "State."),
            .flag("no-mouse", help: "No mouse."),
        ]
    )

    func parse(_ words: [String]) throws(UsageError) -> ParsedArguments { try ParsedArguments.parse(words, as: spec) }

    func failure(_ words: [String]) -> String? {
        do {
            _ = try parse(words)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func optionsFlagsAndArgumentsInAnyOrder() throws {
        let parsed = try parse(["a.txt", "--dump", "json", "--no-mouse", "--state=/tmp/s", "-", "b.txt"])
        #expect(parsed.arguments("paths") == ["a.txt", "-", "b.txt"])
        #expect(parsed.value("dump") == "json")
        #expect(parsed.value("state") == "/tmp/s")
        #expect(parsed.flag("no-mouse"))
        #expect(!parsed.flag("keys"))
        #expect(!parsed.wantsHelp && !parsed.wantsVersion)
    }

    @Test func theLastValueGivenWinsAndAnEmptyValueIsAValue() throws {
        #expect(try parse(["--state", "one", "--state", "two"]).value("state") == "two")
        #expect(try parse(["--state="]).value("state") == "")
    }

    @Test func everythingAfterDoubleDashIsAnArgument() throws {
        let parsed = try parse(["--", "--dump", "-h", "--version"])
        #expect(parsed.arguments("paths") == ["--dump", "-h", "--version"])
        #expect(parsed.values.isEmpty)
        #expect(!parsed.wantsHelp && !parsed.wantsVersion)
    }

    @Test func helpAndVersionAreSeenAnywhereAmongTheArguments() throws {
        #expect(try parse(["a.txt", "-h"]).wantsHelp)
        #expect(try parse(["--help"]).wantsHelp)
        #expect(try parse(["--dump", "json", "--version"]).wantsVersion)
    }

    @Test func eachMistakeHasItsOwnMessage() {
        #expect(failure(["--dump", "xml"]) == "--dump takes json or text, not 'xml'")
        #expect(failure(["--dump"]) == "--dump needs a value")
        #expect(failure(["--no-mouse=yes"]) == "--no-mouse takes no value")
        #expect(failure(["--bogus"]) == "unknown option '--bogus'")
        #expect(failure(["-x"]) == "unknown option '-x'")
        #expect(failure(["--bogus", "-h"]) == "unknown option '--bogus'")
        #expect(failure(["--dump=\u{1B}[2J"]) == "--dump takes json or text, not '\\x1b[2J'")
    }

    @Test func requiredAndSurplusArguments() {
        let add = CommandSpec(name: "add", abstract: "Add.", arguments: [ArgumentSpec(name: "url", help: "URL.")])
        #expect(throws: UsageError(message: "missing <url>", command: "add")) { try ParsedArguments.parse([], as: add) }
        #expect(throws: UsageError(message: "unexpected argument 'two'", command: "add")) {
            try ParsedArguments.parse(["one", "two"], as: add)
        }
        #expect((try? ParsedArguments.parse(["one"], as: add))?.argument("url") == "one")
        // Help needs no arguments: `tidings add --help` shows the help, not a complaint.
        #expect((try? ParsedArguments.parse(["--help"], as: add))?.wantsHelp == true)
    }

    @Test func theUsageLineWrapsBetweenItsParts() {
        let usage = HelpText.usage(Read.spec, program: "tidings")
        #expect(usage == """
            Usage: tidings read [<paths> ...] [--dump <json|text>] [--sort <newest|path>]
                   [--no-mouse] [--state <file>] [--no-state] [--keys] [--config <file>]
            """)
    }

    @Test func helpEntriesWrapUnderTheirColumn() {
        let entries = HelpText.entries([
            ("--short", "A help text long enough that it has to wrap onto a second line under its own column."),
            ("--a-name-too-long-for-its-column", "Below."),
        ])
        #expect(entries == """
              --short                 A help text long enough that it has to wrap onto a
                                      second line under its own column.
              --a-name-too-long-for-its-column
                                      Below.

            """)
    }
}
