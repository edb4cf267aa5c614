/// Makes first-sign-in passwords (R11) that can be read off a printed slip or dictated over
/// the phone: letters and digits only, none that look alike (0 O o 1 l I i j), at least one
/// digit, one lower-case and one upper-case letter.
///
/// The random source is passed in, so the demo school is reproducible with a seeded generator
/// while production uses `SystemRandomNumberGenerator`.
public struct PasswordGenerator: Sendable {
    public static let digits = "23456789"
    public static let lowercase = "abcdefghkmnpqrstuvwxyz"
    public static let uppercase = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    /// Every character a password may contain.
    public static let alphabet = digits + lowercase + uppercase

    /// The number of characters; at least 3, one of each class.
    public let length: Int

    public init(length: Int = 10) {
        self.length = max(3, length)
    }

    /// A new password drawn from `generator`.
    public func makePassword<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        let classes = [Self.digits, Self.lowercase, Self.uppercase].map(Array.init)
        let all = Array(Self.alphabet)
        var characters = classes.map { pick(from: $0, using: &generator) }
        while characters.count < length {
            characters.append(pick(from: all, using: &generator))
        }
        // Fisher–Yates, so the guaranteed characters do not always lead.
        for index in stride(from: characters.count - 1, to: 0, by: -1) {
            let other = Int(generator.next(upperBound: UInt64(index + 1)))
            characters.swapAt(index, other)
        }
        return String(characters)
    }

    private func pick<Generator: RandomNumberGenerator>(
        from characters: [Character], using generator: inout Generator
    ) -> Character {
        characters[Int(generator.next(upperBound: UInt64(characters.count)))]
    }
}
