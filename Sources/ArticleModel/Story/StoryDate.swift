/// A moment in UTC, to the second: when a feed item was published. Kept as seconds since 1970 so the model
/// needs no calendar library; the few calendar sums it needs are below.
public struct StoryDate: Comparable, Hashable, Sendable {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    public static func < (a: StoryDate, b: StoryDate) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// The date from calendar fields in UTC; nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), (1...9999).contains(year) else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        secondsSince1970 = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + min(second, 59))
    }

    /// Calendar fields (UTC, or shifted by `offset` seconds for local time).
    public func fields(offset: Int = 0) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let shifted = secondsSince1970 + Int64(offset)
        let days = Int(shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400)
        let rest = Int(shifted - Int64(days) * 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        return (y, m, d, rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    /// ISO 8601 in UTC, as `--dump json` writes it: `2024-06-03T14:05:00Z`.
    public var iso8601: String {
        let f = fields()
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))Z"
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's method).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

func pad(_ n: Int, _ width: Int = 2) -> String {
    let text = String(n)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

extension StoryDate {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The list's date: `14:05` on the day of `now`, `Jun 3` earlier in its year, `2024-06-03` before that.
    /// `offset` is the local time's distance from UTC in seconds.
    public func shortLabel(now: StoryDate, offset: Int) -> String {
        let f = fields(offset: offset), today = now.fields(offset: offset)
        if (f.year, f.month, f.day) == (today.year, today.month, today.day) { return "\(pad(f.hour)):\(pad(f.minute))" }
        if f.year == today.year { return "\(Self.monthNames[f.month - 1]) \(f.day)" }
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))"
    }

    /// The detail's date: `2024-06-03 14:05` in local time.
    public func longLabel(offset: Int) -> String {
        let f = fields(offset: offset)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day)) \(pad(f.hour)):\(pad(f.minute))"
    }
}
