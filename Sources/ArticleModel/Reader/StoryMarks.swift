/// What the user has done with a story: read it, starred it. Kept per story, saved by content identity.
public struct StoryMarks: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let read = StoryMarks(rawValue: 1)
    public static let starred = StoryMarks(rawValue: 2)
}

/// Which stories the list shows; `v` cycles through them in this order.
public enum ListFilter: Equatable, Sendable, CaseIterable {
    case all, unread, starred

    public var next: ListFilter {
        switch self {
        case .all: return .unread
        case .unread: return .starred
        case .starred: return .all
        }
    }

    /// Words for the status line; nil for the unfiltered list.
    public var label: String? {
        switch self {
        case .all: return nil
        case .unread: return "unread only"
        case .starred: return "starred only"
        }
    }

    public func admits(_ marks: StoryMarks) -> Bool {
        switch self {
        case .all: return true
        case .unread: return !marks.contains(.read)
        case .starred: return marks.contains(.starred)
        }
    }
}
