import ArticleModel

/// What one command accepts, as data: the parser and the help text are both made from it, so they cannot
/// disagree.
///
/// Tidings parses its own command line instead of using a package: the one it used (swift-argument-parser)
/// finds a command's options by reflection, and each step of that searched all of the program's protocol
/// conformances, a third of `tidings --version`'s time. Here the options are plain values.
struct CommandSpec: Sendable {
    var name: String
    /// One line, shown in the command list and at the top of the command's help.
    var abstract: String
    /// Paragraphs for the help; a paragraph that holds line breaks (examples) is printed as written.
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}

/// A positional argument: `<url>`, or `[<paths> ...]` when it takes any number.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    var repeats = false
    var required = true
}

/// A `--name` flag, or a `--name VALUE` option when it has a value, limited to `choices` when there are some.
struct OptionSpec: Sendable {
    var name: String
    var value: String?
    var choices: [String] = []
    var help: String

    static func flag(_ name: String, help: String) -> OptionSpec { OptionSpec(name: name, value: nil, help: help) }
}

/// A command line the user got wrong: the message, and the command whose usage line helps.
struct UsageError: Error, Equatable {
    var message: String
    var command: String
}

/// A command's arguments after parsing: flags given, option values (the last one given wins) and the
/// positional arguments in order.
struct ParsedArguments: Equatable {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var positional: [String: [String]] = [:]
    var wantsHelp = false
    var wantsVersion = false

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name] }
    func argument(_ name: String) -> String? { positional[name]?.first }
    func arguments(_ name: String) -> [String] { positional[name] ?? [] }

    /// Parses `words` (the command line after the command's name) as `spec` says. `--name value` and
    /// `--name=value` both work, `--` ends the options, and `-` alone is an argument (standard input).
    static func parse(_ words: [String], as spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var loose: [String] = []
        var index = 0
        func fail(_ message: String) -> UsageError { UsageError(message: message, command: spec.name) }
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                loose += words[index...]
                break
            }
            if word == "-h" || word == "--help" {
                parsed.wantsHelp = true
                continue
            }
            if word == "--version" {
                parsed.wantsVersion = true
                continue
            }
            guard word.hasPrefix("-"), word != "-" else {
                loose.append(word)
                continue
            }
            let (name, attached) = split(word)
            guard word.hasPrefix("--"), let option = spec.option(named: name) else {
                throw fail("unknown option '\(VisibleName.of(word))'")
            }
            guard option.value != nil else {
                if attached != nil { throw fail("--\(VisibleName.of(name)) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            var value = attached
            if value == nil, index < words.count {
                value = words[index]
                index += 1
            }
            guard let value else { throw fail("--\(name) needs a value") }
            guard option.choices.isEmpty || option.choices.contains(value) else {
                throw fail("--\(name) takes \(option.choices.joined(separator: " or ")), not '\(VisibleName.of(value))'")
            }
            parsed.values[name] = value
        }
        if parsed.wantsHelp || parsed.wantsVersion { return parsed }
        try parsed.place(loose, spec.arguments, fail)
        return parsed
    }

    /// `--name=value` as (name, value); `--name` as (name, nil).
    private static func split(_ word: String) -> (String, String?) {
        let body = word.drop { $0 == "-" }
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// Hands the positional words to the arguments in order; a repeating argument takes all that remain.
    private mutating func place(_ words: [String], _ arguments: [ArgumentSpec], _ fail: (String) -> UsageError) throws(UsageError) {
        var rest = words[...]
        for argument in arguments {
            if argument.repeats {
                positional[argument.name] = Array(rest)
                rest = []
            } else if let word = rest.popFirst() {
                positional[argument.name] = [word]
            } else if argument.required {
                throw fail("missing <\(argument.name)>")
            }
        }
        if let extra = rest.first { throw fail("unexpected argument '\(VisibleName.of(extra))'") }
    }
}
