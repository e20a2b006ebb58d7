"""Word pools and sentence templates for synthetic conflict news (invented names, no real text).

Templates use three kinds of slots: ``{T:word|word}`` is the trigger (one of the listed words),
``{role:Type}`` is an entity mention linked to the trigger with that role, and ``{-:Type}`` is a
mention that annotators mark but do not link. ``Type|Type`` picks one of several entity types.
"""

from __future__ import annotations

ENTITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "Person": (
            "General Amara Okonkwo",
            "Minister Lena Björklund",
            "President Tomás Ruíz",
            "Colonel Yusuf Haddad",
            "the prime minister",
            "Commander Ilse Vermeulen",
            "Ambassador Chidi Nwosu",
            "Marshal Khalid Ben Saïd",
            "envoy Søren Holm",
        ),
        "Organization": (
            "the United Nations",
            "the African Union",
            "the Coastal Council",
            "Nordvik Shipping",
            "the Ministry of Defence",
            "the Red Crescent",
            "the Union for Renewal",
        ),
        "ArmedGroup": (
            "the national army",
            "the Eastern Brigade",
            "rebel fighters",
            "foreign commandos",
            "the presidential guard",
            "the coastal militia",
            "Zafiri mercenaries",
            "government troops",
        ),
        "Country": (
            "Veldoria",
            "Kestrany",
            "Marowë",
            "Solvenia",
            "Tarquenne",
            "Nørdland",
            "Çalmara",
        ),
        "Location": (
            "the coastal road",
            "the southern front",
            "Zaïra",
            "the Kérou valley",
            "Port Amel",
            "the capital",
            "Nieuw-Ebben",
            "the border region",
        ),
        "Facility": (
            "the Al-Marj air base",
            "the Tessaly oil field",
            "the port of Duné",
            "the presidential palace",
            "the Sarré pipeline",
            "the northern barracks",
        ),
        "Weapon": (
            "armoured vehicles",
            "drones",
            "anti-tank missiles",
            "heavy machine guns",
            "artillery shells",
            "T-72 tanks",
            "patrol boats",
        ),
        "Time": (
            "Wednesday",
            "mid-April",
            "last year",
            "early March 2025",
            "3 June",
            "the weekend",
            "late on Friday",
        ),
    },
    "nl": {
        "Person": (
            "generaal Amara Okonkwo",
            "minister Lena Björklund",
            "president Tomás Ruíz",
            "kolonel Yusuf Haddad",
            "de premier",
            "commandant Ilse Vermeulen",
            "gezant Søren Holm",
            "maarschalk Khalid Ben Saïd",
        ),
        "Organization": (
            "de Verenigde Naties",
            "de Afrikaanse Unie",
            "de Kustraad",
            "Nordvik Shipping",
            "het ministerie van Defensie",
            "de Rode Halve Maan",
            "de Unie voor Vernieuwing",
        ),
        "ArmedGroup": (
            "het nationale leger",
            "de Oostelijke Brigade",
            "rebellen",
            "buitenlandse commando's",
            "de presidentiële garde",
            "de kustmilitie",
            "Zafiri-huurlingen",
            "regeringstroepen",
        ),
        "Country": (
            "Veldoria",
            "Kestrany",
            "Marowë",
            "Solvenië",
            "Tarquenne",
            "Nørdland",
            "Çalmara",
        ),
        "Location": (
            "de kustweg",
            "het zuidelijke front",
            "Zaïra",
            "de Kérou-vallei",
            "Port Amel",
            "de hoofdstad",
            "Nieuw-Ebben",
            "het grensgebied",
        ),
        "Facility": (
            "de luchtmachtbasis Al-Marj",
            "het olieveld van Tessaly",
            "de haven van Duné",
            "het presidentieel paleis",
            "de Sarré-pijpleiding",
            "de noordelijke kazerne",
        ),
        "Weapon": (
            "pantservoertuigen",
            "drones",
            "antitankraketten",
            "zware machinegeweren",
            "artilleriegranaten",
            "T-72-tanks",
            "patrouilleboten",
        ),
        "Time": (
            "woensdag",
            "half april",
            "vorig jaar",
            "begin maart 2025",
            "3 juni",
            "het weekend",
            "vrijdagavond laat",
        ),
    },
}

PLACE = "Location|Country|Facility"
ACTOR = "ArmedGroup|Country|Organization|Person"

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "MilitaryOperation": (
            "On {time:Time}, {agent:ArmedGroup} began an {T:offensive|assault} toward "
            "{destination:" + PLACE + "}, {-:Organization} said.",
            "{commander:Person} ordered {agent:ArmedGroup} to {T:advance|march on|push toward} "
            "{target:Facility|Location} despite warnings from {-:Country}.",
        ),
        "ArmedClash": (
            "Heavy {T:fighting|clashes} between {participant:ArmedGroup} and "
            "{participant:ArmedGroup} was reported near {place:" + PLACE + "}.",
            "Witnesses said {participant:" + ACTOR + "} {T:fought|clashed} for hours on "
            "{time:Time} while {-:Person} called for calm.",
        ),
        "Conference": (
            "{organizer:Organization|Country} will host a {T:conference|summit} in "
            "{place:Location} on {time:Time}, according to {-:Person}.",
            "{participant:Person} joined the {T:talks|negotiations} with "
            "{participant:Organization|Country} although {-:ArmedGroup} stayed away.",
        ),
        "ArmsTransfer": (
            "{supplier:Country} {T:supplied|delivered|shipped} {weapon:Weapon} to "
            "{recipient:ArmedGroup|Country} via {-:Facility}.",
            "Records show that {supplier:Organization|Country} {T:sold} {weapon:Weapon} to "
            "{-:ArmedGroup} in {time:Time}.",
        ),
        "Support": (
            "{supporter:Country|Organization} openly {T:backs|supports} {supported:ArmedGroup}, "
            "an official in {-:Location} told reporters.",
            "{supported:Person} receives {T:support|backing} from {supporter:Country} since "
            "{time:Time}.",
        ),
        "Training": (
            "Instructors from {trainer:Country} {T:trained|train} {trainee:ArmedGroup} at "
            "{place:Facility} for {-:Time}.",
            "{trainer:ArmedGroup} has been {T:training} {trainee:ArmedGroup} near {-:Location}.",
        ),
        "Deployment": (
            "{agent:ArmedGroup} were {T:deployed|stationed} in {place:" + PLACE + "} on "
            "{time:Time}.",
            "Foreign troops {T:operate|are operating} in {place:Location}, {-:Person} admitted, "
            "adding that {agent:Country} denies it.",
        ),
        "TerritorialControl": (
            "{agent:ArmedGroup} {T:captured|seized|took control of} {territory:Facility|Location} "
            "on {time:Time}.",
            "By {time:Time}, {agent:ArmedGroup} {T:controls} {territory:Location} and parts of "
            "{-:Location}.",
        ),
    },
    "nl": {
        "MilitaryOperation": (
            "Op {time:Time} begon {agent:ArmedGroup} een {T:offensief|aanval} richting "
            "{destination:" + PLACE + "}, meldde {-:Organization}.",
            "{commander:Person} gaf {agent:ArmedGroup} opdracht {T:op te rukken} naar "
            "{target:Facility|Location}, ondanks waarschuwingen van {-:Country}.",
        ),
        "ArmedClash": (
            "Bij {place:" + PLACE + "} braken zware {T:gevechten|botsingen} uit tussen "
            "{participant:ArmedGroup} en {participant:ArmedGroup}.",
            "Volgens getuigen {T:vochten} {participant:" + ACTOR + "} urenlang op {time:Time}, "
            "terwijl {-:Person} tot kalmte maande.",
        ),
        "Conference": (
            "{organizer:Organization|Country} organiseert op {time:Time} een "
            "{T:conferentie|top} in {place:Location}, zei {-:Person}.",
            "{participant:Person} nam deel aan het {T:overleg} met "
            "{participant:Organization|Country}; {-:ArmedGroup} bleef weg.",
        ),
        "ArmsTransfer": (
            "{supplier:Country} {T:leverde|verscheepte} {weapon:Weapon} aan "
            "{recipient:ArmedGroup|Country} via {-:Facility}.",
            "Uit documenten blijkt dat {supplier:Organization|Country} in {time:Time} "
            "{weapon:Weapon} {T:verkocht} aan {-:ArmedGroup}.",
        ),
        "Support": (
            "{supporter:Country|Organization} {T:steunt} {supported:ArmedGroup} openlijk, "
            "zei een functionaris in {-:Location}.",
            "{supported:Person} krijgt sinds {time:Time} {T:steun|hulp} van {supporter:Country}.",
        ),
        "Training": (
            "Instructeurs uit {trainer:Country} {T:trainen|trainden} {trainee:ArmedGroup} op "
            "{place:Facility}, al sinds {-:Time}.",
            "{trainer:ArmedGroup} heeft {trainee:ArmedGroup} bij {-:Location} "
            "{T:getraind|opgeleid}.",
        ),
        "Deployment": (
            "{agent:ArmedGroup} werden op {time:Time} in {place:" + PLACE + "} "
            "{T:ingezet|gestationeerd}.",
            "Buitenlandse troepen {T:opereren} in {place:Location}, gaf {-:Person} toe, al "
            "ontkent {agent:Country} dat.",
        ),
        "TerritorialControl": (
            "{agent:ArmedGroup} {T:veroverde|bezette} op {time:Time} "
            "{territory:Facility|Location}.",
            "Sinds {time:Time} heeft {agent:ArmedGroup} {territory:Location} {T:in handen}, "
            "net als delen van {-:Location}.",
        ),
    },
}

# Sentences nobody annotates: they pad articles to realistic lengths.
FILLER: dict[str, tuple[str, ...]] = {
    "en": (
        "Residents described long queues for bread and fuel in the early morning.",
        "The statement could not be independently verified.",
        "Aid workers warned that the rainy season would make roads impassable.",
        "Analysts say the economy has shrunk by almost a third since the crisis began.",
        "Schools in the district remain closed, local officials said on the radio.",
        "A spokesperson declined to comment on “operational details”.",
        "Prices of rice and cooking oil have doubled — some families eat once a day.",
        "Journalists were not allowed to enter the area 📍 without an escort.",
        "The café near the old market reopened, its owner said with a smile ☕.",
        "Observers noted a sharp rise in the number of displaced people.",
    ),
    "nl": (
        "Inwoners beschreven lange rijen voor brood en brandstof in de vroege ochtend.",
        "De verklaring kon niet onafhankelijk worden geverifieerd.",
        "Hulpverleners waarschuwden dat het regenseizoen de wegen onbegaanbaar maakt.",
        "Volgens analisten is de economie sinds het begin van de crisis met een derde gekrompen.",
        "De scholen in het district blijven dicht, zeiden lokale bestuurders op de radio.",
        "Een woordvoerder wilde niet ingaan op ‘operationele details’.",
        "De prijzen van rijst en olie zijn verdubbeld — sommige gezinnen eten één keer per dag.",
        "Journalisten mochten het gebied 📍 niet zonder begeleiding betreden.",
        "Het café bij de oude markt is weer open, zei de eigenaar met een glimlach ☕.",
        "Waarnemers zagen een scherpe stijging van het aantal ontheemden.",
    ),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "en": (
        "Tensions rise along the coast",
        "New front opens in the south",
        "Talks resume amid fragile truce",
        "Weapons flow into the region",
    ),
    "nl": (
        "Spanningen langs de kust nemen toe",
        "Nieuw front in het zuiden",
        "Overleg hervat ondanks broos bestand",
        "Wapens stromen de regio binnen",
    ),
}
