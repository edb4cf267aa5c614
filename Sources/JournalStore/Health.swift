public import Foundation
public import GRDB
public import JournalModel

extension Migrations {
    static func health(_ db: Database) throws {}
}
