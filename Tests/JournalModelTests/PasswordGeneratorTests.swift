import JournalModel
import Testing

@Suite struct PasswordGeneratorTests {
    @Test func alphabetHasNoLookAlikesAndNoPunctuation() {
        for character in "0Oo1lIij" {
            #expect(!PasswordGenerator.alphabet.contains(character))
        }
        #expect(PasswordGenerator.alphabet.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(Set(PasswordGenerator.alphabet).count == PasswordGenerator.alphabet.count)
    }

    @Test(arguments: [3, 4, 8, 10, 16, 64])
    func everyPasswordHasADigitALowerAndAnUpperCaseLetter(length: Int) {
        var random = SeededRandom(seed: UInt64(length))
        let generator = PasswordGenerator(length: length)
        for _ in 0..<500 {
            let password = generator.makePassword(using: &random)
            #expect(password.count == length)
            #expect(password.allSatisfy(PasswordGenerator.alphabet.contains))
            #expect(password.contains(where: PasswordGenerator.digits.contains))
            #expect(password.contains(where: PasswordGenerator.lowercase.contains))
            #expect(password.contains(where: PasswordGenerator.uppercase.contains))
        }
    }

    @Test func defaultsToTenCharactersAndNeverFewerThanThree() {
        #expect(PasswordGenerator().length == 10)
        #expect(PasswordGenerator(length: 1).length == 3)
        var random = SystemRandomNumberGenerator()
        #expect(PasswordGenerator().makePassword(using: &random).count == 10)
    }

    @Test func sameSeedGivesTheSamePasswords() {
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        var other = SeededRandom(seed: 43)
        let generator = PasswordGenerator()
        let a = (0..<20).map { _ in generator.makePassword(using: &first) }
        let b = (0..<20).map { _ in generator.makePassword(using: &second) }
        let c = (0..<20).map { _ in generator.makePassword(using: &other) }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func usesTheWholeAlphabet() {
        var random = SeededRandom(seed: 7)
        let generator = PasswordGenerator(length: 12)
        var seen = Set<Character>()
        for _ in 0..<1_000 { seen.formUnion(generator.makePassword(using: &random)) }
        #expect(seen == Set(PasswordGenerator.alphabet))
    }
}

/// SplitMix64: a tiny seeded generator for reproducible tests.
private struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
