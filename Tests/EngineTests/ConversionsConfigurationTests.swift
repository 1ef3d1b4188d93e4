import Engine
import Foundation
import Pinterest
import Testing

@Suite("Conversions: the map and limits, and conversions.yml")
struct ConversionsConfigurationTests {
    @Test("the default map starts narrow: the funnel's six events; 7 days; 30 minutes")
    func defaults() {
        let standard = ConversionsConfiguration.standard
        #expect(standard.events == [
            "Add to Cart": .addToCart, "Product Added": .addToCart, "Checkout Started": .initiateCheckout,
            "Order Completed": .checkout, "Purchase": .checkout, "Product Viewed": .pageVisit,
        ])
        #expect(standard.cartNames == ["Add to Cart", "Product Added"])
        #expect(standard.maxAge == .seconds(604_800))
        #expect(standard.cartWindow == .seconds(1800))
        #expect(standard.defaultActionSource == .web)
        #expect(standard.eventIDProperty == nil)
    }

    @Test("a file sets every key; what it leaves out keeps its default")
    func fullFile() throws {
        let yaml = """
            # conversions.yml
            events:
              Add to Cart: add_to_cart
              Order Completed: checkout
              Lead Captured: lead
            event_id_property: pin_event_id
            max_age: 3d
            cart_window: 45m
            default_action_source: offline
            default_calling_code: "+44"
            """
        let configuration = try ConversionsConfiguration(yaml: yaml)
        #expect(
            configuration.events == ["Add to Cart": .addToCart, "Order Completed": .checkout, "Lead Captured": .lead]
        )
        #expect(configuration.eventIDProperty == "pin_event_id")
        #expect(configuration.maxAge == .seconds(3 * 86_400))
        #expect(configuration.cartWindow == .seconds(45 * 60))
        #expect(configuration.defaultActionSource == .offline)
        #expect(configuration.defaultCallingCode == "44")
        #expect(try ConversionsConfiguration(yaml: "max_age: 90s").events == ConversionsConfiguration.defaultEvents)
        #expect(try ConversionsConfiguration(yaml: "") == .standard)
        #expect(try ConversionsConfiguration(yaml: "max_age: 3600").maxAge == .seconds(3600))
        #expect(try ConversionsConfiguration(yaml: "cart_window: 2w").cartWindow == .seconds(14 * 86_400))
    }

    @Test(
        "a wrong file says where and what",
        arguments: [
            (
                "events:\n  Order Completed: purchase\n",
                "conversions.yml:2: 'purchase' (for Order Completed) is not a Pinterest event name"
            ),
            ("max_age: 7 days\n", "conversions.yml:1: max_age '7 days' is not a duration such as 30m, 12h or 7d"),
            ("cart_window: 0m\n", "conversions.yml:1: cart_window '0m' is not a duration"),
            ("maxAge: 7d\n", "conversions.yml:1: unknown key 'maxAge'; the keys are events, event_id_property"),
            ("default_action_source: mobile\n", "conversions.yml:1: default_action_source 'mobile' is not one of web"),
            ("default_calling_code: one\n", "conversions.yml:1: default_calling_code must be 1 to 4 digits"),
            ("events: [a, b]\n", "conversions.yml:1: events must map Customer.io event names"),
            ("- just\n- a list\n", "conversions.yml:1: expected a mapping"),
            ("events:\n  a: b\n c: d\n", "conversions.yml:3: not YAML"),
        ]
    )
    func errors(yaml: String, message: String) {
        #expect {
            try ConversionsConfiguration(yaml: yaml)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("a file that cannot be read names itself")
    func unreadable() {
        #expect {
            try ConversionsConfiguration.load(path: "/nonexistent/conversions.yml")
        } throws: { error in
            "\(error)" == "/nonexistent/conversions.yml: cannot be read"
        }
    }
}
