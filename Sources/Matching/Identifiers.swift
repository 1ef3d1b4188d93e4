import Foundation

/// Normalisation of identifiers before hashing, by the rules of the spec's `user_data` descriptions.
///
/// Every function trims surrounding whitespace first and returns `nil` when nothing usable is left, so that a
/// value Pinterest could never match is not hashed and sent. Hash with ``PinterestHashing`` afterwards (or use
/// the Pinterest target's `ConversionUserData(hashing:)`, which does both).
///
/// | field | rule | example |
/// |---|---|---|
/// | email `em` | lowercase; must hold an `@` | ` Ab@X.com` → `ab@x.com` |
/// | phone `ph` | digits only, country code, no leading zeros | `+44 (0)20 7946 0958` → `442079460958` |
/// | first/last name `fn`/`ln` | lowercase | `Anne-Marie` → `anne-marie` |
/// | city `ct` | lowercase, no spaces or punctuation | `St. Louis` → `stlouis` |
/// | state `st` | two lowercase letters (US state names mapped) | `California` → `ca` |
/// | country `country` | two lowercase letters (ISO-3166) | `US` → `us` |
/// | zip `zp` | digits only; first 5 for the US | `94107-1234` → `94107` |
/// | gender `ge` | `f`, `m` or `n` | `Female` → `f` |
/// | date of birth `db` | `YYYYMMDD` | `1990-01-31` → `19900131` |
public enum Identifiers {
    /// `" Ab@Example.COM"` → `"ab@example.com"`; `nil` without an `@` between two non-empty parts.
    public static func normalizedEmail(_ email: String) -> String? {
        emailShaped(trimmedLowercased(email))
    }

    /// What an email is matched by before hashing: the normalised email, or a value that already is a SHA-256
    /// hash of one, lowercased. The store identifies people by it and hashes it for Pinterest
    /// (``PinterestHashing/hashedEmail(_:)``); `nil` for a value that is neither (`"none"`, `"n/a"`).
    public static func emailKey(_ email: String) -> String? {
        let value = trimmedLowercased(email)
        if PinterestHashing.isSHA256Hex(value) { return value }
        return emailShaped(value)
    }

    /// `value` (trimmed and lowercased already) when it has an `@` between two non-empty parts.
    private static func emailShaped(_ value: String) -> String? {
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex
        else { return nil }
        return value
    }

    /// Trimmed and lowercased; an all-ASCII value on its bytes (Foundation's trimming took a tenth of the
    /// ingest's identify time), other text by Foundation's `whitespacesAndNewlines`, code point by code point,
    /// the rule the store has always keyed and hashed emails by.
    static func trimmedLowercased(_ text: String) -> String {
        asciiTrimmedLowercased(text) ?? text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// An all-ASCII value trimmed of spaces, tabs and line breaks and lowercased on its bytes; nil for other
    /// text, which takes the Unicode-aware path.
    static func asciiTrimmedLowercased(_ text: String) -> String? {
        let original = text
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
            let isUpper = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }),
                let last = bytes.lastIndex(where: { !isSpace($0) })
            else { return "" }
            let trimmed = bytes[first...last]
            if first == 0, last == bytes.count - 1, !trimmed.contains(where: isUpper) { return original }
            return String(decoding: trimmed.map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// Digits only, with the country code, without leading zeros.
    ///
    /// A number written internationally (`+44 20…` or `0044 20…`) keeps its own country code. A national number
    /// (`(415) 555-0132`, `020 7946 0958`) loses its trunk zeros and gets `defaultCallingCode` in front, unless
    /// it already starts with that code and is longer than 10 digits (`1 415 555 0132` in the US). Without a
    /// default code a national number is taken to include its country code already.
    ///
    /// - Parameters:
    ///   - phone: The number as written; letters, spaces and symbols are dropped.
    ///   - defaultCallingCode: The calling code for national numbers, `"1"` for the US; digits only.
    /// - Returns: The digits, or `nil` when fewer than 6 are left (no real number is that short).
    public static func normalizedPhone(_ phone: String, defaultCallingCode: String? = nil) -> String? {
        // "+44 (0)20 …": the bracketed trunk zero is dropped when dialling from abroad.
        let cleaned = phone.replacingOccurrences(of: "(0)", with: "")
        let start = cleaned.firstIndex { $0 == "+" || $0.isASCIIDigit } ?? cleaned.endIndex
        let trimmed = cleaned[start...]
        let international = trimmed.hasPrefix("+") || trimmed.hasPrefix("00")
        var digits = String(trimmed.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        digits = String(digits.drop { $0 == "0" })
        guard !digits.isEmpty else { return nil }
        if !international, let code = defaultCallingCode.map({ String($0.drop { $0 == "0" || $0 == "+" }) }),
            !code.isEmpty, !(digits.hasPrefix(code) && digits.count > 10)
        {
            digits = code + digits
        }
        return digits.count >= 6 ? digits : nil
    }

    /// A first or last name, lowercased.
    public static func normalizedName(_ name: String) -> String? {
        nonEmpty(name.trimmingWhitespace().lowercased())
    }

    /// A city, lowercased, with only its letters and digits: `"San Francisco"` → `"sanfrancisco"`.
    public static func normalizedCity(_ city: String) -> String? {
        nonEmpty(lettersAndDigits(city.lowercased()))
    }

    /// A state as two lowercase letters: `"CA"` → `"ca"`; US state names are mapped (`"New York"` → `"ny"`).
    public static func normalizedState(_ state: String) -> String? {
        let letters = lettersAndDigits(state.lowercased())
        if letters.count == 2, letters.allSatisfy({ $0.isASCII && $0.isLetter }) { return letters }
        return usStates[letters]
    }

    /// A country as two lowercase letters (ISO-3166): `"US"` → `"us"`; a few common names and codes are mapped
    /// (`"USA"`, `"United States"` → `"us"`; `"UK"`, `"United Kingdom"` → `"gb"`).
    public static func normalizedCountry(_ country: String) -> String? {
        let letters = lettersAndDigits(country.lowercased())
        if let alias = countryAliases[letters] { return alias }
        guard letters.count == 2, letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return letters
    }

    /// A zip code as digits only; for the US (`country` normalising to `us`) its first five digits, so that
    /// ZIP+4 (`94107-1234`) matches the plain ZIP.
    public static func normalizedZip(_ zip: String, country: String? = nil) -> String? {
        let digits = String(zip.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        guard !digits.isEmpty else { return nil }
        if let country, normalizedCountry(country) == "us" { return String(digits.prefix(5)) }
        return digits
    }

    /// A gender as `f`, `m` or `n` (non-binary); `nil` for anything else.
    public static func normalizedGender(_ gender: String) -> String? {
        genders[lettersAndDigits(gender.lowercased())]
    }

    /// A date of birth as `YYYYMMDD`, from `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` or an ISO-8601
    /// timestamp; `nil` for other shapes or impossible months and days.
    public static func normalizedDateOfBirth(_ date: String) -> String? {
        let trimmed = date.trimmingWhitespace()
        let datePart = trimmed.split(separator: "T", maxSplits: 1).first.map(String.init) ?? trimmed
        let pieces = datePart.split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        let digits: String
        let shortParts = pieces.count == 3 && pieces.dropFirst().allSatisfy { (1...2).contains($0.count) }
        if shortParts, pieces[0].count == 4 {
            digits = pieces[0] + pad(pieces[1]) + pad(pieces[2])
        } else if pieces.count == 1, datePart.count == 8 {
            digits = datePart
        } else {
            return nil
        }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit),
            let month = Int(digits.dropFirst(4).prefix(2)), (1...12).contains(month),
            let day = Int(digits.suffix(2)), (1...31).contains(day)
        else { return nil }
        return digits
    }

    /// A mobile advertising id (GAID or IDFA), lowercased.
    public static func normalizedMobileAdID(_ id: String) -> String? {
        nonEmpty(id.trimmingWhitespace().lowercased())
    }

    /// An advertiser's own user id, trimmed only: ids are case-sensitive.
    public static func normalizedExternalID(_ id: String) -> String? {
        nonEmpty(id.trimmingWhitespace())
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func pad(_ text: String) -> String { text.count == 1 ? "0" + text : text }

    private static func lettersAndDigits(_ text: String) -> String {
        String(text.filter { $0.isLetter || $0.isNumber })
    }
}

extension Identifiers {
    /// US state and territory names (letters only, lowercase) to their two-letter codes.
    static let usStates: [String: String] = [
        "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca",
        "colorado": "co", "connecticut": "ct", "delaware": "de", "districtofcolumbia": "dc", "florida": "fl",
        "georgia": "ga", "hawaii": "hi", "idaho": "id", "illinois": "il", "indiana": "in", "iowa": "ia",
        "kansas": "ks", "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md",
        "massachusetts": "ma", "michigan": "mi", "minnesota": "mn", "mississippi": "ms", "missouri": "mo",
        "montana": "mt", "nebraska": "ne", "nevada": "nv", "newhampshire": "nh", "newjersey": "nj",
        "newmexico": "nm", "newyork": "ny", "northcarolina": "nc", "northdakota": "nd", "ohio": "oh",
        "oklahoma": "ok", "oregon": "or", "pennsylvania": "pa", "rhodeisland": "ri", "southcarolina": "sc",
        "southdakota": "sd", "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va",
        "washington": "wa", "westvirginia": "wv", "wisconsin": "wi", "wyoming": "wy", "puertorico": "pr",
        "guam": "gu", "americansamoa": "as", "usvirginislands": "vi", "northernmarianaislands": "mp",
    ]

    /// Common country names and three-letter spellings (letters only, lowercase) to ISO-3166 alpha-2 codes.
    static let countryAliases: [String: String] = [
        "usa": "us", "unitedstates": "us", "unitedstatesofamerica": "us",
        "uk": "gb", "gbr": "gb", "unitedkingdom": "gb", "greatbritain": "gb",
        "can": "ca", "canada": "ca", "aus": "au", "australia": "au", "deu": "de", "germany": "de",
        "fra": "fr", "france": "fr", "mex": "mx", "mexico": "mx",
    ]

    /// Gender spellings (letters only, lowercase) to Pinterest's `f`, `m` and `n`.
    static let genders: [String: String] = [
        "f": "f", "female": "f", "woman": "f", "w": "f",
        "m": "m", "male": "m", "man": "m",
        "n": "n", "nonbinary": "n", "nb": "n", "x": "n",
    ]
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
