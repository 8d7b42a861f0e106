"""The demo shop's catalog and carrier services: data that the demo store draws from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    price: float
    variants: tuple[str, ...]
    size: str = "small"  # parcel size class: small | medium | large
    final_sale: bool = False


PRODUCTS: tuple[Product, ...] = (
    Product("HAT-WOOL", "Merino Beanie", "winter_accessories", 32.0, ("Charcoal", "Rust", "Navy")),
    Product("HAT-POM", "Cable Knit Pom Hat", "winter_accessories", 28.0, ("Cream", "Forest", "Berry")),
    Product("MIT-FLC", "Fleece-Lined Mittens", "winter_accessories", 24.0, ("S/M", "L/XL")),
    Product("GLV-TCH", "Touchscreen Gloves", "winter_accessories", 26.0, ("S", "M", "L")),
    Product("SCF-CSH", "Cashmere Scarf", "winter_accessories", 89.0, ("Camel", "Grey", "Burgundy")),
    Product("JKT-DWN", "Packable Down Jacket", "outerwear", 189.0, ("XS", "S", "M", "L", "XL"), "medium"),
    Product("JKT-PRK", "Waterproof Parka", "outerwear", 249.0, ("S", "M", "L", "XL"), "large"),
    Product("VST-INS", "Insulated Vest", "outerwear", 119.0, ("S", "M", "L", "XL"), "medium"),
    Product("SWT-CRW", "Lambswool Crewneck", "knitwear", 78.0, ("S", "M", "L", "XL")),
    Product("SWT-CDG", "Chunky Cardigan", "knitwear", 98.0, ("S", "M", "L")),
    Product("TEE-BSC", "Organic Cotton Tee", "tops", 22.0, ("XS", "S", "M", "L", "XL")),
    Product("FLN-SHT", "Flannel Shirt", "tops", 64.0, ("S", "M", "L", "XL")),
    Product("PNT-CRD", "Corduroy Trousers", "bottoms", 84.0, ("30", "32", "34", "36")),
    Product("JNS-SLM", "Slim Selvedge Jeans", "bottoms", 128.0, ("29", "30", "31", "32", "34")),
    Product("BTS-CHL", "Chelsea Boots", "footwear", 165.0, ("8", "9", "10", "11", "12"), "medium"),
    Product("BTS-SNW", "Insulated Snow Boots", "footwear", 139.0, ("7", "8", "9", "10", "11"), "medium"),
    Product("SLP-SHR", "Shearling Slippers", "footwear", 58.0, ("S", "M", "L")),
    Product("SCK-WOL", "Wool Hiking Socks (3-pack)", "socks", 27.0, ("M", "L"), final_sale=True),
    Product("BLK-THR", "Chunky Throw Blanket", "home", 79.0, ("Oat", "Slate"), "medium"),
    Product("MUG-STN", "Stoneware Mug Set", "home", 42.0, ("Speckled", "Matte Black"), "medium"),
    Product("CND-PIN", "Pine & Cedar Candle", "home", 26.0, ("8 oz", "14 oz")),
    Product("LMP-DSK", "Brass Desk Lamp", "home", 96.0, ("Brass",), "large"),
    Product("BAG-WKD", "Waxed Canvas Weekender", "bags", 148.0, ("Olive", "Tan"), "medium"),
    Product("BAG-TOT", "Everyday Tote", "bags", 48.0, ("Natural", "Black")),
    Product("WLT-LTH", "Leather Card Wallet", "accessories", 45.0, ("Brown", "Black")),
    Product("BLT-LTH", "Leather Belt", "accessories", 55.0, ("32", "34", "36", "38")),
    Product("BTL-INS", "Insulated Bottle", "gear", 34.0, ("20 oz", "32 oz")),
    Product("HDP-WRL", "Wireless Headphones", "electronics", 129.0, ("Black", "Sand"), "medium"),
    Product("CHG-PWR", "Power Bank 10k", "electronics", 39.0, ("White",)),
    Product("EAR-MUF", "Knit Ear Muffs", "winter_accessories", 19.0, ("Grey", "Pink")),
    Product("GFT-CRD", "Gift Card", "gift_cards", 50.0, ("$50",), final_sale=True),
    Product("CLR-HAT", "Clearance Trapper Hat", "clearance", 15.0, ("One size",), final_sale=True),
    Product("UND-SET", "Thermal Base Layer Set", "intimates", 59.0, ("S", "M", "L"), final_sale=True),
    Product("PJS-FLN", "Flannel Pajama Set", "sleepwear", 68.0, ("S", "M", "L", "XL")),
    Product("ORN-GLS", "Glass Ornament Set", "holiday", 36.0, ("Gold", "Silver"), "medium"),
)


@dataclass(frozen=True)
class Service:
    carrier: str
    name: str
    transit_days: tuple[int, int]  # min, max business days after pickup
    shipping_fee: float


SERVICES: tuple[Service, ...] = (
    Service("ups", "UPS Ground", (2, 5), 8.95),
    Service("ups", "UPS 2nd Day Air", (2, 2), 18.95),
    Service("ups", "UPS Next Day Air", (1, 1), 29.95),
    Service("usps", "USPS Ground Advantage", (3, 5), 5.95),
    Service("usps", "USPS Priority Mail", (1, 3), 9.95),
    Service("usps", "USPS Priority Mail Express", (1, 2), 27.95),
    Service("fedex", "FedEx Home Delivery", (2, 5), 8.95),
    Service("fedex", "FedEx 2Day", (2, 2), 19.95),
    Service("fedex", "FedEx Standard Overnight", (1, 1), 31.95),
    Service("dhl", "DHL Express Domestic", (1, 3), 22.95),
)

CARRIER_NAMES: dict[str, str] = {"ups": "UPS", "usps": "USPS", "fedex": "FedEx", "dhl": "DHL Express"}
