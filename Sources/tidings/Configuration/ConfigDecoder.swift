import ArticleModel
import ReaderTUI
import StoryLoading

/// Turns the TOML tree into a `Configuration`, checking every name, type and value, each error with the
/// line it is on.
struct ConfigDecoder {
    let file: String
    let lines: ConfigLines

    func failure(_ path: [String], _ reason: String) -> Configuration.Failure {
        Configuration.Failure(file: file, line: lines.line(of: path), reason: reason)
    }

    mutating func configuration(_ values: [String: ConfigValue]) throws(Configuration.Failure) -> Configuration {
        var config = Configuration()
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "keys": config.keys = try keys(table(value, ["keys"]))
            case "theme": config.palette = try palette(table(value, ["theme"]))
            case "reading": config.reading = try reading(table(value, ["reading"]))
            case "library": try library(table(value, ["library"]), into: &config)
            case "mouse": config.mouse = try boolean(value, ["mouse"])
            case "browser": config.browser = try string(value, ["browser"])
            case "state": config.state = expandingTilde(try string(value, ["state"]))
            default:
                if case .table = value { throw failure([name], "unknown section [\(name)]: the sections are [keys], [theme], [reading] and [library]") }
                throw failure([name], "unknown setting “\(name)”: the top-level settings are mouse, browser and state")
            }
        }
        return config
    }

    // MARK: [keys]

    private func keys(_ table: [String: ConfigValue]) throws(Configuration.Failure) -> KeyTable {
        var asked: [Command: [Key]] = [:]
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            let path = ["keys", name]
            guard let command = Command(rawValue: name) else {
                throw failure(path, "unknown action “\(name)” (tidings --keys lists the actions)")
            }
            let names: [String]
            switch value {
            case .string(let one): names = [one]
            case .array(let many):
                names = try many.map { (item) throws(Configuration.Failure) -> String in try string(item, path, what: "a key name") }
            default: throw failure(path, "\(name) must be a list of key names, not \(value.typeName)")
            }
            asked[command] = try names.map { (keyName) throws(Configuration.Failure) -> Key in
                guard let key = Key(name: keyName) else {
                    throw failure(path, "unknown key name “\(keyName)” for \(name) (names as in tidings --keys: j, Down, Ctrl-D, PgDn, F1…)")
                }
                return key
            }
        }
        // All rebound at once, so that two actions may trade keys.
        let bindings = KeyTable.standard.bindings.map { binding in
            var binding = binding
            if let keys = asked[binding.command] { binding.keys = keys }
            return binding
        }
        do {
            return try KeyTable(bindings)
        } catch {
            let named = error.commands.first { asked[$0] != nil } ?? error.commands[0]
            throw failure(["keys", named.rawValue], "\(error)")
        }
    }

    // MARK: [theme]

    private func palette(_ table: [String: ConfigValue]) throws(Configuration.Failure) -> Palette {
        var theme = Palette.Theme.dark
        if let value = table["name"] {
            let name = try string(value, ["theme", "name"])
            guard let chosen = Palette.Theme(rawValue: name) else {
                throw failure(["theme", "name"], "unknown theme “\(name)”: dark, light or none")
            }
            theme = chosen
        }
        var palette = Palette(theme: theme)
        for (name, value) in table.sorted(by: { $0.key < $1.key }) where name != "name" {
            guard name == "colors" else {
                throw failure(["theme", name], "unknown setting “\(name)” in [theme]: name, and the table [theme.colors]")
            }
            for (roleName, colors) in try self.table(value, ["theme", "colors"]).sorted(by: { $0.key < $1.key }) {
                let path = ["theme", "colors", roleName]
                guard let role = Palette.roleNames.first(where: { $0.name == roleName })?.role else {
                    let known = Palette.roleNames.map(\.name).joined(separator: ", ")
                    throw failure(path, "unknown role “\(roleName)” in [theme.colors]: \(known)")
                }
                palette.set(role, try self.colors(colors, path))
            }
        }
        return palette
    }

    private func colors(_ value: ConfigValue, _ path: [String]) throws(Configuration.Failure) -> Palette.Colors {
        switch value {
        case .table(let parts):
            for name in parts.keys where name != "fg" && name != "bg" {
                throw failure(path, "unknown part “\(name)” of a colour: fg and bg")
            }
            return Palette.Colors(try parts["fg"].map { (v) throws(Configuration.Failure) in try color(v, path) } ?? .terminalDefault,
                                  on: try parts["bg"].map { (v) throws(Configuration.Failure) in try color(v, path) } ?? .terminalDefault)
        default:
            return Palette.Colors(try color(value, path))
        }
    }

    private func color(_ value: ConfigValue, _ path: [String]) throws(Configuration.Failure) -> TerminalColor {
        let name: String
        switch value {
        case .string(let text): name = text
        case .integer(let number): name = "\(number)"
        default: throw failure(path, "a colour is a name, a number 0–255 or \"#rrggbb\", not \(value.typeName)")
        }
        guard let color = TerminalColor(name: name) else {
            throw failure(path, "unknown colour “\(name)”: black, red, green, yellow, blue, magenta, cyan, white, bright-… of those, default, 0–255 or #rrggbb")
        }
        return color
    }

    // MARK: [reading] and [library]

    private func reading(_ table: [String: ConfigValue]) throws(Configuration.Failure) -> ReadingPreferences {
        var reading = ReadingPreferences()
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            let path = ["reading", name]
            switch name {
            case "max-width": reading.maxWidth = try integer(value, path, in: ReadingPreferences.maxWidthRange)
            case "list-width": reading.listPercent = try integer(value, path, in: ReadingPreferences.listPercentRange)
            default: throw failure(path, "unknown setting “\(name)” in [reading]: max-width and list-width")
            }
        }
        return reading
    }

    private func library(_ table: [String: ConfigValue], into config: inout Configuration) throws(Configuration.Failure) {
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            let path = ["library", name]
            switch name {
            case "folders":
                guard case .array(let items) = value else { throw failure(path, "folders must be a list of paths, not \(value.typeName)") }
                config.folders = try items.map { (item) throws(Configuration.Failure) in expandingTilde(try string(item, path, what: "a path")) }
            case "sort":
                let order = try string(value, path)
                guard let chosen = LibraryOrder(rawValue: order) else { throw failure(path, "unknown sort “\(order)”: newest or path") }
                config.sort = chosen
            default: throw failure(path, "unknown setting “\(name)” in [library]: folders and sort")
            }
        }
    }

    // MARK: Types

    private func table(_ value: ConfigValue, _ path: [String]) throws(Configuration.Failure) -> [String: ConfigValue] {
        guard case .table(let table) = value else { throw failure(path, "\(path.joined(separator: ".")) must be a table, not \(value.typeName)") }
        return table
    }

    private func string(_ value: ConfigValue, _ path: [String], what: String = "a string") throws(Configuration.Failure) -> String {
        guard case .string(let text) = value else { throw failure(path, "\(path.last ?? "") must be \(what), not \(value.typeName)") }
        return text
    }

    private func boolean(_ value: ConfigValue, _ path: [String]) throws(Configuration.Failure) -> Bool {
        guard case .boolean(let flag) = value else { throw failure(path, "\(path.last ?? "") must be true or false, not \(value.typeName)") }
        return flag
    }

    private func integer(_ value: ConfigValue, _ path: [String], in range: ClosedRange<Int>) throws(Configuration.Failure) -> Int {
        guard case .integer(let number) = value else { throw failure(path, "\(path.last ?? "") must be a whole number, not \(value.typeName)") }
        guard range.contains(number) else {
            throw failure(path, "\(path.last ?? "") must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
        }
        return number
    }
}
