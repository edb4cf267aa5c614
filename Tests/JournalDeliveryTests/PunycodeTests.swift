import JournalDelivery
import Testing

/// Domains of the .рф zone, as Python's `idna` codec writes them.
@Suite struct PunycodeTests {
    @Test(arguments: [
        ("школа.рф", "xn--80atdl2c.xn--p1ai"), ("почта.рф", "xn--80a1acny.xn--p1ai"),
        ("пример.испытание", "xn--e1afmkfd.xn--80akhbyknj4f"), ("Example.ORG", "example.org"),
    ])
    func internationalDomainsBecomeASCII(domain: String, ascii: String) {
        #expect(InternationalDomain.ascii(domain) == ascii)
    }

    @Test func anAddressKeepsItsLocalPart() {
        #expect(InternationalDomain.asciiAddress("Ivanova.A-S@школа.рф") == "Ivanova.A-S@xn--80atdl2c.xn--p1ai")
    }
}
