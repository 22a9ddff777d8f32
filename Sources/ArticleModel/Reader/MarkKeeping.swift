/// Somewhere read and starred marks are kept between runs. The reader's loop sees only this; the
/// executable hands it the SQLite store.
public protocol MarkKeeping: AnyObject {
    /// The saved marks of each story, in order; stories never marked get none.
    func marks(for stories: ArraySlice<Story>) throws -> [StoryMarks]
    /// Saves one story's marks, committed before this returns.
    func save(_ marks: StoryMarks, for story: Story) throws
}
