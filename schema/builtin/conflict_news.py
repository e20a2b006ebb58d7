"""The built-in ``conflict-news`` ontology (v2): armed conflict and diplomacy in news text.

Type and role names are a stable contract; change definitions freely, but a renamed type or role
is a new ontology version.
"""

from __future__ import annotations

from pydantic import Field

from eventset.schema.attributes import Modality, Polarity
from eventset.schema.dsl import Entity, Event, Role
from eventset.schema.ontology import Ontology

# --- entity types ---------------------------------------------------------------------------


class Person(Entity):
    """An individual human, by name, title ("the prime minister", "the general") or pronoun."""


class Organization(Entity):
    """A non-military organisation acting as a whole: a government, a party, a company, or an
    international body such as the United Nations or the African Union."""


class ArmedGroup(Entity):
    """An organised group that fights: a national army, armed forces, a militia, rebels,
    mercenaries, special forces or commandos, including "his troops"."""


class Country(Entity):
    """A state acting as an actor ("Russia supplies ..."), including metonyms of capitals that
    stand for a government ("Moscow sees him as ...")."""


class Location(Entity):
    """A place as a place: a city, region, area, front or road ("the coastal road")."""


class Facility(Entity):
    """A built or exploited site: a base, airport, building, port, oil field or pipeline."""


class Weapon(Entity):
    """A weapon or military vehicle, named or generic ("armoured vehicles", "machine guns")."""


class Time(Entity):
    """A date or time expression ("Wednesday", "mid-April", "last year", "in the first months")."""


ACTOR = ArmedGroup | Country | Organization | Person
PLACE = Location | Country | Facility

# --- event types ----------------------------------------------------------------------------


class ConflictEvent(Event):
    """Shared attributes of every conflict-news event (not an event type itself)."""

    modality: Modality = Field(
        "asserted",
        description="Whether the event happened (asserted), is intended or scheduled (planned), is "
        "a condition or possibility (hypothetical), or is reported without certainty (uncertain).",
    )
    polarity: Polarity = Field(
        "positive",
        description="Whether the text says the event takes place (positive) or explicitly that it "
        "does not (negative: 'the talks will not take place').",
    )


class MilitaryOperation(ConflictEvent):
    """An armed force starts, conducts or orders an organised military action: an offensive,
    operation, campaign, advance or attack toward or against a target. The trigger is the noun or
    verb naming the action ("offensive", "advance", "march on"); an order to start one is annotated
    on the operation itself, with the person who ordered it as commander."""

    lexicon = {
        "en": [
            "offensive",
            "operation",
            "military operation",
            "advance",
            "advanced",
            "assault",
            "attack",
            "campaign",
            "march on",
            "push toward",
        ],
        "nl": [
            "offensief",
            "operatie",
            "militaire operatie",
            "opmars",
            "oprukken",
            "op te rukken",
            "aanval",
            "opgerukt",
            "veldtocht",
        ],
    }
    examples = ["The general ordered his forces to advance on the capital."]

    agent: list[ACTOR] = Role("The force that carries out the operation.")
    commander: list[Person] = Role("The person who orders or leads it.")
    target: list[ArmedGroup | Country | Organization | Person | Location | Facility] = Role(
        "Who or what the operation is directed against."
    )
    destination: list[PLACE] = Role("Where the force is heading.")
    place: list[PLACE] = Role("Where the operation takes place.")
    instrument: list[Weapon] = Role("Weapons or vehicles used.")
    time: list[Time] = Role("When it happens.")


class ArmedClash(ConflictEvent):
    """Two or more armed parties fight each other: fighting, clashes, battles, skirmishes. Use
    MilitaryOperation instead when one side's organised action is described."""

    lexicon = {
        "en": ["fighting", "clashes", "clashed", "battle", "skirmishes", "fought", "combat"],
        "nl": [
            "gevechten",
            "gevecht",
            "strijd",
            "slag",
            "botsingen",
            "schermutselingen",
            "vochten",
            "gevochten",
        ],
    }
    participant: list[ACTOR] = Role("A party to the fighting.")
    place: list[PLACE] = Role("Where the fighting happens.")
    time: list[Time] = Role("When it happens.")


class Conference(ConflictEvent):
    """A meeting of parties to discuss or settle something: a conference, summit, talks,
    negotiations or meeting, including planned ones (modality planned)."""

    lexicon = {
        "en": ["conference", "summit", "talks", "meeting", "negotiations", "peace talks"],
        "nl": [
            "conferentie",
            "top",
            "topoverleg",
            "overleg",
            "gesprekken",
            "bijeenkomst",
            "onderhandelingen",
            "vredesoverleg",
        ],
    }
    participant: list[Person | Organization | ArmedGroup | Country] = Role("Who takes part.")
    organizer: list[Organization | Country | Person] = Role("Who hosts, convenes or leads it.")
    place: list[PLACE] = Role("Where it is held.")
    time: list[Time] = Role("When it is held.")


class Agreement(ConflictEvent):
    """Parties agree on something: an agreement, accord, deal, ceasefire or truce is reached or
    signed, or parties agree to do something ("the two sides agreed to attend a conference").
    What they agreed to do is annotated as its own event as well (a planned Conference)."""

    lexicon = {
        "en": ["agreed", "agreement", "accord", "ceasefire", "truce", "peace deal"],
        "nl": [
            "afgesproken",
            "akkoord",
            "overeenkomst",
            "overeengekomen",
            "wapenstilstand",
            "bestand",
            "vredesakkoord",
        ],
    }
    party: list[Person | Organization | ArmedGroup | Country] = Role("Who agrees.")
    mediator: list[Organization | Country | Person] = Role("Who brokers the agreement.")
    place: list[PLACE] = Role("Where it is reached.")
    time: list[Time] = Role("When it is reached.")


class Appointment(ConflictEvent):
    """A person is appointed to, takes or is to take a post: a command, a ministry, the head of
    a government ("to obtain the position of commander of the armed forces": modality
    hypothetical when the post is only sought)."""

    lexicon = {
        "en": ["appointed", "appointment", "sworn in", "named commander", "took over command"],
        "nl": ["benoemd", "benoeming", "aangesteld", "aanstelling", "ingezworen"],
    }
    person: list[Person] = Role("Who gets the post.")
    body: list[ArmedGroup | Organization | Country] = Role(
        "The force, government or organisation the post belongs to."
    )
    appointer: list[Person | Organization | Country] = Role("Who makes the appointment.")
    time: list[Time] = Role("When.")


class GovernmentFormation(ConflictEvent):
    """A government is formed or is to be formed, including a government of national unity, a
    transitional government or a rival government being set up."""

    lexicon = {
        "en": ["formation", "form a government", "unity government", "formed a government"],
        "nl": ["vorming", "formatie", "regering van nationale eenheid", "tegenregering"],
    }
    participant: list[Person | Organization | ArmedGroup] = Role("Who forms or joins it.")
    government: list[Organization] = Role("The government formed.")
    place: list[PLACE] = Role("The country or region it is to govern.")
    time: list[Time] = Role("When.")


class ArmsTransfer(ConflictEvent):
    """Weapons, ammunition or military vehicles are supplied, delivered, sold or given by one party
    to another."""

    lexicon = {
        "en": [
            "supplied",
            "supply",
            "supplies",
            "delivered",
            "delivery",
            "deliveries",
            "shipped",
            "arms sales",
            "sold",
        ],
        "nl": [
            "geleverd",
            "leveren",
            "levert",
            "levering",
            "leveringen",
            "wapenleveranties",
            "verkocht",
            "verscheept",
        ],
    }
    supplier: list[ACTOR] = Role("Who provides the weapons.")
    recipient: list[ACTOR] = Role("Who receives them.")
    weapon: list[Weapon] = Role("What is transferred.")
    place: list[PLACE] = Role("Where the transfer happens.")
    time: list[Time] = Role("When it happens.")


class Support(ConflictEvent):
    """One party backs another politically, militarily or financially ("is supported by",
    "backs", "receives support from"). Use ArmsTransfer or Training for those specific acts."""

    lexicon = {
        "en": ["support", "supports", "supported", "backing", "backs", "backed", "aid"],
        "nl": ["steun", "steunt", "steunen", "gesteund", "gesteunde", "bijstand", "hulp"],
    }
    supporter: list[ACTOR] = Role("Who gives the support.")
    supported: list[ACTOR] = Role("Who receives it.")
    place: list[PLACE] = Role("Where.")
    time: list[Time] = Role("When.")


class Training(ConflictEvent):
    """One party trains or instructs the fighters of another."""

    lexicon = {
        "en": ["trains", "trained", "training", "train", "instructors"],
        "nl": ["traint", "trainen", "getraind", "training", "opleiding", "opgeleid", "leidt op"],
    }
    trainer: list[ACTOR] = Role("Who provides the training.")
    trainee: list[ArmedGroup | Person | Organization] = Role("Who is trained.")
    place: list[PLACE] = Role("Where.")
    time: list[Time] = Role("When.")


class Deployment(ConflictEvent):
    """Forces are stationed, sent or operating somewhere ("commandos operate in the country",
    "troops were deployed to")."""

    lexicon = {
        "en": ["deployed", "deployment", "stationed", "operate", "operating", "sent troops"],
        "nl": ["opereren", "opereert", "gestationeerd", "ingezet", "inzet", "gelegerd", "gestuurd"],
    }
    agent: list[ArmedGroup | Person | Country] = Role("The force that is deployed.")
    place: list[PLACE] = Role("Where it is deployed.")
    time: list[Time] = Role("When.")


class TerritorialControl(ConflictEvent):
    """A party captures, seizes, holds or takes control of territory or a facility ("took large
    parts of the south-west", "militias control the coastal road")."""

    lexicon = {
        "en": ["captured", "seized", "took control", "control", "controls", "took", "fell"],
        "nl": [
            "veroverd",
            "veroverden",
            "in handen",
            "onder controle",
            "ingenomen",
            "inname",
            "bezet",
        ],
    }
    agent: list[ACTOR] = Role("Who takes or holds control.")
    territory: list[PLACE] = Role("The territory or facility controlled.")
    time: list[Time] = Role("When.")


ONTOLOGY = Ontology(
    name="conflict-news",
    version=2,
    description="Armed conflict and diplomacy in news articles: operations, clashes, talks, "
    "agreements, appointments, government formation, arms transfers, support, training, "
    "deployments and territorial control.",
    entities=[Person, Organization, ArmedGroup, Country, Location, Facility, Weapon, Time],
    events=[
        MilitaryOperation,
        ArmedClash,
        Conference,
        Agreement,
        Appointment,
        GovernmentFormation,
        ArmsTransfer,
        Support,
        Training,
        Deployment,
        TerritorialControl,
    ],
)
