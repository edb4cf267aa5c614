import Foundation
import GRDB
import JournalModel

extension StoreReader {
    /// The bcrypt cost most accounts' password hashes have (`$2b$10$…` → 10), or nil when
    /// there are no accounts: a login nobody has is checked against a hash of this cost, so
    /// that it takes as long as a real one.
    public func commonPasswordHashCost() throws -> UInt8? {
        let text = try String.fetchOne(
            db,
            sql: """
                SELECT substr(passwordHash, 5, 2) AS cost FROM \(Account.databaseTableName)
                WHERE passwordHash LIKE '$2_$__$%'
                GROUP BY cost ORDER BY COUNT(*) DESC, cost DESC LIMIT 1
                """)
        return text.flatMap { UInt8($0) }.flatMap { (4...31).contains($0) ? $0 : nil }
    }
}
