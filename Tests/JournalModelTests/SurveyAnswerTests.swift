import Foundation
import JournalModel
import Testing

@Suite("Survey answers as JSON")
struct SurveyAnswerTests {
    @Test("each shape of answer reads back as itself")
    func roundTrip() throws {
        let json = #"{"flag":true,"no":false,"number":5,"fraction":2.5,"text":"да","list":["а","б"],"matrix":{"x":3}}"#
        let answers = try JSONDecoder().decode([String: SurveyAnswer].self, from: Data(json.utf8))
        #expect(
            answers == [
                "flag": .flag(true), "no": .flag(false), "number": .number(5), "fraction": .number(2.5),
                "text": .text("да"),
                "list": .list(["а", "б"]), "matrix": .matrix(["x": 3]),
            ])
        let again = try JSONDecoder().decode(
            [String: SurveyAnswer].self, from: try JSONEncoder().encode(answers))
        #expect(again == answers)
    }

    @Test("what is no answer is refused with what is accepted")
    func refused() {
        for json in [#"{"a":null}"#, #"{"a":[1,2]}"#, #"{"a":{"x":"y"}}"#] {
            #expect(throws: DecodingError.self) {
                _ = try JSONDecoder().decode([String: SurveyAnswer].self, from: Data(json.utf8))
            }
        }
    }
}
