import Pinterest
import Testing

@Suite("Normalisation of user data, by the spec's rules")
struct NormalisationTests {
    @Test(
        "phones: digits with country code, no symbols, no leading zeros",
        arguments: [
            ("+1 (415) 555-0132", nil, "14155550132"),
            ("(415) 555-0132", "1", "14155550132"),
            ("1 415 555 0132", "1", "14155550132"),
            ("+44 (0)20 7946 0958", nil, "442079460958"),
            ("0044 20 7946 0958", nil, "442079460958"),
            ("020 7946 0958", "44", "442079460958"),
            ("tel: +33 6 12 34 56 78", "1", "33612345678"),
            ("000", "1", nil),
            ("12345", nil, nil),
        ] as [(String, String?, String?)]
    )
    func phones(_ raw: String, callingCode: String?, expected: String?) {
        #expect(Identifiers.normalizedPhone(raw, defaultCallingCode: callingCode) == expected)
    }

    @Test("names: lowercase", arguments: [(" Anne-Marie ", "anne-marie"), ("ÉLODIE", "élodie"), ("  ", nil)])
    func names(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedName(raw) == expected)
    }

    @Test(
        "cities: lowercase without spaces or punctuation",
        arguments: [("San Francisco", "sanfrancisco"), ("St. Louis", "stlouis"), ("Winston-Salem", "winstonsalem"),
                    ("São Paulo", "sãopaulo"), (" - ", nil)] as [(String, String?)]
    )
    func cities(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedCity(raw) == expected)
    }

    @Test(
        "states: two lowercase letters",
        arguments: [("CA", "ca"), (" ny ", "ny"), ("N.Y.", "ny"), ("California", "ca"), ("New York", "ny"),
                    ("Atlantis", nil), ("C4", nil)] as [(String, String?)]
    )
    func states(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedState(raw) == expected)
    }

    @Test(
        "countries: two lowercase letters",
        arguments: [("US", "us"), ("us", "us"), ("USA", "us"), ("United States", "us"), ("UK", "gb"), ("fr", "fr"),
                    ("Narnia", nil)] as [(String, String?)]
    )
    func countries(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedCountry(raw) == expected)
    }

    @Test(
        "zips: digits only; five for the US",
        arguments: [("94107-1234", "US", "94107"), ("94107", "us", "94107"), ("94107-1234", nil, "941071234"),
                    ("75008", "FR", "75008"), ("SW1A 1AA", "GB", "11"), ("ABC", nil, nil)]
            as [(String, String?, String?)]
    )
    func zips(_ raw: String, country: String?, expected: String?) {
        #expect(Identifiers.normalizedZip(raw, country: country) == expected)
    }

    @Test(
        "genders: f, m or n",
        arguments: [("F", "f"), ("female", "f"), ("Male", "m"), ("non-binary", "n"), ("n", "n"), ("unknown", nil)]
            as [(String, String?)]
    )
    func genders(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedGender(raw) == expected)
    }

    @Test(
        "dates of birth: YYYYMMDD",
        arguments: [("1990-01-31", "19900131"), ("1990/1/5", "19900105"), ("19900131", "19900131"),
                    ("1990-01-31T00:00:00Z", "19900131"), ("1990-13-01", nil), ("31/01/1990", nil), ("", nil)]
            as [(String, String?)]
    )
    func datesOfBirth(_ raw: String, expected: String?) {
        #expect(Identifiers.normalizedDateOfBirth(raw) == expected)
    }

    @Test("user data: each field normalised, hashed, deduplicated; IP and user agent plain")
    func userData() throws {
        let raw = RawUserData(
            emails: [" Test@Gmail.com", "test@gmail.com", "not an email"],
            phones: ["(415) 555-0132"], firstNames: ["Ann"], lastNames: ["O'Neil"], genders: ["Female"],
            datesOfBirth: ["1990-01-31"], cities: ["San Francisco"], states: ["California"], zips: ["94107-1234"],
            countries: ["USA"], externalIDs: ["User-42"], mobileAdIDs: ["AB-CD"],
            clientIPAddress: " 203.0.113.9 ", clientUserAgent: "Mozilla/5.0", defaultCallingCode: "1"
        )
        let data = ConversionUserData(hashing: raw)
        let hash = PinterestHashing.sha256Hex
        #expect(data.em == ["87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"])
        #expect(data.ph == [hash("14155550132")])
        #expect(data.fn == [hash("ann")])
        #expect(data.ln == [hash("o'neil")])
        #expect(data.ge == [hash("f")])
        #expect(data.db == [hash("19900131")])
        #expect(data.ct == [hash("sanfrancisco")])
        #expect(data.st == [hash("ca")])
        #expect(data.zp == [hash("94107")])
        #expect(data.country == [hash("us")])
        #expect(data.externalID == [hash("User-42")])
        #expect(data.hashedMaids == [hash("ab-cd")])
        #expect(data.clientIPAddress == "203.0.113.9")
        #expect(data.isMatchable)
    }

    @Test("the spec's example zip hash is the hash of a normalised zip")
    func specZipExample() {
        let example = "fd5f56b40a79a385708428e7b32ab996a681080a166a2206e750eb4819186145"
        #expect(Identifiers.normalizedZip("99999-0000", country: "US").map(PinterestHashing.sha256Hex) == example)
    }

    @Test("matchable needs an email, a mobile ad id, or IP with user agent")
    func matchability() {
        #expect(!ConversionUserData(hashing: RawUserData(phones: ["+1 415 555 0132"])).isMatchable)
        #expect(!ConversionUserData(hashing: RawUserData(clientIPAddress: "203.0.113.9")).isMatchable)
        #expect(
            ConversionUserData(hashing: RawUserData(clientIPAddress: "203.0.113.9", clientUserAgent: "UA")).isMatchable
        )
        #expect(ConversionUserData(hashing: RawUserData(mobileAdIDs: ["ab"])).isMatchable)
    }
}
