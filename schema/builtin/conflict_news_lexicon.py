"""Trigger lexicons of the built-in ``conflict-news`` ontology (pre-annotation only).

Each list holds the words its event type's guideline names, in the forms news text uses
(every verb form, singular and plural), plus close synonyms; a bare word that mostly names
something else (``took``, ``control``, ``supply``, ``train``, nl ``bestand`` "file") is listed
only inside the phrase that makes it an event (``took control``, ``arms supplies``).
``STOP`` holds phrases that are never pre-annotated although a shorter lexicon phrase matches
inside or across them (``heart attack``, ``in advance``).

Dutch separable verbs are written ``valt ... aan``: the finite verb is marked when its
particle follows within the clause and ends it (``Het leger valt de stad morgen aan.``,
``rukten op naar``); the joined forms (``aanvallen``, ``aan te vallen``) are plain phrases.
"""

from __future__ import annotations


def _sep(*verbs: str) -> list[str]:
    """Dutch separable verbs: ``"valt aan"`` -> ``"valt ... aan"`` (the particle may follow at
    once: ``valt aan.``)."""
    return [" ... ".join(verb.rsplit(" ", 1)) for verb in verbs]


MILITARY_OPERATION = {
    "en": [
        *("offensive", "offensives", "counteroffensive", "counter-offensive", "ground offensive"),
        *("operation", "operations", "military operation", "campaign", "incursion"),
        *("advance", "advances", "advanced", "advancing", "march on", "marched on"),
        *("push toward", "pushed toward", "assault", "assaults", "invasion", "invaded"),
        *("invade", "invading", "attack", "attacks", "attacked", "attacking", "raid", "raids"),
        *("raided", "strike", "strikes", "airstrike", "airstrikes", "air strike", "air strikes"),
        *("struck", "shelling", "shelled", "shells", "bombing", "bombings", "bombed"),
        *("bombardment", "bombardments", "opened fire", "open fire", "opening fire", "ambush"),
        "ambushed",
    ],
    "nl": [
        *("offensief", "offensieven", "tegenoffensief", "grondoffensief", "operatie"),
        *("militaire operatie", "opmars", "oprukken", "op te rukken", "opgerukt", "aanval"),
        *("aanvallen", "aangevallen", "aan te vallen", "luchtaanval", "luchtaanvallen"),
        *("raketaanval", "raketaanvallen", "droneaanval", "droneaanvallen", "bombardement"),
        *("bombardementen", "gebombardeerd", "bombarderen", "beschieting", "beschietingen"),
        *("beschoten", "beschiet", "invasie", "binnengevallen", "veldtocht"),
        *_sep("valt aan", "vallen aan", "viel aan", "vielen aan"),
        *_sep("rukt op", "rukken op", "rukte op", "rukten op"),
    ],
}
ARMED_CLASH = {
    "en": [
        *("fighting", "clash", "clashes", "clashed", "battle", "battles", "battled"),
        *("battling", "skirmish", "skirmishes", "fought", "combat", "firefight"),
    ],
    "nl": [
        *("gevechten", "gevecht", "strijd", "slag", "botsingen", "schermutselingen"),
        *("vochten", "gevochten", "vechten", "vuurgevecht"),
    ],
}
CONFERENCE = {
    "en": [
        *("conference", "summit", "summits", "talks", "peace talks", "meeting", "meetings"),
        *("negotiations", "met", "meet", "meets"),
    ],
    "nl": [
        *("conferentie", "vredesconferentie", "top", "topoverleg", "overleg", "vredesoverleg"),
        *("gesprekken", "vredesgesprekken", "besprekingen", "bijeenkomst", "onderhandelingen"),
        *("vredesonderhandelingen", "ontmoeting", "topontmoeting"),
    ],
}
AGREEMENT = {
    "en": [
        *("agreed", "agree", "agrees", "agreement", "accord", "deal", "peace deal"),
        *("struck a deal", "ceasefire", "cease-fire", "truce", "signed", "signing"),
    ],
    "nl": [
        *("afgesproken", "akkoord", "overeenkomst", "overeengekomen", "vredesakkoord"),
        *("wapenstilstand", "wapenbestand", "staakt-het-vuren", "ondertekend"),
        "ondertekenden",
    ],
}
APPOINTMENT = {
    "en": [
        *("appointed", "appoints", "appoint", "appointment as", "appointment of", "sworn in"),
        *("named as", "named commander", "took over command", "took over as", "took office"),
        *("takes office", "take office", "assumed command", "took command"),
    ],
    "nl": ["benoemd", "benoemt", "benoeming", "aangesteld", "aanstelling", "ingezworen"],
}
GOVERNMENT_FORMATION = {
    "en": [
        *("formed", "form a government", "forming a government", "formed a government"),
        *("government formation", "formation of a government", "unity government"),
        *("transitional government", "interim government", "rival government"),
    ],
    "nl": [
        *("kabinetsformatie", "regeringsvorming", "formatie van een regering"),
        *("vorming van een regering", "regering van nationale eenheid", "eenheidsregering"),
        *("overgangsregering", "tegenregering"),
    ],
}
ARMS_TRANSFER = {
    "en": [
        *("arms supplies", "arms deliveries", "arms sales", "arms shipments", "arms transfers"),
        *("weapons supplies", "weapons deliveries", "weapons sales", "weapons shipments"),
        *("supplied weapons", "supplies weapons", "supply weapons", "supplied arms"),
        *("delivered weapons", "deliver weapons", "sold weapons", "sells weapons"),
        *("gave weapons", "sends weapons", "sent weapons", "send weapons"),
    ],
    "nl": [
        *("wapenleveranties", "wapenleveringen", "wapenlevering", "wapenverkoop"),
        *("levert wapens", "leveren wapens", "leverde wapens", "leverden wapens"),
        *("wapens geleverd", "wapens leveren", "verkoopt wapens", "stuurt wapens"),
        *_sep("levert wapens", "leveren wapens", "leverde wapens", "leverden wapens"),
    ],
}
SUPPORT = {
    "en": ["support", "supports", "supported", "backing", "backs", "backed", "aid"],
    "nl": ["steun", "steunt", "steunen", "gesteund", "gesteunde", "bijstand", "hulp"],
}
TRAINING = {
    "en": ["trains", "trained", "training", "train fighters", "train soldiers"],
    "nl": [
        *("traint", "trainen", "getraind", "training", "militaire opleiding", "opgeleid"),
        *_sep("leidt op", "leiden op", "leidde op", "leidden op"),
    ],
}
DEPLOYMENT = {
    "en": [
        *("deployed", "deploy", "deploys", "deploying", "deployment", "stationed"),
        *("operate", "operates", "operating", "sent troops", "send troops", "sends troops"),
        "sending troops",
    ],
    "nl": [
        *("opereren", "opereert", "gestationeerd", "ingezet", "in te zetten", "gelegerd"),
        *("stuurt troepen", "stuurde troepen", "stuurden troepen", "troepen gestuurd"),
    ],
}
TERRITORIAL_CONTROL = {
    "en": [
        *("captured", "capture", "captures", "capturing", "seized", "seize", "seizes"),
        *("seizing", "took control", "take control", "takes control", "taking control"),
        *("took over", "fell to", "in control of", "controls", "controlled", "recaptured"),
        *("retook", "occupied", "occupation"),
    ],
    "nl": [
        *("veroverd", "veroverde", "veroverden", "verovert", "veroveren", "verovering"),
        *("ingenomen", "inname", "in handen gevallen", "in handen gekregen", "onder controle"),
        *("bezet", "bezetten", "bezetting"),
        *_sep("neemt in", "nemen in", "nam in", "namen in"),
    ],
}

# Never pre-annotated: each phrase overlaps a lexicon phrase above but names no event.
STOP = {
    "en": [
        *("heart attack", "panic attack", "in advance", "election campaign", "campaign trail"),
        *("rescue operation", "agreed that", "great deal", "good deal", "to deal with"),
        *("was met with", "were met with", "reached the summit"),
        *("Rapid Support Forces", "on strike", "general strike", "hunger strike"),
    ],
    "nl": ["de top van", "aan de top", "aan de slag", "operatie aan"],
}
