import ArticleModel
import ReaderTUI
import Testing

/// Whole screens rendered into the cell grid, compared line by line (trailing blanks trimmed).
@Suite struct GridSnapshotTests {
    static var seedLibrary: StoryLibrary { StoryLibrary(Support.seedLayout + [Support.short, Support.wide]) }
    static var wideLibrary: StoryLibrary { StoryLibrary([Support.wide, Support.short]) }

    static func screen(_ library: StoryLibrary, _ columns: Int, _ rows: Int, _ keys: [Key]) -> [String] {
        ScreenRenderer.render(Support.state(after: keys, library, columns, rows), library: library).lines
    }

    @Test func seedCaptionAt120x40() {
        let expected = """
         ○ Stories (3)                                  │ ● Example.news
            Rivers Rise Across the Valley as Spring St… │ Rivers Rise Across the Valley as Spring Storms Stall Over the Hills
         ●  A Short Second Story                        │
         ●  東京で桜が満開 🌸 Cherry blossoms           │ After a week of heavy rain, towns along the river prepare sandbags
                                                        │ while forecasters watch a second front.
                                                        │
                                                        │ ▸ HILLSIDE, VALLEY - APRIL 2: Volunteers fill sandbags outside the
                                                        │   town hall in Hillside on April 2, 2026, as the river climbs toward
                                                        │   its spring record. (Photo by Sam Okafor - Valley Photo Pool)
                                                        │
                                                        │ [image]
                                                        │
                                                        │▌▸ Residents watch the swollen river from the old stone bridge, which
                                                        │▌  was closed to traffic on Thursday morning.
                                                        │
                                                        │ ▸ A rescue boat waits at the edge of a flooded car park near the
                                                        │   railway station.
                                                        │
                                                        │ Overview
                                                        │   • Forecasters said the storm system has stalled over the hills,
                                                        │     bringing a week’s worth of rain in two days and pushing the river
                                                        │     to its highest level since 1998.
                                                        │   • The valley council opened three emergency shelters and asked
                                                        │     residents in low-lying streets to move valuables upstairs before
                                                        │     the weekend.
                                                        │   • Rail services between Hillside and the coast were suspended after
                                                        │     water covered the tracks near the station, and buses will replace
                                                        │     trains until Monday.
                                                        │   • Farmers reported flooded fields across the lower valley, with the
                                                        │     council’s agriculture office warning that spring planting could
                                                        │     be delayed by weeks.
                                                        │   • A second weather front is expected on Sunday, and the river
                                                        │     authority said it would decide by Saturday whether to open the
                                                        │     overflow channel at Millford.
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
         story 1/3 · caption 2/3 · line 1/33 · 2 unread                                                          ? help  Q quit
        """
        #expect(Self.screen(Self.seedLibrary, 120, 40, [.enter, .character("]"), .character("]")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedCaptionAt80x24() {
        let expected = """
         ○ Stories (3)
            Rivers Rise Across the Valley as Spring Storms Stall Over th…  Example.news
         ●  A Short Second Story                                          Other.example
         ●  東京で桜が満開 🌸 Cherry blossoms                              Wide.example





         ● Example.news
         Rivers Rise Across the Valley as Spring Storms Stall Over the Hills

         After a week of heavy rain, towns along the river prepare sandbags while
         forecasters watch a second front.

         ▸ HILLSIDE, VALLEY - APRIL 2: Volunteers fill sandbags outside the town hall
           in Hillside on April 2, 2026, as the river climbs toward its spring record.
           (Photo by Sam Okafor - Valley Photo Pool)

         [image]

        ▌▸ Residents watch the swollen river from the old stone bridge, which was
        ▌  closed to traffic on Thursday morning.
         story 1/3 · caption 2/3 · line 1/32 · 2 unread                  ? help  Q quit
        """
        #expect(Self.screen(Self.seedLibrary, 80, 24, [.enter, .character("]"), .character("]")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedCaptionAt60x12() {
        let expected = """
         ● Example.news

         ▸ HILLSIDE, VALLEY - APRIL 2: Volunteers fill sandbags
           outside the town hall in Hillside on April 2, 2026, as
           the river climbs toward its spring record. (Photo by Sam
           Okafor - Valley Photo Pool)

         [image]

        ▌▸ Residents watch the swollen river from the old stone
        ▌  bridge, which was closed to traffic on Thursday morning.
         story 1/3 · caption 2/3 · line 6/35 · 2 unread
        """
        #expect(Self.screen(Self.seedLibrary, 60, 12, [.enter, .character("]"), .character("]")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedCaptionAt20x5() {
        let expected = """
         ● Example.news
        ▌▸ Residents watch
        ▌  the swollen
        ▌  river from the
         caption 2/3
        """
        #expect(Self.screen(Self.seedLibrary, 20, 5, [.enter, .character("]"), .character("]")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedBulletAt120x40() {
        let expected = """
         ○ Stories (3)                                  │ ● Example.news
            Rivers Rise Across the Valley as Spring St… │ Rivers Rise Across the Valley as Spring Storms Stall Over the Hills
         ●  A Short Second Story                        │
         ●  東京で桜が満開 🌸 Cherry blossoms           │ After a week of heavy rain, towns along the river prepare sandbags
                                                        │ while forecasters watch a second front.
                                                        │
                                                        │ ▸ HILLSIDE, VALLEY - APRIL 2: Volunteers fill sandbags outside the
                                                        │   town hall in Hillside on April 2, 2026, as the river climbs toward
                                                        │   its spring record. (Photo by Sam Okafor - Valley Photo Pool)
                                                        │
                                                        │ [image]
                                                        │
                                                        │ ▸ Residents watch the swollen river from the old stone bridge, which
                                                        │   was closed to traffic on Thursday morning.
                                                        │
                                                        │ ▸ A rescue boat waits at the edge of a flooded car park near the
                                                        │   railway station.
                                                        │
                                                        │ Overview
                                                        │   • Forecasters said the storm system has stalled over the hills,
                                                        │     bringing a week’s worth of rain in two days and pushing the river
                                                        │     to its highest level since 1998.
                                                        │   • The valley council opened three emergency shelters and asked
                                                        │     residents in low-lying streets to move valuables upstairs before
                                                        │     the weekend.
                                                        │▌  • Rail services between Hillside and the coast were suspended after
                                                        │▌    water covered the tracks near the station, and buses will replace
                                                        │▌    trains until Monday.
                                                        │   • Farmers reported flooded fields across the lower valley, with the
                                                        │     council’s agriculture office warning that spring planting could
                                                        │     be delayed by weeks.
                                                        │   • A second weather front is expected on Sunday, and the river
                                                        │     authority said it would decide by Saturday whether to open the
                                                        │     overflow channel at Millford.
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
         story 1/3 · bullet 3/5 · line 1/33 · 2 unread                                                           ? help  Q quit
        """
        #expect(Self.screen(Self.seedLibrary, 120, 40, [.enter, .character("}"), .character("}"), .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedBulletAt80x24() {
        let expected = """
         ○ Stories (3)
            Rivers Rise Across the Valley as Spring Storms Stall Over th…  Example.news
         ●  A Short Second Story                                          Other.example
         ●  東京で桜が満開 🌸 Cherry blossoms                              Wide.example





         ● Example.news

         ▸ A rescue boat waits at the edge of a flooded car park near the railway
           station.

         Overview
           • Forecasters said the storm system has stalled over the hills, bringing a
             week’s worth of rain in two days and pushing the river to its highest
             level since 1998.
           • The valley council opened three emergency shelters and asked residents in
             low-lying streets to move valuables upstairs before the weekend.
        ▌  • Rail services between Hillside and the coast were suspended after water
        ▌    covered the tracks near the station, and buses will replace trains until
        ▌    Monday.
         story 1/3 · bullet 3/5 · line 14/32 · 2 unread                  ? help  Q quit
        """
        #expect(Self.screen(Self.seedLibrary, 80, 24, [.enter, .character("}"), .character("}"), .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedBulletAt60x12() {
        let expected = """
         ● Example.news
         Overview
           • Forecasters said the storm system has stalled over the
             hills, bringing a week’s worth of rain in two days and
             pushing the river to its highest level since 1998.
           • The valley council opened three emergency shelters and
             asked residents in low-lying streets to move valuables
             upstairs before the weekend.
        ▌  • Rail services between Hillside and the coast were
        ▌    suspended after water covered the tracks near the
        ▌    station, and buses will replace trains until Monday.
         story 1/3 · bullet 3/5 · line 20/35 · 2 unread
        """
        #expect(Self.screen(Self.seedLibrary, 60, 12, [.enter, .character("}"), .character("}"), .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seedBulletAt20x5() {
        let expected = """
         ● Example.news
        ▌  • Rail services
        ▌    between
        ▌    Hillside and
         bullet 3/5
        """
        #expect(Self.screen(Self.seedLibrary, 20, 5, [.enter, .character("}"), .character("}"), .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func wideAt120x40() {
        let expected = """
         ○ Stories (2)                                  │ ● Wide.example
            東京で桜が満開 🌸 Cherry blossoms           │ 東京で桜が満開 🌸 Cherry blossoms
         ●  A Short Second Story                        │
                                                        │ 気象庁が発表 👍🏽 today
                                                        │
                                                        │ ▸ 上野公園の桜 📷 photo
                                                        │
                                                        │ Overview
                                                        │▌  • 満開は来週半ばになる見通し 🇯🇵 flags and text mixed together
                                                        │   • 한국 벚꽃 축제 🌷
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
                                                        │
         story 1/2 · bullet 1/2 · line 1/9 · 1 unread                                                            ? help  Q quit
        """
        #expect(Self.screen(Self.wideLibrary, 120, 40, [.enter, .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func wideAt80x24() {
        let expected = """
         ○ Stories (2)
            東京で桜が満開 🌸 Cherry blossoms                              Wide.example
         ●  A Short Second Story                                          Other.example






         ● Wide.example
         東京で桜が満開 🌸 Cherry blossoms

         気象庁が発表 👍🏽 today

         ▸ 上野公園の桜 📷 photo

         Overview
        ▌  • 満開は来週半ばになる見通し 🇯🇵 flags and text mixed together
           • 한국 벚꽃 축제 🌷




         story 1/2 · bullet 1/2 · line 1/9 · 1 unread                    ? help  Q quit
        """
        #expect(Self.screen(Self.wideLibrary, 80, 24, [.enter, .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func wideAt60x12() {
        let expected = """
         ● Wide.example
         東京で桜が満開 🌸 Cherry blossoms

         気象庁が発表 👍🏽 today

         ▸ 上野公園の桜 📷 photo

         Overview
        ▌  • 満開は来週半ばになる見通し 🇯🇵 flags and text mixed
        ▌    together
           • 한국 벚꽃 축제 🌷
         story 1/2 · bullet 1/2 · line 1/10 · 1 unread
        """
        #expect(Self.screen(Self.wideLibrary, 60, 12, [.enter, .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func wideAt20x5() {
        let expected = """
         ● Wide.example
        ▌  • 満開は来週半ば
        ▌    になる見通し
        ▌    🇯🇵 flags and
         bullet 1/2
        """
        #expect(Self.screen(Self.wideLibrary, 20, 5, [.enter, .character("}")]) == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

}
