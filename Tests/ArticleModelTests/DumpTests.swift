import ArticleModel
import Testing

@Suite struct DumpTests {
    static let story = Story(
        publisher: "Example.news", title: "Quote \"this\" \\ and that", dek: nil,
        images: [StoryImage(caption: "Cap"), StoryImage(caption: nil)],
        sections: [StorySection(heading: "Overview", bullets: ["One", "Two"], paragraphs: ["P"])],
        source: StorySource(file: "dir/a.txt", index: 2))

    @Test func jsonHasEveryFieldInOrder() {
        #expect(JSONDump.render([Self.story]) == """
        [
        {"file":"dir/a.txt","index":2,"source":"text","publisher":"Example.news","title":"Quote \\"this\\" \\\\ and that","dek":null,"link":null,"date":null,"author":null,"images":[{"caption":"Cap"},{"caption":null}],"sections":[{"heading":"Overview","bullets":["One","Two"],"paragraphs":["P"]}],"read":false,"starred":false}
        ]

        """)
        #expect(JSONDump.render([]) == "[]\n")
        let marked = JSONDump.render([Self.story, Self.story], marks: [[.read], [.starred, .read]]).split(separator: "\n")
        #expect(marked[1].hasSuffix(#""read":true,"starred":false},"#))
        #expect(marked[2].hasSuffix(#""read":true,"starred":true}"#))
    }

    @Test func jsonHasTheFeedFieldsOfAFeedItem() {
        let item = Story(publisher: "Harbor Daily", title: "Fares", dek: "Frozen.", sections: [StorySection(heading: nil, paragraphs: ["P"])],
                         source: StorySource(file: "f.xml", index: 0), kind: .atom, link: "https://h.example/a",
                         date: StoryDate(year: 2024, month: 6, day: 3, hour: 14, minute: 5), author: "Ana Ruiz", identity: "atom x id:1")
        #expect(JSONDump.render([item]) == """
        [
        {"file":"f.xml","index":0,"source":"atom","publisher":"Harbor Daily","title":"Fares","dek":"Frozen.","link":"https://h.example/a","date":"2024-06-03T14:05:00Z","author":"Ana Ruiz","images":[],"sections":[{"heading":null,"bullets":[],"paragraphs":["P"]}],"read":false,"starred":false}
        ]

        """)
    }

    @Test func jsonEscapesControlCharactersInFileNames() {
        var story = Self.story
        story.source.file = "a\u{1B}b\nc"
        #expect(JSONDump.render([story]).contains("\"file\":\"a\\u001bb\\nc\""))
    }

    @Test func textDumpWrapsWithHangingIndents() {
        let story = Story(publisher: "Example.news", title: "A title long enough to wrap", dek: "Short dek.",
                          images: [StoryImage(caption: "A caption that wraps too"), StoryImage(caption: nil)],
                          sections: [StorySection(heading: "Overview", bullets: ["First bullet that wraps around", "Second"])])
        let one = """
        A title long enough
        to wrap
        Example.news

        Short dek.

        ▸ A caption that
          wraps too

        [image]

        Overview
          • First bullet
            that wraps
            around
          • Second

        """
        #expect(TextDump.render([story], width: 20) == one)
        #expect(TextDump.render([story, story], width: 20) == one + "\n────────────────────\n\n" + one, "a rule between stories")
    }
}
