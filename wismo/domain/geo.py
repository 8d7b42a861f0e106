"""Places: distances between coordinates and the US cities the demo store ships to and from."""

from __future__ import annotations

import math
from dataclasses import dataclass


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class City:
    name: str
    region: str  # two-letter state
    zips: tuple[str, ...]
    lat: float
    lon: float
    timezone: str = "America/New_York"


CITIES: tuple[City, ...] = (
    City("New York", "NY", ("10001", "10011", "10025", "10128"), 40.7128, -74.0060),
    City("Brooklyn", "NY", ("11201", "11215", "11238"), 40.6782, -73.9442),
    City("Boston", "MA", ("02108", "02116", "02130"), 42.3601, -71.0589),
    City("Philadelphia", "PA", ("19103", "19107", "19147"), 39.9526, -75.1652),
    City("Pittsburgh", "PA", ("15213", "15222"), 40.4406, -79.9959),
    City("Baltimore", "MD", ("21201", "21218"), 39.2904, -76.6122),
    City("Washington", "DC", ("20001", "20009", "20016"), 38.9072, -77.0369),
    City("Richmond", "VA", ("23219", "23220"), 37.5407, -77.4360),
    City("Charlotte", "NC", ("28202", "28205"), 35.2271, -80.8431),
    City("Raleigh", "NC", ("27601", "27605"), 35.7796, -78.6382),
    City("Atlanta", "GA", ("30303", "30308", "30318"), 33.7490, -84.3880),
    City("Miami", "FL", ("33130", "33139"), 25.7617, -80.1918),
    City("Orlando", "FL", ("32801", "32803"), 28.5383, -81.3792),
    City("Tampa", "FL", ("33602", "33606"), 27.9506, -82.4572),
    City("Nashville", "TN", ("37203", "37206"), 36.1627, -86.7816, "America/Chicago"),
    City("Chicago", "IL", ("60601", "60614", "60622", "60647"), 41.8781, -87.6298, "America/Chicago"),
    City("Detroit", "MI", ("48201", "48226"), 42.3314, -83.0458),
    City("Minneapolis", "MN", ("55401", "55408"), 44.9778, -93.2650, "America/Chicago"),
    City("Milwaukee", "WI", ("53202", "53212"), 43.0389, -87.9065, "America/Chicago"),
    City("St. Louis", "MO", ("63101", "63110"), 38.6270, -90.1994, "America/Chicago"),
    City("Kansas City", "MO", ("64105", "64111"), 39.0997, -94.5786, "America/Chicago"),
    City("Dallas", "TX", ("75201", "75204", "75214"), 32.7767, -96.7970, "America/Chicago"),
    City("Houston", "TX", ("77002", "77006", "77019"), 29.7604, -95.3698, "America/Chicago"),
    City("Austin", "TX", ("78701", "78704"), 30.2672, -97.7431, "America/Chicago"),
    City("Denver", "CO", ("80202", "80206", "80218"), 39.7392, -104.9903, "America/Denver"),
    City("Phoenix", "AZ", ("85003", "85016"), 33.4484, -112.0740, "America/Phoenix"),
    City("Salt Lake City", "UT", ("84101", "84105"), 40.7608, -111.8910, "America/Denver"),
    City("Las Vegas", "NV", ("89101", "89109"), 36.1699, -115.1398, "America/Los_Angeles"),
    City("Los Angeles", "CA", ("90012", "90026", "90034", "90046"), 34.0522, -118.2437, "America/Los_Angeles"),
    City("San Diego", "CA", ("92101", "92104"), 32.7157, -117.1611, "America/Los_Angeles"),
    City("San Francisco", "CA", ("94103", "94110", "94117"), 37.7749, -122.4194, "America/Los_Angeles"),
    City("Oakland", "CA", ("94607", "94610"), 37.8044, -122.2712, "America/Los_Angeles"),
    City("Sacramento", "CA", ("95814", "95816"), 38.5816, -121.4944, "America/Los_Angeles"),
    City("Portland", "OR", ("97205", "97214"), 45.5152, -122.6784, "America/Los_Angeles"),
    City("Seattle", "WA", ("98101", "98103", "98122"), 47.6062, -122.3321, "America/Los_Angeles"),
    City("Anchorage", "AK", ("99501", "99503"), 61.2181, -149.9003, "America/Anchorage"),
)

#: The shop's fulfilment centres (origins).
WAREHOUSES: tuple[City, ...] = (
    City("Columbus", "OH", ("43217",), 39.9612, -82.9988),
    City("Reno", "NV", ("89506",), 39.5296, -119.8138, "America/Los_Angeles"),
    City("Allentown", "PA", ("18106",), 40.6084, -75.4902),
)

#: Sorting hubs each carrier routes through, by region of the country (east / central / west).
CARRIER_HUBS: dict[str, dict[str, tuple[str, str]]] = {
    "ups": {"east": ("Parsippany", "NJ"), "central": ("Louisville", "KY"), "west": ("Ontario", "CA")},
    "fedex": {"east": ("Newark", "NJ"), "central": ("Memphis", "TN"), "west": ("Oakland", "CA")},
    "usps": {"east": ("Kearny", "NJ"), "central": ("Indianapolis", "IN"), "west": ("San Bernardino", "CA")},
    "dhl": {"east": ("Jamaica", "NY"), "central": ("Erlanger", "KY"), "west": ("Los Angeles", "CA")},
}


def zone_of(lon: float) -> str:
    """Coarse east/central/west zone used to pick a carrier hub."""
    if lon > -85:
        return "east"
    if lon > -105:
        return "central"
    return "west"
