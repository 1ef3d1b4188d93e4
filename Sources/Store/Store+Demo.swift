/// The mark of a store that `segsync demo` made, which the demo alone may delete and rebuild.
extension Store {
    /// SQLite's `application_id` header field of a demo store: "SGDM".
    static let demoApplicationID: Int64 = 0x5347_444D

    /// Marks this store as made by the demo.
    public func markAsDemo() throws {
        try database.execute("PRAGMA application_id = \(Self.demoApplicationID)")
    }

    /// Whether the file at `path` is a store the demo made: marked, or (made before the mark) a segsync store
    /// whose people all carry the generator's emails and user ids (example.com is reserved, so no real customer
    /// has one). A file that cannot be read as such is not.
    public static func isDemoStore(path: String) -> Bool {
        guard let database = try? Database(path: path, readOnly: true) else { return false }
        if (try? database.scalar("PRAGMA application_id")?.int64) == demoApplicationID { return true }
        let demoPeople = try? database.scalar(
            """
            SELECT count(*) > 0 AND count(*) = sum(email LIKE 'shopper.%@example.com')
                AND NOT EXISTS (SELECT 1 FROM people WHERE user_id NOT LIKE 'user-%')
            FROM people WHERE email IS NOT NULL
            """)
        let migrated = try? database.scalar("SELECT count(*) > 0 FROM schema_migrations")
        return demoPeople?.int64 == 1 && migrated?.int64 == 1
    }
}
