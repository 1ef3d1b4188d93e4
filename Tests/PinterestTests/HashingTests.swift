import Pinterest
import Testing

@Suite("Hashing")
struct HashingTests {
    @Test(
        "known email vectors",
        arguments: [
            ("test@gmail.com", "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"),
            (" abc@gmail.com", "48ddb93f0b30c475423fe177832912c5bcdce3cc72872f8051627967ef278e08"),
            ("Test@Gmail.com\n", "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"),
            ("  TEST@GMAIL.COM  ", "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"),
        ]
    )
    func emailVectors(_ email: String, expected: String) {
        #expect(PinterestHashing.hashedEmail(email) == expected)
    }

    @Test("the leading space of the issue's vector is trimmed, not hashed")
    func leadingSpaceIsTrimmed() {
        let raw = PinterestHashing.sha256Hex(" abc@gmail.com")
        #expect(raw != "48ddb93f0b30c475423fe177832912c5bcdce3cc72872f8051627967ef278e08")
        #expect(PinterestHashing.sha256Hex("abc@gmail.com") == PinterestHashing.hashedEmail(" abc@gmail.com"))
    }

    @Test("sha256Hex hashes exactly the bytes given")
    func rawDigest() {
        #expect(PinterestHashing.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(PinterestHashing.sha256Hex("us") == "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621")
    }

    @Test("an existing SHA-256 hash passes through lowercased, never hashed twice")
    func hashPassesThrough() {
        let hash = "87924606B4131A8ACEEEAE8868531FBB9712AAA07A5D3A756B26CE0F5D6CA674"
        #expect(PinterestHashing.hashedEmail(hash) == hash.lowercased())
        #expect(PinterestHashing.hashedEmail("  \(hash.lowercased()) ") == hash.lowercased())
        let once = PinterestHashing.hashedEmail("test@gmail.com")
        #expect(once.flatMap(PinterestHashing.hashedEmail) == once)
    }

    @Test("63 or 65 hex digits, or a non-hex 64-character value, are not taken for hashes")
    func almostHashes() {
        #expect(!PinterestHashing.isSHA256Hex(String(repeating: "a", count: 63)))
        #expect(!PinterestHashing.isSHA256Hex(String(repeating: "a", count: 65)))
        #expect(!PinterestHashing.isSHA256Hex(String(repeating: "g", count: 64)))
        #expect(PinterestHashing.isSHA256Hex(String(repeating: "F", count: 64)))
    }

    @Test("values that are not emails are not hashed", arguments: ["", "   ", "no-at-sign", "@example.com", "user@"])
    func unusableEmails(_ value: String) {
        #expect(PinterestHashing.hashedEmail(value) == nil)
    }

    @Test("records are one comma-separated string, in order")
    func recordsString() {
        #expect(PinterestHashing.customerListRecords(["a1", "b2", "c3"]) == "a1,b2,c3")
    }
}
