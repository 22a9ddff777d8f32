import ArticleModel
import ReaderTUI

/// The configuration as TOML, every setting written out with its value in effect and a comment saying
/// what it does: what `tidings config` prints. Saved as the configuration file, it loads to the same
/// configuration.
enum ConfigPrinter {
    static func toml(_ config: Configuration) -> String {
        var out = """
            # Tidings configuration: every setting with the value in effect (tidings config prints this).
            # The file lives at $XDG_CONFIG_HOME/tidings/config.toml (~/.config/tidings/config.toml), or
            # wherever --config says. Options on the command line override it; NO_COLOR overrides [theme].

            # Report clicks and the wheel to the reader (false leaves the mouse to the terminal).
            mouse = \(config.mouse)

            """
        out += config.browser.map { "# The command that opens links.\nbrowser = \(quoted($0))\n" }
            ?? "# The command that opens links (unset: $BROWSER, else xdg-open).\n# browser = \"firefox\"\n"
        out += config.state.map { "# Where read and starred marks are kept.\nstate = \(quoted($0))\n" }
            ?? "# Where read and starred marks are kept (unset: $XDG_STATE_HOME/tidings/state.sqlite).\n# state = \"~/.local/state/tidings/state.sqlite\"\n"
        out += "\n[keys]\n# Each action with its keys; an action listed here keeps only the keys listed.\n"
        for binding in config.keys.bindings {
            let contexts = binding.contexts.map(\.rawValue).joined(separator: ", ")
            out += "# \(binding.help) [\(contexts)]\n"
            out += "\(binding.command.rawValue) = [\(binding.keys.map { quoted($0.name) }.joined(separator: ", "))]\n"
        }
        out += "\n[theme]\n# dark, light, or none for no colour at all.\nname = \(quoted(config.palette.theme.rawValue))\n"
        out += "\n[theme.colors]\n# A colour name (red, bright-red…), default, 0–255, \"#rrggbb\", or { fg = …, bg = … }.\n"
        for (name, role, help) in Palette.roleNames {
            out += "# \(help)\n\(name) = \(colors(config.palette.colors[role]))\n"
        }
        out += """

            [reading]
            # The widest the story's text column gets, in cells; it sits at the left of the detail pane.
            max-width = \(config.reading.maxWidth)
            # The list's share of the width, in percent, when list and story are side by side.
            list-width = \(config.reading.listPercent)

            [library]
            # Folders opened when tidings is given no PATH (with the subscribed feeds' stories).
            folders = [\(config.folders.map(quoted).joined(separator: ", "))]
            # newest (modification time, then path) or path.
            sort = \(quoted(config.sort.rawValue))

            """
        return out
    }

    private static func colors(_ colors: Palette.Colors?) -> String {
        guard let colors else { return quoted("default") }
        if colors.background == .terminalDefault { return quoted(colors.foreground.name) }
        return "{ fg = \(quoted(colors.foreground.name)), bg = \(quoted(colors.background.name)) }"
    }

    /// A TOML basic string: quotes, backslashes and controls escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
