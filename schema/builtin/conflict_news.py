"""The built-in ``conflict-news`` ontology (v4): armed conflict and diplomacy in news text.

Type and role names are a stable contract; change definitions freely, but a renamed type or role
is a new ontology version. The docstrings (and the description) are the annotation
guidelines; the pre-annotation lexicons are in ``conflict_news_lexicon``.
"""

from __future__ import annotations

from pydantic import Field

from eventset.schema.attributes import Modality, Polarity
from eventset.schema.builtin import conflict_news_lexicon as lex
from eventset.schema.dsl import Entity, Event, Role
from eventset.schema.ontology import Ontology

# --- entity types ---------------------------------------------------------------------------


class Person(Entity):
    """An individual human, by name, title ("the prime minister", "the general") or pronoun;
    also a group of people named by their role when no organisation or state is meant (as in
    ACE): "the delegations", "leaders of five states", "residents"."""


class Organization(Entity):
    """A non-military organisation acting as a whole: a government, a party, a company, or an
    international body such as the United Nations or the African Union."""


class ArmedGroup(Entity):
    """An organised group that fights: a national army, armed forces, a militia, rebels,
    mercenaries, special forces or commandos, including "his troops"."""


class Country(Entity):
    """A state, as an actor ("Russia supplies ...") or as the territory it governs ("fighting
    in Sudan"): a place named by a country's name is a Country. Includes capitals standing for
    a government ("Moscow sees him as ...")."""


class Location(Entity):
    """A place that is not a state: a city, region, area, front or road ("the coastal road").
    As an argument, marked without a leading preposition ("Gao", not "in Gao")."""


class Facility(Entity):
    """A built or exploited site: a base, airport, building, port, oil field or pipeline; the
    span leaves out a following location phrase ("the airport", not "the airport of Gao")."""


class Weapon(Entity):
    """A weapon or military vehicle, named or generic ("armoured vehicles", "machine guns")."""


class Time(Entity):
    """A date or time expression ("Wednesday", "mid-April", "last year", "the first months"),
    marked without a leading preposition ("on Wednesday" -> "Wednesday") unless it changes the
    meaning ("since 2023", "until May" keep it)."""


ACTOR = ArmedGroup | Country | Organization | Person
PLACE = Location | Country | Facility

# --- event types ----------------------------------------------------------------------------


class ConflictEvent(Event):
    """Shared attributes of every conflict-news event (not an event type itself)."""

    modality: Modality = Field(
        "asserted",
        description="Whether the event happened (asserted), is intended or scheduled (planned), is "
        "a condition or possibility (hypothetical), or is reported without certainty (uncertain: "
        "also a party's denial, 'X denies sending troops', and 'there is no evidence that ...'). "
        "A postponed or cancelled event is asserted (and negative) at its original time; a newly "
        "announced date is a separate, planned mention.",
    )
    polarity: Polarity = Field(
        "positive",
        description="Whether the text says the event takes place (positive) or itself states "
        "that it did not or will not (negative: 'the talks will not take place'). A denial or "
        "missing evidence stays positive (modality uncertain).",
    )


class MilitaryOperation(ConflictEvent):
    """An armed force starts, conducts or orders an organised military action: an offensive,
    operation, campaign, advance, invasion, raid or attack (also air strikes, shelling,
    bombing, opening fire) toward or against a target. The trigger is the noun or verb naming
    the action ("offensive", "advance", "march on"); an order to start one is annotated on the
    operation itself, with the person who ordered it as commander."""

    lexicon = lex.MILITARY_OPERATION

    examples = [
        "The general ordered his forces to advance on the capital.",
        "Israeli air strikes hit the southern outskirts overnight.",
    ]

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

    lexicon = lex.ARMED_CLASH
    examples = ["Government troops clashed with rebels near the border."]

    participant: list[ACTOR] = Role("A party to the fighting.")
    place: list[PLACE] = Role("Where the fighting happens.")
    time: list[Time] = Role("When it happens.")


class Conference(ConflictEvent):
    """A meeting of parties to discuss or settle something: a conference, summit, talks,
    negotiations or meeting, or parties meet, including planned ones (modality planned)."""

    lexicon = lex.CONFERENCE
    examples = ["The foreign ministers met in Geneva on Tuesday."]

    participant: list[Person | Organization | ArmedGroup | Country] = Role("Who takes part.")
    organizer: list[Organization | Country | Person] = Role("Who hosts, convenes or leads it.")
    place: list[PLACE] = Role("Where it is held.")
    time: list[Time] = Role("When it is held.")


class Agreement(ConflictEvent):
    """Parties agree on something: an agreement, accord, deal, ceasefire or truce is reached or
    signed, or parties agree to do something ("the two sides agreed to attend a conference").
    What they agreed to do is annotated as its own event as well (a planned Conference)."""

    lexicon = lex.AGREEMENT
    examples = ["The two sides agreed to a ceasefire.", "Both leaders signed the peace deal."]

    party: list[Person | Organization | ArmedGroup | Country] = Role("Who agrees.")
    mediator: list[Organization | Country | Person] = Role("Who brokers the agreement.")
    place: list[PLACE] = Role("Where it is reached.")
    time: list[Time] = Role("When it is reached.")


class Appointment(ConflictEvent):
    """A person is appointed to, named to, takes or is to take a post: a command, a ministry,
    the head of a government ("took office"; "to obtain the position of commander of the armed
    forces": modality hypothetical when the post is only sought)."""

    lexicon = lex.APPOINTMENT
    examples = ["The president appointed a new army chief on Monday."]

    person: list[Person] = Role("Who gets the post.")
    body: list[ArmedGroup | Organization | Country] = Role(
        "The force, government or organisation the post belongs to."
    )
    appointer: list[Person | Organization | Country] = Role("Who makes the appointment.")
    time: list[Time] = Role("When.")


class GovernmentFormation(ConflictEvent):
    """A government is formed or is to be formed, including a government of national unity, a
    transitional government or a rival government being set up."""

    lexicon = lex.GOVERNMENT_FORMATION
    examples = ["The rival factions formed a transitional government in Tripoli."]

    participant: list[Person | Organization | ArmedGroup] = Role("Who forms or joins it.")
    government: list[Organization] = Role("The government formed.")
    place: list[PLACE] = Role("The country or region it is to govern.")
    time: list[Time] = Role("When.")


class ArmsTransfer(ConflictEvent):
    """Weapons, ammunition or military vehicles are supplied, delivered, sold, sent or given by
    one party to another (not food, fuel or other goods)."""

    lexicon = lex.ARMS_TRANSFER
    examples = ["Iran supplied weapons to the militia.", "Arms deliveries to Kyiv resumed."]

    supplier: list[ACTOR] = Role("Who provides the weapons.")
    recipient: list[ACTOR] = Role("Who receives them.")
    weapon: list[Weapon] = Role("What is transferred.")
    place: list[PLACE] = Role("Where the transfer happens.")
    time: list[Time] = Role("When it happens.")


class Support(ConflictEvent):
    """One party backs another politically, militarily or financially ("is supported by",
    "backs", "receives support from"). Use ArmsTransfer or Training for those specific acts.
    Needing no help ("needs no foreign help") is no Support event, not a negative one."""

    lexicon = lex.SUPPORT
    examples = ["The rebels are backed by a neighbouring state."]

    supporter: list[ACTOR] = Role("Who gives the support.")
    supported: list[ACTOR] = Role("Who receives it.")
    place: list[PLACE] = Role("Where.")
    time: list[Time] = Role("When.")


class Training(ConflictEvent):
    """One party trains or instructs the fighters of another."""

    lexicon = lex.TRAINING
    examples = ["Russian instructors trained Malian soldiers."]

    trainer: list[ACTOR] = Role("Who provides the training.")
    trainee: list[ArmedGroup | Person | Organization] = Role("Who is trained.")
    place: list[PLACE] = Role("Where.")
    time: list[Time] = Role("When.")


class Deployment(ConflictEvent):
    """Forces are stationed, deployed, sent or operating somewhere ("commandos operate in the
    country", "troops were deployed to", "sent troops")."""

    lexicon = lex.DEPLOYMENT
    examples = ["Germany deployed a brigade to Lithuania."]

    agent: list[ArmedGroup | Person | Country] = Role("The force that is deployed.")
    place: list[PLACE] = Role("Where it is deployed.")
    time: list[Time] = Role("When.")


class TerritorialControl(ConflictEvent):
    """A party captures, seizes, holds or takes control of territory or a facility ("took large
    parts of the south-west", "militias control the coastal road", "the town fell to")."""

    lexicon = lex.TERRITORIAL_CONTROL
    examples = ["Rebels seized the airport.", "The army took control of the port."]

    agent: list[ACTOR] = Role("Who takes or holds control.")
    territory: list[PLACE] = Role("The territory or facility controlled.")
    time: list[Time] = Role("When.")


ONTOLOGY = Ontology(
    name="conflict-news",
    version=4,
    description="Armed conflict and diplomacy in news articles: operations, clashes, talks, "
    "agreements, appointments, government formation, arms transfers, support, training, "
    "deployments and territorial control. A trigger is the smallest phrase that names the event "
    '("summit", not "emergency summit"); a fixed name stays whole ("Operation Iron Swords").',
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
    lexicon_stop=lex.STOP,
)
