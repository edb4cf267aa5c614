public import Foundation
public import GRDB
public import JournalModel

extension Migrations {
    static func psychology(_ db: Database) throws {}
}
