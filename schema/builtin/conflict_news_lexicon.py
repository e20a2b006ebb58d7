"""Trigger lexicons of the built-in ``conflict-news`` ontology (pre-annotation only), in
English, Dutch, German, French and Spanish.

Each list holds the words its event type's guideline names, in the forms news text uses
(every verb form, singular and plural, the gender forms of French and Spanish participles:
``attaqué``, ``attaquée``, ``attaqués``, ``attaquées``; Spanish infinitives with their pronoun:
``suministrarles armas``), plus close synonyms; a bare word that mostly names something else
(``took``, ``control``, ``supply``, ``train``, nl ``bestand`` "file", de ``Ausbildung``
"vocational training", fr ``contrôle``, ``aide``, es ``control``, ``ayuda``) is listed only
inside the phrase that makes it an event (``took control``, ``arms supplies``, ``militärische
Ausbildung``, ``pris le contrôle``, ``aide militaire``, ``tomaron el control``). ``STOP`` holds
phrases that are never pre-annotated although a shorter lexicon phrase matches inside or across
them (``heart attack``, ``in advance``, de ``im Angriff`` in sports, fr ``opération
chirurgicale``, ``d'accord``, es ``operación quirúrgica``, ``Fuerzas de Apoyo Rápido``).
German nouns are written capitalised, as in text; matching ignores case.

Dutch and German separable verbs are written ``valt ... aan``, ``griff ... an``: the finite verb
is marked when its particle follows within the clause and ends it (``Het leger valt de stad
morgen aan.``, ``rukten op naar``, ``Die Armee griff die Stadt an.``); the joined forms
(``aanvallen``, ``aan te vallen``, ``angreifen``, ``anzugreifen``) are plain phrases.

Accented letters (``Kämpfe``, ``négociations``, ``atacó``) keep the matcher's fast path (see
``eventset.annotate.lexmatch``); a first word with a letter outside it (``σ``, a combining
accent) would send every text of its language down the slow reference pattern, and a test
checks that every language keeps the fast path.
"""

from __future__ import annotations


def _sep(*verbs: str) -> list[str]:
    """Dutch and German separable verbs: ``"valt aan"`` -> ``"valt ... aan"`` (the particle may
    follow at once: ``valt aan.``)."""
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
    "de": [
        *("Offensive", "Offensiven", "Gegenoffensive", "Gegenoffensiven", "Bodenoffensive"),
        *("Großoffensive", "Militäroffensive", "Operation", "Operationen", "Militäroperation"),
        *("Militäroperationen", "militärische Operation", "militärischen Operation"),
        *("Bodenoperation", "Angriff", "Angriffe", "Angriffen", "Angriffs", "angegriffen"),
        *("angreifen", "angreift", "anzugreifen", "Gegenangriff", "Gegenangriffe", "Großangriff"),
        *("Luftangriff", "Luftangriffe", "Luftangriffen", "Raketenangriff", "Raketenangriffe"),
        *("Raketenangriffen", "Drohnenangriff", "Drohnenangriffe", "Drohnenangriffen"),
        *("Bombenangriff", "Bombenangriffe", "Bombenangriffen", "Attacke", "Attacken"),
        *("Luftschlag", "Luftschläge", "Luftschlägen", "Militärschlag", "Militärschläge"),
        *("Vergeltungsschlag", "Beschuss", "beschossen", "beschießen", "beschießt", "beschoss"),
        *("Artilleriebeschuss", "Raketenbeschuss", "bombardiert", "bombardierte", "bombardierten"),
        *("bombardieren", "Bombardierung", "Bombardierungen", "Bombardement", "Bombardements"),
        *("Invasion", "Einmarsch", "einmarschiert", "einzumarschieren", "Vormarsch", "vorgerückt"),
        *("vorrücken", "vorzurücken", "Feuer eröffnet", "eröffnete das Feuer"),
        *("eröffneten das Feuer", "Hinterhalt", "Feldzug", "Militärkampagne"),
        *_sep("greift an", "greifen an", "griff an", "griffen an"),
        *_sep("marschiert ein", "marschierte ein", "marschierten ein"),
        *_sep("rückt vor", "rücken vor", "rückte vor", "rückten vor"),
    ],
    "fr": [
        *("offensive", "offensives", "contre-offensive", "contre-offensives", "opération"),
        *("opérations", "opération militaire", "opérations militaires", "attaque", "attaques"),
        *("attaqué", "attaquée", "attaqués", "attaquées", "attaquer", "attaquent", "attaquait"),
        *("attaquaient", "attaquera", "contre-attaque", "contre-attaques", "frappe", "frappes"),
        *("frappe aérienne", "frappes aériennes", "bombardement", "bombardements", "bombardé"),
        *("bombardée", "bombardés", "bombardées", "bombarder", "bombardent", "bombardaient"),
        *("pilonnage", "pilonnages", "pilonné", "pilonnée", "pilonnés", "pilonnées", "pilonnent"),
        *("pilonner", "invasion", "invasions", "envahi", "envahie", "envahir", "envahit"),
        *("envahissent", "incursion", "incursions", "raid", "raids", "assaut", "assauts"),
        *("avancée", "avancées", "avancent", "avançaient", "marché sur", "marchent sur"),
        *("marcher sur", "ouvert le feu", "ouvrent le feu", "ouvrir le feu", "ouvre le feu"),
        *("embuscade", "embuscades", "tirs", "tiré sur", "tirent sur", "tiraient sur"),
        *("campagne militaire", "campagnes militaires", "campagne aérienne"),
        "intervention militaire",
    ],
    "es": [
        *("ofensiva", "ofensivas", "contraofensiva", "contraofensivas", "operación"),
        *("operaciones", "operación militar", "operaciones militares", "ataque", "ataques"),
        *("atacó", "atacaron", "atacado", "atacada", "atacados", "atacadas", "atacar", "atacan"),
        *("atacaba", "atacaban", "atacará", "contraataque", "contraataques", "bombardeo"),
        *("bombardeos", "bombardeó", "bombardearon", "bombardeado", "bombardeada"),
        *("bombardeados", "bombardear", "bombardean", "invasión", "invasiones", "invadió"),
        *("invadieron", "invadido", "invadir", "incursión", "incursiones", "asalto", "asaltos"),
        *("avance", "avances", "avanzaron", "avanzó", "avanzan", "marcharon sobre"),
        *("marchó sobre", "marchan sobre", "abrieron fuego", "abrió fuego", "abrir fuego"),
        *("emboscada", "emboscadas", "dispararon contra", "disparó contra", "disparan contra"),
        *("campaña militar", "intervención militar"),
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
    "de": [
        *("Kämpfe", "Kämpfen", "kämpften", "gekämpft", "Kampfhandlungen", "Gefecht", "Gefechte"),
        *("Gefechten", "Feuergefecht", "Feuergefechte", "Feuergefechten", "Schusswechsel"),
        *("Schusswechseln", "Zusammenstöße", "Zusammenstößen", "Schlacht", "Schlachten"),
        *("Scharmützel", "Scharmützeln", "Straßenkämpfe", "Straßenkämpfen", "Häuserkampf"),
        *("bewaffnete Auseinandersetzungen", "bewaffneten Auseinandersetzungen"),
    ],
    "fr": [
        *("combats", "combat", "combattu", "combattent", "combattaient", "se battent"),
        *("se sont battus", "affrontements", "affrontement", "se sont affrontés", "s'affrontent"),
        *("s'affrontaient", "s'affronter", "accrochages", "heurts", "bataille", "batailles"),
        *("échange de tirs", "échanges de tirs", "escarmouche", "escarmouches", "lutte armée"),
    ],
    "es": [
        *("combates", "combate", "combatieron", "combaten", "combatían", "enfrentamientos"),
        *("enfrentamiento", "se enfrentaron", "se enfrentan", "se enfrentaban", "choques"),
        *("choques armados", "batalla", "batallas", "escaramuza", "escaramuzas"),
        *("intercambio de disparos", "tiroteo", "tiroteos", "lucharon", "lucha armada"),
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
    "de": [
        *("Konferenz", "Konferenzen", "Friedenskonferenz", "Gipfel", "Gipfels", "Gipfeltreffen"),
        *("Gipfeltreffens", "Gespräche", "Gesprächen", "Friedensgespräche", "Friedensgesprächen"),
        *("Verhandlungen", "Friedensverhandlungen", "Verhandlungsrunde", "Treffen", "Treffens"),
        *("trafen sich", "traf sich", "trifft sich", "Zusammenkunft", "Tagung"),
    ],
    "fr": [
        *("conférence", "conférences", "sommet", "sommets", "pourparlers", "négociations"),
        *("négociation", "discussions", "réunion", "réunions", "rencontre", "rencontres"),
        *("rencontré", "rencontrés", "rencontrera", "se rencontrent", "se sont rencontrés"),
        *("se rencontreront", "se réunissent", "se sont réunis", "se réuniront", "se réunit"),
    ],
    "es": [
        *("conferencia", "conferencias", "cumbre", "cumbres", "conversaciones", "negociaciones"),
        *("negociación", "diálogo", "diálogos de paz", "reunión", "reuniones", "se reunieron"),
        *("se reunió", "se reúnen", "se reúne", "se reunirán", "reunirse", "encuentro"),
        "encuentros",
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
    "de": [
        *("Abkommen", "Abkommens", "Friedensabkommen", "Friedensabkommens", "Vereinbarung"),
        *("Vereinbarungen", "vereinbart", "vereinbarten", "Einigung", "einigten sich"),
        *("einigte sich", "einigen sich", "geeinigt", "verständigten sich", "verständigt"),
        *("Übereinkunft", "Übereinkommen", "Waffenstillstand", "Waffenstillstands"),
        *("Waffenstillstandsabkommen", "Waffenruhe", "Feuerpause", "Friedensvertrag"),
        *("Friedensvertrags", "unterzeichnet", "unterzeichnete", "unterzeichneten"),
        *("unterzeichnen", "Unterzeichnung", "Pakt", "Deal"),
    ],
    "fr": [
        *("accord", "accords", "mis d'accord", "tombés d'accord", "tombées d'accord"),
        *("cessez-le-feu", "cessez le feu", "trêve", "trêves", "armistice", "traité de paix"),
        *("traités de paix", "signé", "signée", "signés", "signées", "signent", "signer"),
        *("signature", "entente", "convenu", "convenus", "se sont entendus", "pacte"),
    ],
    "es": [
        *("acuerdo", "acuerdos", "acordaron", "acordó", "acordado", "acordada", "alto el fuego"),
        *("alto al fuego", "cese el fuego", "cese al fuego", "cese del fuego", "tregua"),
        *("treguas", "armisticio", "pacto", "pactaron", "pactado", "pactada", "firmaron"),
        *("firmó", "firmado", "firmada", "firmar", "firman", "tratado de paz", "tratados de paz"),
        "se pusieron de acuerdo",
    ],
}
APPOINTMENT = {
    "en": [
        *("appointed", "appoints", "appoint", "appointment as", "appointment of", "sworn in"),
        *("named as", "named commander", "took over command", "took over as", "took office"),
        *("takes office", "take office", "assumed command", "took command", "names new"),
        "named new",
    ],
    "nl": [
        *("benoemd", "benoemt", "benoemde", "benoemden", "benoemen", "benoeming", "aangesteld"),
        *("aanstelling", "ingezworen"),
    ],
    "de": [
        *("ernannt", "ernannte", "ernannten", "ernennt", "ernennen", "Ernennung", "vereidigt"),
        *("Vereidigung", "Amtseid", "Amtsantritt", "Amt angetreten", "trat sein Amt an"),
        *("trat ihr Amt an", "tritt sein Amt an", "tritt ihr Amt an", "übernahm das Kommando"),
        *("übernimmt das Kommando", "Kommando übernommen", "übernahm den Oberbefehl"),
        "Oberbefehl übernommen",
    ],
    "fr": [
        *("nommé", "nommée", "nommés", "nommées", "nomme", "nomment", "nommer", "nomination"),
        *("nominations", "désigné", "désignée", "désignés", "investiture", "prêté serment"),
        *("prête serment", "prêter serment", "pris ses fonctions", "prend ses fonctions"),
        *("prendre ses fonctions", "entrée en fonctions", "entré en fonctions"),
        *("pris le commandement", "prend le commandement", "prendre le commandement"),
    ],
    "es": [
        *("nombrado", "nombrada", "nombrados", "nombradas", "nombró", "nombra", "nombran"),
        *("nombrar", "nombramiento", "nombramientos", "designado", "designada", "designó"),
        *("designa", "designar", "designación", "asumió el cargo", "asume el cargo"),
        *("asumir el cargo", "asumió el mando", "asume el mando", "asumir el mando"),
        *("tomó posesión", "toma posesión", "tomar posesión", "tomará posesión", "juró el cargo"),
        *("juró como", "jura como", "juramentado", "juramentada", "investido", "investida"),
        "investidura",
    ],
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
        *("overgangsregering", "tegenregering", "regering gevormd", "kabinet gevormd"),
        *("een regering vormen", "een regering te vormen", "vormde een regering"),
    ],
    "de": [
        *("Regierungsbildung", "Kabinettsbildung", "Regierung gebildet", "Regierung bilden"),
        *("Regierung zu bilden", "Bildung einer Regierung", "Bildung einer neuen Regierung"),
        *("Bildung einer Übergangsregierung", "Bildung einer Einheitsregierung"),
        *("bildeten eine Regierung", "bildete eine Regierung", "Einheitsregierung"),
        *("Regierung der nationalen Einheit", "Übergangsregierung", "Interimsregierung"),
        "Gegenregierung",
    ],
    "fr": [
        *("formation du gouvernement", "formation d'un gouvernement"),
        *(
            "formation d'un nouveau gouvernement",
            "former un gouvernement",
            "former le gouvernement",
        ),
        *("formé un gouvernement", "forment un gouvernement", "formera un gouvernement"),
        *("constituer un gouvernement", "constitution d'un gouvernement"),
        *("gouvernement d'union nationale", "gouvernement d'unité nationale"),
        *("gouvernement de transition", "gouvernement intérimaire", "gouvernement provisoire"),
        *("gouvernement parallèle", "gouvernement rival"),
    ],
    "es": [
        *("formación de un gobierno", "formación del gobierno", "formación de un nuevo gobierno"),
        *("formar un gobierno", "formar gobierno", "formaron un gobierno", "formó un gobierno"),
        *("formará un gobierno", "gobierno de unidad nacional", "gobierno de unidad"),
        *("gobierno de transición", "gobierno interino", "gobierno provisional"),
        *("gobierno paralelo", "gobierno rival"),
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
    "de": [
        *("Waffenlieferung", "Waffenlieferungen", "Rüstungslieferungen", "Munitionslieferungen"),
        *("Panzerlieferungen", "Waffenexport", "Waffenexporte", "Rüstungsexport"),
        *("Rüstungsexporte", "Waffenverkauf", "Waffenverkäufe", "Waffenhilfe"),
        *("Lieferung von Waffen", "Lieferungen von Waffen", "liefert Waffen", "liefern Waffen"),
        *("lieferte Waffen", "lieferten Waffen", "Waffen geliefert", "Waffen liefern"),
        *("Waffen zu liefern", "liefert Munition", "Munition geliefert", "schickt Waffen"),
        *("schickte Waffen", "Waffen geschickt", "verkauft Waffen", "verkaufte Waffen"),
        *("Waffen verkauft", "mit Waffen versorgt", "mit Waffen versorgen"),
        *("mit Waffen zu versorgen", "mit Waffen beliefert"),
        *_sep("liefert Waffen", "liefern Waffen", "lieferte Waffen", "lieferten Waffen"),
    ],
    "fr": [
        *("livraisons d'armes", "livraison d'armes", "livraisons d'armements"),
        *("livraisons de munitions", "ventes d'armes", "vente d'armes", "transferts d'armes"),
        *("exportations d'armes", "fourniture d'armes", "fournitures d'armes", "envois d'armes"),
        *("envoi d'armes", "livré des armes", "livre des armes", "livrer des armes"),
        *("livrent des armes", "livrera des armes", "fournit des armes", "fourni des armes"),
        *("fournir des armes", "fournissent des armes", "envoyé des armes", "envoie des armes"),
        *("envoyer des armes", "envoient des armes", "vendu des armes", "vend des armes"),
        *("vendre des armes", "vendent des armes", "armes livrées"),
    ],
    "es": [
        *("suministro de armas", "suministros de armas", "envío de armas", "envíos de armas"),
        *("venta de armas", "ventas de armas", "entrega de armas", "entregas de armas"),
        *("transferencia de armas", "transferencias de armas", "exportación de armas"),
        *("exportaciones de armas", "suministró armas", "suministra armas", "suministran armas"),
        *("suministrar armas", "suministraron armas", "entregó armas", "entregaron armas"),
        *("entregar armas", "envió armas", "enviaron armas", "enviar armas", "envía armas"),
        *("vendió armas", "vende armas", "vender armas", "venden armas", "suministrarle armas"),
        *("suministrarles armas", "enviarle armas", "enviarles armas", "venderle armas"),
        *("venderles armas", "entregarle armas", "entregarles armas"),
    ],
}
SUPPORT = {
    "en": ["support", "supports", "supported", "backing", "backs", "backed", "aid"],
    "nl": ["steun", "steunt", "steunen", "gesteund", "gesteunde", "bijstand", "hulp"],
    "de": [
        *("Unterstützung", "unterstützt", "unterstützte", "unterstützten", "unterstützen"),
        *("Rückendeckung", "Rückhalt", "Beistand", "Hilfe", "Hilfen", "Militärhilfe"),
        *("Finanzhilfe", "Finanzhilfen", "gestützte", "gestützten"),
    ],
    "fr": [
        *("soutien", "soutient", "soutenu", "soutenue", "soutenus", "soutenues", "soutiennent"),
        *("soutenir", "appui", "appuie", "appuient", "appuyé", "appuyée", "appuyés"),
        *("aide militaire", "aide financière", "aide humanitaire", "aide économique"),
        "aides militaires",
    ],
    "es": [
        *("apoyo", "apoya", "apoyan", "apoyó", "apoyaron", "apoyado", "apoyada", "apoyados"),
        *("apoyadas", "apoyar", "respaldo", "respalda", "respaldan", "respaldó", "respaldaron"),
        *("respaldado", "respaldada", "respaldados", "respaldadas", "ayuda militar"),
        *("ayuda financiera", "ayuda humanitaria", "ayuda económica"),
    ],
}
TRAINING = {
    "en": ["trains", "trained", "training", "train fighters", "train soldiers"],
    "nl": [
        *("traint", "trainen", "getraind", "training", "militaire opleiding", "opgeleid"),
        *_sep("leidt op", "leiden op", "leidde op", "leidden op"),
    ],
    "de": [
        *("ausgebildet", "ausbilden", "auszubilden", "Ausbildungsmission", "Ausbildungsmissionen"),
        *("militärische Ausbildung", "militärischen Ausbildung", "Militärausbildung"),
        *("trainiert", "trainieren", "trainierte", "trainierten"),
        *_sep("bildet aus", "bilden aus", "bildete aus", "bildeten aus"),
    ],
    "fr": [
        *("formés", "formées", "entraînés", "entraînées", "entraînement militaire"),
        *("formation militaire", "formations militaires", "mission de formation"),
        *("missions de formation", "instruction militaire", "forme des soldats"),
        *("formé des soldats", "former des soldats", "forment des soldats", "forme des militaires"),
        *("formé des militaires", "former des militaires", "forment des militaires"),
        *("forme des combattants", "formé des combattants", "former des combattants"),
        *("forment des combattants", "entraîne des soldats", "entraîné des soldats"),
        *("entraîner des soldats", "entraînent des soldats", "entraîne des combattants"),
        *("entraîné des combattants", "entraîner des combattants", "entraînent des combattants"),
    ],
    "es": [
        *("entrena", "entrenan", "entrenó", "entrenaron", "entrenados", "entrenadas", "entrenar"),
        *("adiestra", "adiestran", "adiestró", "adiestraron", "adiestrados", "adiestramiento"),
        *("entrenamiento militar", "formación militar", "instrucción militar"),
        "misión de entrenamiento",
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
    "de": [
        *("stationiert", "stationierte", "stationierten", "stationieren", "Stationierung"),
        *("entsandt", "entsendet", "entsandte", "entsenden", "Entsendung", "Truppen verlegt"),
        *("verlegt Truppen", "verlegte Truppen", "schickt Truppen", "schickte Truppen"),
        *("schickten Truppen", "Truppen geschickt", "schickt Soldaten", "schickte Soldaten"),
        *("Soldaten geschickt", "Auslandseinsatz", "Auslandseinsätze", "operieren", "operierten"),
        *("operiert in", "operiert im"),
        *_sep("schickt Truppen", "schickte Truppen", "schickt Soldaten", "schickte Soldaten"),
        *_sep("verlegt Truppen", "verlegte Truppen"),
    ],
    "fr": [
        *("déployé", "déployée", "déployés", "déployées", "déployer", "déploie", "déploient"),
        *("déploiera", "déploiement", "déploiements", "stationnés", "stationnées"),
        *("envoyé des troupes", "envoie des troupes", "envoyer des troupes"),
        *("envoient des troupes", "envoi de troupes", "envoyé des soldats", "envoi de soldats"),
        *("envoyer des soldats", "dépêché des troupes", "dépêché des soldats", "opèrent"),
        *("opérant", "opéraient"),
    ],
    "es": [
        *("desplegó", "desplegaron", "desplegado", "desplegada", "desplegados", "desplegadas"),
        *("desplegar", "despliega", "despliegan", "desplegará", "desplegarán", "despliegue"),
        *("despliegues", "estacionados", "estacionadas", "apostados", "apostadas"),
        *("envió tropas", "enviaron tropas", "enviar tropas", "envía tropas", "envío de tropas"),
        *("envió soldados", "enviaron soldados", "envío de soldados", "operan", "operaban"),
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
    "de": [
        *("erobert", "eroberte", "eroberten", "erobern", "Eroberung", "zurückerobert"),
        *("zurückeroberte", "zurückeroberten", "Rückeroberung", "eingenommen", "einzunehmen"),
        *("unter Kontrolle", "unter ihre Kontrolle", "unter seine Kontrolle"),
        *("unter ihrer Kontrolle", "unter seiner Kontrolle", "Kontrolle übernommen"),
        *("übernahm die Kontrolle", "übernahmen die Kontrolle", "übernimmt die Kontrolle"),
        *("übernehmen die Kontrolle", "Kontrolle über", "kontrollieren", "kontrolliert"),
        *("kontrollierte", "kontrollierten", "besetzt", "besetzte", "besetzten", "besetzen"),
        *("Besetzung", "fiel an", "fielen an", "fiel in die Hände", "fielen in die Hände"),
        *_sep("nimmt ein", "nehmen ein", "nahm ein", "nahmen ein"),
    ],
    "fr": [
        *("pris le contrôle", "prennent le contrôle", "prendre le contrôle", "prend le contrôle"),
        *("prise de contrôle", "repris le contrôle", "reprendre le contrôle"),
        *("reprennent le contrôle", "s'est emparé", "s'est emparée", "se sont emparés"),
        *("se sont emparées", "s'emparent", "s'emparer", "conquis", "conquise", "conquête"),
        *("reconquis", "reconquise", "reconquête", "tombée aux mains", "tombé aux mains"),
        *("tombées aux mains", "tombés aux mains", "tombée entre les mains"),
        *("tombé entre les mains", "contrôlent", "contrôlait", "contrôlaient", "contrôlé par"),
        *("contrôlée par", "contrôlés par", "contrôlées par", "sous le contrôle", "occupation"),
        *("occupée", "occupés", "occupées", "occupent", "ont occupé", "occupaient"),
    ],
    "es": [
        *("tomaron el control", "tomó el control", "toman el control", "toma el control"),
        *("tomar el control", "tomado el control", "tomará el control"),
        *("recuperaron el control", "recuperó el control", "se apoderaron", "se apoderó"),
        *("apoderarse", "capturaron", "capturó", "capturado", "capturada", "conquistaron"),
        *("conquistó", "reconquistaron", "reconquistó", "ocuparon", "ocupó", "ocupación"),
        *("ocupados", "ocupadas", "controlan", "controla", "controlaba", "controlaban"),
        *("controlado por", "controlada por", "controlados por", "controladas por"),
        *("bajo el control", "bajo su control", "cayó en manos", "cayeron en manos"),
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
    "de": [
        *("im Angriff", "Operation am", "mit Hilfe", "Erste Hilfe", "um Hilfe"),
        *("erreichten den Gipfel", "erreichte den Gipfel", "den Gipfel erreicht", "auf den Gipfel"),
        *("Entscheidung treffen", "Entscheidungen treffen", "Entscheidung zu treffen"),
        *("Vorkehrungen treffen", "Maßnahmen treffen", "Vorbereitungen treffen"),
    ],
    "fr": [
        *("opération chirurgicale", "opération de sauvetage", "opérations de sauvetage"),
        *("opération de secours", "opérations de secours", "en attaque", "attaque de panique"),
        *("attaques de panique", "tirs au but", "bataille juridique", "bataille politique"),
        *("conférence de presse", "conférences de presse", "atteint le sommet"),
        *("atteindre le sommet", "au sommet de l'État", "au sommet de sa", "au sommet de son"),
        *("d'accord", "en accord avec", "Forces de soutien rapide", "soutient que"),
        *("soutiennent que", "soutenir que", "déployé des efforts", "déployer des efforts"),
        *("occupée à", "occupés à", "occupées à"),
    ],
    "es": [
        *("operación quirúrgica", "operación de rescate", "operaciones de rescate"),
        *("operación de salvamento", "ataque al corazón", "ataque cardíaco", "ataque de pánico"),
        *("ataques de pánico", "ataque de ansiedad", "conferencia de prensa"),
        *("conferencias de prensa", "alcanzaron la cumbre", "alcanzó la cumbre"),
        *("alcanzar la cumbre", "de acuerdo", "Fuerzas de Apoyo Rápido", "batalla legal"),
        *("batalla judicial", "batalla política"),
    ],
}
