/// The identifiers' normalisation and hashing (``Identifiers``, ``PinterestHashing``) live in `Matching`, which the
/// store shares; a user of this client sees them as its own.
@_exported import Matching
