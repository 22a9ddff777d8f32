import ArticleModel

/// The help and usage lines made from `CommandSpec`s, wrapped to 80 columns: names in a column 24 cells
/// wide, what they do beside them.
enum HelpText {
    static let width = 80
    static let nameColumn = 24

    /// `tidings help`: what Tidings is, its examples, and the commands with one line each.
    static func overview(program: CommandSpec, commands: [CommandSpec], defaultCommand: String) -> String {
        var out = paragraphs(program.abstract) + "\n" + paragraphs(program.discussion) + "\n"
        out += "Usage: \(program.name) [<command>] [<arguments>]\n\n"
        out += "Options:\n" + entries(standardOptions.map { ("--" + $0.name, $0.help) }) + "\n"
        out += "Commands:\n"
        out += entries(commands.map { ($0.name == defaultCommand ? "\($0.name) (default)" : $0.name, $0.abstract) })
        out += "\nSee '\(program.name) help <command>' for a command's arguments and options.\n"
        return out
    }

    /// `tidings help COMMAND`: the command's paragraphs, usage, arguments and options.
    static func command(_ spec: CommandSpec, program: String) -> String {
        var out = paragraphs(spec.abstract) + "\n"
        if !spec.discussion.isEmpty { out += paragraphs(spec.discussion) + "\n" }
        out += usage(spec, program: program) + "\n\n"
        if !spec.arguments.isEmpty {
            out += "Arguments:\n" + entries(spec.arguments.map { ("<\($0.name)>", $0.help) }) + "\n"
        }
        let options = spec.options + standardOptions
        out += "Options:\n" + entries(options.map { (optionName($0), $0.help) })
        return out
    }

    /// `Usage: tidings read [<paths> ...] [--dump <json|text>] …`, wrapped between its parts (never inside
    /// one) with the continuation under the command.
    static func usage(_ spec: CommandSpec, program: String) -> String {
        var parts: [String] = []
        for argument in spec.arguments {
            let name = argument.repeats ? "<\(argument.name)> ..." : "<\(argument.name)>"
            parts.append(argument.required && !argument.repeats ? name : "[\(name)]")
        }
        parts += spec.options.map { "[\(optionName($0))]" }
        let indent = "Usage: ".count
        var lines = ["Usage: \(program) \(spec.name)"]
        for part in parts {
            if DisplayWidth.of(lines[lines.count - 1]) + 1 + DisplayWidth.of(part) > width {
                lines.append(String(repeating: " ", count: indent) + part)
            } else {
                lines[lines.count - 1] += " " + part
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Options every command takes.
    static let standardOptions = [
        OptionSpec.flag("help", help: "Show this help (also -h, or tidings help COMMAND)."),
        OptionSpec.flag("version", help: "Print the version."),
    ]

    private static func optionName(_ option: OptionSpec) -> String {
        guard let value = option.value else { return "--" + option.name }
        return "--\(option.name) <\(option.choices.isEmpty ? value : option.choices.joined(separator: "|"))>"
    }

    /// Each paragraph wrapped to the width; one that holds line breaks is kept as written.
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n\n", omittingEmptySubsequences: true).map { paragraph in
            paragraph.contains("\n") ? String(paragraph) : TextWrapper.wrap(String(paragraph), width: width).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// Two-column lines: the name indented by two, what it does from column 26, wrapped under itself; a
    /// name too long for its column puts what it does on the next line.
    static func entries(_ rows: [(name: String, help: String)]) -> String {
        var out = ""
        for row in rows {
            let lines = TextWrapper.wrap(row.help, width: width - nameColumn - 2)
            let indent = String(repeating: " ", count: nameColumn + 2)
            let nameWidth = DisplayWidth.of(row.name)
            var first = "  " + row.name
            if nameWidth < nameColumn {
                first += String(repeating: " ", count: nameColumn - nameWidth) + (lines.first ?? "")
                out += first + "\n" + lines.dropFirst().map { indent + $0 + "\n" }.joined()
            } else {
                out += first + "\n" + lines.map { indent + $0 + "\n" }.joined()
            }
        }
        return out
    }
}
