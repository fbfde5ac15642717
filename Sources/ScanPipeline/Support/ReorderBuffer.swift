/// Releases items in sequence order when they arrive out of order.
struct ReorderBuffer<Item> {
    private var waiting: [Int: Item] = [:]
    private var next = 0

    /// Stores `item` as number `sequence` and returns every item that is now due, in order.
    mutating func insert(_ item: Item, at sequence: Int) -> [Item] {
        waiting[sequence] = item
        var due: [Item] = []
        while let item = waiting.removeValue(forKey: next) {
            due.append(item)
            next += 1
        }
        return due
    }
}
