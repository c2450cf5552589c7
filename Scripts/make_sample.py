#!/usr/bin/env python3
"""Write ptscope's bundled sample: an invented, PTBench-shaped benchmark plus two simulated models.

    python3 Scripts/make_sample.py [--out Sources/Sample/Data] [--seed 20250507]
    python3 Scripts/embed_sample.py   # then: the binary carries the sample (Sources/Sample/EmbeddedSample.swift)

Everything here is made up (users, addresses, orders, shows, files, flights); only the *shape*
follows PTBench (arXiv 2505.04072): each case carries a user profile, the scenario's three
platforms, their API catalog as JSON-schema objects, a query, the gold answer
`[platform, [{func: {param: [accepted alternatives...]}}, ...]]`, and the names of the parameters
whose values come from the query (`query_params`) or from the profile (`profile_params`).

Two simulated models answer every case: `strong-sim` (about 70% right) and `weak-sim` (about 40%
right). Their mistakes are injected on purpose, one labelled kind per case, so that together they
exercise every error category of PTBench's reference scorer, its parser's quirks, and a range of
format failures. The script prints what it injected.

The module is also the vocabulary for `make_synthetic.py` (which imports it): scenarios, platforms,
API catalog, persona generator, query templates and the prediction injector all live here.
Python 3 standard library only; the output is a pure function of --seed.
"""

import argparse
import json
import keyword
import os
import random
import re
from collections import Counter, OrderedDict

SEED = 20250507
SPLITS = ("test_untrained_user", "test_trained_user")
SCENARIOS = ("shopping", "takeout", "entertainment", "work", "travel")
MODELS = ("strong-sim", "weak-sim")

# MARK: - Platforms

PLATFORMS = {
    "shopping": [
        ("Amazon", "Everything store; Prime two-day shipping, huge marketplace."),
        ("eBay", "Auctions and buy-it-now; new, used and refurbished goods."),
        ("Target", "Department store; same-day Drive Up and Circle rewards."),
    ],
    "takeout": [
        ("DoorDash", "Restaurant delivery; DashPass, scheduled orders, US-wide."),
        ("UberEats", "Delivery in the Uber app; Uber One deals, live tracking."),
        ("Deliveroo", "UK and European delivery from curated restaurants."),
    ],
    "entertainment": [
        ("Netflix", "Films, series and documentaries; downloads, up to 4K."),
        ("Hulu", "Current-season TV, originals and films; live TV bundles."),
        ("YouTube", "Creator videos, music and live streams; Premium offline."),
    ],
    "work": [
        ("Slack", "Channel-based team chat with threads and integrations."),
        ("Teams", "Microsoft 365 chat and meetings with Outlook and Office."),
        ("Lark", "All-in-one workspace: chat, calendar, meetings, docs, tasks."),
    ],
    "travel": [
        ("Booking", "Stays first, plus flights and cars; Genius discounts."),
        ("Expedia", "Travel agency bundling flights, hotels and cars."),
        ("Agoda", "Hotels with deep Asian inventory, flash deals, flights."),
    ],
}
PLATFORM_SCENARIO = {name: sc for sc, lst in PLATFORMS.items() for name, _ in lst}


def platforms_json(scenario):
    """The `platforms` field of a case: the scenario's three platforms with descriptions."""
    return [{"name": n, "description": d} for n, d in PLATFORMS[scenario]]


# MARK: - API catalog (6 APIs per scenario, offered by each of its 3 platforms)

def _p(typ, desc=None, enum=None):
    """A JSON-schema property; the description is left out where the name says it all."""
    d = {"type": typ}
    if desc:
        d["description"] = desc
    if enum:
        d["enum"] = list(enum)
    return d


STR, INT, NUM, BOOL, ARR = "string", "integer", "number", "boolean", "array"
DATE = "YYYY-MM-DD"

# name, description ({p} = platform), properties, required
APIS = {
    "shopping": [
        ("search_products", "Search the {p} catalog", OrderedDict([
            ("keyword", _p(STR)),
            ("category", _p(STR, None, ["electronics", "apparel", "shoes", "home", "grocery", "toys"])),
            ("max_price", _p(NUM, "USD")),
            ("min_rating", _p(NUM, "1-5")),
        ]), ["keyword"]),
        ("add_to_cart", "Add a product to the {p} cart", OrderedDict([
            ("product_name", _p(STR)),
            ("quantity", _p(INT)),
            ("size", _p(STR)),
        ]), ["product_name", "quantity"]),
        ("place_order", "Buy and ship a product on {p}", OrderedDict([
            ("product_name", _p(STR)),
            ("quantity", _p(INT)),
            ("size", _p(STR)),
            ("shipping_address", _p(STR)),
            ("payment_method", _p(STR)),
        ]), ["product_name", "quantity", "shipping_address", "payment_method"]),
        ("track_order", "Shipping status of a {p} order", OrderedDict([
            ("order_id", _p(STR)),
            ("notify_phone", _p(STR)),
        ]), ["order_id"]),
        ("return_item", "Start a {p} return", OrderedDict([
            ("order_id", _p(STR)),
            ("reason", _p(STR, None, ["damaged", "wrong_item", "wrong_size", "defective"])),
            ("pickup_address", _p(STR)),
        ]), ["order_id", "reason"]),
        ("add_to_wishlist", "Save to a {p} wishlist", OrderedDict([
            ("product_name", _p(STR)),
            ("alert_below_price", _p(NUM)),
        ]), ["product_name"]),
    ],
    "takeout": [
        ("search_restaurants", "Find restaurants on {p}", OrderedDict([
            ("cuisine", _p(STR)),
            ("location", _p(STR)),
            ("dietary", _p(ARR)),
            ("price_level", _p(STR, None, ["low", "medium", "high"])),
            ("open_now", _p(BOOL)),
        ]), ["location"]),
        ("order_food", "Place a {p} delivery order", OrderedDict([
            ("restaurant", _p(STR)),
            ("items", _p(ARR)),
            ("delivery_address", _p(STR)),
            ("payment_method", _p(STR)),
            ("contactless", _p(BOOL, "leave at the door")),
        ]), ["restaurant", "items", "delivery_address", "payment_method"]),
        ("schedule_order", "Schedule a {p} order", OrderedDict([
            ("restaurant", _p(STR)),
            ("items", _p(ARR)),
            ("delivery_address", _p(STR)),
            ("delivery_time", _p(STR, "YYYY-MM-DD HH:MM")),
        ]), ["restaurant", "items", "delivery_address", "delivery_time"]),
        ("track_delivery", "Locate a {p} courier", OrderedDict([
            ("order_id", _p(STR)),
        ]), ["order_id"]),
        ("tip_courier", "Tip a {p} courier", OrderedDict([
            ("order_id", _p(STR)),
            ("amount", _p(NUM)),
        ]), ["order_id", "amount"]),
        ("rate_order", "Rate a {p} order", OrderedDict([
            ("order_id", _p(STR)),
            ("stars", _p(INT, "1-5")),
            ("comment", _p(STR)),
        ]), ["order_id", "stars"]),
    ],
    "entertainment": [
        ("search_content", "Search the {p} library", OrderedDict([
            ("query", _p(STR)),
            ("content_type", _p(STR, None, ["movie", "series", "documentary", "music"])),
            ("language", _p(STR)),
            ("max_age_rating", _p(STR, None, ["G", "PG", "PG-13", "R"])),
        ]), ["query"]),
        ("play_content", "Play a title on {p}", OrderedDict([
            ("title", _p(STR)),
            ("season", _p(INT)),
            ("episode", _p(INT)),
            ("quality", _p(STR, None, ["auto", "720p", "1080p", "4k"])),
            ("subtitles_language", _p(STR, "or off")),
        ]), ["title"]),
        ("add_to_watchlist", "Save a title on {p}", OrderedDict([
            ("title", _p(STR)),
            ("list_name", _p(STR)),
        ]), ["title"]),
        ("create_playlist", "Create a {p} playlist", OrderedDict([
            ("name", _p(STR)),
            ("items", _p(ARR)),
            ("public", _p(BOOL)),
        ]), ["name", "items"]),
        ("download_offline", "Download from {p}", OrderedDict([
            ("title", _p(STR)),
            ("device", _p(STR)),
            ("quality", _p(STR, None, ["standard", "high"])),
        ]), ["title", "device"]),
        ("rate_content", "Rate a title on {p}", OrderedDict([
            ("title", _p(STR)),
            ("stars", _p(INT, "1-5")),
        ]), ["title", "stars"]),
    ],
    "work": [
        ("send_message", "Send a {p} message", OrderedDict([
            ("recipient", _p(STR, "email or #channel")),
            ("text", _p(STR)),
            ("urgent", _p(BOOL)),
        ]), ["recipient", "text"]),
        ("schedule_meeting", "Schedule a {p} meeting", OrderedDict([
            ("title", _p(STR)),
            ("start_time", _p(STR, "YYYY-MM-DD HH:MM")),
            ("duration_minutes", _p(INT)),
            ("attendees", _p(ARR, "emails")),
        ]), ["title", "start_time", "duration_minutes", "attendees"]),
        ("share_file", "Share a file on {p}", OrderedDict([
            ("file_name", _p(STR)),
            ("recipients", _p(ARR)),
            ("permission", _p(STR, None, ["view", "comment", "edit"])),
        ]), ["file_name", "recipients"]),
        ("set_status", "Set your {p} status", OrderedDict([
            ("status", _p(STR, None, ["available", "busy", "do_not_disturb", "out_of_office"])),
            ("until", _p(STR, "YYYY-MM-DD HH:MM")),
        ]), ["status"]),
        ("create_task", "Create a {p} task", OrderedDict([
            ("title", _p(STR)),
            ("assignee", _p(STR)),
            ("due_date", _p(STR, DATE)),
            ("priority", _p(STR, None, ["low", "medium", "high", "urgent"])),
        ]), ["title", "assignee"]),
        ("create_channel", "Create a {p} channel", OrderedDict([
            ("name", _p(STR)),
            ("members", _p(ARR)),
            ("private", _p(BOOL)),
        ]), ["name", "members"]),
    ],
    "travel": [
        ("search_flights", "Search flights on {p}", OrderedDict([
            ("origin", _p(STR, "IATA or city")),
            ("destination", _p(STR, "IATA or city")),
            ("departure_date", _p(STR, DATE)),
            ("cabin_class", _p(STR, None, ["economy", "premium_economy", "business", "first"])),
            ("nonstop_only", _p(BOOL)),
        ]), ["origin", "destination", "departure_date"]),
        ("book_flight", "Book a flight on {p}", OrderedDict([
            ("flight_number", _p(STR)),
            ("date", _p(STR, DATE)),
            ("passenger_name", _p(STR)),
            ("seat_preference", _p(STR, None, ["window", "aisle", "no_preference"])),
            ("payment_method", _p(STR)),
        ]), ["flight_number", "date", "passenger_name", "payment_method"]),
        ("search_hotels", "Search hotels on {p}", OrderedDict([
            ("city", _p(STR)),
            ("check_in", _p(STR, DATE)),
            ("check_out", _p(STR, DATE)),
            ("min_stars", _p(INT, "1-5")),
        ]), ["city", "check_in", "check_out"]),
        ("book_hotel", "Book a hotel on {p}", OrderedDict([
            ("hotel_name", _p(STR)),
            ("check_in", _p(STR, DATE)),
            ("check_out", _p(STR, DATE)),
            ("room_type", _p(STR, None, ["single", "double", "twin", "suite"])),
            ("guest_name", _p(STR)),
            ("payment_method", _p(STR)),
        ]), ["hotel_name", "check_in", "check_out", "guest_name", "payment_method"]),
        ("rent_car", "Rent a car on {p}", OrderedDict([
            ("pickup_location", _p(STR)),
            ("pickup_date", _p(STR, DATE)),
            ("return_date", _p(STR, DATE)),
            ("car_type", _p(STR, None, ["economy", "compact", "suv", "electric", "luxury"])),
            ("driver_name", _p(STR)),
        ]), ["pickup_location", "pickup_date", "return_date"]),
        ("cancel_booking", "Cancel a {p} booking", OrderedDict([
            ("booking_id", _p(STR)),
            ("reason", _p(STR)),
        ]), ["booking_id"]),
    ],
}
API_INDEX = {(sc, name): (desc, props, req) for sc, lst in APIS.items() for name, desc, props, req in lst}
SCENARIO_OF_API = {name: sc for sc, lst in APIS.items() for name, _, _, _ in lst}


# The bundled sample leaves one API per scenario out of its catalogs (5 per platform), to stay small.
SAMPLE_EXCLUDED_APIS = frozenset({"add_to_wishlist", "rate_order", "download_offline", "create_channel", "book_hotel"})


def tools_json(scenario, exclude=frozenset()):
    """The `tools` field of a case: every API of the scenario's platforms as a JSON-schema object."""
    out = []
    for pname, _ in PLATFORMS[scenario]:
        for name, desc, props, req in APIS[scenario]:
            if name in exclude:
                continue
            out.append({
                "platform": pname,
                "name": name,
                "description": desc.format(p=pname),
                "parameters": {"type": "object", "properties": props, "required": list(req)},
            })
    return out


# MARK: - Personas

def _alts(*xs):
    """Accepted alternatives: order kept, duplicates dropped."""
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def persona(**kw):
    """A user, with every field the templates read. Defaults keep hand-written personas short."""
    p = dict(kw)
    p.setdefault("name_alts", [p["name"]])
    p.setdefault("kids_rating", None)
    p.setdefault("nonstop", False)
    p.setdefault("other_items", ["desk lamp", "phone charger"])
    return p


# The 14 hand-written sample users: the first 6 are "untrained", the other 8 "trained".
SAMPLE_PERSONAS = [
    persona(
        name="Zoë Ångström", name_alts=["Zoë Ångström", "Zoe Angstrom"], age=34, gender="female",
        occupation="UX researcher",
        home=["4117 Fremont Ave N, Seattle, WA 98103", "4117 Fremont Ave N, Seattle"],
        work=["1301 2nd Ave, Seattle, WA 98101", "1301 2nd Ave, Seattle"],
        phone="+1-206-555-0142", email="zoe.angstrom@example.com",
        payment=["Visa ending 4242", "Visa 4242", "Visa"], language="Swedish",
        dietary=["vegetarian"], shoe_size="US W 8", clothing_size="S",
        airport=("SEA", "Seattle"), ff="AS 448172630",
        team="Research Ops", channel="#research-ops",
        manager=("Lena Park", "lena.park@example.com"),
        teammates=[("Omar Haddad", "omar.haddad@example.com"), ("Mina Cho", "mina.cho@example.com")],
        pref=dict(shopping="Target", takeout="DoorDash", entertainment="Netflix", work="Slack", travel="Expedia"),
        membership="Target Circle", usual_item=["Brooks Ghost 16 running shoes", "Brooks Ghost 16"],
        usual_size_kind="shoe", restaurant="Green Bowl Salads",
        usual_order=["harvest bowl", "lemon ginger kombucha"], tip_pct=15,
        show="Harbor Lights", quality="4k", subtitles="Swedish", meeting_minutes=30,
        cabin="economy", seat="aisle", hotel_stars=4, car="electric", nonstop=True,
    ),
    persona(
        name="王芳", name_alts=["王芳", "Wang Fang"], age=29, gender="female", occupation="data analyst",
        home=["1550 Clement St, San Francisco, CA 94118", "1550 Clement St, San Francisco"],
        work=["535 Mission St, San Francisco, CA 94105", "535 Mission St, San Francisco"],
        phone="+1-415-555-0187", email="wang.fang@example.com",
        payment=["UnionPay ending 6210", "UnionPay 6210", "UnionPay"], language="Mandarin Chinese",
        dietary=["lactose-free"], shoe_size="EU 37", clothing_size="XS",
        airport=("SFO", "San Francisco"), ff="UA 00271934",
        team="Growth Analytics", channel="#growth-analytics",
        manager=("Daniel Reyes", "daniel.reyes@example.com"),
        teammates=[("Ivy Chen", "ivy.chen@example.com"), ("Tom Baker", "tom.baker@example.com")],
        pref=dict(shopping="Amazon", takeout="UberEats", entertainment="YouTube", work="Lark", travel="Agoda"),
        membership="Amazon Prime", usual_item=["Hydro Flask 32 oz water bottle", "Hydro Flask 32 oz"],
        usual_size_kind=None, restaurant="Pho Saigon 88",
        usual_order=["rare beef pho", "jasmine milk tea without milk"], tip_pct=18,
        show="Midnight Bakery", quality="1080p", subtitles="Chinese", meeting_minutes=25,
        cabin="premium_economy", seat="window", hotel_stars=4, car="compact",
    ),
    persona(
        name="José Núñez", name_alts=["José Núñez", "Jose Nunez"], age=41, gender="male",
        occupation="high-school chemistry teacher",
        home=["2208 Oak Crest Dr, Austin, TX 78704", "2208 Oak Crest Dr, Austin"],
        work=["1100 S Lamar Blvd, Austin, TX 78704", "1100 S Lamar Blvd, Austin"],
        phone="+1-512-555-0119", email="jose.nunez@example.com",
        payment=["Mastercard ending 5100", "Mastercard 5100", "Mastercard"], language="Spanish",
        dietary=["gluten-free"], shoe_size="US 10.5", clothing_size="L",
        airport=("AUS", "Austin"), ff="AA 7K29Q81",
        team="Science Department", channel="#science-dept",
        manager=("Carla Jiménez", "carla.jimenez@example.com"),
        teammates=[("Ben Okafor", "ben.okafor@example.com"), ("Ruth Levy", "ruth.levy@example.com")],
        pref=dict(shopping="Amazon", takeout="UberEats", entertainment="Hulu", work="Teams", travel="Booking"),
        membership="Amazon Prime", usual_item=["Dickies 874 work pants", "Dickies 874"],
        usual_size_kind="clothing", kids_rating="PG", restaurant="Taquería El Sol",
        usual_order=["carnitas tacos on corn tortillas", "horchata"], tip_pct=20,
        show="The Quiet Orbit", quality="1080p", subtitles="Spanish", meeting_minutes=45,
        cabin="economy", seat="aisle", hotel_stars=3, car="suv",
    ),
    persona(
        name="Kwame Mensah", age=52, gender="male", occupation="civil engineer",
        home=["27 Camden Road, London NW1 9LN", "27 Camden Road, London"],
        work=["70 Wilson Street, London EC2A 2DB", "70 Wilson Street, London"],
        phone="+44 20 7946 0321", email="kwame.mensah@example.co.uk",
        payment=["PayPal", "PayPal account"], language="English",
        dietary=["halal"], shoe_size="UK 11", clothing_size="XL",
        airport=("LHR", "London"), ff="BA 61825530",
        team="Bridges & Structures", channel="#bridges",
        manager=("Fiona Walsh", "fiona.walsh@example.co.uk"),
        teammates=[("Arjun Patel", "arjun.patel@example.co.uk"), ("Chloe Martin", "chloe.martin@example.co.uk")],
        pref=dict(shopping="eBay", takeout="Deliveroo", entertainment="YouTube", work="Teams", travel="Booking"),
        membership="eBay Plus", usual_item=["Leica Disto D2 laser measure", "Leica Disto D2"],
        usual_size_kind=None, restaurant="Addis Red Sea",
        usual_order=["doro wat", "injera basket"], tip_pct=10,
        show="Glass Empire", quality="720p", subtitles="off", meeting_minutes=60,
        cabin="business", seat="aisle", hotel_stars=4, car="luxury",
    ),
    persona(
        name="Priya Raghunathan", age=26, gender="female", occupation="software engineer",
        home=["88 Harbord St, Toronto, ON M5S 1G5", "88 Harbord St, Toronto"],
        work=["220 King St W, Toronto, ON M5H 1K4", "220 King St W, Toronto"],
        phone="+1-416-555-0164", email="priya.r@example.ca",
        payment=["Amex ending 1009", "Amex 1009", "American Express"], language="English",
        dietary=["vegan"], shoe_size="US W 7", clothing_size="M",
        airport=("YYZ", "Toronto"), ff="AC 99213377",
        team="Payments Platform", channel="#payments-platform",
        manager=("Marcus Lee", "marcus.lee@example.ca"),
        teammates=[("Sofia Rossi", "sofia.rossi@example.ca"), ("Hamid Karimi", "hamid.karimi@example.ca")],
        pref=dict(shopping="Amazon", takeout="UberEats", entertainment="Hulu", work="Slack", travel="Agoda"),
        membership="Amazon Prime", usual_item=["Lululemon Align leggings", "Align leggings"],
        usual_size_kind="clothing", restaurant="Bombay Spice House",
        usual_order=["chana masala", "garlic naan (vegan)"], tip_pct=15,
        show="Northern Drift", quality="auto", subtitles="English", meeting_minutes=30,
        cabin="economy", seat="window", hotel_stars=3, car="economy", nonstop=True,
    ),
    persona(
        name="Søren Østergaard", name_alts=["Søren Østergaard", "Soren Ostergaard"], age=63, gender="male",
        occupation="retired architect, volunteer librarian",
        home=["Strandvejen 112, 2900 Hellerup", "Strandvejen 112, Hellerup"],
        work=["Krystalgade 15, 1172 København K", "Krystalgade 15, København"],
        phone="+45 31 55 02 77", email="soren.ostergaard@example.dk",
        payment=["Dankort ending 3388", "Dankort 3388", "Dankort"], language="Danish",
        dietary=["low-sodium"], shoe_size="EU 44", clothing_size="L",
        airport=("CPH", "Copenhagen"), ff="SK 30077142",
        team="Library volunteers", channel="#reading-circle",
        manager=("Ida Holm", "ida.holm@example.dk"),
        teammates=[("Karen Berg", "karen.berg@example.dk"), ("Mads Lund", "mads.lund@example.dk")],
        pref=dict(shopping="eBay", takeout="Deliveroo", entertainment="Netflix", work="Teams", travel="Booking"),
        membership="eBay Plus", usual_item=["Rotring 600 drafting pencil", "Rotring 600"],
        usual_size_kind=None, restaurant="Le Petit Bistro",
        usual_order=["sole meunière", "green salad"], tip_pct=10,
        show="Salt & Stone", quality="1080p", subtitles="Danish", meeting_minutes=60,
        cabin="premium_economy", seat="aisle", hotel_stars=4, car="compact",
    ),
    # --- trained users ---
    persona(
        name="Emily Carter", age=38, gender="female", occupation="ICU nurse (night shifts)",
        home=["19 Wendell St, Cambridge, MA 02138", "19 Wendell St, Cambridge"],
        work=["55 Fruit St, Boston, MA 02114", "55 Fruit St, Boston"],
        phone="+1-617-555-0133", email="emily.carter@example.com",
        payment=["Discover ending 7781", "Discover 7781", "Discover"], language="English",
        dietary=["nut allergy"], shoe_size="US W 9", clothing_size="M",
        airport=("BOS", "Boston"), ff="B6 2281945",
        team="MICU nursing", channel="#micu-nights",
        manager=("Gloria Mendes", "gloria.mendes@example.com"),
        teammates=[("Raj Iyer", "raj.iyer@example.com"), ("Kate Sullivan", "kate.sullivan@example.com")],
        pref=dict(shopping="Target", takeout="DoorDash", entertainment="Netflix", work="Teams", travel="Expedia"),
        membership="Target Circle", usual_item=["Hoka Clifton 9 shoes", "Hoka Clifton 9"],
        usual_size_kind="shoe", kids_rating="PG", restaurant="Nonna's Kitchen",
        usual_order=["chicken parmesan", "caesar salad"], tip_pct=20,
        show="Harbor Lights", quality="1080p", subtitles="off", meeting_minutes=15,
        cabin="economy", seat="window", hotel_stars=3, car="suv",
    ),
    persona(
        name="Nguyễn Thị Lan", name_alts=["Nguyễn Thị Lan", "Nguyen Thi Lan", "Lan Nguyen"], age=31,
        gender="female", occupation="hospital pharmacist",
        home=["6120 Bellaire Blvd, Houston, TX 77081", "6120 Bellaire Blvd, Houston"],
        work=["6565 Fannin St, Houston, TX 77030", "6565 Fannin St, Houston"],
        phone="+1-713-555-0176", email="lan.nguyen@example.com",
        payment=["Visa ending 0833", "Visa 0833", "Visa"], language="Vietnamese",
        dietary=["pescatarian"], shoe_size="US W 6", clothing_size="XS",
        airport=("IAH", "Houston"), ff="UA 55019823",
        team="Clinical Pharmacy", channel="#clinical-pharmacy",
        manager=("Victor Huang", "victor.huang@example.com"),
        teammates=[("Ana Flores", "ana.flores@example.com"), ("Derek Moss", "derek.moss@example.com")],
        pref=dict(shopping="Amazon", takeout="DoorDash", entertainment="YouTube", work="Teams", travel="Expedia"),
        membership="Amazon Prime", usual_item=["Cerave hydrating cleanser", "CeraVe cleanser"],
        usual_size_kind=None, restaurant="Pho Saigon 88",
        usual_order=["shrimp vermicelli bowl", "iced coffee with condensed milk"], tip_pct=18,
        show="Midnight Bakery", quality="1080p", subtitles="Vietnamese", meeting_minutes=30,
        cabin="economy", seat="window", hotel_stars=4, car="compact",
    ),
    persona(
        name="Mateus Oliveira", age=23, gender="male", occupation="master's student in robotics",
        home=["Rua da Rosa 41, 1200-383 Lisboa", "Rua da Rosa 41, Lisboa"],
        work=["Av. Rovisco Pais 1, 1049-001 Lisboa", "Av. Rovisco Pais 1, Lisboa"],
        phone="+351 912 555 048", email="mateus.oliveira@example.pt",
        payment=["MB Way", "MBWay"], language="Portuguese",
        dietary=[], shoe_size="EU 43", clothing_size="M",
        airport=("LIS", "Lisbon"), ff="TP 20418836",
        team="Autonomous Systems Lab", channel="#asl-students",
        manager=("Prof. Inês Duarte", "ines.duarte@example.pt"),
        teammates=[("Rui Costa", "rui.costa@example.pt"), ("Léa Fontaine", "lea.fontaine@example.pt")],
        pref=dict(shopping="eBay", takeout="UberEats", entertainment="YouTube", work="Lark", travel="Booking"),
        membership="none", usual_item=["Raspberry Pi 5 8GB", "Raspberry Pi 5"],
        usual_size_kind=None, restaurant="Burger Barn",
        usual_order=["double smash burger", "sweet potato fries"], tip_pct=10,
        show="The Quiet Orbit", quality="720p", subtitles="Portuguese", meeting_minutes=30,
        cabin="economy", seat="no_preference", hotel_stars=2, car="economy",
    ),
    persona(
        name="Hannah Schmidt", age=45, gender="female", occupation="product manager",
        home=["Kastanienallee 12, 10435 Berlin", "Kastanienallee 12, Berlin"],
        work=["Friedrichstraße 68, 10117 Berlin", "Friedrichstraße 68, Berlin"],
        phone="+49 30 5555 0191", email="hannah.schmidt@example.de",
        payment=["SEPA direct debit", "SEPA", "direct debit"], language="German",
        dietary=["vegetarian"], shoe_size="EU 39", clothing_size="M",
        airport=("BER", "Berlin"), ff="LH 992001456",
        team="Mobility Apps", channel="#mobility-apps",
        manager=("Jonas Weber", "jonas.weber@example.de"),
        teammates=[("Aylin Kaya", "aylin.kaya@example.de"), ("Pierre Laurent", "pierre.laurent@example.de")],
        pref=dict(shopping="Amazon", takeout="Deliveroo", entertainment="Netflix", work="Lark", travel="Booking"),
        membership="Amazon Prime", usual_item=["Ecover dishwasher tablets", "Ecover tablets"],
        usual_size_kind=None, kids_rating="PG-13", restaurant="Green Bowl Salads",
        usual_order=["falafel bowl", "mint lemonade"], tip_pct=10,
        show="Glass Empire", quality="4k", subtitles="German", meeting_minutes=25,
        cabin="business", seat="aisle", hotel_stars=4, car="electric", nonstop=True,
    ),
    persona(
        name="Aylin Yıldız", name_alts=["Aylin Yıldız", "Aylin Yildiz"], age=36, gender="female",
        occupation="investigative journalist",
        home=["310 W 112th St, New York, NY 10026", "310 W 112th St, New York"],
        work=["620 8th Ave, New York, NY 10018", "620 8th Ave, New York"],
        phone="+1-646-555-0128", email="aylin.yildiz@example.com",
        payment=["Apple Pay", "ApplePay"], language="Turkish",
        dietary=["no shellfish"], shoe_size="US W 8.5", clothing_size="S",
        airport=("JFK", "New York"), ff="TK 318844102",
        team="Investigations desk", channel="#investigations",
        manager=("Robert Kim", "robert.kim@example.com"),
        teammates=[("Nadia Benali", "nadia.benali@example.com"), ("Chris Wong", "chris.wong@example.com")],
        pref=dict(shopping="Target", takeout="UberEats", entertainment="Hulu", work="Slack", travel="Expedia"),
        membership="Target Circle", usual_item=["Moleskine classic notebook", "Moleskine notebook"],
        usual_size_kind=None, restaurant="Falafel Republic",
        usual_order=["falafel wrap", "ayran"], tip_pct=20,
        show="Northern Drift", quality="1080p", subtitles="Turkish", meeting_minutes=30,
        cabin="economy", seat="aisle", hotel_stars=3, car="compact", nonstop=True,
    ),
    persona(
        name="Olumide Adeyemi", age=29, gender="male", occupation="startup founder",
        home=["455 Myrtle Ave, Brooklyn, NY 11205", "455 Myrtle Ave, Brooklyn"],
        work=["33 Nassau Ave, Brooklyn, NY 11222", "33 Nassau Ave, Brooklyn"],
        phone="+1-718-555-0150", email="olu@example.io",
        payment=["Amex ending 3005", "Amex 3005", "American Express"], language="English",
        dietary=["halal"], shoe_size="US 12", clothing_size="L",
        airport=("LGA", "New York"), ff="DL 9027731",
        team="Founders", channel="#leadership",
        manager=("Board of directors", "board@example.io"),
        teammates=[("Tunde Bakare", "tunde@example.io"), ("Sara Lindqvist", "sara@example.io")],
        pref=dict(shopping="Amazon", takeout="DoorDash", entertainment="Hulu", work="Slack", travel="Expedia"),
        membership="Amazon Prime", usual_item=["Nike Pegasus 41 running shoes", "Nike Pegasus 41"],
        usual_size_kind="shoe", restaurant="Seoul Garden",
        usual_order=["bulgogi rice bowl", "kimchi pancake"], tip_pct=20,
        show="Salt & Stone", quality="4k", subtitles="off", meeting_minutes=20,
        cabin="business", seat="aisle", hotel_stars=5, car="luxury", nonstop=True,
    ),
    persona(
        name="田中 健", name_alts=["田中 健", "田中健", "Ken Tanaka"], age=50, gender="male",
        occupation="regional sales director",
        home=["東京都世田谷区三軒茶屋2-14-3", "Setagaya-ku Sangenjaya 2-14-3, Tokyo"],
        work=["東京都千代田区丸の内1-9-1", "Chiyoda-ku Marunouchi 1-9-1, Tokyo"],
        phone="+81 3-5555-0142", email="ken.tanaka@example.jp",
        payment=["JCB ending 4417", "JCB 4417", "JCB"], language="Japanese",
        dietary=["low-carb"], shoe_size="JP 27", clothing_size="L",
        airport=("HND", "Tokyo"), ff="NH 4410982",
        team="APAC Sales", channel="#apac-sales",
        manager=("Yuki Mori", "yuki.mori@example.jp"),
        teammates=[("Haruto Sato", "haruto.sato@example.jp"), ("Emma Clarke", "emma.clarke@example.jp")],
        pref=dict(shopping="Amazon", takeout="UberEats", entertainment="Netflix", work="Lark", travel="Agoda"),
        membership="Amazon Prime", usual_item=["Uniqlo AIRism undershirts (3-pack)", "AIRism undershirts"],
        usual_size_kind="clothing", restaurant="Ramen Yokocho",
        usual_order=["shio ramen", "gyoza"], tip_pct=10,
        show="Harbor Lights", quality="4k", subtitles="Japanese", meeting_minutes=30,
        cabin="business", seat="window", hotel_stars=5, car="luxury",
    ),
    persona(
        name="Marcus Bell", age=19, gender="male", occupation="college sophomore",
        home=["760 Spring St NW, Atlanta, GA 30308", "760 Spring St NW, Atlanta"],
        work=["North Ave NW, Atlanta, GA 30332", "North Ave NW, Atlanta"],
        phone="+1-404-555-0199", email="marcus.bell@example.edu",
        payment=["Cash App card", "Cash App"], language="English",
        dietary=[], shoe_size="US 11", clothing_size="L",
        airport=("ATL", "Atlanta"), ff="DL 7714420",
        team="Hackathon team", channel="#hacklytics",
        manager=("Dr. Alicia Grant", "alicia.grant@example.edu"),
        teammates=[("Jamal Wright", "jamal.wright@example.edu"), ("Emma Zhou", "emma.zhou@example.edu")],
        pref=dict(shopping="eBay", takeout="DoorDash", entertainment="Hulu", work="Slack", travel="Booking"),
        membership="none", usual_item=["TI-84 Plus CE calculator", "TI-84 Plus CE"],
        usual_size_kind=None, restaurant="Burger Barn",
        usual_order=["classic cheeseburger", "chocolate shake"], tip_pct=15,
        show="Northern Drift", quality="auto", subtitles="off", meeting_minutes=30,
        cabin="economy", seat="no_preference", hotel_stars=2, car="economy",
    ),
]
N_SAMPLE_UNTRAINED_USERS = 6
N_UNTRAINED, N_TRAINED = 84, 66  # PTBench's 609:474 ratio; 150 cases keep the folder under 1.5 MB


# MARK: - Vocabulary for generated personas (make_synthetic.py) and query slots

FIRST_NAMES = ["Ava", "Liam", "Noor", "Mateo", "Chloé", "Yusuf", "Ingrid", "Kenji", "Fatima", "Diego",
               "Anaïs", "Tomasz", "Leilani", "Arash", "Björn", "Mariana", "Kofi", "Elif", "Ravi", "Saoirse",
               "Hyun-woo", "Amara", "Luca", "Dana", "Jörg", "Beatriz", "Oren", "Mei", "Nikolai", "Zainab"]
LAST_NAMES = ["Okoro", "Lindgren", "Moreau", "Castillo", "Haddad", "Kowalski", "Fernández", "Nakamura",
              "O'Brien", "Petrović", "Adeyemi", "Schäfer", "Singh", "Costa", "Novák", "Sato", "Rahman",
              "Müller", "Dubois", "Kim", "Andersen", "Torres", "Yilmaz", "Walsh", "Ivanova", "Mensah"]
CJK_NAMES = [("李娜", "Li Na"), ("陈伟", "Chen Wei"), ("佐藤 美咲", "Misaki Sato"), ("김민준", "Kim Min-jun"),
             ("张伟", "Zhang Wei"), ("山本 葵", "Aoi Yamamoto")]
CITIES = [  # city, street pattern, country code, airport
    ("Seattle", "{n} Pine St, Seattle, WA 98101", "SEA"), ("Chicago", "{n} W Armitage Ave, Chicago, IL 60614", "ORD"),
    ("Denver", "{n} Larimer St, Denver, CO 80205", "DEN"), ("Miami", "{n} Collins Ave, Miami Beach, FL 33139", "MIA"),
    ("London", "{n} Brick Lane, London E1 6SB", "LHR"), ("Berlin", "Torstraße {n}, 10119 Berlin", "BER"),
    ("Madrid", "Calle de Alcalá {n}, 28014 Madrid", "MAD"), ("Tokyo", "東京都渋谷区神南1-{n}", "HND"),
    ("Toronto", "{n} Queen St W, Toronto, ON M5V 2A5", "YYZ"), ("Sydney", "{n} George St, Sydney NSW 2000", "SYD"),
    ("Paris", "{n} rue Oberkampf, 75011 Paris", "CDG"), ("Mexico City", "Av. Álvaro Obregón {n}, CDMX", "MEX"),
]
PHONE_PREFIX = {"SEA": "+1 206", "ORD": "+1 312", "DEN": "+1 303", "MIA": "+1 305", "LHR": "+44 20", "BER": "+49 30",
                "MAD": "+34 91", "HND": "+81 3", "YYZ": "+1 416", "SYD": "+61 2", "CDG": "+33 1", "MEX": "+52 55"}
MEMBERSHIPS = {"Amazon": "Amazon Prime", "Target": "Target Circle", "eBay": "eBay Plus"}
OCCUPATIONS = ["nurse", "software engineer", "teacher", "graphic designer", "accountant", "barista",
               "mechanical engineer", "PhD student", "lawyer", "chef", "pharmacist", "architect",
               "marketing manager", "electrician", "journalist", "retired teacher"]
LANGUAGES = ["English", "Spanish", "German", "French", "Japanese", "Portuguese", "Korean", "Turkish", "Polish"]
DIETS = [[], ["vegetarian"], ["vegan"], ["gluten-free"], ["halal"], ["kosher"], ["lactose-free"], ["nut allergy"],
         ["vegetarian", "nut allergy"], ["pescatarian"]]
PAYMENTS = [["Visa ending {d}", "Visa {d}", "Visa"], ["Mastercard ending {d}", "Mastercard {d}", "Mastercard"],
            ["Amex ending {d}", "Amex {d}", "American Express"], ["PayPal", "PayPal account"],
            ["Apple Pay", "ApplePay"], ["Google Pay", "GPay"]]
USUAL_ITEMS = [(["Brooks Ghost 16 running shoes", "Brooks Ghost 16"], "shoe"),
               (["Levi's 501 jeans", "Levi's 501"], "clothing"), (["Patagonia Better Sweater", "Better Sweater"], "clothing"),
               (["Anker 737 power bank", "Anker 737"], None), (["Oatly oat milk 6-pack", "Oatly 6-pack"], None),
               (["Kindle Paperwhite", "Paperwhite"], None), (["Allbirds Tree Runners", "Tree Runners"], "shoe"),
               (["Lavazza espresso beans 1kg", "Lavazza beans"], None), (["Adidas Ultraboost", "Ultraboost"], "shoe")]
RESTAURANTS = {  # name -> usual dishes
    "Golden Lotus": ["kung pao tofu", "vegetable spring rolls"], "Taquería El Sol": ["al pastor tacos", "elote"],
    "Bombay Spice House": ["chicken tikka masala", "garlic naan"], "Nonna's Kitchen": ["margherita pizza", "tiramisu"],
    "Ramen Yokocho": ["tonkotsu ramen", "karaage"], "Green Bowl Salads": ["harvest bowl", "cold brew"],
    "Addis Red Sea": ["misir wat", "injera basket"], "Seoul Garden": ["bibimbap", "japchae"],
    "Falafel Republic": ["falafel plate", "hummus"], "Pho Saigon 88": ["pho tai", "spring rolls"],
    "Burger Barn": ["smash burger", "onion rings"], "Le Petit Bistro": ["croque monsieur", "onion soup"],
}
SHOWS = ["Harbor Lights", "The Quiet Orbit", "Midnight Bakery", "Glass Empire", "Northern Drift", "Salt & Stone",
         "The Long Tide", "Paper Crowns", "Velvet Static", "Ashfall County"]
MOVIES = ["Lanterns Over Kyoto", "The Last Cartographer", "Small Hours", "Copper Sky", "A Map of Rain",
          "The Orchard Thief", "Neon Harvest", "Quiet Company"]
GENRES = ["true crime", "nature", "space", "cooking", "history", "architecture", "jazz", "football"]
CUISINES = [("Thai", ["Thai"]), ("sushi", ["sushi", "Japanese"]), ("tacos", ["tacos", "Mexican"]),
            ("Indian", ["Indian"]), ("pizza", ["pizza", "Italian"]), ("ramen", ["ramen", "Japanese"]),
            ("Ethiopian", ["Ethiopian"]), ("Korean BBQ", ["Korean BBQ", "Korean"]),
            ("falafel", ["falafel", "Middle Eastern"]), ("pho", ["pho", "Vietnamese"])]
SEARCH_PRODUCTS = [("noise-cancelling headphones", "electronics", ["noise-cancelling headphones", "noise cancelling headphones"]),
                   ("standing desk", "home", ["standing desk", "sit-stand desk"]),
                   ("cast iron skillet", "home", ["cast iron skillet", "cast-iron skillet", "cast iron pan"]),
                   ("trail running shoes", "shoes", ["trail running shoes", "trail runners"]),
                   ("rain jacket", "apparel", ["rain jacket", "waterproof jacket"]),
                   ("LEGO Technic set", "toys", ["LEGO Technic set", "LEGO Technic"]),
                   ("e-reader", "electronics", ["e-reader", "ereader", "e-book reader"]),
                   ("espresso machine", "home", ["espresso machine", "espresso maker"]),
                   ("wool hiking socks", "apparel", ["wool hiking socks", "hiking socks"]),
                   ("mechanical keyboard", "electronics", ["mechanical keyboard"])]
GROCERIES = [("oat milk", ["oat milk"]), ("sparkling water", ["sparkling water", "seltzer"]),
             ("coffee beans", ["coffee beans", "whole bean coffee"]), ("paper towels", ["paper towels"]),
             ("AA batteries", ["AA batteries", "AA battery pack"]), ("dish soap", ["dish soap", "dishwashing liquid"]),
             ("trash bags", ["trash bags", "bin bags"]), ("granola", ["granola"])]
CLOTHES = [("a merino wool sweater", ["merino wool sweater", "merino sweater"]), ("a linen shirt", ["linen shirt"]),
           ("a fleece jacket", ["fleece jacket", "fleece"]), ("a pair of running tights", ["running tights"]),
           ("a pair of rain boots", ["rain boots", "wellies"]), ("a puffer vest", ["puffer vest", "down vest"])]
DESTINATIONS = [("Lisbon", "LIS"), ("Tokyo", "HND"), ("Reykjavík", "KEF"), ("New York", "JFK"), ("Mexico City", "MEX"),
                ("Barcelona", "BCN"), ("Seoul", "ICN"), ("Marrakesh", "RAK"), ("Vancouver", "YVR"),
                ("São Paulo", "GRU"), ("Kraków", "KRK"), ("Singapore", "SIN")]
HOTELS = ["Hotel Avenida Palace", "The Harbourview", "Casa Azul Boutique", "Nordlys Hotel", "Sakura Stay Ginza",
          "The Marlowe", "Riad Dar Zitoun", "Hotel Miramar", "Maple & Pine Inn", "Grand Central Suites"]
AIRLINES = ["TP", "LH", "BA", "NH", "AF", "KL", "DL", "UA", "AC", "TK"]
FILES = ["Q3_budget.xlsx", "roadmap_2025.pdf", "onboarding-guide.docx", "sprint-42-retro.pptx",
         "customer_interviews.zip", "pricing_model_v3.xlsx", "release-notes-4.2.md", "offsite_agenda.docx"]
MEETINGS = ["Sprint planning", "Design review", "Budget sync", "Quarterly planning", "Launch retro",
            "Hiring debrief", "Vendor check-in", "Roadmap walkthrough"]
TASKS = ["finish the investor slides", "review the Q3 budget", "update the onboarding guide", "send the vendor contract",
         "write the release notes", "book the offsite venue", "fix the flaky login test", "draft the hiring plan"]
CHANNELS = ["launch-war-room", "offsite-2025", "design-crit", "incident-review", "book-club", "q4-planning"]
DEVICES = [("phone", ["phone", "mobile"]), ("tablet", ["tablet", "iPad"]), ("laptop", ["laptop", "computer"])]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def make_persona(rng, index, cjk=False):
    """A generated user with every field a template reads (used by make_synthetic.py)."""
    if cjk or rng.random() < 0.08:
        native, latin = CJK_NAMES[index % len(CJK_NAMES)]
        name, alts = native, [native, latin]
        email = latin.lower().replace(" ", ".").replace("-", "") + f"{index}@example.com"
    else:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        name = f"{first} {last}"
        folded = _fold(name)
        alts = _alts(name, folded)
        email = re.sub(r"[^a-z.]", "", folded.lower().replace(" ", ".")) + f"{index}@example.com"
    city, street, airport = rng.choice(CITIES)
    wcity, wstreet, _ = rng.choice([c for c in CITIES if c[0] == city] or CITIES)
    home_full = street.format(n=rng.randint(2, 980))
    work_full = wstreet.format(n=rng.randint(2, 980))
    d4 = f"{rng.randint(0, 9999):04d}"
    pay = [x.format(d=d4) for x in rng.choice(PAYMENTS)]
    item, size_kind = rng.choice(USUAL_ITEMS)
    restaurant = rng.choice(sorted(RESTAURANTS))
    mgr = (f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
    mates = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(2)]
    dom = email.split("@")[1]
    as_email = lambda n: re.sub(r"[^a-z.]", "", _fold(n).lower().replace(" ", ".")) + "@" + dom
    team = rng.choice(["Platform", "Growth", "Finance", "Support", "Design", "Data", "Operations"])
    pref = {sc: rng.choice(PLATFORMS[sc])[0] for sc in SCENARIOS}
    return persona(
        name=name, name_alts=alts, age=rng.randint(19, 72), gender=rng.choice(["female", "male", "non-binary"]),
        occupation=rng.choice(OCCUPATIONS),
        home=_alts(home_full, home_full.rsplit(",", 1)[0] if home_full.count(",") >= 2 else home_full),
        work=_alts(work_full, work_full.rsplit(",", 1)[0] if work_full.count(",") >= 2 else work_full),
        phone=f"{PHONE_PREFIX[airport]} {rng.randint(100, 999)} {rng.randint(1000, 9999)}", email=email,
        payment=pay, language=rng.choice(LANGUAGES), dietary=list(rng.choice(DIETS)),
        shoe_size=rng.choice(["US 8", "US 9.5", "US 11", "EU 38", "EU 42", "UK 7"]),
        clothing_size=rng.choice(["XS", "S", "M", "L", "XL"]),
        airport=(airport, city), ff=f"{rng.choice(AIRLINES)} {rng.randint(10000000, 99999999)}",
        team=team, channel="#" + team.lower(), manager=(mgr, as_email(mgr)),
        teammates=[(m, as_email(m)) for m in mates],
        pref=pref,
        membership=rng.choice([MEMBERSHIPS[pref["shopping"]], "none"]),
        usual_item=list(item), usual_size_kind=size_kind, kids_rating=rng.choice([None, None, "PG", "PG-13"]),
        restaurant=restaurant, usual_order=list(RESTAURANTS[restaurant]), tip_pct=rng.choice([10, 15, 18, 20]),
        show=rng.choice(SHOWS), quality=rng.choice(["auto", "720p", "1080p", "4k"]),
        subtitles=rng.choice(["off", "English", "Spanish", "German", "Japanese"]),
        meeting_minutes=rng.choice([15, 25, 30, 45, 60]),
        cabin=rng.choice(["economy", "economy", "premium_economy", "business"]),
        seat=rng.choice(["window", "aisle", "no_preference"]), hotel_stars=rng.randint(2, 5),
        car=rng.choice(["economy", "compact", "suv", "electric", "luxury"]), nonstop=rng.random() < 0.4,
    )


def _fold(s):
    """ASCII-fold a name (Zoë Ångström -> Zoe Angstrom) without unicodedata tables for CJK."""
    import unicodedata
    table = {"ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"}
    s = "".join(table.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# MARK: - Profiles

def _date(rng, lo=0, hi=300, year=2024, month=6):
    """A date string some days after year-month-01."""
    import datetime
    d = datetime.date(year, month, 1) + datetime.timedelta(days=rng.randint(lo, hi))
    return d.isoformat()


def profile_json(u, seed=0):
    """The `user_profile` of a case: basic features, history and preferences per scenario."""
    rng = random.Random(f"{seed}/{u['name']}")
    others = {sc: [n for n, _ in PLATFORMS[sc] if n != u["pref"][sc]] for sc in SCENARIOS}
    size = {"shoe": u["shoe_size"], "clothing": u["clothing_size"]}.get(u["usual_size_kind"])
    item = u["usual_item"][0] + (f" (size {size})" if size else "")
    mate = u["teammates"][0][0]
    dest = rng.choice([d for d in DESTINATIONS if d[1] != u["airport"][0]])
    diet = ", ".join(u["dietary"]) if u["dietary"] else "no dietary restrictions"
    basic = OrderedDict([
        ("name", u["name"]), ("age", u["age"]), ("gender", u["gender"]), ("occupation", u["occupation"]),
        ("home_address", u["home"][0]), ("work_address", u["work"][0]), ("phone", u["phone"]),
        ("email", u["email"]), ("payment_method", u["payment"][0]), ("language", u["language"]),
        ("dietary_needs", list(u["dietary"])), ("shoe_size", u["shoe_size"]),
        ("clothing_size", u["clothing_size"]), ("home_airport", f"{u['airport'][0]} ({u['airport'][1]})"),
        ("frequent_flyer_number", u["ff"]), ("team_channel", u["channel"]),
        ("manager", OrderedDict([("name", u["manager"][0]), ("email", u["manager"][1])])),
        ("teammates", [f"{n} <{e}>" for n, e in u["teammates"]]),
    ])
    history = OrderedDict([
        ("shopping", [f"{_date(rng)}: bought {item} on {u['pref']['shopping']}",
                      f"{_date(rng)}: returned a {rng.choice(u['other_items'])} on {rng.choice(others['shopping'])}"]),
        ("takeout", [f"{_date(rng)}: ordered {' + '.join(u['usual_order'])} from {u['restaurant']} on {u['pref']['takeout']}",
                     f"{_date(rng)}: tried {rng.choice(sorted(RESTAURANTS))} on {rng.choice(others['takeout'])}"]),
        ("entertainment", [f"{_date(rng)}: watched {u['show']} S{rng.randint(1, 3)}E{rng.randint(1, 9)} on {u['pref']['entertainment']}",
                           f"{_date(rng)}: watched {rng.choice(MOVIES)} on {rng.choice(others['entertainment'])}"]),
        ("work", [f"{_date(rng)}: {u['meeting_minutes']}-minute sync with {mate} on {u['pref']['work']}",
                  f"{_date(rng)}: shared {rng.choice(FILES)} in {u['channel']}"]),
        ("travel", [f"{_date(rng)}: flew {u['airport'][0]}-{dest[1]} ({u['cabin']}, {u['seat']} seat), booked on {u['pref']['travel']}",
                    f"{_date(rng)}: {u['hotel_stars']}-star hotel in {dest[0]} via {u['pref']['travel']}"]),
    ])
    subs = "no subtitles" if u["subtitles"] == "off" else f"{u['subtitles']} subtitles"
    prefs = OrderedDict([
        ("shopping", f"prefers {u['pref']['shopping']}" + (f"; {u['membership']} member" if u["membership"] != "none" else "")),
        ("takeout", f"prefers {u['pref']['takeout']}; {diet}; tips {u['tip_pct']}%; contactless"),
        ("entertainment", f"prefers {u['pref']['entertainment']}; {u['quality']}, {subs}"
                          + (f"; kids' content up to {u['kids_rating']}" if u["kids_rating"] else "")),
        ("work", f"prefers {u['pref']['work']}; meetings {u['meeting_minutes']} min"),
        ("travel", f"prefers {u['pref']['travel']}; {u['cabin']}, {u['seat']} seat, {u['hotel_stars']}+ stars"
                   + ("; nonstop only" if u["nonstop"] else "")),
    ])
    return OrderedDict([("basic_features", basic), ("user_history", history), ("preferences", prefs)])


# MARK: - Case templates
#
# A template takes (user, rng) and returns (query with a `{via}` slot, [call, ...]); a call is
# (function name, [param, ...]) and a param comes from Q (stated in the query) or PF (implied by
# the profile; `tag` names the profile field so the injector can swap it for a wrong one).

def Q(name, accepted, value=None):
    return {"name": name, "accepted": accepted, "source": "query", "tag": None,
            "value": accepted[0] if value is None else value}


def PF(name, accepted, tag, value=None):
    return {"name": name, "accepted": accepted, "source": "profile", "tag": tag,
            "value": accepted[0] if value is None else value}


TEMPLATES = {sc: [] for sc in SCENARIOS}


def template(scenario, weight=1.0):
    def reg(fn):
        TEMPLATES[scenario].append((fn.__name__, fn, weight))
        return fn
    return reg


def _day(rng, start=60, span=200):
    """A 2025 date: (gold 'YYYY-MM-DD', spoken 'May 14')."""
    import datetime
    d = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(start, start + span))
    return d, d.isoformat(), f"{MONTHS[d.month - 1]} {d.day}"


def _plus(d, days):
    import datetime
    x = d + datetime.timedelta(days=days)
    return x, x.isoformat(), f"{MONTHS[x.month - 1]} {x.day}"


def _hour(rng):
    h = rng.choice([8, 9, 10, 11, 13, 14, 15, 16, 18, 19, 20])
    spoken = f"{h if h <= 12 else h - 12}{'am' if h < 12 else 'pm'}"
    return f"{h:02d}:00", spoken


def _order_id(rng, platform):
    if platform == "Amazon":
        return f"11{rng.randint(1, 4)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}"
    if platform == "eBay":
        return f"{rng.randint(10, 27)}-{rng.randint(10000, 99999)}-{rng.randint(10000, 99999)}"
    prefix = {"Target": "TGT", "DoorDash": "DD", "UberEats": "UE", "Deliveroo": "DR"}.get(platform, "ORD")
    return f"{prefix}-{rng.randint(100000, 999999)}"


def _cap(s):
    return s[:1].upper() + s[1:]


def _num(n):
    return NUMBER_WORDS.get(n, str(n))


def _size(u):
    kind = u["usual_size_kind"]
    if kind == "shoe":
        return u["shoe_size"]
    if kind == "clothing":
        return u["clothing_size"]
    return None


# --- shopping ---

@template("shopping", 1.5)
def reorder_usual(u, r):
    n = r.choice([1, 2, 2, 3])
    size = _size(u)
    params = [PF("product_name", u["usual_item"], "usual_item"), Q("quantity", [n])]
    if size:
        params.append(PF("size", [size], "size"))
    params += [PF("shipping_address", u["home"], "home_address"), PF("payment_method", u["payment"], "payment_method")]
    what = "pair" if u["usual_size_kind"] == "shoe" else "unit"
    q = r.choice([f"Order {_num(n)} more {what}{'s' if n > 1 else ''} of my usual {u['usual_item'][1]}{{via}} and send them to my home.",
                  f"Reorder my usual {u['usual_item'][1]}{{via}}, quantity {n}, shipped home with my saved card."])
    return q, [("place_order", params)]


@template("shopping")
def search_under_price(u, r):
    kw, cat, alts = r.choice(SEARCH_PRODUCTS)
    price = r.choice([40, 60, 80, 120, 150, 250])
    rating = r.choice([4, 4.5])
    q = f"Find {kw}{{via}} under ${price} with at least {rating} stars."
    return q, [("search_products", [Q("keyword", alts), Q("max_price", [price]), Q("min_rating", [rating])])]


@template("shopping")
def search_category(u, r):
    kw, cat, alts = r.choice(SEARCH_PRODUCTS)
    q = f"Show me {kw} options in the {cat} section{{via}}."
    return q, [("search_products", [Q("keyword", alts), Q("category", [cat])])]


@template("shopping")
def cart_groceries(u, r):
    item, alts = r.choice(GROCERIES)
    n = r.randint(2, 6)
    q = f"Put {_num(n)} packs of {item} in my cart{{via}}."
    return q, [("add_to_cart", [Q("product_name", alts), Q("quantity", [n])])]


@template("shopping", 1.3)
def clothes_to_office(u, r):
    item, alts = r.choice(CLOTHES)
    q = f"Buy {item} in my size{{via}} and have it delivered to my office."
    return q, [("place_order", [Q("product_name", alts), Q("quantity", [1]),
                                PF("size", [u["clothing_size"]], "size"),
                                PF("shipping_address", u["work"], "work_address"),
                                PF("payment_method", u["payment"], "payment_method")])]


@template("shopping")
def track_with_sms(u, r):
    oid = _order_id(r, u["pref"]["shopping"])
    q = f"Where is my order {oid}{{via}}? Text the updates to my phone."
    return q, [("track_order", [Q("order_id", [oid]), PF("notify_phone", [u["phone"]], "phone")])]


@template("shopping")
def return_damaged(u, r):
    oid = _order_id(r, u["pref"]["shopping"])
    reason, said = r.choice([("damaged", "arrived damaged"), ("wrong_size", "is the wrong size"),
                             ("defective", "stopped working after a day"), ("wrong_item", "is not what I ordered")])
    q = f"Order {oid}{{via}} {said}. Return it and have the courier collect it from my home."
    return q, [("return_item", [Q("order_id", [oid]), Q("reason", _alts(reason, reason.replace("_", " "))),
                                PF("pickup_address", u["home"], "home_address")])]


@template("shopping")
def wishlist_alert(u, r):
    kw, cat, alts = r.choice(SEARCH_PRODUCTS)
    price = r.choice([49.99, 99, 129.5, 199, 24.99])
    q = f"Save the {kw} to my wishlist{{via}} and alert me if it drops below ${price}."
    return q, [("add_to_wishlist", [Q("product_name", alts), Q("alert_below_price", [price])])]


@template("shopping")
def cart_then_checkout(u, r):
    item, alts = r.choice(GROCERIES)
    n = r.randint(2, 4)
    q = f"Add {_num(n)} {item}{{via}} to the cart and check out right away, delivered home with my usual payment."
    return q, [("add_to_cart", [Q("product_name", alts), Q("quantity", [n])]),
               ("place_order", [Q("product_name", alts), Q("quantity", [n]),
                                PF("shipping_address", u["home"], "home_address"),
                                PF("payment_method", u["payment"], "payment_method")])]


@template("shopping")
def one_to_work(u, r):
    kw, cat, alts = r.choice(SEARCH_PRODUCTS)
    q = f"Order one {kw}{{via}} to my work address and charge my usual payment method."
    return q, [("place_order", [Q("product_name", alts), Q("quantity", [1]),
                                PF("shipping_address", u["work"], "work_address"),
                                PF("payment_method", u["payment"], "payment_method")])]


# --- takeout ---

@template("takeout", 1.5)
def usual_order(u, r):
    q = r.choice([f"Get me my usual from {u['restaurant']}{{via}}, delivered home.",
                  f"I'm starving, order my regular {u['restaurant']} meal{{via}} to my place."])
    items = u["usual_order"]
    return q, [("order_food", [Q("restaurant", [u["restaurant"]]), PF("items", [items, items[::-1]], "usual_order"),
                               PF("delivery_address", u["home"], "home_address"),
                               PF("payment_method", u["payment"], "payment_method"),
                               PF("contactless", [True], "contactless")])]


@template("takeout", 1.6)
def cheap_open_now(u, r):
    cuisine, alts = r.choice(CUISINES)
    params = [Q("cuisine", alts), PF("location", u["work"], "work_address"), Q("price_level", ["low", "cheap"]),
              Q("open_now", [True])]
    if u["dietary"]:
        params.append(PF("dietary", [list(u["dietary"])], "dietary"))
        q = f"Find cheap {cuisine} places near my office that are open now{{via}} and fit my diet."
    else:
        q = f"Find cheap {cuisine} places near my office that are open right now{{via}}."
    return q, [("search_restaurants", params)]


@template("takeout")
def fancy_dinner_search(u, r):
    cuisine, alts = r.choice(CUISINES)
    q = f"I want a nice {cuisine} dinner tonight{{via}}; show high-end places that deliver to my home."
    return q, [("search_restaurants", [Q("cuisine", alts), PF("location", u["home"], "home_address"),
                                       Q("price_level", ["high", "expensive"])])]


@template("takeout")
def schedule_dinner(u, r):
    rest = r.choice(sorted(RESTAURANTS))
    dishes = RESTAURANTS[rest]
    _, iso, spoken = _day(r)
    hh, sh = _hour(r)
    q = f"Schedule {dishes[0]} and {dishes[1]} from {rest}{{via}} to my home for {spoken} at {sh}."
    return q, [("schedule_order", [Q("restaurant", [rest]), Q("items", [list(dishes), dishes[::-1]]),
                                   PF("delivery_address", u["home"], "home_address"),
                                   Q("delivery_time", [f"{iso} {hh}", f"{iso}T{hh}"])])]


@template("takeout")
def lunch_to_office(u, r):
    rest = r.choice(sorted(RESTAURANTS))
    dish = RESTAURANTS[rest][0]
    q = f"Order a {dish} from {rest} to the office{{via}}, no-contact, and pay the usual way."
    return q, [("order_food", [Q("restaurant", [rest]), Q("items", [[dish]]),
                               PF("delivery_address", u["work"], "work_address"),
                               PF("payment_method", u["payment"], "payment_method"), Q("contactless", [True])])]


@template("takeout")
def track_it(u, r):
    oid = _order_id(r, u["pref"]["takeout"])
    q = f"Where's my food{{via}}? The order number is {oid}."
    return q, [("track_delivery", [Q("order_id", [oid])])]


@template("takeout", 1.4)
def tip_usual_percent(u, r):
    """Tip computed from the profile's percentage; gold is the exact product (e.g. 10.005)."""
    p = u["tip_pct"]
    cents = r.randint(2500, 9000)
    while True:  # a total whose tip lies within 0.006 of a whole number but is not one
        tip = cents * p / 10000
        if 0 < abs(tip - round(tip)) <= 0.006:
            break
        cents += 1
    total = f"{cents / 100:.2f}"
    oid = _order_id(r, u["pref"]["takeout"])
    q = f"Tip the courier my usual percentage on order {oid}{{via}}; the bill was ${total}."
    return q, [("tip_courier", [Q("order_id", [oid]), PF("amount", [round(tip, 4)], "tip")])]


@template("takeout")
def tip_flat(u, r):
    oid = _order_id(r, u["pref"]["takeout"])
    amt = r.choice([3, 4, 5, 7.5, 10])
    q = f"Give the driver a ${amt} tip for order {oid}{{via}}."
    return q, [("tip_courier", [Q("order_id", [oid]), Q("amount", [amt])])]


@template("takeout")
def rate_it(u, r):
    oid = _order_id(r, u["pref"]["takeout"])
    stars = r.choice([1, 2, 4, 5])
    comment = {1: ["arrived cold", "food arrived cold"], 2: ["missing the drinks", "drinks were missing"],
               4: ["tasty but late", "good food, a bit late"], 5: ["perfect, still hot", "perfect"]}[stars]
    q = f"Rate order {oid}{{via}} {stars} star{'s' if stars > 1 else ''} and say it was {comment[0]}."
    return q, [("rate_order", [Q("order_id", [oid]), Q("stars", [stars]), Q("comment", comment)])]


@template("takeout")
def track_then_tip(u, r):
    oid = _order_id(r, u["pref"]["takeout"])
    amt = r.choice([3, 4, 5, 6])
    q = f"Check on order {oid}{{via}} and tip the courier ${amt}."
    return q, [("track_delivery", [Q("order_id", [oid])]),
               ("tip_courier", [Q("order_id", [oid]), Q("amount", [amt])])]


# --- entertainment ---

@template("entertainment", 1.4)
def continue_show(u, r):
    params = [Q("title", [u["show"]]), PF("quality", [u["quality"]], "quality")]
    params.append(PF("subtitles_language", _alts(u["subtitles"], "none") if u["subtitles"] == "off" else [u["subtitles"]], "subtitles"))
    q = f"Continue {u['show']}{{via}} with my usual picture and subtitle settings."
    return q, [("play_content", params)]


@template("entertainment")
def play_episode(u, r):
    show = r.choice(SHOWS)
    s, e = r.randint(1, 4), r.randint(1, 10)
    q = f"Play season {s} episode {e} of {show}{{via}}."
    return q, [("play_content", [Q("title", [show]), Q("season", [s]), Q("episode", [e])])]


@template("entertainment")
def docs_in_my_language(u, r):
    g = r.choice(GENRES)
    q = f"Find {g} documentaries in my language{{via}}."
    return q, [("search_content", [Q("query", _alts(g, f"{g} documentaries")), Q("content_type", ["documentary"]),
                                   PF("language", [u["language"]], "language")])]


@template("entertainment")
def kids_movie(u, r):
    rating = u["kids_rating"] or "PG"
    g = r.choice(["animated", "adventure", "family comedy"])
    q = f"Find {'an' if g[0] in 'aeiou' else 'a'} {g} movie the kids can watch tonight{{via}}."
    src = PF("max_age_rating", [rating], "kids_rating") if u["kids_rating"] else Q("max_age_rating", ["PG", "G"])
    return q, [("search_content", [Q("query", _alts(g, f"{g} movie")), Q("content_type", ["movie", "movies"]), src])]


@template("entertainment")
def watch_later(u, r):
    t = r.choice(MOVIES)
    q = f"Add {t} to my watchlist{{via}}."
    return q, [("add_to_watchlist", [Q("title", [t])])]


@template("entertainment", 1.3)
def private_playlist(u, r):
    tracks = r.sample(MOVIES + SHOWS, r.choice([2, 3]))
    name = r.choice(["Movie Night", "Rainy Sunday", "Watch With Mum", "Date Night", "Flight Binge"])
    q = f"Make a private playlist called {name}{{via}} with {', '.join(tracks[:-1])} and {tracks[-1]}."
    return q, [("create_playlist", [Q("name", [name]), Q("items", [tracks, tracks[::-1]]), Q("public", [False])])]


@template("entertainment")
def download_for_flight(u, r):
    t = r.choice(MOVIES)
    dev, alts = r.choice(DEVICES)
    q = f"Download {t} to my {dev} in high quality{{via}} for the flight."
    return q, [("download_offline", [Q("title", [t]), Q("device", alts), Q("quality", ["high"])])]


@template("entertainment")
def rate_title(u, r):
    t = r.choice(MOVIES + SHOWS)
    s = r.randint(1, 5)
    q = f"Give {t} {_num(s)} star{'s' if s > 1 else ''}{{via}}."
    return q, [("rate_content", [Q("title", [t]), Q("stars", [s])])]


@template("entertainment")
def rate_then_play(u, r):
    prev, nxt = r.sample(MOVIES, 2)
    q = f"Rate {prev} five stars{{via}}, then play {nxt} in my usual quality."
    return q, [("rate_content", [Q("title", [prev]), Q("stars", [5])]),
               ("play_content", [Q("title", [nxt]), PF("quality", [u["quality"]], "quality")])]


@template("entertainment")
def series_by_genre(u, r):
    g = r.choice(GENRES)
    q = f"Look up {g} series{{via}}."
    return q, [("search_content", [Q("query", _alts(g, f"{g} series")), Q("content_type", ["series", "tv series"])])]


# --- work ---

def _mgr(u):
    return PF("recipient", [u["manager"][1], u["manager"][0]], "manager")


@template("work", 1.3)
def running_late(u, r):
    m = r.choice([5, 10, 15, 20])
    q = f"Tell my manager{{via}} I'm running {m} minutes late."
    return q, [("send_message", [_mgr(u), Q("text", [f"I'm running {m} minutes late", f"Running {m} minutes late",
                                                   f"I am running {m} minutes late"])])]


@template("work", 1.3)
def team_sync(u, r):
    title = r.choice(MEETINGS)
    _, iso, spoken = _day(r)
    hh, sh = _hour(r)
    emails = [e for _, e in u["teammates"]]
    names = [n for n, _ in u["teammates"]]
    q = f"Set up a {title.lower()} with my teammates on {spoken} at {sh}{{via}}, the usual length."
    return q, [("schedule_meeting", [Q("title", _alts(title, title.lower())), Q("start_time", [f"{iso} {hh}"]),
                                     PF("duration_minutes", [u["meeting_minutes"]], "meeting_minutes"),
                                     PF("attendees", [emails, names], "teammates")])]


@template("work")
def share_with_team(u, r):
    f = r.choice(FILES)
    perm = r.choice(["view", "comment", "edit"])
    q = f"Share {f} with my team channel{{via}}, {perm} access only." if perm != "edit" else \
        f"Share {f} with my team channel{{via}} and let them edit it."
    return q, [("share_file", [Q("file_name", [f]), PF("recipients", [[u["channel"]], [u["channel"].lstrip("#")]], "channel"),
                               Q("permission", [perm])])]


@template("work")
def out_of_office(u, r):
    _, iso, spoken = _day(r)
    q = f"Mark me as out of office until {spoken}{{via}}."
    return q, [("set_status", [Q("status", ["out_of_office", "out of office"]), Q("until", [f"{iso} 09:00", iso])])]


@template("work")
def task_for_me(u, r):
    t = r.choice(TASKS)
    _, iso, spoken = _day(r)
    prio = r.choice(["high", "urgent", "low"])
    q = f"Create a {prio}-priority task for me to {t} by {spoken}{{via}}."
    return q, [("create_task", [Q("title", _alts(_cap(t), t)), PF("assignee", [u["email"], u["name"]], "email"),
                                Q("due_date", [iso]), Q("priority", [prio])])]


@template("work")
def private_channel(u, r):
    c = r.choice(CHANNELS)
    emails = [u["manager"][1]] + [e for _, e in u["teammates"]]
    q = f"Create a private channel {c}{{via}} with my manager and my teammates."
    return q, [("create_channel", [Q("name", _alts(c, "#" + c)), PF("members", [emails], "members"), Q("private", [True])])]


@template("work")
def focus_then_notify(u, r):
    hh, sh = _hour(r)
    q = f"Set me to do not disturb until {sh}{{via}} and let my team channel know I'm heads-down."
    return q, [("set_status", [Q("status", ["do_not_disturb", "do not disturb", "dnd"]), Q("until", [hh])]),
               ("send_message", [PF("recipient", [u["channel"], u["channel"].lstrip("#")], "channel"),
                                 Q("text", ["I'm heads-down", "heads-down", "I am heads-down"])])]


@template("work")
def urgent_ping(u, r):
    name, email = r.choice(u["teammates"])
    f = r.choice(FILES)
    q = f"Urgently ping {name}{{via}}: the {f} numbers are wrong."
    return q, [("send_message", [Q("recipient", [email, name]),
                                 Q("text", [f"the {f} numbers are wrong", f"The {f} numbers are wrong"]),
                                 Q("urgent", [True])])]


# --- travel ---

@template("travel", 1.4)
def find_flights(u, r):
    city, code = r.choice([d for d in DESTINATIONS if d[1] != u["airport"][0]])
    _, iso, spoken = _day(r)
    params = [PF("origin", [u["airport"][0], u["airport"][1]], "airport"), Q("destination", [city, code]),
              Q("departure_date", [iso]), PF("cabin_class", _alts(u["cabin"], u["cabin"].replace("_", " ")), "cabin")]
    if u["nonstop"]:
        params.append(PF("nonstop_only", [True], "nonstop"))
    q = f"Find me flights to {city} on {spoken}{{via}}."
    return q, [("search_flights", params)]


@template("travel")
def book_that_flight(u, r):
    fn = f"{r.choice(AIRLINES)}{r.randint(100, 2999)}"
    _, iso, spoken = _day(r)
    q = f"Book flight {fn} on {spoken} for me{{via}}."
    params = [Q("flight_number", [fn, fn[:2] + " " + fn[2:]]), Q("date", [iso]),
              PF("passenger_name", u["name_alts"], "name"),
              PF("seat_preference", _alts(u["seat"], u["seat"].replace("_", " ")), "seat"),
              PF("payment_method", u["payment"], "payment_method")]
    return q, [("book_flight", params)]


@template("travel")
def hotels_my_standard(u, r):
    city, _ = r.choice(DESTINATIONS)
    d, iso, spoken = _day(r)
    _, iso2, spoken2 = _plus(d, r.randint(2, 6))
    q = f"Find a hotel in {city} from {spoken} to {spoken2}{{via}}, up to my usual standard."
    return q, [("search_hotels", [Q("city", [city]), Q("check_in", [iso]), Q("check_out", [iso2]),
                                  PF("min_stars", [u["hotel_stars"]], "hotel_stars")])]


@template("travel")
def book_hotel_room(u, r):
    h = r.choice(HOTELS)
    d, iso, spoken = _day(r)
    _, iso2, spoken2 = _plus(d, r.randint(1, 5))
    room = r.choice(["double", "twin", "suite", "single"])
    q = f"Book a {room} room at {h}{{via}}, checking in {spoken} and out {spoken2}."
    return q, [("book_hotel", [Q("hotel_name", [h]), Q("check_in", [iso]), Q("check_out", [iso2]), Q("room_type", [room]),
                               PF("guest_name", u["name_alts"], "name"), PF("payment_method", u["payment"], "payment_method")])]


@template("travel")
def rent_usual_car(u, r):
    city, code = r.choice(DESTINATIONS)
    d, iso, spoken = _day(r)
    _, iso2, spoken2 = _plus(d, r.randint(2, 9))
    q = f"Rent my usual kind of car at {city} airport{{via}} from {spoken} to {spoken2}."
    return q, [("rent_car", [Q("pickup_location", [f"{code}", f"{city} airport", f"{city} Airport ({code})"]),
                             Q("pickup_date", [iso]), Q("return_date", [iso2]),
                             PF("car_type", [u["car"]], "car"), PF("driver_name", u["name_alts"], "name")])]


@template("travel")
def cancel_it(u, r):
    bid = f"{r.choice(['BK', 'EX', 'AG'])}{r.randint(10000000, 99999999)}"
    q = f"Cancel booking {bid}{{via}}, my plans changed."
    return q, [("cancel_booking", [Q("booking_id", [bid]), Q("reason", ["plans changed", "my plans changed", "change of plans"])])]


@template("travel")
def trip_flight_and_hotel(u, r):
    city, code = r.choice([d for d in DESTINATIONS if d[1] != u["airport"][0]])
    d, iso, spoken = _day(r)
    _, iso2, spoken2 = _plus(d, r.randint(3, 7))
    q = f"Plan a trip to {city}{{via}}: flights out on {spoken} and a hotel until {spoken2}."
    return q, [("search_flights", [PF("origin", [u["airport"][0], u["airport"][1]], "airport"), Q("destination", [city, code]),
                                   Q("departure_date", [iso])]),
               ("search_hotels", [Q("city", [city]), Q("check_in", [iso]), Q("check_out", [iso2])])]


# MARK: - Cases

def build_case(u, scenario, rng, tmpl=None, explicit=None):
    """One case (plus the bookkeeping the injector needs). `explicit` names a platform in the query."""
    name, fn, _ = tmpl or _pick_template(scenario, rng)
    query, calls = fn(u, rng)
    platform = explicit or u["pref"][scenario]
    if explicit:
        via = rng.choice([" on {p}", " via {p}", " using {p}", " through {p}"]).format(p=explicit)
        if rng.random() < 0.3:
            query = query.replace("{via}", "")
            query = rng.choice(["Use {p} this time: ", "On {p}: ", "Let's go with {p} for this one. "]).format(p=explicit) + \
                query[:1].lower() + query[1:]
        else:
            query = query.replace("{via}", via)
    else:
        query = query.replace("{via}", "")
    qp, pp = [], []
    for _, params in calls:
        for p in params:
            (qp if p["source"] == "query" else pp).append(p["name"])
    return {
        "scenario": scenario, "template": name, "user": u, "platform": platform, "explicit": explicit,
        "query": query, "calls": calls,
        "query_params": sorted(set(qp)), "profile_params": sorted(set(pp)),
        "answer": [platform, [{f: OrderedDict((p["name"], p["accepted"]) for p in params)} for f, params in calls]],
    }


def _pick_template(scenario, rng):
    lst = TEMPLATES[scenario]
    return rng.choices(lst, weights=[w for _, _, w in lst])[0]


def case_json(c, profile, exclude=frozenset()):
    """The PTBench case object written to data.json."""
    return OrderedDict([
        ("user_profile", profile),
        ("platforms", platforms_json(c["scenario"])),
        ("tools", tools_json(c["scenario"], exclude)),
        ("query", c["query"]),
        ("answer", c["answer"]),
        ("query_params", c["query_params"]),
        ("profile_params", c["profile_params"]),
    ])


def template_apis(fn):
    """The functions a template's answers call (found by running it once on a sample user)."""
    _, calls = fn(SAMPLE_PERSONAS[0], random.Random(0))
    return {f for f, _ in calls}


def make_split_cases(users, n, rng, explicit_rate=0.13, exclude=frozenset()):
    """n cases over `users`, scenarios round-robin, every template of a scenario before any repeats."""
    usable = {sc: [t for t in TEMPLATES[sc] if not (template_apis(t[1]) & exclude)] for sc in SCENARIOS}
    decks = {sc: [] for sc in SCENARIOS}
    cases = []
    order = [(u, sc) for u in users for sc in SCENARIOS]
    rng.shuffle(order)
    i = 0
    while len(cases) < n:
        u, sc = order[i % len(order)]
        i += 1
        if not decks[sc]:
            decks[sc] = list(usable[sc])
            rng.shuffle(decks[sc])
        tmpl = decks[sc].pop()
        cases.append(build_case(u, sc, rng, tmpl, pick_explicit(u, sc, rng, explicit_rate)))
    return cases


def pick_explicit(u, scenario, rng, rate=0.13):
    """Whether the query names a platform: usually not; when it does, mostly not the preferred one."""
    if rng.random() >= rate:
        return None
    others = [p for p, _ in PLATFORMS[scenario] if p != u["pref"][scenario]]
    return rng.choice(others) if rng.random() < 0.85 else u["pref"][scenario]


# MARK: - Rendering predictions

class Raw(str):
    """Source text written as-is into a prediction (a bare word, an attribute, an f-string...)."""


def lit(v, dq=False):
    """A Python literal for v, as a model would write it."""
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False) if dq else repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(lit(x, dq) for x in v) + "]"
    if v is None:
        return "None"
    raise TypeError(type(v))


def render(platform, calls, dq=False, key_quote=False, positional=None, tight=False):
    """`Platform:[f(a=1, b='x'), g(...)]`; calls = [(name, [(param, value), ...])]."""
    sep = "," if tight else ", "
    out = []
    for i, (name, args) in enumerate(calls):
        parts = []
        if positional and i == 0:
            parts.append(lit(positional, dq))
        parts += [f"{k}={lit(v, dq)}" for k, v in args]
        out.append(f"{name}({sep.join(parts)})")
    key = (json.dumps(platform) if dq else repr(platform)) if key_quote else platform
    return f"{key}:[{sep.join(out)}]"


def gold_calls(c):
    """The calls a correct model writes: the first accepted alternative of every parameter."""
    return [(f, [(p["name"], p["value"]) for p in params]) for f, params in c["calls"]]


def _params(c):
    return [(ci, pi, p) for ci, (_, params) in enumerate(c["calls"]) for pi, p in enumerate(params)]


def _edit(calls, ci, pi, value=None, drop=False, rename=None):
    calls = [(f, list(a)) for f, a in calls]
    k, v = calls[ci][1][pi]
    if drop:
        del calls[ci][1][pi]
    else:
        calls[ci][1][pi] = (rename or k, v if value is None else value)
    return calls


def accepted(x, y):
    """Would the reference accept x for gold alternatives y? (Only for the simple values we write.)"""
    if isinstance(x, bool):
        return x in y
    if isinstance(x, str):
        return x.lower() in [s.lower() for s in y if isinstance(s, str)]
    if isinstance(x, list):
        return set(s.lower() for s in x) in [set(s.lower() for s in j) for j in y]
    if isinstance(x, int):
        return y[0] - 0.01 <= x <= y[0] + 0.01
    return x in y


# MARK: - Error injection
#
# Each kind is a function (case, rng) -> (predict text, detail) or None when it does not apply.
# `EXPECT` says what PTBench's reference scorer makes of each kind: ok (overall correct),
# platform (only the platform wrong), one of its error_results.csv columns, or format (unparsable).

INVENTED = {
    "home_address": "123 Main Street, Springfield", "work_address": "1 Infinite Loop, Cupertino",
    "payment_method": "credit card", "name": "John Smith", "phone": "+1-555-000-0000", "email": "user@example.com",
    "size": "M", "usual_item": "running shoes", "usual_order": ["cheeseburger", "fries"], "contactless": False,
    "quality": "auto", "subtitles": "English", "language": "English", "kids_rating": "R", "manager": "manager",
    "teammates": ["team@example.com"], "members": ["everyone"], "channel": "#general", "meeting_minutes": 60,
    "airport": "JFK", "cabin": "economy", "nonstop": False, "seat": "window", "hotel_stars": 3, "car": "economy",
    "tip": 5, "dietary": ["none"],
}

SIBLING = {
    "search_products": "add_to_wishlist", "add_to_cart": "place_order", "place_order": "add_to_cart",
    "track_order": "return_item", "return_item": "track_order", "add_to_wishlist": "add_to_cart",
    "search_restaurants": "order_food", "order_food": "schedule_order", "schedule_order": "order_food",
    "track_delivery": "rate_order", "tip_courier": "rate_order", "rate_order": "tip_courier",
    "search_content": "play_content", "play_content": "download_offline", "add_to_watchlist": "create_playlist",
    "create_playlist": "add_to_watchlist", "download_offline": "play_content", "rate_content": "add_to_watchlist",
    "send_message": "create_task", "schedule_meeting": "send_message", "share_file": "send_message",
    "set_status": "send_message", "create_task": "schedule_meeting", "create_channel": "send_message",
    "search_flights": "book_flight", "book_flight": "search_flights", "search_hotels": "book_hotel",
    "book_hotel": "search_hotels", "rent_car": "search_cars", "cancel_booking": "cancel_flight",
}

RENAME = {
    "shipping_address": "address", "delivery_address": "address", "pickup_address": "address",
    "passenger_name": "name", "guest_name": "name", "driver_name": "name", "subtitles_language": "subtitles",
    "attendees": "participants", "recipients": "share_with", "items": "dishes", "product_name": "product",
    "keyword": "query", "notify_phone": "phone", "departure_date": "date", "check_in": "checkin_date",
    "order_id": "id", "restaurant": "restaurant_name", "payment_method": "payment", "file_name": "filename",
    "destination": "to_city", "origin": "from_city", "title": "name", "delivery_time": "time",
    "quality": "resolution", "members": "invitees", "assignee": "owner", "recipient": "to",
    "booking_id": "confirmation_number", "amount": "tip", "status": "presence", "location": "address",
}

EXTRA_VALUE = {
    "size": "M", "quantity": 1, "category": "electronics", "max_price": 100,
    "min_rating": 4, "notify_phone": None,
    "contactless": True, "price_level": "medium", "open_now": True, "comment": "thanks!",
    "season": 1, "episode": 1, "quality": "auto", "subtitles_language": "English", "list_name": "My List",
    "public": False, "language": "English", "content_type": "movie", "urgent": False, "permission": "view",
    "until": "17:00", "priority": "medium", "private": False, "cabin_class": "economy", "nonstop_only": False,
    "seat_preference": "window", "min_stars": 3, "room_type": "double", "car_type": "economy",
    "reason": "", "due_date": "2025-06-30", "location": "office", "return_date": "2025-07-01",
}

EXTRA_CALL = {  # scenario -> [(function, builder(case) -> args)]
    "shopping": [("search_products", lambda c: [("keyword", _first_str(c))]),
                 ("track_order", lambda c: [("order_id", "latest")])],
    "takeout": [("track_delivery", lambda c: [("order_id", "latest")]),
                ("search_restaurants", lambda c: [("location", c["user"]["home"][0])])],
    "entertainment": [("search_content", lambda c: [("query", _first_str(c))]),
                      ("add_to_watchlist", lambda c: [("title", _first_str(c))])],
    "work": [("send_message", lambda c: [("recipient", c["user"]["channel"]), ("text", "Done!")]),
             ("set_status", lambda c: [("status", "busy")]),
             ("create_task", lambda c: [("title", "follow up"), ("assignee", c["user"]["email"])])],
    "travel": [("search_hotels", lambda c: [("city", _first_str(c)), ("check_in", "2025-06-01"), ("check_out", "2025-06-03")]),
               ("search_flights", lambda c: [("origin", c["user"]["airport"][0]), ("destination", _first_str(c)),
                                             ("departure_date", "2025-06-01")])],
}


def _first_str(c):
    for _, _, p in _params(c):
        if isinstance(p["value"], str):
            return p["value"]
    return c["query"].split()[0]


def _perturb(p, rng, scenario, func):
    """A plausible wrong value for a query parameter (never one of its accepted alternatives)."""
    v, name = p["value"], p["name"]
    cands = []
    if isinstance(v, bool):
        cands = [not v]
    elif isinstance(v, int) or isinstance(v, float):
        cands = [v + 1 if v < 5 else v * 2, v - 1] if isinstance(v, int) else [round(v * 1.5, 2)]
    elif isinstance(v, list):
        cands = [v[:-1]] if len(v) > 1 else [v + ["extra napkins"]]
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", v):
        d = int(v[8:10])
        cands = [v[:8] + f"{d % 28 + 1:02d}" + v[10:]]
    elif re.fullmatch(r"\d{2}:\d{2}", v):
        cands = [f"{(int(v[:2]) + 12) % 24:02d}" + v[2:]]
    else:
        enum = API_INDEX[(scenario, func)][1].get(name, {}).get("enum")
        if enum:
            cands = [e for e in enum if e != v]
        pools = {"restaurant": sorted(RESTAURANTS), "title": MOVIES + SHOWS, "destination": [d for d, _ in DESTINATIONS],
                 "city": [d for d, _ in DESTINATIONS], "hotel_name": HOTELS, "file_name": FILES, "name": CHANNELS}
        if not cands and name in pools:
            cands = list(pools[name])
        if not cands:
            words = v.split()
            cands = [" ".join(words[:-1])] if len(words) > 1 else [v[:-1] + ("0" if v[-1:] != "0" else "1")]
    cands = [x for x in cands if not accepted(x, p["accepted"])]
    return rng.choice(cands) if cands else None


def _profile_params(c, tags=None):
    return [(ci, pi, p) for ci, pi, p in _params(c) if p["source"] == "profile" and (tags is None or p["tag"] in tags)]


def _wrong_platform(c):
    names = [n for n, _ in PLATFORMS[c["scenario"]]]
    if c["explicit"] and c["explicit"] != c["user"]["pref"][c["scenario"]]:
        return c["user"]["pref"][c["scenario"]], "ignored the platform named in the query"
    default = names[0] if names[0] != c["platform"] else names[1]
    return default, "used the most popular platform instead of the preferred one"


def k_wrong_platform(c, rng):
    p, why = _wrong_platform(c)
    return render(p, gold_calls(c)), f"{why} ({p})"


def k_extra_function(c, rng):
    names = {f for f, _ in c["calls"]}
    opts = [(f, b) for f, b in EXTRA_CALL[c["scenario"]] if f not in names]
    if not opts:
        return None
    f, b = rng.choice(opts)
    calls = gold_calls(c)
    pos = rng.choice([0, len(calls)])
    calls.insert(pos, (f, b(c)))
    return render(c["platform"], calls), f"added {f}()"


def k_missing_function(c, rng):
    calls = gold_calls(c)
    if len(calls) > 1:
        i = rng.randrange(len(calls))
        dropped = calls.pop(i)[0]
        return render(c["platform"], calls), f"left out {dropped}()"
    return render(c["platform"], []), "answered with an empty call list"


def k_wrong_function(c, rng):
    calls = gold_calls(c)
    names = [f for f, _ in calls]
    for i in rng.sample(range(len(calls)), len(calls)):
        sib = SIBLING.get(calls[i][0])
        if sib and sib not in names:
            calls[i] = (sib, calls[i][1])
            return render(c["platform"], calls), f"called {sib}() instead of {names[i]}()"
    return None


def k_extra_param(c, rng):
    opts = []
    for ci, (f, params) in enumerate(c["calls"]):
        have = {p["name"] for p in params}
        _, props, _ = API_INDEX[(c["scenario"], f)]
        for name in props:
            if name not in have and EXTRA_VALUE.get(name) is not None:
                opts.append((ci, name))
    if not opts:
        return None
    ci, name = rng.choice(opts)
    calls = gold_calls(c)
    calls[ci][1].append((name, EXTRA_VALUE[name]))
    return render(c["platform"], calls), f"added {name}= to {calls[ci][0]}()"


def k_missing_param(c, rng):
    prof = _profile_params(c)
    ci, pi, p = rng.choice(prof) if prof else rng.choice(_params(c))
    calls = gold_calls(c)
    if rng.random() < 0.25 and pi == 0 and ci == 0:
        v = calls[0][1][0][1]
        return render(c["platform"], _edit(calls, 0, 0, drop=True), positional=v), \
            f"passed {p['name']} positionally (ignored)"
    return render(c["platform"], _edit(calls, ci, pi, drop=True)), f"left out {p['name']}="


def k_extra_and_missing_param(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if p["name"] in RENAME]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    new = RENAME[p["name"]]
    if new in {q["name"] for q in c["calls"][ci][1]}:
        return None
    return render(c["platform"], _edit(gold_calls(c), ci, pi, rename=new)), f"wrote {new}= instead of {p['name']}="


def k_query_value(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if p["source"] == "query"]
    rng.shuffle(opts)
    for ci, pi, p in opts:
        v = _perturb(p, rng, c["scenario"], c["calls"][ci][0])
        if v is not None:
            return render(c["platform"], _edit(gold_calls(c), ci, pi, value=v)), f"{p['name']}={lit(v)}"
    return None


def k_profile_value_address(c, rng):
    opts = _profile_params(c, {"home_address", "work_address"})
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    other = c["user"]["work" if p["tag"] == "home_address" else "home"][0]
    label = "work" if p["tag"] == "home_address" else "home"
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=other)), f"{p['name']} = {label} address"


def _invented(p):
    """A made-up value for profile parameter p, of the gold's type."""
    v = INVENTED.get(p["tag"])
    if isinstance(p["value"], list) and isinstance(v, str):
        v = [v]
    elif isinstance(p["value"], str) and isinstance(v, list):
        v = v[0]
    return v


def k_profile_value_invented(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _profile_params(c) if p["tag"] in INVENTED
            and not accepted(INVENTED[p["tag"]], p["accepted"]) and not accepted(_invented(p), p["accepted"])]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    v = _invented(p)
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=v)), f"invented {p['name']}={lit(v)}"


def _nonint_float(c):
    return [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], float)
            and abs(p["value"] - round(p["value"])) <= 0.006 and p["value"] != round(p["value"])]


def k_float_not_tolerated(c, rng):
    """A float within 0.01 of the gold is still wrong: only ints get the ±0.01 tolerance."""
    opts = _nonint_float(c)
    if not opts:
        return None
    ci, pi, p = opts[0]
    v = float(round(p["value"]))
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=v)), f"{p['name']}={v!r} (float, gold {p['value']})"


# --- still correct, with quirks ---

def k_ok_plain(c, rng):
    tight = rng.random() < 0.25
    return render(c["platform"], gold_calls(c), tight=tight), "plain"


def k_ok_case(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], str) and p["value"].lower() != p["value"].upper()]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    v = p["value"]
    nv = v.upper() if v != v.upper() else v.lower()
    if rng.random() < 0.4 and v.title() != v:
        nv = v.title()
    if nv.lower() != v.lower():  # 'Torstraße'.upper() is 'TORSTRASSE', 'Yıldız'.upper() 'YILDIZ': no longer equal
        nv = next((x for x in (v.title(), v.lower(), v.upper()) if x.lower() == v.lower()), v)
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=nv)), f"{p['name']}={nv!r} (case differs)"


def k_ok_alternative(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if len(p["accepted"]) > 1 and not isinstance(p["value"], bool)]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    v = p["accepted"][rng.randrange(1, len(p["accepted"]))]
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=v)), f"{p['name']}={lit(v)} (other alternative)"


def k_ok_int_tolerance(c, rng):
    opts = _nonint_float(c)
    if not opts:
        return None
    ci, pi, p = opts[0]
    v = int(round(p["value"]))
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=v)), f"{p['name']}={v} (int within 0.01 of {p['value']})"


def k_ok_double_quotes(c, rng):
    if not any(isinstance(p["value"], str) for _, _, p in _params(c)):
        return None
    return render(c["platform"], gold_calls(c), dq=True, key_quote=rng.random() < 0.5), "double-quoted strings"


def k_ok_positional(c, rng):
    return render(c["platform"], gold_calls(c), positional=rng.choice(["me", c["platform"], 1])), "extra positional argument"


def k_ok_bare_word(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], str)
            and re.fullmatch(r"[a-z_][a-z0-9_]*", p["value"]) and not keyword.iskeyword(p["value"])
            and p["value"] not in ("true", "false")]
    if not opts:
        return None
    opts.sort(key=lambda t: t[2]["name"] != "price_level")
    ci, pi, p = opts[0]
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=Raw(p["value"]))), f"{p['name']}={p['value']} (bare word)"


def k_ok_string_bool(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], bool)]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    word = "true" if p["value"] else "false"
    calls = _edit(gold_calls(c), ci, pi, value=Raw(word) if rng.random() < 0.5 else word)
    return render(c["platform"], calls), f"{p['name']}={word} (lowercase)"


def k_ok_quoted_key(c, rng):
    return render(c["platform"], gold_calls(c), key_quote=True), "quoted platform key"


def k_ok_list_order(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], list) and len(set(p["value"])) > 1]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=p["value"][::-1])), f"{p['name']} in another order"


def k_ok_binop(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if type(p["value"]) is int and p["value"] >= 2]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    v = p["value"]
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=Raw(f"{v - 1} + 1"))), f"{p['name']}={v - 1} + 1 (evaluated)"


# --- format failures ---

def _ok_text(c):
    return render(c["platform"], gold_calls(c))


def k_fmt_think(c, rng):
    u = c["user"]
    why = (f"The query names {c['explicit']}." if c["explicit"] else
           f"The profile says the user prefers {u['pref'][c['scenario']]} for {c['scenario']}.")
    fill = (f" {', '.join(c['profile_params'])} come from the profile." if c["profile_params"]
            else " Everything else is in the query.")
    return f"<think>\n{why} I need {', '.join(f for f, _ in c['calls'])}.{fill}\n</think>\n\n" + _ok_text(c), "<think> block"


def k_fmt_fence(c, rng):
    lang = rng.choice(["python", "", "text"])
    return f"```{lang}\n{_ok_text(c)}\n```", "Markdown fence"


def k_fmt_prose_before(c, rng):
    return rng.choice(["Sure! Here is the call:\n", "Based on your profile, I would use:\n"]) + _ok_text(c), "prose before"


def k_fmt_prose_after(c, rng):
    return _ok_text(c) + rng.choice(["\nThis uses the details saved in your profile.", "\n\nLet me know if you want changes."]), "prose after"


def k_fmt_json(c, rng):
    obj = {"platform": c["platform"], "functions": [{"name": f, "parameters": dict(a)} for f, a in gold_calls(c)]}
    return json.dumps(obj, ensure_ascii=False), "JSON object instead of the call format"


def k_fmt_unbalanced(c, rng):
    t = _ok_text(c)
    return (t[:-1] if rng.random() < 0.5 else t[:-2] + "]"), "unbalanced brackets"


def k_fmt_attribute(c, rng):
    opts = _profile_params(c)
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=Raw(f"user.{p['tag']}"))), f"{p['name']}=user.{p['tag']} (attribute)"


def k_fmt_comparison(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if type(p["value"]) in (int, float)]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    op = ">=" if p["name"].startswith("min") or p["name"] == "stars" else "<="
    short = p["name"].split("_")[-1]
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=Raw(f"{short} {op} {p['value']}"))), \
        f"{p['name']}={short} {op} {p['value']} (comparison)"


def k_fmt_fstring(c, rng):
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if isinstance(p["value"], str) and "{" not in p["value"]
            and '"' not in p["value"]]
    if not opts:
        return None
    prof = [o for o in opts if o[2]["source"] == "profile"]
    ci, pi, p = rng.choice(prof or opts)
    raw = Raw(f'f"{{{p["tag"]}}}"') if p["source"] == "profile" else Raw(f'f"{p["value"]}"')
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=raw)), f"{p['name']}={raw} (f-string)"


def k_fmt_comment(c, rng):
    return _ok_text(c) + rng.choice(["  # uses the saved profile", "  # done", "  # platform chosen from preferences"]), "trailing comment"


def k_fmt_string_for_number(c, rng):
    """A number written as a string: the reference's include() raises, so the case is a format failure."""
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if type(p["value"]) in (int, float)]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=str(p["value"]))), \
        f"{p['name']}='{p['value']}' (string for a number: the scorer raises)"


def k_fmt_binop_name(c, rng):
    """Arithmetic on names (`order_total * 0.15`): the reference would eval it and raise NameError."""
    exprs = {"amount": f"order_total * {c['user']['tip_pct'] / 100}", "episode": "last_episode + 1",
             "duration_minutes": "default_duration * 1", "quantity": "usual_quantity * 1"}
    opts = [(ci, pi, p) for ci, pi, p in _params(c) if p["name"] in exprs]
    if not opts:
        return None
    ci, pi, p = rng.choice(opts)
    expr = exprs[p["name"]]
    return render(c["platform"], _edit(gold_calls(c), ci, pi, value=Raw(expr))), f"{p['name']}={expr} (names in arithmetic)"


KINDS = OrderedDict([
    # kind: (function, expected outcome under the reference scorer)
    ("ok_plain", (k_ok_plain, "ok")), ("ok_case", (k_ok_case, "ok")), ("ok_alternative", (k_ok_alternative, "ok")),
    ("ok_int_tolerance", (k_ok_int_tolerance, "ok")), ("ok_double_quotes", (k_ok_double_quotes, "ok")),
    ("ok_positional", (k_ok_positional, "ok")), ("ok_bare_word", (k_ok_bare_word, "ok")),
    ("ok_string_bool", (k_ok_string_bool, "ok")), ("ok_quoted_key", (k_ok_quoted_key, "ok")),
    ("ok_list_order", (k_ok_list_order, "ok")), ("ok_binop", (k_ok_binop, "ok")),
    ("wrong_platform", (k_wrong_platform, "platform")),
    ("extra_function", (k_extra_function, "func_missing_error")),
    ("missing_function", (k_missing_function, "func_excessive_error")),
    ("wrong_function", (k_wrong_function, "func_wrong_error")),
    ("extra_param", (k_extra_param, "param_missing_error")),
    ("missing_param", (k_missing_param, "param_excessive_error")),
    ("extra_and_missing_param", (k_extra_and_missing_param, "param_missing_error")),
    ("query_value", (k_query_value, "value_error")),
    ("profile_value_address", (k_profile_value_address, "value_error")),
    ("profile_value_invented", (k_profile_value_invented, "value_error")),
    ("float_not_tolerated", (k_float_not_tolerated, "value_error")),
    ("fmt_think", (k_fmt_think, "format")), ("fmt_fence", (k_fmt_fence, "format")),
    ("fmt_prose_before", (k_fmt_prose_before, "format")), ("fmt_prose_after", (k_fmt_prose_after, "format")),
    ("fmt_json", (k_fmt_json, "format")), ("fmt_unbalanced", (k_fmt_unbalanced, "format")),
    ("fmt_attribute", (k_fmt_attribute, "format")), ("fmt_comparison", (k_fmt_comparison, "format")),
    ("fmt_fstring", (k_fmt_fstring, "format")), ("fmt_comment", (k_fmt_comment, "format")),
    ("fmt_string_for_number", (k_fmt_string_for_number, "format")),
    ("fmt_binop_name", (k_fmt_binop_name, "format")),
])
EXPECT = {k: e for k, (_, e) in KINDS.items()}
# The reference counts a case with both an extra and a missing parameter in both param columns.
OUTCOME = dict(EXPECT, extra_and_missing_param="param_missing_error + param_excessive_error")


def inject(kind, c, rng):
    """(predict, detail) for `kind` on case c, or None if the kind does not apply to it."""
    return KINDS[kind][0](c, rng)


# MARK: - Simulated models: how many cases of each kind, per split

PLAN = {
    "strong-sim": {
        "test_untrained_user": dict(
            wrong_platform=5, extra_function=2, missing_function=2, wrong_function=1, extra_param=2, missing_param=3,
            extra_and_missing_param=1, query_value=2, profile_value_address=2, profile_value_invented=1,
            fmt_think=2, fmt_fence=2, fmt_prose_after=1, fmt_comment=1,
            ok_case=5, ok_alternative=4, ok_int_tolerance=2, ok_double_quotes=4, ok_positional=1, ok_bare_word=2,
            ok_string_bool=2, ok_quoted_key=2, ok_list_order=2, ok_binop=1),
        "test_trained_user": dict(
            wrong_platform=3, extra_function=1, missing_function=1, wrong_function=1, extra_param=1, missing_param=2,
            extra_and_missing_param=1, query_value=1, profile_value_address=1, profile_value_invented=1,
            fmt_think=1, fmt_json=1, fmt_prose_before=1,
            ok_case=4, ok_alternative=3, ok_int_tolerance=1, ok_double_quotes=3, ok_positional=1, ok_bare_word=1,
            ok_string_bool=2, ok_quoted_key=1, ok_list_order=1),
    },
    "weak-sim": {
        "test_untrained_user": dict(
            wrong_platform=10, extra_function=3, missing_function=3, wrong_function=3, extra_param=3, missing_param=5,
            extra_and_missing_param=2, query_value=4, profile_value_address=4, profile_value_invented=3,
            float_not_tolerated=1,
            fmt_think=1, fmt_fence=1, fmt_prose_before=1, fmt_prose_after=1, fmt_json=1, fmt_unbalanced=1,
            fmt_attribute=1, fmt_comparison=1, fmt_fstring=1, fmt_comment=1, fmt_string_for_number=1, fmt_binop_name=1,
            ok_case=4, ok_alternative=3, ok_double_quotes=3, ok_positional=1, ok_bare_word=1, ok_string_bool=2,
            ok_int_tolerance=1),
        "test_trained_user": dict(
            wrong_platform=8, extra_function=2, missing_function=3, wrong_function=2, extra_param=2, missing_param=4,
            extra_and_missing_param=2, query_value=3, profile_value_address=3, profile_value_invented=2,
            fmt_think=1, fmt_fence=1, fmt_json=1, fmt_attribute=1, fmt_fstring=1, fmt_unbalanced=1,
            ok_case=3, ok_alternative=3, ok_double_quotes=2, ok_bare_word=1, ok_string_bool=1, ok_quoted_key=1),
    },
}


def assign_kinds(cases, plan, rng):
    """Give each case one kind: scarce kinds first, each on a random case it applies to; the rest ok_plain."""
    n = len(cases)
    kinds = [None] * n
    texts = [None] * n
    todo = []
    for kind, count in plan.items():
        elig = [i for i in range(n) if inject(kind, cases[i], random.Random(0)) is not None]
        todo.append((len(elig) / max(count, 1), kind, count, elig))
    todo.sort()
    for _, kind, count, elig in todo:
        free = [i for i in elig if kinds[i] is None]
        if len(free) < count:
            raise SystemExit(f"not enough cases for {count} x {kind} (only {len(free)} free)")
        for i in rng.sample(free, count):
            kinds[i] = kind
    for i in range(n):
        kinds[i] = kinds[i] or "ok_plain"
        texts[i] = inject(kinds[i], cases[i], rng)
    return kinds, texts


# MARK: - Writing

INLINE_WIDTH = 120


def dumps_indent1(obj, level=0, inline_scalars=True):
    """json.dumps(obj, indent=1, ensure_ascii=False), except that a list or object whose one-line form
    fits in INLINE_WIDTH columns (an enum, a `required` list, accepted alternatives, a small
    property schema) stays on one line, as json-stringify-pretty-compact does.

    Same data, far fewer bytes: the tool catalogs are mostly such small leaves."""
    pad = " " * (level + 1)
    if inline_scalars and isinstance(obj, (dict, list)) and obj:
        flat = json.dumps(obj, ensure_ascii=False)
        if len(flat) + level <= INLINE_WIDTH:
            return flat
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps_indent1(v, level + 1, inline_scalars)}"
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * level + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        items = [pad + dumps_indent1(v, level + 1, inline_scalars) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + " " * level + "]"
    return json.dumps(obj, ensure_ascii=False)


def write_json_array(path, objs, inline_scalars=True):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps_indent1(objs, 0, inline_scalars))
        f.write("\n")


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


README = """\
# Bundled sample (invented data)

Everything in this folder is **made up** by `Scripts/make_sample.py`: the users, addresses, phone
numbers, orders, shows, files and flights are fictional, and no part of PTBench's released data is
included. Only the *shape* follows PTBench (arXiv 2505.04072) so that ptscope can be tried without
downloading anything.

```
data/test_untrained_user/data.json   {n_u} cases, {users_u} users not seen in "training"
data/test_trained_user/data.json     {n_t} cases, {users_t} other users
runs/strong-sim/<split>/generation.jsonl   simulated model, about 70% correct
runs/weak-sim/<split>/generation.jsonl     simulated model, about 40% correct
```

Each case: `user_profile` (basic_features, user_history and preferences per scenario),
`platforms` (the scenario's 3 platforms), `tools` (their {apis} APIs each, as JSON-schema objects),
`query`, `answer` (`[platform, [{{function: {{param: [accepted alternatives]}}}}]]`), `query_params`
and `profile_params`. 5 scenarios (shopping, takeout, entertainment, work, travel), 15 platforms,
{n_users} users, some with non-ASCII names (Zoë Ångström, 王芳, José Núñez, 田中 健...).

The two simulated models' mistakes were injected deliberately, one labelled kind per prediction:
wrong platform; extra, missing or wrong function; extra, missing or renamed parameter; wrong
query value; wrong profile value (work address for home, invented values); a float within 0.01 that
the reference still rejects; format failures (`<think>` block, Markdown fence, prose before or
after, JSON instead of the call format, unbalanced brackets, `x=user.home_address`, a comparison,
an f-string, a trailing comment, a number as a string, names in arithmetic); and correct answers
with quirks the reference accepts (case differences, other alternatives, an int within 0.01,
double quotes, a quoted platform key, positional arguments, bare words, `true`, list order, `1 + 1`).

Layout: `data.json` is a JSON array indented by one space like PTBench's files, except that a
list or object that fits on one line (an enum, accepted alternatives, a small property schema)
is kept on one line, which keeps this folder under 1.5 MB. To the same end the sample's catalogs
leave out one API per scenario (`Scripts/make_synthetic.py` writes full-size sets for benchmarks):
{excluded}.

Injected kinds, and what PTBench's reference scorer makes of them (`ok` = overall correct,
`platform` = only the platform wrong, `format` = unparsable, otherwise its error_results.csv
column(s); note that the reference counts a case with both an extra and a missing parameter twice):

| kind | strong-sim | weak-sim | reference outcome |
|---|---|---|---|
{table}

Regenerate (deterministic for a given seed) from the package root:

    python3 Scripts/make_sample.py            # --seed {seed} by default

The script prints the counts per split and per injected kind.
"""


def sample_users():
    users = [dict(u) for u in SAMPLE_PERSONAS]
    return users[:N_SAMPLE_UNTRAINED_USERS], users[N_SAMPLE_UNTRAINED_USERS:]


def generate(out, seed, n_untrained=N_UNTRAINED, n_trained=N_TRAINED, exclude=SAMPLE_EXCLUDED_APIS, inline=True):
    rng = random.Random(seed)
    untrained, trained = sample_users()
    splits = {"test_untrained_user": (untrained, n_untrained), "test_trained_user": (trained, n_trained)}
    written, summary = [], {}
    all_cases = {}
    for split, (users, n) in splits.items():
        cases = make_split_cases(users, n, rng, exclude=exclude)
        all_cases[split] = cases
        profiles = {u["name"]: profile_json(u, seed) for u in users}
        path = os.path.join(out, "data", split, "data.json")
        write_json_array(path, [case_json(c, profiles[c["user"]["name"]], exclude) for c in cases], inline)
        written.append(path)
    for model in MODELS:
        for split in SPLITS:
            cases = all_cases[split]
            kinds, texts = assign_kinds(cases, PLAN[model][split], random.Random(f"{seed}/{model}/{split}"))
            rows = [{"query": c["query"], "label": c["answer"], "predict": t[0]} for c, t in zip(cases, texts)]
            path = os.path.join(out, "runs", model, split, "generation.jsonl")
            write_jsonl(path, rows)
            written.append(path)
            summary[(model, split)] = (kinds, [t[1] for t in texts])
    per_model = {m: Counter(k for sp in SPLITS for k in summary[(m, sp)][0]) for m in MODELS}
    rows = [f"| {k} | {per_model['strong-sim'][k]} | {per_model['weak-sim'][k]} | {OUTCOME[k]} |"
            for k in KINDS if any(per_model[m][k] for m in MODELS)]
    rows.append("| **correct** | " + " | ".join(
        f"{sum(v for k, v in per_model[m].items() if EXPECT[k] == 'ok')} / {n_untrained + n_trained}" for m in MODELS) + " | |")
    readme = os.path.join(out, "README.md")
    with open(readme, "w", encoding="utf-8") as f:
        f.write(README.format(n_u=n_untrained, n_t=n_trained, users_u=len(untrained), users_t=len(trained),
                              n_users=len(untrained) + len(trained), seed=seed, table="\n".join(rows),
                              apis=len(APIS["shopping"]) - len(exclude) // len(SCENARIOS),
                              excluded=", ".join(f"`{x}`" for x in sorted(exclude))))
    written.append(readme)
    return all_cases, summary, written


def print_summary(all_cases, summary, written, out):
    print("== ptscope sample ==")
    users = set()
    for split in SPLITS:
        cases = all_cases[split]
        us = sorted({c["user"]["name"] for c in cases})
        users |= set(us)
        sc = Counter(c["scenario"] for c in cases)
        two = sum(len(c["calls"]) > 1 for c in cases)
        expl = sum(bool(c["explicit"]) and c["explicit"] != c["user"]["pref"][c["scenario"]] for c in cases)
        print(f"{split}: {len(cases)} cases, {len(us)} users, "
              + ", ".join(f"{s} {sc[s]}" for s in SCENARIOS)
              + f"; {two} with 2 functions; {expl} name a non-preferred platform; "
              + f"{len({c['template'] for c in cases})} templates")
    n_apis = len(APIS["shopping"]) - len(SAMPLE_EXCLUDED_APIS) // len(SCENARIOS)
    print(f"users: {len(users)}; platforms: {sum(len(v) for v in PLATFORMS.values())}; "
          f"APIs per platform: {n_apis} in the sample ({len(APIS['shopping'])} in the full catalog)")
    for model in MODELS:
        print(f"\n-- {model} --")
        tot = Counter()
        for split in SPLITS:
            kinds, _ = summary[(model, split)]
            c = Counter(kinds)
            tot.update(c)
            ok = sum(v for k, v in c.items() if EXPECT[k] == "ok")
            print(f"{split}: {ok}/{len(kinds)} correct ({ok / len(kinds):.1%})")
        n = sum(tot.values())
        ok = sum(v for k, v in tot.items() if EXPECT[k] == "ok")
        print(f"overall: {ok}/{n} correct ({ok / n:.1%})")
        for k in KINDS:
            if tot[k]:
                print(f"  {k:26s} {tot[k]:3d}   -> {OUTCOME[k]}")
    print("\nwritten:")
    for p in written:
        print(f"  {os.path.relpath(p, out)}  {os.path.getsize(p):,} bytes")
    total = sum(os.path.getsize(p) for p in written)
    print(f"total {total:,} bytes under {out}")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "Sources", "Sample", "Data"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--plain-indent", action="store_true",
                    help="exactly json.dump(indent=1), every list item on its own line (about 20%% larger)")
    a = ap.parse_args(argv)
    out = os.path.normpath(a.out)
    all_cases, summary, written = generate(out, a.seed, inline=not a.plain_indent)
    print_summary(all_cases, summary, written, out)


if __name__ == "__main__":
    main()
