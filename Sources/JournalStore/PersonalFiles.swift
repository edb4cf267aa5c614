public import Foundation
public import GRDB
public import JournalModel

extension Migrations {
    static func personalFiles(_ db: Database) throws {}
}
