public import Foundation
public import GRDB
public import JournalModel

extension Migrations {
    static func personnel(_ db: Database) throws {}
}
