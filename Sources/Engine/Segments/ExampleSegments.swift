/// The example segments of the repository's `segments/` directory, carried by the binary so that
/// `segsync demo` works from any directory. `ExampleSegmentsTests` checks that they equal the files;
/// after changing a file, copy its text here (the test names the file that differs).
public enum ExampleSegments {
    /// The source label of the built-in copy, in messages.
    public static let source = "(built-in example segments)"

    /// Each file's name and text, sorted by name.
    public static let files: [(name: String, text: String)] = [
        ("aliases.yml", #"""
# Event aliases: a canonical name in a rule matches every event name in its list (itself only if listed).
# Not a segment. See ../shared/design/segment-language.md.
Purchased: [Order Completed, Purchase]
Add to Cart: [Add to Cart, Product Added]
Refunded: [Refunded, Order Refunded]

"""#),
        ("cart_abandoners_0_6h.yml", #"""
description: >-
  First reminder for carts abandoned in the last 6 hours, while the intent is fresh. The tiers are
  exclusive: a person is in the tier of their latest cart.
rule: Add to Cart in last 6h AND NOT Purchased in last 6h
pinterest:
  audience: "Cart abandoners 0-6h"

"""#),
        ("cart_abandoners_1_3d.yml", #"""
description: Carts abandoned one to three days ago (and no newer cart); a reminder with reviews.
rule: Add to Cart between 1d and 3d ago AND NOT Add to Cart in last 24h AND NOT Purchased in last 3d
pinterest:
  audience: "Cart abandoners 1-3d"

"""#),
        ("cart_abandoners_4_7d.yml", #"""
description: Carts abandoned on days four to seven (and no newer cart); the last try, with an offer.
rule: Add to Cart between 3d and 7d ago AND NOT Add to Cart in last 3d AND NOT Purchased in last 7d
pinterest:
  audience: "Cart abandoners 4-7d"

"""#),
        ("cart_abandoners_6_24h.yml", #"""
description: Social-proof tier for carts abandoned 6-24h ago (and no newer cart).
rule: Add to Cart between 6h and 24h ago AND NOT Add to Cart in last 6h AND NOT Purchased in last 24h
pinterest:
  audience: "Cart abandoners 6-24h"

"""#),
        ("checkout_no_purchase_24h.yml", #"""
description: >-
  Started a checkout in the last 24 hours and has not purchased since. (Without the window, NOT Purchased
  would mean "never purchased", a first-order audience.)
rule: Checkout Started in last 24h AND NOT Purchased in last 24h
pinterest:
  audience: "Checkout, no purchase 24h"

"""#),
        ("checkout_not_followed_6h.yml", #"""
description: >-
  A checkout in the last 24 hours that no purchase followed within 6 hours. A checkout less than 6 hours
  old has not had its chance yet and does not count.
rule: Checkout Started in last 24h not followed by Purchased within 6h
pinterest:
  audience: "Checkout not completed in 6h"

"""#),
        ("lapsed_buyers.yml", #"""
description: Bought before, but nothing in the last 90 days; a win-back audience.
rule: Purchased more than 90d ago AND NOT Purchased in last 90d
pinterest:
  audience: "Lapsed buyers 90d"

"""#),
        ("purchased_14d.yml", #"""
description: Bought in the last 14 days; taken out of every audience that does not opt out.
rule: Purchased in last 14d
suppression: true

"""#),
        ("refunded.yml", #"""
description: Had an order refunded in the last 90 days; no retargeting while that settles.
rule: Refunded in last 90d
suppression: true

"""#),
        ("vip_ltv_300.yml", #"""
description: Customers whose lifetime value is over $300, for loyalty campaigns and lookalikes.
rule: LTV > $300
pinterest:
  audience: "VIP customers LTV 300+"
# A VIP who has just bought is still a VIP: this audience opts out of the purchased_14d suppression
# segment. ignore_suppression takes a list of suppression segment names, or true to opt out of all of them;
# the others (here: refunded) still apply.
ignore_suppression: [purchased_14d]

"""#),
    ]
}
