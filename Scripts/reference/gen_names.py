#!/usr/bin/env python3
"""Writes the parse inputs for `\\N{...}` escapes (issue 13, class 1) to stdout.

    python3 Scripts/reference/gen_names.py > /tmp/names-in.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/names-in.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-names.jsonl

Covers every alias of NameAliases (Unicode 14.0.0, read from perl's copy like
Scripts/make_unicode_tables.py) in a random ASCII case, a seeded sample of character names,
case folding that is not ASCII, the computed names (CJK unified ideographs at every range edge,
Hangul syllables), named sequences, names of characters added after Unicode 14, malformed
escapes, and `\\N` in raw, bytes and f-string literals. Seeded: the output is the same each run.
"""
import json
import random
import unicodedata

PERL = "/usr/share/perl/5.36.0/unicore/"
rng = random.Random(13)
out = []


def add(prediction, cls):
    out.append({"input": prediction, "class": cls})


def call(literal, platform="Amazon"):
    return "%s:[search(q=%s)]" % (platform, literal)


def random_case(name):
    pick = rng.randrange(3)
    if pick == 0:
        return name
    if pick == 1:
        return name.lower()
    return "".join(c.lower() if rng.random() < 0.5 else c for c in name)


def aliases():
    body = open(PERL + "To/NameAlia.pl", encoding="utf-8").read().split("<<'END';\n", 1)[1].split("\nEND", 1)[0]
    for line in body.splitlines():
        cp, rest = line.split("\t\t", 1)
        yield int(cp, 16), rest.rsplit(": ", 1)[0]


# Every alias, in a random case.
for _, alias in aliases():
    add(call("'\\N{%s}'" % random_case(alias)), "alias")

# A sample of character names (not computed), in a random case, in different positions.
named = [cp for cp in range(0x110000) if unicodedata.name(chr(cp), "") and not unicodedata.name(chr(cp)).startswith(
    ("CJK UNIFIED IDEOGRAPH-", "HANGUL SYLLABLE "))]
for cp in rng.sample(named, 120):
    add(call("'x\\N{%s}y'" % random_case(unicodedata.name(chr(cp)))), "name")

# Case folding beyond ASCII never matches; ASCII case always does.
for name in ["latin small letter a", "Latin Small Letter E With Acute", "LATIN SMALL LETTER \u0131",
             "LAT\u0131N SMALL LETTER A", "LATIN SMALL LETTER \u017f", "\u017fPACE", "LATIN SMALL LETTER SHARP \u00df",
             "\u212aELVIN SIGN", "KELVIN SIGN", "LATIN CAPITAL LETTER \uff21", "LATIN CAPITAL LETTER A\u0301",
             "N\u0130L", "nul", "NuL", "zwj", "ZWNJ", "nbsp", "shy", "SHY", "lf", "cr", "Byte Order Mark", "bom",
             "VS1", "vs256", "VS257", "FVS1", "FVS4", "MVS", "NNBSP", "WJ", "ZWSP", "ZWNBSP", "NEL", "ESC", "del",
             "PADDING CHARACTER", "HIGH OCTET PRESET", "SINGLE GRAPHIC CHARACTER INTRODUCER", "PAD", "HOP", "SGC",
             "LINE FEED (LF)", "CARRIAGE RETURN (CR)", "NEXT LINE (NEL)", "FORM FEED (FF)", "BELL", "ALERT", "BEL",
             "LATIN CAPITAL LETTER GHA", "LATIN SMALL LETTER GHA", "LATIN CAPITAL LETTER OI",
             "PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRAKCET",
             "PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET",
             "BYZANTINE MUSICAL SYMBOL FHTORA SKLIRON CHROMA VASIS",
             "BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS", "WEIERSTRASS ELLIPTIC FUNCTION",
             "SCRIPT CAPITAL P", "HANGUL JONGSEONG YESIEUNG-KIYEOK", "TIBETAN MARK BKA- SHOG GI MGO RGYAN",
             "LATIN SMALL LETTER A ", " LATIN SMALL LETTER A", "LATIN  SMALL LETTER A", "LATIN SMALL LETTER A\t",
             "LATIN-SMALL-LETTER-A", "LATIN_SMALL_LETTER_A", "LATINSMALLLETTERA", "LATIN SMALL LETTER",
             "", " ", "-", "A", "SPACE", "space", "U+0041", "0041", "LATIN SMALL LETTER A WITH ACUTE AND",
             "X" * 300, "LATIN SMALL LETTER E WITH ACUTE", "LATIN SMALL LETTER E WITH ACUTE\u0000"]:
    add(call("'\\N{%s}'" % name), "fold")

# Computed names: CJK unified ideographs at every range edge, in every hex spelling.
cjk = [cp for cp in range(0x110000) if unicodedata.name(chr(cp), "").startswith("CJK UNIFIED IDEOGRAPH-")]
edges, previous = [], None
for cp in cjk:
    if previous is None or cp != previous + 1:
        edges += [cp, cp - 1]
        if previous is not None:
            edges += [previous, previous + 1]
    previous = cp
edges += [previous, previous + 1, 0x31350, 0x2B739, 0x2EBE0, 0x323AF, 0x2EBF0, 0x9FFF, 0xF900, 0x20000]
for cp in edges:
    add(call("'\\N{CJK UNIFIED IDEOGRAPH-%X}'" % cp), "cjk")
    add(call("'\\N{CJK UNIFIED IDEOGRAPH-%05X}'" % cp), "cjk")
for text in ["CJK UNIFIED IDEOGRAPH-4e00", "cjk unified ideograph-4E00", "CJK Unified Ideograph-4E00",
             "CJK UNIFIED IDEOGRAPH-4E0", "CJK UNIFIED IDEOGRAPH-004E00", "CJK UNIFIED IDEOGRAPH-+4E00",
             "CJK UNIFIED IDEOGRAPH- 4E00", "CJK UNIFIED IDEOGRAPH-4E00 ", "CJK UNIFIED IDEOGRAPH-", "CJK UNIFIED IDEOGRAPH",
             "CJK UNIFIED IDEOGRAPH-\uff14E00", "CJK UNIFIED IDEOGRAPH-4G00", "CJK COMPATIBILITY IDEOGRAPH-F900",
             "cjk compatibility ideograph-f900", "CJK COMPATIBILITY IDEOGRAPH-2F800", "TANGUT IDEOGRAPH-17000",
             "KHITAN SMALL SCRIPT CHARACTER-18B00", "nushu character-1b170", "NUSHU CHARACTER-1B170",
             "CJK UNIFIED IDEOGRAPH-3400", "CJK UNIFIED IDEOGRAPH-9FA5"]:
    add(call("'\\N{%s}'" % text), "cjk")
for cp in rng.sample(cjk, 40):
    add(call("'\\N{CJK UNIFIED IDEOGRAPH-%X}'" % cp), "cjk")

# Hangul syllables: a sample, every leading/vowel/trailing jamo, and broken spellings.
for cp in rng.sample(range(0xAC00, 0xD7A4), 40) + [0xAC00, 0xD7A3, 0xC544, 0xC751, 0xC758]:
    add(call("'\\N{%s}'" % unicodedata.name(chr(cp))), "hangul")
for text in ["HANGUL SYLLABLE ga", "hangul syllable GA", "Hangul Syllable GA", "HANGUL SYLLABLE Ga", "HANGUL SYLLABLE ",
             "HANGUL SYLLABLE", "HANGUL SYLLABLE GAGGG", "HANGUL SYLLABLE GGGA", "HANGUL SYLLABLE G", "HANGUL SYLLABLE GAX",
             "HANGUL SYLLABLE  GA", "HANGUL SYLLABLE GA ", "HANGUL SYLLABLE SSAGS", "HANGUL SYLLABLE YEO", "HANGUL SYLLABLE EUNG",
             "HANGUL SYLLABLE WEOLH", "HANGUL SYLLABLE HIH", "HANGUL SYLLABLE A-", "HANGUL SYLLABLE GAG-"]:
    add(call("'\\N{%s}'" % text), "hangul")

# Named sequences are refused by \N.
seqs = [line.split(";")[0] for line in open(PERL + "NamedSequences.txt", encoding="utf-8") if line.strip() and not line.startswith("#")]
for name in rng.sample(seqs, 25):
    add(call("'\\N{%s}'" % name), "sequence")

# Characters added after Unicode 14.0 (Swift knows them; Python 3.11 does not).
for name in ["SHAKING FACE", "PINK HEART", "WIRELESS", "HAIR PICK", "GOOSE", "JELLYFISH", "WING", "DONKEY", "MOOSE",
             "GINGER ROOT", "PEA POD", "KHAMTI LETTER GA", "ARABIC SMALL FARSI YEH", "DEVANAGARI CARET",
             "LATIN SMALL LETTER K WITH CIRCUMFLEX", "FACE WITH BAGS UNDER EYES", "FINGERPRINT", "HARP", "SHOVEL",
             "KAWI LETTER A", "NAG MUNDARI LETTER O", "ZNAMENNY NEUME KRYUK", "EGYPTIAN HIEROGLYPH A001",
             "MELTING FACE", "TROLL", "HAND WITH INDEX FINGER AND THUMB CROSSED", "KANA EXTENSION LETTER A"]:
    add(call("'\\N{%s}'" % name), "later")

# Malformed escapes and \N in other literal kinds.
for literal in ["'\\N'", "'\\N{}'", "'\\N{NBSP'", "'\\NNBSP'", "'\\N NBSP'", "'\\N{{NBSP}}'", "'\\N{NBSP}}'",
                "'\\\\N{NBSP}'", "'\\\\\\N{NBSP}'", "r'\\N{NBSP}'", "R'\\N{xyz}'", "b'\\N{NBSP}'", "rb'\\N{NBSP}'",
                "u'\\N{NBSP}'", "'\\N{NBSP}' '\\N{ZWJ}'", "'a' '\\N{bogus}'", "'''\\N{LATIN SMALL LETTER A}'''",
                '"\\N{APOSTROPHE}"', "'\\N{QUOTATION MARK}'", "'\\N{LEFT CURLY BRACKET}\\N{RIGHT CURLY BRACKET}'",
                "f'\\N{NBSP}'", "f'\\N{nbsp}{1}'", "f'{1}\\N{LATIN SMALL LETTER A}{2}'", "f'\\N{LEFT CURLY BRACKET}'",
                "f'\\N{RIGHT CURLY BRACKET}'", "f'\\N{bogus}'", "f'\\N{NBSP'", "f'\\\\N{1}'", "f'\\\\N{1+1}'",
                "f'\\\\\\N{NBSP}'", "f'\\\\\\\\N{1}'", "rf'\\N{1}'", "fr'\\N{NBSP}'", "f'{\"\\N{NBSP}\"}'",
                "f'{1:\\N{NBSP}>5}'", "f'{1:\\N{LATIN SMALL LETTER X}}'", "f'\\N{SPACE}{{}}'", "f'\\N'", "f'\\N{}'",
                "f'{{\\N{NBSP}}}'", "'\\N{LATIN SMALL LETTER A}' + '\\N{LATIN SMALL LETTER B}'",
                "'\\N{DIGIT ONE}' * 3", "f'\\N{DIGIT ONE}' '\\N{DIGIT TWO}'", "f'\\{1}'", "f'a\\{{'", "f'\\}}'",
                "f'\\}'", "f'\\Nx{1}'", "f'\\N}'", "f'\\N{{1}'", "f'\\\\{1}'", "f'{1:\\N{DIGIT ONE}}'",
                "f'{1:\\\\N{2}}'", "f'\\x41{1}\\N{NBSP}'", "f'\\'{1}'", "f'{1}\\N{NBSP}{{'"]:
    add(call(literal), "literal")
    if "f'" in literal:
        # A bare f-string is not a value to the reference; inside an operation it is evaluated.
        add(call("'' + " + literal), "literal")

# Realistic predictions.
for text in ["Amazon:[search(q='caf\\N{LATIN SMALL LETTER E WITH ACUTE}')]",
             "Amazon:[search(q='caf\\N{latin small letter e with acute}')]",
             "Spotify:[play(song='Beyonc\\N{LATIN SMALL LETTER E WITH ACUTE}', artist='Sigur R\\N{LATIN SMALL LETTER O WITH ACUTE}s')]",
             "Uber_Eats:[order(item='Cr\\N{LATIN SMALL LETTER E WITH GRAVE}me br\\N{LATIN SMALL LETTER U WITH UPSIDE-DOWN BREVE}l\\N{LATIN SMALL LETTER E WITH ACUTE}e')]",
             "Amazon:[search(q='\\N{EURO SIGN}50 gift card')]", "Amazon:[search(q='\\N{GRINNING FACE} mug')]",
             "Booking:[reserve(city='K\\N{LATIN SMALL LETTER O WITH DIAERESIS}ln', nights=2)]",
             "Booking:[reserve(city='\\N{CJK UNIFIED IDEOGRAPH-6771}\\N{CJK UNIFIED IDEOGRAPH-4EAC}')]",
             "Naver:[search(q='\\N{HANGUL SYLLABLE SEO}\\N{HANGUL SYLLABLE UL}')]",
             "Amazon:[search(q='gift\\N{NBSP}card')]", "Amazon:[search(q='gift\\N{NO-BREAK SPACE}card')]",
             "Amazon:[search(q='a\\N{ZWJ}b', n=1)]", "Amazon:[search(q='soft\\N{SHY}ware')]",
             "Amazon:[search(q='line\\N{LF}break')]", "Amazon:[search(q='\\N{Greek Small Letter Alpha}')]",
             "Amazon:[search(q='\\N{WHITE SMILING FACE}')]", "Amazon:[search(q='\\N{SHAKING FACE}')]",
             "Amazon:[search(q='\\N{BLACK HEART SUIT}\\N{VARIATION SELECTOR-16}')]",
             "Amazon:[search(q='\\N{VS16}')]", "Amazon:[search(q=['\\N{NBSP}', '\\N{bogus}'])]",
             "Amazon:[search(q={'k': '\\N{DEGREE SIGN}'})]", "Amazon:[search(**{'q': '\\N{DEGREE SIGN}C'})]",
             "\\N{LATIN SMALL LETTER A}:[search(q='x')]", "Amazon:[search(q='\\N{DEGREE CELSIUS}')]"]:
    add(text, "realistic")

for row in out:
    print(json.dumps(row, ensure_ascii=True))
