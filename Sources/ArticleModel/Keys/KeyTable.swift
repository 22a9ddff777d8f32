/// Where a key is pressed: which pane has the focus, or whether the search prompt or the help is open.
public enum KeyContext: String, CaseIterable, Sendable {
    case list, detail, prompt, help
}

/// One row of the key table: the keys, the command they ask for, where, and the help text shown for them.
/// A binding and its help are one value, so the key map, the `?` overlay, `tidings --keys` and the README
/// cannot disagree.
public struct KeyBinding: Equatable, Sendable {
    public var command: Command
    public var keys: [Key]
    public var contexts: [KeyContext]
    public var help: String

    public init(_ command: Command, _ keys: [Key], _ contexts: [KeyContext], _ help: String) {
        self.command = command
        self.keys = keys
        self.contexts = contexts
        self.help = help
    }
}

/// The key table: every binding, and the lookup from a key in a context to its command. For example
/// `KeyTable.standard.command(for: .character("]"), in: .detail)` is `.nextCaption`.
public struct KeyTable: Equatable, Sendable {
    /// Two commands asked for by one key where both apply.
    public struct Conflict: Error, Equatable, CustomStringConvertible {
        public var key: Key
        public var context: KeyContext
        public var commands: [Command]
        public var description: String {
            "the key \(key.name) is bound to both \(commands[0].rawValue) and \(commands[1].rawValue) in the \(context.rawValue)"
        }
    }

    public private(set) var bindings: [KeyBinding]
    private var lookup: [KeyContext: [Key: Command]] = [:]

    public init(_ bindings: [KeyBinding]) throws(Conflict) {
        self.bindings = bindings
        for binding in bindings {
            for context in binding.contexts {
                for key in binding.keys {
                    if let other = lookup[context]?[key], other != binding.command {
                        throw Conflict(key: key, context: context, commands: [other, binding.command])
                    }
                    lookup[context, default: [:]][key] = binding.command
                }
            }
        }
    }

    /// The command `key` asks for in `context`, if any.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        lookup[context]?[key]
    }

    /// What a key press does: its command, or, in the search prompt, the character it types.
    public func action(for key: Key, in context: KeyContext) -> ReaderAction? {
        if let command = command(for: key, in: context) { return .command(command) }
        if context == .prompt, case .character(let c) = key { return .searchInput(c) }
        return nil
    }

    public func keys(for command: Command) -> [Key] {
        bindings.first { $0.command == command }?.keys ?? []
    }

    /// The table with `command` asked for by `keys` alone: its default keys go unless listed again.
    public func rebinding(_ command: Command, to keys: [Key]) throws(Conflict) -> KeyTable {
        try KeyTable(bindings.map { binding in
            var binding = binding
            if binding.command == command { binding.keys = keys }
            return binding
        })
    }

    /// The table as Markdown, one row per binding: what `tidings --keys` prints and the README shows.
    public var markdown: String {
        var out = "| keys | action | where | what it does |\n| --- | --- | --- | --- |\n"
        for binding in bindings {
            let keys = binding.keys.map { Self.code($0.name) }.joined(separator: " ")
            let contexts = binding.contexts.map(\.rawValue).joined(separator: ", ")
            out += "| \(keys.isEmpty ? "(none)" : keys) | `\(binding.command.rawValue)` | \(contexts) | \(binding.help) |\n"
        }
        return out
    }

    /// A key name as Markdown code: a name holding a backquote is fenced by two, and `|` is escaped so it
    /// cannot end the table cell.
    private static func code(_ name: String) -> String {
        let escaped = name.replacingPipes()
        return name.contains("`") ? "`` \(escaped) ``" : "`\(escaped)`"
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}
