import TOMLKit

/// A value of the configuration file, as TOML typed it.
indirect enum ConfigValue: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case float(Double)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// A date or time, which no setting takes.
    case other(String)

    /// The type in the words an error uses: "a string", "a table".
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "true or false"
        case .float: return "a number with a fraction"
        case .array: return "a list"
        case .table: return "a table"
        case .other(let name): return name
        }
    }
}

/// The one file that talks to TOMLKit: TOML text in, a tree of `ConfigValue` out, or the line and reason
/// of a syntax error.
enum TOMLReader {
    struct SyntaxError: Error {
        var line: Int
        var reason: String
    }

    static func read(_ text: String) throws(SyntaxError) -> [String: ConfigValue] {
        do {
            return convert(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw SyntaxError(line: max(1, error.source.begin.line), reason: error.description)
        } catch {
            throw SyntaxError(line: 1, reason: "\(error)")
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: ConfigValue] {
        var values: [String: ConfigValue] = [:]
        for key in table.keys {
            if let value = table[key] { values[key] = convert(value.tomlValue) }
        }
        return values
    }

    private static func convert(_ value: TOMLValue) -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .bool: return .boolean(value.bool ?? false)
        case .double: return .float(value.double ?? 0)
        case .array: return .array((value.array.map(Array.init) ?? []).map { convert($0.tomlValue) })
        case .table: return .table(value.table.map(convert) ?? [:])
        case .date: return .other("a date")
        case .time: return .other("a time")
        case .dateTime: return .other("a date and time")
        }
    }
}
