import Foundation
import GRDB
import JournalModel
import Testing

@testable import JournalStore

@Suite("Every field of the psychologist's and HR's tables carries its category (issue 16)")
struct PsychologyPersonnelCategoryTests {
    /// The schema's columns of each table of the two domains are exactly the registry's: a
    /// column added without a category fails here (and would be treated as special meanwhile).
    @Test(arguments: [DataDomain.psychology, .personnel])
    func theRegistryListsEveryColumnOfTheSchema(_ domain: DataDomain) throws {
        let database = try JournalDatabase.inMemory()
        let tables = DataCategories.tables.filter { $0.value.domain == domain }
        #expect(!tables.isEmpty)
        try database.readNow { (reader: StoreReader) throws in
            for (table, categorized) in tables {
                let columns = try reader.db.columns(in: table).map(\.name)
                #expect(Set(columns) == Set(categorized.columns.keys), "\(table)")
            }
        }
    }

    @Test func psychologyFindingsAndTheCertificateAreSpecialTheDueDatesNot() {
        for table in ["psychologyConsent", "psychologyRecord", "councilConclusion", "socialFact"] {
            #expect(DataCategories.isSpecial(table: table), "\(table)")
        }
        #expect(DataCategories.category(table: "psychologyRecord", column: "notes") == .special)
        #expect(DataCategories.category(table: "criminalRecordCertificate", column: "number") == .special)
        #expect(DataCategories.category(table: "criminalRecordCertificate", column: "validUntil") == .restricted)
        #expect(!DataCategories.isSpecial(table: "staffCourse"))
        #expect(!DataCategories.isSpecial(table: "councilShare"))
    }
}
