import Foundation
import Testing

@testable import Matching

/// The one email rule, which the store's identities and hashes and every request to Pinterest share.
@Suite struct EmailHashTests {
    @Test func knownVectorsAndPassThrough() {
        #expect(PinterestHashing.hashedEmail("test@gmail.com") == "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674")
        #expect(PinterestHashing.hashedEmail(" abc@gmail.com") == PinterestHashing.hashedEmail("abc@gmail.com"))
        #expect(PinterestHashing.hashedEmail(" Test@Gmail.com\n") == PinterestHashing.hashedEmail("test@gmail.com"))
        let hashed = "87924606B4131A8ACEEEAE8868531FBB9712AAA07A5D3A756B26CE0F5D6CA674"
        #expect(PinterestHashing.hashedEmail(hashed) == hashed.lowercased())
        #expect(PinterestHashing.hashedEmail("   ") == nil)
    }

    /// The byte path for ASCII values gives what Foundation's trimming and lowercasing give.
    @Test func theASCIIPathAgreesWithTheUnicodePath() {
        let values = [
            "pat@example.com", " Pat@Example.COM ", "\t\r\nA@B.C\u{0B}\u{0C}", "   ", "", "ZZ", "a b@c.d",
            "MiXeD.Case+Tag@Example.Org",
        ]
        for value in values {
            let unicode = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            #expect(Identifiers.asciiTrimmedLowercased(value) == unicode, "\(value.debugDescription)")
        }
        for byte in UInt8(0)..<128 {
            let character = String(UnicodeScalar(byte))
            for value in [character, character + "Pat@X.io" + character, "a" + character + "B"] {
                let unicode = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                #expect(Identifiers.asciiTrimmedLowercased(value) == unicode, "byte \(byte)")
            }
        }
        #expect(Identifiers.asciiTrimmedLowercased("\u{A0}pat@example.com") == nil)
        #expect(Identifiers.emailKey("\u{A0}Pât@Example.com\u{2003}") == "pât@example.com")
    }

    /// An @ between two non-empty parts, as `Identifiers.normalizedEmail` asks.
    @Test func aValueThatIsNotAnEmailHasNoHash() {
        for junk in ["none", "n/a", "@example.com", "pat@", "@", "null"] {
            #expect(PinterestHashing.hashedEmail(junk) == nil, "\(junk)")
        }
        #expect(Identifiers.emailKey(" Pat@Example.COM ") == "pat@example.com")
    }

    /// Other text is trimmed by Foundation's white space, code point by code point, as the store always keyed
    /// emails: a combining accent at the start stays, a zero-width space goes as Foundation says.
    @Test func theUnicodePathIsFoundations() {
        for value in ["\u{A0}Pât@Example.com\u{2003}", " \u{301}pat@x.io", "\u{200B}pat@x.io", "\u{3000}ÉLISE@X.FR\n"] {
            #expect(Identifiers.trimmedLowercased(value)
                == value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), "\(value.debugDescription)")
        }
    }
}
